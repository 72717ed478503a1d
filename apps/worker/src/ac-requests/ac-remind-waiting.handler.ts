import { Injectable, Logger } from '@nestjs/common';
import { AcRemindersService } from '@rr/server/ac-requests';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';

/**
 * `ac.remind-waiting` (repeatable, fixed scheduler id): reminds whoever must act on an AC extension
 * request that has waited longer than the setting. Two replicas running it at once write each
 * reminder once (notification dedupe key per request, version and period).
 */
@Injectable()
@JobHandler('ac.remind-waiting')
export class AcRemindWaitingHandler implements JobHandlerInstance<'ac.remind-waiting'> {
  private readonly logger = new Logger('AcRemindWaiting');

  constructor(private readonly reminders: AcRemindersService) {}

  async handle(): Promise<{ requests: number; notifications: number }> {
    const outcome = await this.reminders.scan();
    if (outcome.notifications > 0) this.logger.log(`reminded ${outcome.notifications} approver(s) of ${outcome.requests} waiting request(s)`);
    return outcome;
  }
}
