import { SetMetadata } from '@nestjs/common';
import type { NotificationType } from '@rr/contracts';

export const REMINDER_GUARD = 'rr:reminderGuard';

export interface DueReminder {
  id: string;
  type: NotificationType;
  recipientId: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  idempotencyKey: string;
}

export type ReminderDecision = { send: true; payload?: Record<string, unknown> } | { send: false; reason: string };

/**
 * Optional, per reminder type: asked just before a due reminder is sent, inside the scan's
 * transaction, whether it still applies (the absence was not deleted, the booking not cancelled) and
 * with what payload. A feature that cancels its reminders in the same transaction as its own change
 * needs no guard.
 */
export const ReminderGuard = (type: NotificationType) => SetMetadata(REMINDER_GUARD, type);

export interface ReminderGuardInstance {
  check(reminder: DueReminder, now: Date): Promise<ReminderDecision>;
}
