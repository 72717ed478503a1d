import { Injectable } from '@nestjs/common';
import type { NotificationPayloads, NotificationType } from '@rr/contracts';
import { tokyoDate } from '@rr/domain';
import { DigestRepository, NotificationsService, renderNotification } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';

const RECIPIENTS_PER_RUN = 200;
const ITEMS_PER_DIGEST = 200;

/**
 * The approvers' daily digest: e-mail of digestible types that was `held` for an approver who chose
 * the digest becomes one `digest.daily` e-mail when the digest time comes (a business day,
 * NOTIFY_DIGEST_TIME Tokyo). Bundling and the digest's own outbox row are one transaction.
 */
@Injectable()
@JobHandler('notification.digest')
export class DigestHandler implements JobHandlerInstance<'notification.digest'> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly digests: DigestRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async handle(): Promise<{ digests: number; items: number }> {
    let digests = 0;
    let items = 0;
    for (const recipient of await this.digests.dueRecipients(RECIPIENTS_PER_RUN)) {
      await this.tx.run(async () => {
        const held = await this.digests.lockDueHeld(recipient.id);
        if (held.length === 0) return;
        const list = held.slice(0, ITEMS_PER_DIGEST).map((h) => {
          const r = renderNotification(h.type, h.payload as NotificationPayloads[NotificationType], recipient.locale);
          return { title: r.title, body: r.body, link: r.link, at: h.createdAt.toISOString() };
        });
        const result = await this.notifications.notify(recipient.id, 'digest.daily', { date: tokyoDate(new Date()), items: list }, { channels: ['email'] });
        await this.digests.markDigested(
          held.map((h) => h.deliveryId),
          result.notificationIds[0] ?? null,
        );
        digests += result.notificationIds.length;
        items += held.length;
      });
    }
    return { digests, items };
  }
}
