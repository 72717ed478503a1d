import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CalendarModule } from '@rr/server/calendar';
import { NotificationsDeliveryModule } from '@rr/server/notifications';
import { AbsenceReminderGuard, AbsenceReminderPlanner, AbsenceReminderRepository } from './absence-reminders';
import { EmailDeliveryHandler, WebhookDeliveryHandler } from './delivery.handlers';
import { DeliveryProcessor } from './delivery.processor';
import { DigestHandler } from './digest.handler';
import { OutboxRelayService } from './outbox-relay.service';
import { PruneHandler } from './prune.handler';
import { ReminderScanHandler } from './reminder-scan.handler';
import { OutboxSweepHandler } from './sweep.handler';

/** The worker's side of notifications: outbox relay, delivery jobs, sweep, digest and reminders. */
@Module({
  imports: [DiscoveryModule, CalendarModule, NotificationsDeliveryModule],
  providers: [
    OutboxRelayService,
    DeliveryProcessor,
    EmailDeliveryHandler,
    WebhookDeliveryHandler,
    OutboxSweepHandler,
    DigestHandler,
    PruneHandler,
    ReminderScanHandler,
    AbsenceReminderRepository,
    AbsenceReminderPlanner,
    AbsenceReminderGuard,
  ],
})
export class NotificationsWorkerModule {}
