import { Injectable } from '@nestjs/common';
import type { Absence, User } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { requestContext } from '@rr/server/http';
import { TransactionHost } from '@rr/server/persistence';
import { ApproversRepository } from './approvers.repository';
import { toAbsence } from './organisation.mappers';
import { isExclusionViolation, isForeignKeyViolation, OrgErrors } from './organisation.errors';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Who acts for an approver at a given instant (代決). */
export interface ActingApprover {
  approverId: string;
  /** The approver themself, or the deputy acting for them. */
  actingId: string;
  /** True when a deputy acts (代決): the decision is marked as such and reported to the approver. */
  isActing: boolean;
}

export interface NewAbsence {
  startsAt: string;
  endsAt: string;
  reason: string;
}

/**
 * Approval delegation: ranked deputies (代決者), absence periods (不在) and the rule that picks who
 * decides. Absence periods of one user never overlap (exclusion constraint EX_user_absences_no_overlap).
 */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly approvers: ApproversRepository,
    private readonly users: UsersRepository,
    private readonly userViews: UsersService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  /** Replaces the approver's ranked deputies (first = rank 1). */
  async setDeputies(approverId: string, deputyIds: string[]): Promise<User> {
    if (deputyIds.includes(approverId)) throw OrgErrors.deputySelf();
    if (new Set(deputyIds).size !== deputyIds.length) throw OrgErrors.deputyTwice();
    try {
      await this.tx.run(async () => {
        // The lock serialises concurrent replacements of the same approver's list.
        if (!(await this.users.findById(approverId, true))) throw OrgErrors.userNotFound();
        const before = (await this.approvers.deputiesOf([approverId])).map((d) => d.deputyId);
        await this.approvers.replaceDeputies(approverId, deputyIds);
        await this.audit.record('approver_deputies.set', 'approver_deputies', approverId, { deputies: before }, { deputies: deputyIds });
      });
    } catch (error) {
      throw isForeignKeyViolation(error) ? OrgErrors.userNotFound() : error;
    }
    return this.userViews.get(approverId);
  }

  async listAbsences(userId: string): Promise<Absence[]> {
    this.assertMayAccessAbsences(userId, 'read');
    if (!(await this.users.findById(userId))) throw OrgErrors.userNotFound();
    return (await this.approvers.listAbsences(userId)).map(toAbsence);
  }

  /** A sysadmin, or the user themself, records a 不在 period. Overlaps are refused by the database. */
  async addAbsence(userId: string, input: NewAbsence): Promise<Absence> {
    this.assertMayAccessAbsences(userId, 'write');
    try {
      return await this.tx.run(async () => {
        const created = await this.approvers.insertAbsence({ userId, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), reason: input.reason });
        const absence = toAbsence(created);
        await this.audit.record('user_absence.create', 'user_absence', created.id, null, absence);
        return absence;
      });
    } catch (error) {
      if (isExclusionViolation(error, 'EX_user_absences_no_overlap')) throw OrgErrors.absenceOverlap();
      if (isForeignKeyViolation(error, 'FK_user_absences_user')) throw OrgErrors.userNotFound();
      throw error;
    }
  }

  async removeAbsence(userId: string, absenceId: string): Promise<void> {
    this.assertMayAccessAbsences(userId, 'write');
    await this.tx.run(async () => {
      const before = await this.approvers.findAbsence(userId, absenceId);
      if (!before || !(await this.approvers.deleteAbsence(userId, absenceId))) throw OrgErrors.absenceNotFound();
      await this.audit.record('user_absence.delete', 'user_absence', absenceId, toAbsence(before), null);
    });
  }

  /**
   * Who decides for `approverId` at instant `at`: the approver, unless an absence period covers
   * `at` ([startsAt, endsAt)); then the first deputy by rank who is active and not absent at `at`.
   * When no deputy can act either, the approver stays responsible (isActing false).
   */
  async actingApprover(approverId: string, at: Date): Promise<ActingApprover> {
    const approver = await this.users.findById(approverId);
    if (!approver) throw OrgErrors.userNotFound();
    const self: ActingApprover = { approverId, actingId: approverId, isActing: false };
    const deputies = await this.approvers.deputiesOf([approverId]);
    const absent = await this.approvers.absentAt([approverId, ...deputies.map((d) => d.deputyId)], at);
    if (!absent.has(approverId)) return self;
    const active = new Set((await this.users.findByIds(deputies.map((d) => d.deputyId))).filter((u) => u.isActive).map((u) => u.id));
    const deputy = deputies.find((d) => active.has(d.deputyId) && !absent.has(d.deputyId));
    return deputy ? { approverId, actingId: deputy.deputyId, isActing: true } : self;
  }

  /**
   * Own absences: anyone. Others': sysadmin may read and write; general affairs may read (they
   * approve and need to see who is away). Checked before existence, so ids cannot be probed.
   */
  private assertMayAccessAbsences(userId: string, mode: 'read' | 'write'): void {
    const actor = requestContext.get()?.actor;
    if (!actor) throw OrgErrors.forbidden();
    if (actor.id === userId || actor.roles.includes('sysadmin')) return;
    if (mode === 'read' && actor.roles.includes('general_affairs')) return;
    throw OrgErrors.forbidden();
  }
}
