import { Inject, Injectable } from '@nestjs/common';
import {
  Locale,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_TYPE_NAMES,
  NOTIFICATION_TYPES,
  NotificationChannel,
  NotificationPreferences,
  Role,
  UpdateNotificationPreferences,
} from '@rr/contracts';
import { AppError } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { TransactionHost } from '@rr/server/persistence';
import { webhookHostAllowed } from '../channels/webhook/webhook.channel';
import { isApprover } from '../rules/routing';
import { PreferencesRepository } from './preferences.repository';

export interface PreferencesUser {
  id: string;
  roles: readonly Role[];
  locale: Locale;
}

/** Per-user channel choices by type, quiet hours, the approvers' digest and the chat webhook. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repo: PreferencesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(user: PreferencesUser): Promise<NotificationPreferences> {
    const [settings, choices] = await Promise.all([this.repo.settings(user.id), this.repo.choices(user.id)]);
    const chosen = new Map(choices.map((c) => [`${c.type}:${c.channel}`, c.enabled]));
    return {
      types: NOTIFICATION_TYPE_NAMES.filter((t) => NOTIFICATION_TYPES[t].userConfigurable).map((type) => ({
        type,
        label: NOTIFICATION_TYPES[type].label[user.locale],
        channels: Object.fromEntries(
          NOTIFICATION_CHANNELS.map((channel) => [channel, chosen.get(`${type}:${channel}`) ?? NOTIFICATION_TYPES[type].defaults[channel]]),
        ) as Record<NotificationChannel, boolean>,
      })),
      quietHours: settings.quietStart && settings.quietEnd ? { start: settings.quietStart, end: settings.quietEnd } : null,
      digest: settings.digest,
      digestAvailable: isApprover(user.roles),
      digestTime: this.config.notifications.digestTime,
      webhookUrl: settings.webhookUrl,
    };
  }

  async update(user: PreferencesUser, change: UpdateNotificationPreferences): Promise<NotificationPreferences> {
    for (const t of change.types ?? []) {
      if (!NOTIFICATION_TYPES[t.type].userConfigurable) throw new AppError('NOTIFICATION_TYPE_NOT_CONFIGURABLE', 'validation', { type: t.type });
    }
    if (change.digest === true && !isApprover(user.roles)) throw new AppError('NOTIFICATION_DIGEST_NOT_AVAILABLE', 'forbidden');
    if (change.webhookUrl && !webhookHostAllowed(change.webhookUrl, this.config.notifications.webhook.allowedHosts)) {
      throw new AppError('NOTIFICATION_WEBHOOK_HOST_NOT_ALLOWED', 'validation');
    }
    await this.tx.run(async () => {
      const before = await this.repo.settings(user.id, true);
      const after = {
        quietStart: change.quietHours === undefined ? before.quietStart : (change.quietHours?.start ?? null),
        quietEnd: change.quietHours === undefined ? before.quietEnd : (change.quietHours?.end ?? null),
        digest: change.digest ?? before.digest,
        webhookUrl: change.webhookUrl === undefined ? before.webhookUrl : change.webhookUrl,
      };
      const choices = (change.types ?? []).flatMap((t) =>
        Object.entries(t.channels).map(([channel, enabled]) => ({ type: t.type, channel: channel as NotificationChannel, enabled: enabled as boolean })),
      );
      await this.repo.saveSettings(user.id, after);
      await this.repo.saveChoices(user.id, choices);
      if (before.digest && !after.digest) await this.repo.releaseHeld(user.id);
      // A chat webhook URL is itself a credential: the audit log only says whether one is set.
      const redact = (s: typeof before) => ({ ...s, webhookUrl: s.webhookUrl ? '(set)' : null });
      await this.audit.record('notification.preferences.updated', 'user', user.id, redact(before), { ...redact(after), choices });
    });
    return this.get(user);
  }
}
