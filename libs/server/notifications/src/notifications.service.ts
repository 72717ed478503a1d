import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATION_TYPES, NotificationChannel, notificationPayloadSchemas, NotificationPayloads, NotificationType } from '@rr/contracts';
import { BusinessCalendar, Clock, systemClock } from '@rr/domain';
import { BusinessCalendarService } from '@rr/server/calendar';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { parseOrThrow } from '@rr/server/http';
import { TransactionHost } from '@rr/server/persistence';
import { NotificationsRepository } from './notifications.repository';
import { routeNotification } from './rules/routing';

export const NOTIFICATIONS_CLOCK = Symbol('NOTIFICATIONS_CLOCK');

export interface NotifyOptions {
  /**
   * One notification per recipient and key, ever: a caller that may run twice (a reminder, a
   * digest, a retried job) passes a key and the second call writes nothing.
   */
  dedupeKey?: string;
  /** Only these channels (preferences still apply within them). */
  channels?: readonly NotificationChannel[];
}

export interface NotifyResult {
  /** Ids of the notifications written (recipients with nothing to receive, or deduplicated, get none). */
  notificationIds: string[];
}

/**
 * The one way features notify people. `notify()` validates the payload, applies each recipient's
 * preferences, quiet hours and digest choice, and writes the notification rows and their outbox rows
 * through TransactionHost — inside the caller's transaction when there is one, so the notification
 * exists exactly when the business change does. It never touches Redis or SMTP: the worker's relay
 * and delivery jobs do (docs/adr/0004-notification-outbox.md).
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repo: NotificationsRepository,
    private readonly calendars: BusinessCalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NOTIFICATIONS_CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async notify<T extends NotificationType>(
    recipients: string | readonly string[],
    type: T,
    payload: NotificationPayloads[T],
    options: NotifyOptions = {},
  ): Promise<NotifyResult> {
    const valid = parseOrThrow(notificationPayloadSchemas[type], payload) as object;
    const ids = [...new Set(typeof recipients === 'string' ? [recipients] : recipients)];
    if (ids.length === 0) return { notificationIds: [] };
    return this.tx.run(async () => {
      const profiles = await this.repo.recipientProfiles(ids, type);
      let calendar: BusinessCalendar | undefined;
      if (NOTIFICATION_TYPES[type].digestible && profiles.some((p) => p.digest)) calendar = await this.calendars.calendar();
      const now = this.clock.now();
      const rows = profiles
        .map((profile) => {
          const route = routeNotification(type, profile, {
            now,
            digestTime: this.config.notifications.digestTime,
            calendar: () => calendar ?? new BusinessCalendar(),
            only: options.channels,
          });
          const deliveries = route.deliveries.map((d) => ({ ...d, availableAt: d.availableAt === now ? null : d.availableAt }));
          return { recipientId: profile.id, inInbox: route.inbox, dedupeKey: options.dedupeKey ?? null, deliveries };
        })
        .filter((row) => row.inInbox || row.deliveries.length > 0);
      const inserted = await this.repo.insert(type, valid, rows, this.config.notifications.maxAttempts);
      return { notificationIds: [...inserted.values()] };
    });
  }
}
