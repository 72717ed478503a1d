import { Inject, Injectable } from '@nestjs/common';
import type { DeadLetter, DeadLetterQuery, DeliveryStats, NotificationHistory, Page, RetryResult } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { TransactionHost } from '@rr/server/persistence';
import { AdminNotificationsRepository } from './admin-notifications.repository';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The administrators' view of deliveries: dead letters with retry, and per-notification history. */
@Injectable()
export class AdminNotificationsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly repo: AdminNotificationsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deadLetters(query: DeadLetterQuery): Promise<Page<DeadLetter>> {
    const { rows, total } = await this.repo.dead(query);
    return {
      items: rows.map((r) => ({
        deliveryId: r.delivery_id,
        notificationId: r.notification_id,
        channel: r.channel,
        type: r.type,
        recipient: { id: r.recipient_id, displayName: r.display_name },
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        deadAt: iso(r.dead_at),
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async history(notificationId: string): Promise<NotificationHistory> {
    const { notification: n, deliveries, attempts } = await this.repo.history(notificationId);
    if (!n) throw new AppError('NOTIFICATION_NOT_FOUND', 'not_found');
    return {
      id: n.id,
      type: n.type,
      recipient: { id: n.recipient_id, displayName: n.display_name },
      createdAt: n.created_at.toISOString(),
      inInbox: n.in_inbox,
      readAt: iso(n.read_at),
      deliveries: deliveries.map((d) => ({
        id: d.id,
        channel: d.channel,
        status: d.status,
        attempts: d.attempts,
        maxAttempts: d.max_attempts,
        availableAt: d.available_at.toISOString(),
        sentAt: iso(d.sent_at),
        receipt: d.receipt,
        lastError: d.last_error,
        history: attempts
          .filter((a) => a.delivery_id === d.id)
          .map((a) => ({
            attemptNo: a.attempt_no,
            outcome: a.outcome,
            receipt: a.receipt,
            error: a.error,
            startedAt: a.started_at.toISOString(),
            finishedAt: a.finished_at.toISOString(),
            workerId: a.worker_id,
          })),
      })),
    };
  }

  /**
   * Puts a dead-lettered delivery back in the outbox with a fresh set of attempts. No Redis call: the
   * relay picks it up (the UPDATE wakes it through NOTIFY), so this works even while Redis is down.
   */
  async retry(deliveryId: string): Promise<RetryResult> {
    if (!/^\d{1,18}$/.test(deliveryId)) throw new AppError('NOTIFICATION_DELIVERY_NOT_FOUND', 'not_found');
    await this.tx.run(async () => {
      const before = await this.repo.deliveryStatus(deliveryId);
      if (!before) throw new AppError('NOTIFICATION_DELIVERY_NOT_FOUND', 'not_found');
      if (before.status !== 'dead' || !(await this.repo.retryDead(deliveryId, this.config.notifications.maxAttempts))) {
        throw new AppError('NOTIFICATION_NOT_DEAD', 'conflict');
      }
      await this.audit.record('notification.delivery.retried', 'notification_delivery', deliveryId, before, { status: 'pending' });
    });
    return { deliveryId, status: 'pending' };
  }

  async stats(): Promise<DeliveryStats> {
    const { byStatus, oldestPendingAt } = await this.repo.stats();
    return { byStatus, oldestPendingAt: iso(oldestPendingAt) };
  }
}
