import { Injectable } from '@nestjs/common';
import type { AcDecisionAction } from '@rr/contracts';
import { NotificationsService } from '@rr/server/notifications';
import { AcApproversService, stepOf } from './ac-approvers.service';
import type { AcRequestRow } from './ac-requests.repository';
import { hhmm } from './ac-time';

/**
 * Every notification of the AC feature, written through NotificationsService inside the caller's
 * transaction (outbox): the next actor, the applicant, the absent approver (後閲) and the operator.
 */
@Injectable()
export class AcNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly approvers: AcApproversService,
  ) {}

  /** Asks whoever must act next (each approver, or their deputy while absent). */
  async approvalRequested(row: AcRequestRow, now: Date): Promise<void> {
    const waiting = stepOf(row.status);
    if (!waiting) return;
    for (const next of await this.approvers.nextActors(row, now)) {
      await this.notifications.notify(
        next.userId,
        'ac.approval_requested',
        {
          requestId: row.id,
          number: Number(row.number),
          step: waiting.step,
          sectionName: row.section_name,
          applicantName: row.applicant_name,
          dates: row.dates,
          start: hhmm(row.start_minute),
          end: hhmm(row.end_minute),
          totalYen: Number(row.total_yen),
          late: row.late,
          actingForName: next.actingFor?.displayName ?? null,
        },
        { dedupeKey: `ac-ask:${row.id}:${row.version}` },
      );
    }
  }

  async decided(row: AcRequestRow, action: AcDecisionAction | 'cancel', deciderName: string, onBehalfOfName: string | null, comment: string | null): Promise<void> {
    await this.notifications.notify(row.applicant_id, 'ac.request_decided', {
      requestId: row.id,
      number: Number(row.number),
      action,
      deciderName,
      onBehalfOfName,
      comment,
      dates: row.dates,
    });
  }

  /** 後閲: the approver who was absent learns what their deputy decided in their name. */
  async postReview(row: AcRequestRow, action: AcDecisionAction, principalId: string, deputyName: string): Promise<void> {
    await this.notifications.notify(principalId, 'ac.post_review', {
      requestId: row.id,
      number: Number(row.number),
      action,
      deputyName,
      sectionName: row.section_name,
      dates: row.dates,
      totalYen: Number(row.total_yen),
    });
  }

  async instructionsChanged(date: string, revision: number, instructionCount: number): Promise<void> {
    const operators = await this.approvers.operators();
    if (operators.length === 0) return;
    await this.notifications.notify(operators, 'ac.instructions_changed', { date, revision, instructionCount }, { dedupeKey: `ac-day:${date}:${revision}` });
  }

  /** A reminder per request, waiting state and elapsed period (`round`), so replicas never double it. */
  async overdue(row: AcRequestRow, now: Date, round: number): Promise<number> {
    const waiting = stepOf(row.status);
    if (!waiting) return 0;
    let sent = 0;
    for (const next of await this.approvers.nextActors(row, now)) {
      const result = await this.notifications.notify(
        next.userId,
        'ac.approval_overdue',
        { requestId: row.id, number: Number(row.number), step: waiting.step, sectionName: row.section_name, waitingSince: row.waiting_since.toISOString(), firstDate: row.first_date },
        { dedupeKey: `ac-remind:${row.id}:${row.version}:${round}` },
      );
      sent += result.notificationIds.length;
    }
    return sent;
  }
}
