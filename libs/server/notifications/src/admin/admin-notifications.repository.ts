import { Injectable } from '@nestjs/common';
import type { DeadLetterQuery, DeliveryStatus, NotificationChannel, NotificationType } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';

export interface DeadRow {
  delivery_id: string;
  notification_id: string;
  channel: NotificationChannel;
  type: NotificationType;
  recipient_id: string;
  display_name: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  dead_at: Date | null;
}

export interface HistoryRows {
  notification: { id: string; type: NotificationType; recipient_id: string; display_name: string; created_at: Date; in_inbox: boolean; read_at: Date | null } | undefined;
  deliveries: Array<{
    id: string;
    channel: NotificationChannel;
    status: DeliveryStatus;
    attempts: number;
    max_attempts: number;
    available_at: Date;
    sent_at: Date | null;
    receipt: string | null;
    last_error: string | null;
  }>;
  attempts: Array<{
    delivery_id: string;
    attempt_no: number;
    outcome: 'sent' | 'failed' | 'abandoned';
    receipt: string | null;
    error: string | null;
    started_at: Date;
    finished_at: Date;
    worker_id: string | null;
  }>;
}

@Injectable()
export class AdminNotificationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async dead(query: DeadLetterQuery): Promise<{ rows: DeadRow[]; total: number }> {
    const filter = query.channel ? `AND d.channel = $3` : '';
    const params: unknown[] = [query.limit, query.offset, ...(query.channel ? [query.channel] : [])];
    const [rows, count]: [DeadRow[], Array<{ n: number }>] = await Promise.all([
      this.tx.manager.query(
        `SELECT d.id::text AS delivery_id, d.notification_id, d.channel, n.type, n.recipient_id, u.display_name,
                d.attempts, d.last_error, n.created_at, d.dead_at
           FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id JOIN users u ON u.id = n.recipient_id
          WHERE d.status = 'dead' ${filter}
          ORDER BY d.dead_at DESC NULLS LAST, d.id DESC LIMIT $1 OFFSET $2`,
        params,
      ),
      this.tx.manager.query(
        `SELECT count(*)::int AS n FROM notification_deliveries d WHERE d.status = 'dead' ${query.channel ? 'AND d.channel = $1' : ''}`,
        query.channel ? [query.channel] : [],
      ),
    ]);
    return { rows, total: count[0].n };
  }

  async history(notificationId: string): Promise<HistoryRows> {
    const [notification] = await this.tx.manager.query(
      `SELECT n.id, n.type, n.recipient_id, u.display_name, n.created_at, n.in_inbox, n.read_at
         FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE n.id = $1`,
      [notificationId],
    );
    if (!notification) return { notification: undefined, deliveries: [], attempts: [] };
    const deliveries = await this.tx.manager.query(
      `SELECT id::text, channel, status, attempts, max_attempts, available_at, sent_at, receipt, last_error
         FROM notification_deliveries WHERE notification_id = $1 ORDER BY channel`,
      [notificationId],
    );
    const attempts = await this.tx.manager.query(
      `SELECT a.delivery_id::text, a.attempt_no, a.outcome, a.receipt, a.error, a.started_at, a.finished_at, a.worker_id
         FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
        WHERE d.notification_id = $1 ORDER BY a.delivery_id, a.attempt_no`,
      [notificationId],
    );
    return { notification, deliveries, attempts };
  }

  async deliveryStatus(deliveryId: string): Promise<{ status: DeliveryStatus; attempts: number; max_attempts: number; last_error: string | null } | undefined> {
    const rows = await this.tx.manager.query(`SELECT status, attempts, max_attempts, last_error FROM notification_deliveries WHERE id = $1::bigint FOR UPDATE`, [deliveryId]);
    return rows[0];
  }

  /** A dead delivery gets a fresh budget of attempts under a new generation (so a new job id). */
  async retryDead(deliveryId: string, extraAttempts: number): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE notification_deliveries
          SET status = 'pending', gen = gen + 1, max_attempts = attempts + $2, available_at = now(),
              dead_at = NULL, updated_at = now()
        WHERE id = $1::bigint AND status = 'dead'`,
      [deliveryId, extraAttempts],
    );
    return count === 1;
  }

  async stats(): Promise<{ byStatus: Array<{ channel: NotificationChannel; status: DeliveryStatus; count: number }>; oldestPendingAt: Date | null }> {
    // Only the live states (each has a partial index); `sent` would mean scanning the whole history.
    const byStatus = await this.tx.manager.query(
      `SELECT channel, status, count(*)::int AS count FROM notification_deliveries
        WHERE status IN ('pending', 'held', 'queued', 'sending', 'dead') GROUP BY channel, status ORDER BY channel, status`,
    );
    const [oldest] = await this.tx.manager.query(`SELECT min(available_at) AS at FROM notification_deliveries WHERE status = 'pending'`);
    return { byStatus, oldestPendingAt: oldest?.at ?? null };
  }
}
