import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';
import { LicenceReminderOutcome, LicenceRemindersService } from './licence-reminders.service';

/**
 * `cars.licence-reminders` (repeatable, hourly, fixed scheduler id): warns drivers whose licence
 * expires within the warning days, and the garage administrators. Safe with two worker replicas:
 * the notifications' dedupe keys (per recipient, driver and expiry date) make each warning once.
 */
@Injectable()
@JobHandler('cars.licence-reminders')
export class LicenceRemindersHandler implements JobHandlerInstance<'cars.licence-reminders'> {
  private readonly logger = new Logger('LicenceReminders');

  constructor(private readonly reminders: LicenceRemindersService) {}

  async handle(): Promise<LicenceReminderOutcome> {
    const outcome = await this.reminders.scan();
    if (outcome.notifications > 0) this.logger.log(`wrote ${outcome.notifications} licence-expiry warning(s) for ${outcome.drivers} driver(s)`);
    return outcome;
  }
}
