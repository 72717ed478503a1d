import { Injectable } from '@nestjs/common';
import type { Locale, NotificationType } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';

export interface HeldItem {
  deliveryId: string;
  notificationId: string;
  type: NotificationType;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** The approvers' digest: e-mail deliveries `held` until their digest time, then bundled. */
@Injectable()
export class DigestRepository {
  constructor(private readonly tx: TransactionHost) {}

  async dueRecipients(limit: number): Promise<Array<{ id: string; locale: Locale }>> {
    return this.tx.manager.query(
      `SELECT u.id, u.locale FROM users u
        WHERE EXISTS (SELECT 1 FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
                       WHERE n.recipient_id = u.id AND d.status = 'held' AND d.available_at <= now())
        LIMIT $1`,
      [limit],
    );
  }

  /** Locks the recipient's due held deliveries; call inside `TransactionHost.run`. */
  async lockDueHeld(recipientId: string): Promise<HeldItem[]> {
    const rows: Array<{ id: string; notification_id: string; type: NotificationType; payload: Record<string, unknown>; created_at: Date }> = await this.tx.manager.query(
      `SELECT d.id::text, n.id AS notification_id, n.type, n.payload, n.created_at
         FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.recipient_id = $1 AND d.status = 'held' AND d.available_at <= now()
        ORDER BY n.created_at, d.id FOR UPDATE OF d SKIP LOCKED`,
      [recipientId],
    );
    return rows.map((r) => ({ deliveryId: r.id, notificationId: r.notification_id, type: r.type, payload: r.payload, createdAt: r.created_at }));
  }

  async markDigested(deliveryIds: readonly string[], digestNotificationId: string | null): Promise<void> {
    await this.tx.manager.query(
      `UPDATE notification_deliveries SET status = 'digested', sent_at = now(), receipt = $2, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND status = 'held'`,
      [deliveryIds, digestNotificationId ? `digest:${digestNotificationId}` : 'digest:none'],
    );
  }
}
