import { Global, Module } from '@nestjs/common';
import { systemClock } from '@rr/domain';
import { CalendarModule } from '@rr/server/calendar';
import { AdminNotificationsController } from './admin/admin-notifications.controller';
import { AdminNotificationsRepository } from './admin/admin-notifications.repository';
import { AdminNotificationsService } from './admin/admin-notifications.service';
import { QueueBoardController } from './admin/queue-board.controller';
import { EmailChannel } from './channels/email/email.channel';
import { WebhookChannel } from './channels/webhook/webhook.channel';
import { DeliveryRepository } from './delivery/delivery.repository';
import { DigestRepository } from './delivery/digest.repository';
import { OutboxRepository } from './delivery/outbox.repository';
import { NotificationRetentionRepository } from './delivery/retention.repository';
import { InboxRepository } from './inbox/inbox.repository';
import { InboxService } from './inbox/inbox.service';
import { NotificationsController } from './inbox/notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NOTIFICATIONS_CLOCK, NotificationsService } from './notifications.service';
import { PreferencesRepository } from './preferences/preferences.repository';
import { PreferencesService } from './preferences/preferences.service';
import { RemindersRepository } from './reminders/reminders.repository';
import { RemindersService } from './reminders/reminders.service';

/**
 * `notify()` and the reminders API for every feature, in the api and in the worker. Global so that
 * features inject NotificationsService without importing this module themselves.
 */
@Global()
@Module({
  imports: [CalendarModule],
  providers: [
    { provide: NOTIFICATIONS_CLOCK, useValue: systemClock },
    NotificationsRepository,
    NotificationsService,
    RemindersRepository,
    RemindersService,
  ],
  exports: [NotificationsService, RemindersService, RemindersRepository],
})
export class NotificationsCoreModule {}

/** The HTTP side (api): inbox, preferences, the admins' dead letters and the queue board. */
@Module({
  imports: [NotificationsCoreModule],
  controllers: [NotificationsController, AdminNotificationsController, QueueBoardController],
  providers: [InboxRepository, InboxService, PreferencesRepository, PreferencesService, AdminNotificationsRepository, AdminNotificationsService],
})
export class NotificationsModule {}

/** The delivery side (worker): outbox queries and the channel adapters. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [DeliveryRepository, OutboxRepository, DigestRepository, NotificationRetentionRepository, EmailChannel, WebhookChannel],
  exports: [DeliveryRepository, OutboxRepository, DigestRepository, NotificationRetentionRepository, EmailChannel, WebhookChannel],
})
export class NotificationsDeliveryModule {}
