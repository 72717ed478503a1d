import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { deliveryJobId, OutboxRepository, OutboxRow } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { bullJobId, JobHandler, JobHandlerInstance } from '@rr/server/queue';
import { OutboxRelayService } from './outbox-relay.service';

const BATCH = 500;

/**
 * Recovers what the happy path cannot (repeatable job, fixed id):
 * - `sending` rows whose lease expired: their sender died (or froze). The attempt is recorded as
 *   abandoned and the row goes back to pending under a new generation.
 * - `queued` rows not picked up for NOTIFY_STALE_AFTER_MS: the job is looked up in Redis. Missing
 *   (Redis lost its data) → added again under the same id; finished or stuck active without having
 *   claimed the row → back to pending under a new generation; waiting/delayed → left alone.
 * - pending rows: one relay pass, in case the relay loop itself is stuck.
 */
@Injectable()
@JobHandler('notification.sweep')
export class OutboxSweepHandler implements JobHandlerInstance<'notification.sweep'> {
  private readonly logger = new Logger('OutboxSweep');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle(): Promise<{ expired: number; missing: number; requeued: number; relayed: number }> {
    const expired = await this.tx.run(() => this.outbox.expireLeases(BATCH));
    const { missing, requeued } = await this.checkStaleQueued();
    const relayed = await this.relay.relayOnce();
    if (expired || missing || requeued) this.logger.warn(`recovered deliveries: ${expired} with expired leases, ${missing} lost jobs re-added, ${requeued} requeued`);
    return { expired, missing, requeued, relayed };
  }

  private async checkStaleQueued(): Promise<{ missing: number; requeued: number }> {
    const stale = await this.outbox.staleQueued(this.config.notifications.staleAfterMs, BATCH);
    if (stale.length === 0) return { missing: 0, requeued: 0 };
    const lost: OutboxRow[] = [];
    const finished: OutboxRow[] = [];
    const alive: string[] = [];
    for (const row of stale) {
      const name = row.channel === 'email' ? 'notification.email' : 'notification.webhook';
      const queue = this.relay.queue(name);
      const id = bullJobId(deliveryJobId(row.notificationId, row.channel, row.gen));
      const state = await queue.getJobState(id);
      if (state === 'unknown') lost.push(row);
      else if (state === 'completed' || state === 'failed') finished.push(row);
      else if (state === 'active') {
        const job = await queue.getJob(id);
        // Active for longer than a lease without having claimed the row: its worker is gone.
        if (!job?.processedOn || Date.now() - job.processedOn > this.config.notifications.leaseMs) finished.push(row);
        else alive.push(row.deliveryId);
      } else alive.push(row.deliveryId);
    }
    if (lost.length) await this.relay.enqueue(lost);
    await this.outbox.touchQueued([...alive, ...lost.map((r) => r.deliveryId)]);
    const requeued = await this.outbox.requeue(finished);
    return { missing: lost.length, requeued };
  }
}
