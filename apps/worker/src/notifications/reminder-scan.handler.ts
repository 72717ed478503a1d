import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { notificationPayloadSchemas, NotificationPayloads, NotificationType } from '@rr/contracts';
import { NotificationsService, REMINDER_GUARD, ReminderDecision, ReminderGuardInstance, RemindersRepository } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';

const BATCH = 100;
const MAX_BATCHES_PER_RUN = 20;

/**
 * Sends due reminders (repeatable job, fixed id). Each batch is one transaction: lock due rows
 * (SKIP LOCKED), ask the type's guard if it still applies, notify(), mark sent — so a reminder fires
 * once even with several workers, and a crash mid-batch sends none of that batch.
 */
@Injectable()
@JobHandler('reminder.scan')
export class ReminderScanHandler implements JobHandlerInstance<'reminder.scan'>, OnApplicationBootstrap {
  private readonly logger = new Logger('Reminders');
  private guards = new Map<string, ReminderGuardInstance>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly tx: TransactionHost,
    private readonly reminders: RemindersRepository,
    private readonly notifications: NotificationsService,
  ) {}

  onApplicationBootstrap(): void {
    const found = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(REMINDER_GUARD, w.metatype))
      .map((w) => [Reflect.getMetadata(REMINDER_GUARD, w.metatype!) as string, w.instance as ReminderGuardInstance] as const);
    const types = found.map(([t]) => t);
    const twice = types.filter((t, i) => types.indexOf(t) !== i);
    if (twice.length) throw new Error(`Worker refuses to start: reminder type(s) with two guards: ${twice.join(', ')}`);
    this.guards = new Map(found);
  }

  async handle(): Promise<{ sent: number; cancelled: number }> {
    let sent = 0;
    let cancelled = 0;
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const n = await this.tx.run(async () => {
        const due = await this.reminders.lockDue(BATCH);
        const now = new Date();
        for (const reminder of due) {
          const guard = this.guards.get(reminder.type);
          const decision: ReminderDecision = guard ? await guard.check(reminder, now) : { send: true };
          if (!decision.send) {
            await this.reminders.markCancelled(reminder.id, decision.reason);
            cancelled++;
            continue;
          }
          const payload = notificationPayloadSchemas[reminder.type]?.safeParse(decision.payload ?? reminder.payload);
          if (!payload?.success) {
            this.logger.warn(`reminder ${reminder.id} (${reminder.type}) has an invalid payload; cancelled`);
            await this.reminders.markCancelled(reminder.id, 'invalid payload');
            cancelled++;
            continue;
          }
          const result = await this.notifications.notify(reminder.recipientId, reminder.type, payload.data as NotificationPayloads[NotificationType], {
            dedupeKey: `reminder:${reminder.id}`,
          });
          await this.reminders.markSent(reminder.id, result.notificationIds[0] ?? null);
          sent++;
        }
        return due.length;
      });
      if (n < BATCH) break;
    }
    return { sent, cancelled };
  }
}
