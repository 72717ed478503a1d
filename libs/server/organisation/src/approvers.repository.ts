import { Injectable } from '@nestjs/common';
import { ApproverDeputyEntity, TransactionHost, UserAbsenceEntity } from '@rr/server/persistence';

export interface DeputyRow {
  approverId: string;
  rank: number;
  deputyId: string;
  deputyDisplayName: string;
}

export type AbsenceValues = Pick<UserAbsenceEntity, 'userId' | 'startsAt' | 'endsAt' | 'reason'>;

/** 代決 data: ranked deputies and absence periods (不在). */
@Injectable()
export class ApproversRepository {
  constructor(private readonly tx: TransactionHost) {}

  async deputiesOf(approverIds: string[]): Promise<DeputyRow[]> {
    if (approverIds.length === 0) return [];
    const rows: Array<{ approver_id: string; rank: number; deputy_id: string; display_name: string }> = await this.tx.manager.query(
      `SELECT ad.approver_id, ad.rank, ad.deputy_id, u.display_name
         FROM approver_deputies ad JOIN users u ON u.id = ad.deputy_id
        WHERE ad.approver_id = ANY($1::uuid[])
        ORDER BY ad.approver_id, ad.rank`,
      [approverIds],
    );
    return rows.map((r) => ({ approverId: r.approver_id, rank: Number(r.rank), deputyId: r.deputy_id, deputyDisplayName: r.display_name }));
  }

  /** Replaces the approver's deputies; `deputyIds[0]` becomes rank 1. */
  async replaceDeputies(approverId: string, deputyIds: string[]): Promise<void> {
    await this.tx.manager.delete(ApproverDeputyEntity, { approverId });
    if (deputyIds.length === 0) return;
    await this.tx.manager.insert(
      ApproverDeputyEntity,
      deputyIds.map((deputyId, i) => ({ approverId, rank: i + 1, deputyId })),
    );
  }

  listAbsences(userId: string): Promise<UserAbsenceEntity[]> {
    return this.tx.manager.find(UserAbsenceEntity, { where: { userId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  insertAbsence(values: AbsenceValues): Promise<UserAbsenceEntity> {
    return this.tx.manager.save(UserAbsenceEntity, this.tx.manager.create(UserAbsenceEntity, values));
  }

  findAbsence(userId: string, id: string): Promise<UserAbsenceEntity | null> {
    return this.tx.manager.findOne(UserAbsenceEntity, { where: { id, userId } });
  }

  async deleteAbsence(userId: string, id: string): Promise<boolean> {
    const result = await this.tx.manager.delete(UserAbsenceEntity, { id, userId });
    return (result.affected ?? 0) > 0;
  }

  /** Which of these users have an absence period covering `at` (periods are [startsAt, endsAt)). */
  async absentAt(userIds: string[], at: Date): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows: Array<{ user_id: string }> = await this.tx.manager.query(
      `SELECT DISTINCT user_id FROM user_absences
        WHERE user_id = ANY($1::uuid[]) AND starts_at <= $2 AND ends_at > $2`,
      [userIds, at],
    );
    return new Set(rows.map((r) => r.user_id));
  }
}
