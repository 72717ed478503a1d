import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Delivery states after which nothing more happens to a row. */
const FINAL_STATES = ['sent', 'dead', 'skipped', 'digested'] as const;

export interface PruneResult {
  notifications: number;
  reminders: number;
}

/**
 * Retention of the notification tables (NOTIFY_RETENTION_DAYS): notifications older than the cut-off
 * whose every delivery is final go, with their deliveries and attempts (ON DELETE CASCADE); a row still
 * pending, queued or sending is never touched, however old. Fired or cancelled reminders older than
 * the cut-off go too. Deletes in batches so no long lock is held on a busy outbox.
 */
@Injectable()
export class NotificationRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async prune(olderThan: Date, batch = 1_000): Promise<PruneResult> {
    let notifications = 0;
    for (;;) {
      const rows: unknown[] = await this.dataSource.query(
        `DELETE FROM notifications WHERE id IN (
           SELECT n.id FROM notifications n
            WHERE n.created_at < $1
              AND NOT EXISTS (SELECT 1 FROM notification_deliveries d WHERE d.notification_id = n.id AND d.status <> ALL($2::text[]))
            ORDER BY n.created_at LIMIT $3
              FOR UPDATE SKIP LOCKED)
         RETURNING 1`,
        [olderThan, FINAL_STATES, batch],
      );
      notifications += rows.length;
      if (rows.length < batch) break;
    }
    const reminders: unknown[] = await this.dataSource.query(`DELETE FROM reminders WHERE status <> 'scheduled' AND due_at < $1 RETURNING 1`, [olderThan]);
    return { notifications, reminders: reminders.length };
  }
}
