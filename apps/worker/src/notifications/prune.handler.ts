import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { NotificationRetentionRepository, PruneResult } from '@rr/server/notifications';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';

const DAY_MS = 24 * 3600_000;

/** Retention (repeatable, fixed id): finished notifications older than NOTIFY_RETENTION_DAYS go. */
@Injectable()
@JobHandler('notification.prune')
export class PruneHandler implements JobHandlerInstance<'notification.prune'> {
  private readonly logger = new Logger('NotificationPrune');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: NotificationRetentionRepository,
  ) {}

  async handle(): Promise<PruneResult> {
    const result = await this.retention.prune(new Date(Date.now() - this.config.notifications.retentionDays * DAY_MS));
    if (result.notifications || result.reminders) this.logger.log(`pruned ${result.notifications} notifications and ${result.reminders} reminders`);
    return result;
  }
}
