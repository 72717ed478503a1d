import { Injectable } from '@nestjs/common';
import type { NotificationChannel, NotificationType, QueuedChannel, Role } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';
import type { RecipientProfile } from './rules/routing';

export interface NotificationRow {
  recipientId: string;
  inInbox: boolean;
  dedupeKey: string | null;
  /** `availableAt` null = now, by the database's clock (the relay compares with the database's now()). */
  deliveries: Array<{ channel: QueuedChannel; status: 'pending' | 'held'; availableAt: Date | null }>;
}

/**
 * Writes notifications and their outbox rows through the caller's transaction (TransactionHost),
 * in one statement whatever the number of recipients.
 */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async recipientProfiles(userIds: readonly string[], type: NotificationType): Promise<RecipientProfile[]> {
    const rows: Array<{
      id: string;
      email: string;
      roles: Role[];
      is_active: boolean;
      quiet_start: string | null;
      quiet_end: string | null;
      digest: boolean | null;
      webhook_url: string | null;
      prefs: Array<[NotificationChannel, boolean]>;
    }> = await this.tx.manager.query(
      `SELECT u.id, u.email, u.roles, u.is_active, s.quiet_start, s.quiet_end, s.digest, s.webhook_url,
              COALESCE((SELECT json_agg(json_build_array(p.channel, p.enabled)) FROM notification_preferences p
                         WHERE p.user_id = u.id AND p.type = $2), '[]'::json) AS prefs
         FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id
        WHERE u.id = ANY($1::uuid[])`,
      [userIds, type],
    );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      roles: r.roles,
      isActive: r.is_active,
      quietStart: r.quiet_start,
      quietEnd: r.quiet_end,
      digest: r.digest ?? false,
      webhookUrl: r.webhook_url,
      overrides: Object.fromEntries(r.prefs),
    }));
  }

  /**
   * Inserts the notifications and their deliveries; a (recipient, dedupeKey) that exists already is
   * skipped with its deliveries. Returns the new notification ids by recipient.
   */
  async insert(type: NotificationType, payload: object, rows: readonly NotificationRow[], maxAttempts: number): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const deliveries = rows.flatMap((r) => r.deliveries.map((d) => ({ recipientId: r.recipientId, ...d })));
    const result: Array<{ id: string; recipient_id: string }> = await this.tx.manager.query(
      `WITH n AS (
         INSERT INTO notifications (recipient_id, type, payload, in_inbox, dedupe_key)
         SELECT r, $1, $2::jsonb, i, k FROM unnest($3::uuid[], $4::boolean[], $5::varchar[]) AS x(r, i, k)
         ON CONFLICT (recipient_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
         RETURNING id, recipient_id
       ), d AS (
         INSERT INTO notification_deliveries (notification_id, channel, status, max_attempts, available_at)
         SELECT n.id, x.c, x.s, $10::int, COALESCE(x.a, now())
           FROM n JOIN unnest($6::uuid[], $7::varchar[], $8::varchar[], $9::timestamptz[]) AS x(r, c, s, a) ON x.r = n.recipient_id
       )
       SELECT id, recipient_id FROM n`,
      [
        type,
        JSON.stringify(payload),
        rows.map((r) => r.recipientId),
        rows.map((r) => r.inInbox),
        rows.map((r) => r.dedupeKey),
        deliveries.map((d) => d.recipientId),
        deliveries.map((d) => d.channel),
        deliveries.map((d) => d.status),
        deliveries.map((d) => d.availableAt?.toISOString() ?? null),
        maxAttempts,
      ],
    );
    return new Map(result.map((r) => [r.recipient_id, r.id]));
  }
}
