import { Injectable } from '@nestjs/common';
import { notificationPayloadSchemas, NotificationPayloads, NotificationType } from '@rr/contracts';
import { parseOrThrow } from '@rr/server/http';
import { TransactionHost } from '@rr/server/persistence';
import { RemindersRepository } from './reminders.repository';

export interface ScheduleReminder<T extends NotificationType> {
  /** The notification type sent when due; its payload schema is checked now, not at send time. */
  type: T;
  recipientId: string;
  dueAt: Date;
  payload: NotificationPayloads[T];
  /**
   * Unique and stable for "this reminder of this thing for this person", e.g.
   * `booking-start:<bookingId>:<userId>`. Scheduling the same key again moves the reminder.
   */
  idempotencyKey: string;
}

/**
 * Generic scheduled reminders. A feature schedules (and cancels) its reminders in the same
 * transaction as its own change; the worker's `reminder.scan` job sends due ones through notify()
 * and marks them sent in one transaction, so each fires once.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repo: RemindersRepository,
  ) {}

  async schedule<T extends NotificationType>(reminder: ScheduleReminder<T>): Promise<void> {
    const payload = parseOrThrow(notificationPayloadSchemas[reminder.type], reminder.payload) as object;
    await this.tx.run(() => this.repo.upsert({ ...reminder, payload }));
  }

  /** Schedules unless the key was ever used (for planners that look at the same things repeatedly). */
  async scheduleOnce<T extends NotificationType>(reminder: ScheduleReminder<T>): Promise<boolean> {
    const payload = parseOrThrow(notificationPayloadSchemas[reminder.type], reminder.payload) as object;
    return this.tx.run(() => this.repo.insertIfAbsent({ ...reminder, payload }));
  }

  /** Cancels a scheduled reminder by key; returns how many were cancelled (0 or 1). */
  cancel(idempotencyKey: string, reason = 'cancelled'): Promise<number> {
    return this.tx.run(() => this.repo.cancel(idempotencyKey, reason, false));
  }

  /** Cancels every scheduled reminder whose key starts with `prefix` (e.g. `booking-start:<id>:`). */
  cancelByPrefix(prefix: string, reason = 'cancelled'): Promise<number> {
    if (prefix.length < 8) throw new Error('refusing to cancel reminders by a prefix this short');
    return this.tx.run(() => this.repo.cancel(prefix, reason, true));
  }
}
