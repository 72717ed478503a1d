import { Injectable } from '@nestjs/common';
import { tokyoDate } from '@rr/domain';
import { BusinessCalendarService } from '@rr/server/calendar';
import { DueReminder, ReminderDecision, ReminderGuard, ReminderGuardInstance, RemindersService } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';

/** Tokyo time on the business day before an absence at which the reminder goes out. */
export const ABSENCE_REMINDER_TIME = '15:00';
const HORIZON_DAYS = 21;

interface AbsenceRow {
  id: string;
  user_id: string;
  display_name: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  deputies: string[];
}

/**
 * Reads absences (owned by the organisation feature, read-only here) for the absence reminder.
 * When organisation exposes a query API for upcoming absences, this should use it instead.
 */
@Injectable()
export class AbsenceReminderRepository {
  constructor(private readonly tx: TransactionHost) {}

  upcoming(horizonDays: number): Promise<AbsenceRow[]> {
    return this.tx.manager.query(
      `SELECT a.id, a.user_id, u.display_name, a.starts_at, a.ends_at, a.reason,
              ARRAY(SELECT d.deputy_id FROM approver_deputies d JOIN users du ON du.id = d.deputy_id
                     WHERE d.approver_id = a.user_id AND du.is_active ORDER BY d.rank) AS deputies
         FROM user_absences a JOIN users u ON u.id = a.user_id
        WHERE a.starts_at > now() AND a.starts_at < now() + make_interval(days => $1) AND u.is_active`,
      [horizonDays],
    );
  }

  async find(id: string): Promise<AbsenceRow | undefined> {
    const rows: AbsenceRow[] = await this.tx.manager.query(
      `SELECT a.id, a.user_id, u.display_name, a.starts_at, a.ends_at, a.reason, ARRAY[]::uuid[] AS deputies
         FROM user_absences a JOIN users u ON u.id = a.user_id WHERE a.id = $1`,
      [id],
    );
    return rows[0];
  }
}

/** `absence-start:<absenceId>:<startsAt ms>:<recipientId>`: a moved absence gets a new reminder. */
export function absenceReminderKey(absenceId: string, startsAt: Date, recipientId: string): string {
  return `absence-start:${absenceId}:${startsAt.getTime()}:${recipientId}`;
}

/**
 * The demonstration reminder type, `absence.starts_tomorrow`: at 15:00 on the business day before an
 * absence starts, the absent approver and their deputies (who will approve in their place, 代決)
 * are reminded. Absences are created by the organisation feature, which has no hook for us, so this
 * planner (repeatable, fixed id) registers the reminders and the guard below re-checks at send time.
 */
@Injectable()
@JobHandler('reminder.plan-absences')
export class AbsenceReminderPlanner implements JobHandlerInstance<'reminder.plan-absences'> {
  constructor(
    private readonly absences: AbsenceReminderRepository,
    private readonly reminders: RemindersService,
    private readonly calendars: BusinessCalendarService,
  ) {}

  async handle(): Promise<{ scheduled: number }> {
    const calendar = await this.calendars.calendar();
    let scheduled = 0;
    for (const a of await this.absences.upcoming(HORIZON_DAYS)) {
      const dueAt = calendar.deadlineBefore(tokyoDate(a.starts_at), { businessDays: 1, time: ABSENCE_REMINDER_TIME });
      const base = {
        absenceId: a.id,
        absentUserId: a.user_id,
        absentUserName: a.display_name,
        startsAt: a.starts_at.toISOString(),
        endsAt: a.ends_at.toISOString(),
        reason: a.reason,
      };
      const recipients = [
        { id: a.user_id, role: 'self' as const },
        ...a.deputies.map((id) => ({ id, role: 'deputy' as const })),
      ];
      for (const r of recipients) {
        const created = await this.reminders.scheduleOnce({
          type: 'absence.starts_tomorrow',
          recipientId: r.id,
          dueAt,
          payload: { ...base, role: r.role },
          idempotencyKey: absenceReminderKey(a.id, a.starts_at, r.id),
        });
        if (created) scheduled++;
      }
    }
    return { scheduled };
  }
}

/** Sends the absence reminder only if the absence still exists, unmoved, and has not begun. */
@Injectable()
@ReminderGuard('absence.starts_tomorrow')
export class AbsenceReminderGuard implements ReminderGuardInstance {
  constructor(private readonly absences: AbsenceReminderRepository) {}

  async check(reminder: DueReminder, now: Date): Promise<ReminderDecision> {
    const absence = await this.absences.find(String(reminder.payload.absenceId));
    if (!absence) return { send: false, reason: 'absence deleted' };
    if (absence.starts_at.toISOString() !== reminder.payload.startsAt) return { send: false, reason: 'absence moved' };
    if (absence.starts_at <= now) return { send: false, reason: 'absence already started' };
    return {
      send: true,
      payload: { ...reminder.payload, absentUserName: absence.display_name, endsAt: absence.ends_at.toISOString(), reason: absence.reason },
    };
  }
}
