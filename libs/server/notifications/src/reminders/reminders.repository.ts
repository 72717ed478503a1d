import { Injectable } from '@nestjs/common';
import type { NotificationType } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';
import type { DueReminder } from './reminder-guard';

export interface ReminderWrite {
  type: NotificationType;
  recipientId: string;
  dueAt: Date;
  payload: object;
  idempotencyKey: string;
}

@Injectable()
export class RemindersRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts, or moves a still-scheduled reminder with the same key (a booking changed its time). */
  async upsert(r: ReminderWrite): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO reminders (type, recipient_id, due_at, payload, idempotency_key)
       VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (idempotency_key) DO UPDATE
          SET type = EXCLUDED.type, recipient_id = EXCLUDED.recipient_id, due_at = EXCLUDED.due_at,
              payload = EXCLUDED.payload, updated_at = now()
        WHERE reminders.status = 'scheduled'`,
      [r.type, r.recipientId, r.dueAt, JSON.stringify(r.payload), r.idempotencyKey],
    );
  }

  /** Inserts unless the key exists in any state (planners that run repeatedly). */
  async insertIfAbsent(r: ReminderWrite): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `INSERT INTO reminders (type, recipient_id, due_at, payload, idempotency_key)
       VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [r.type, r.recipientId, r.dueAt, JSON.stringify(r.payload), r.idempotencyKey],
    );
    return rows.length === 1;
  }

  async cancel(keyOrPrefix: string, reason: string, byPrefix: boolean): Promise<number> {
    const [, count]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE reminders SET status = 'cancelled', cancel_reason = left($2, 200), updated_at = now()
        WHERE status = 'scheduled' AND ${byPrefix ? `starts_with(idempotency_key, $1)` : `idempotency_key = $1`}`,
      [keyOrPrefix, reason],
    );
    return count;
  }

  /** Locks due reminders (skipping those another worker holds). Call inside `TransactionHost.run`. */
  async lockDue(limit: number): Promise<DueReminder[]> {
    const rows: Array<{ id: string; type: NotificationType; recipient_id: string; due_at: Date; payload: Record<string, unknown>; idempotency_key: string }> =
      await this.tx.manager.query(
        `SELECT id, type, recipient_id, due_at, payload, idempotency_key FROM reminders
          WHERE status = 'scheduled' AND due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
    return rows.map((r) => ({ id: r.id, type: r.type, recipientId: r.recipient_id, dueAt: r.due_at, payload: r.payload, idempotencyKey: r.idempotency_key }));
  }

  async markSent(id: string, notificationId: string | null): Promise<void> {
    await this.tx.manager.query(`UPDATE reminders SET status = 'sent', fired_at = now(), notification_id = $2, updated_at = now() WHERE id = $1`, [id, notificationId]);
  }

  async markCancelled(id: string, reason: string): Promise<void> {
    await this.tx.manager.query(`UPDATE reminders SET status = 'cancelled', cancel_reason = left($2, 200), fired_at = now(), updated_at = now() WHERE id = $1`, [id, reason]);
  }
}
