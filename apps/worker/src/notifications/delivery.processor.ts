import { Inject, Injectable, Logger } from '@nestjs/common';
import type { QueuedChannel } from '@rr/contracts';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import {
  ClaimedDelivery,
  DeliveryRepository,
  DeliverySession,
  deliveryJobId,
  EmailChannel,
  quietHoursEnd,
  SmtpSendError,
  WebhookChannel,
  WebhookError,
} from '@rr/server/notifications';
import type { NotificationDeliveryJob } from '@rr/server/queue';
import { UnrecoverableError } from 'bullmq';
import { WORKER_ID } from '../runtime/worker-id';

/**
 * One delivery attempt, the same for every channel:
 *   claim the row (a conditional UPDATE that takes a lease; a duplicate or stale job claims nothing)
 *   → send through the channel's adapter → mark it sent with the receipt, or record the failure.
 * A failure leaves the row `queued` and rethrows so BullMQ retries with exponential back-off; when
 * PostgreSQL says the attempts are used up (or the error is permanent) the row is `dead` and the job
 * fails without further retries.
 */
@Injectable()
export class DeliveryProcessor {
  private readonly logger = new Logger('Delivery');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: DeliveryRepository,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
  ) {}

  async process(channel: QueuedChannel, job: NotificationDeliveryJob): Promise<string> {
    const session = await this.deliveries.open(WORKER_ID);
    try {
      const claim = await session.claim(job.deliveryId, job.gen, channel, this.config.notifications.leaseMs);
      // Already sent, dead, postponed, or a newer generation owns it: nothing to do, not an error.
      if (!claim) return 'no-op';
      if (!claim.recipient.isActive) {
        await session.skip(claim, 'recipient account is disabled');
        return 'skipped';
      }
      return channel === 'email' ? await this.sendEmail(session, claim) : await this.sendWebhook(session, claim);
    } finally {
      await session.release();
    }
  }

  private async sendEmail(session: DeliverySession, claim: ClaimedDelivery): Promise<string> {
    if (!claim.recipient.email) {
      await session.skip(claim, 'recipient has no e-mail address');
      return 'skipped';
    }
    // Quiet hours chosen (or a retry that lands in them) since the row was written.
    const quiet = claim.recipient.quietStart && claim.recipient.quietEnd ? { start: claim.recipient.quietStart, end: claim.recipient.quietEnd } : null;
    const until = quietHoursEnd(new Date(), quiet);
    if (until) {
      await session.postpone(claim, until);
      return `postponed until ${until.toISOString()} (quiet hours)`;
    }
    const email = this.email.compose({
      notificationId: claim.notificationId,
      type: claim.type,
      payload: claim.payload,
      createdAt: claim.createdAt,
      to: { address: claim.recipient.email, name: claim.recipient.name, locale: claim.recipient.locale },
    });
    let committed: Promise<boolean> | undefined;
    try {
      const reply = await this.email.send(email, () => {
        // The commit point: the final dot has just been written. Put "sent" on the wire now, in the
        // same tick, and only then wait for the server's reply (docs/adr/0004-notification-outbox.md).
        committed = session.commitSent(claim, email.messageId);
        committed.catch(() => undefined);
      });
      if (!committed) throw new SmtpSendError('the server replied before the message was complete', undefined, false);
      if (!(await committed)) this.leaseLost(claim);
      return reply;
    } catch (error) {
      if (committed) await committed.catch(() => undefined);
      return this.failed(session, claim, error as Error, error instanceof SmtpSendError && error.permanent);
    }
  }

  private async sendWebhook(session: DeliverySession, claim: ClaimedDelivery): Promise<string> {
    if (!claim.recipient.webhookUrl) {
      await session.skip(claim, 'recipient removed the webhook URL');
      return 'skipped';
    }
    try {
      const receipt = await this.webhook.send({
        url: claim.recipient.webhookUrl,
        idempotencyKey: deliveryJobId(claim.notificationId, 'webhook', 0),
        notificationId: claim.notificationId,
        type: claim.type,
        payload: claim.payload,
        createdAt: claim.createdAt,
        recipient: { id: claim.recipient.id, name: claim.recipient.name, locale: claim.recipient.locale },
      });
      if (!(await session.commitSent(claim, receipt))) this.leaseLost(claim);
      return receipt;
    } catch (error) {
      return this.failed(session, claim, error as Error, error instanceof WebhookError && error.permanent);
    }
  }

  private async failed(session: DeliverySession, claim: ClaimedDelivery, error: Error, permanent: boolean): Promise<never> {
    const outcome = await session.fail(claim, error.message, permanent);
    if (outcome === 'dead') {
      this.logger.warn(`delivery ${claim.deliveryId} (${claim.channel}) dead-lettered after ${claim.attemptNo} attempt(s): ${error.message}`);
      throw new UnrecoverableError(`dead-lettered: ${error.message}`);
    }
    throw error;
  }

  private leaseLost(claim: ClaimedDelivery): void {
    // Another sender took over after our lease expired (this process stalled longer than
    // NOTIFY_LEASE_MS): the recipient may get this message twice.
    this.logger.error(`delivery ${claim.deliveryId} (${claim.channel}) was sent after its lease expired; it may be duplicated`);
  }
}
