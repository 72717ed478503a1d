// Notifications: notify() with a transactional outbox, inbox/preferences/admin HTTP API, channel
// adapters and the outbox queries the worker's relay, sweep and delivery jobs use.
export { NotificationsCoreModule, NotificationsModule, NotificationsDeliveryModule } from './notifications.module';
export { NotificationsService, NOTIFICATIONS_CLOCK, type NotifyOptions, type NotifyResult } from './notifications.service';
export { RemindersService, type ScheduleReminder } from './reminders/reminders.service';
export { RemindersRepository } from './reminders/reminders.repository';
export { ReminderGuard, REMINDER_GUARD, type DueReminder, type ReminderDecision, type ReminderGuardInstance } from './reminders/reminder-guard';
export { DeliveryRepository, DeliverySession, type ClaimedDelivery } from './delivery/delivery.repository';
export { OutboxRepository, type OutboxRow } from './delivery/outbox.repository';
export { DigestRepository, type HeldItem } from './delivery/digest.repository';
export { NotificationRetentionRepository, type PruneResult } from './delivery/retention.repository';
export { EmailChannel, parseMailbox, type ComposedEmail } from './channels/email/email.channel';
export { SmtpPool, SmtpSendError } from './channels/email/smtp-pool';
export { WebhookChannel, WebhookError, webhookHostAllowed } from './channels/webhook/webhook.channel';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, DELIVERY_HEADER } from './channels/webhook/webhook-signature';
export { renderNotification, formatTokyo, type RenderedNotification } from './templates/notification-templates';
export { quietHoursEnd } from './rules/quiet-hours';
export { nextDigestAt } from './rules/digest-slot';
export { deliveryJobId } from './delivery/job-ids';
