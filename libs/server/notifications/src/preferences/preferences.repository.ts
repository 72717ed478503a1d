import { Injectable } from '@nestjs/common';
import type { NotificationChannel } from '@rr/contracts';
import { TransactionHost } from '@rr/server/persistence';

export interface SettingsRow {
  quietStart: string | null;
  quietEnd: string | null;
  digest: boolean;
  webhookUrl: string | null;
}

export const DEFAULT_SETTINGS: SettingsRow = { quietStart: null, quietEnd: null, digest: false, webhookUrl: null };

@Injectable()
export class PreferencesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async settings(userId: string, forUpdate = false): Promise<SettingsRow> {
    const rows: Array<{ quiet_start: string | null; quiet_end: string | null; digest: boolean; webhook_url: string | null }> = await this.tx.manager.query(
      `SELECT quiet_start, quiet_end, digest, webhook_url FROM notification_settings WHERE user_id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [userId],
    );
    const r = rows[0];
    return r ? { quietStart: r.quiet_start, quietEnd: r.quiet_end, digest: r.digest, webhookUrl: r.webhook_url } : { ...DEFAULT_SETTINGS };
  }

  async choices(userId: string): Promise<Array<{ type: string; channel: NotificationChannel; enabled: boolean }>> {
    return this.tx.manager.query(`SELECT type, channel, enabled FROM notification_preferences WHERE user_id = $1`, [userId]);
  }

  async saveSettings(userId: string, s: SettingsRow): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO notification_settings (user_id, quiet_start, quiet_end, digest, webhook_url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO UPDATE SET quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
         digest = EXCLUDED.digest, webhook_url = EXCLUDED.webhook_url, updated_at = now()`,
      [userId, s.quietStart, s.quietEnd, s.digest, s.webhookUrl],
    );
  }

  async saveChoices(userId: string, choices: ReadonlyArray<{ type: string; channel: NotificationChannel; enabled: boolean }>): Promise<void> {
    if (choices.length === 0) return;
    await this.tx.manager.query(
      `INSERT INTO notification_preferences (user_id, type, channel, enabled)
       SELECT $1, t, c, e FROM unnest($2::varchar[], $3::varchar[], $4::boolean[]) AS x(t, c, e)
       ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = EXCLUDED.enabled`,
      [userId, choices.map((c) => c.type), choices.map((c) => c.channel), choices.map((c) => c.enabled)],
    );
  }

  /** The approver left the digest: what it was holding goes out now instead of at the next digest. */
  async releaseHeld(userId: string): Promise<number> {
    const [, count]: [unknown[], number] = await this.tx.manager.query(
      `UPDATE notification_deliveries d SET status = 'pending', available_at = now(), updated_at = now()
         FROM notifications n WHERE n.id = d.notification_id AND n.recipient_id = $1 AND d.status = 'held'`,
      [userId],
    );
    return count;
  }
}
