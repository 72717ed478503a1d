import { Injectable } from '@nestjs/common';
import { GarageSweepService, SweepOutcome } from '@rr/server/garage';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';

/** `garage.sweep` (repeatable, every minute): releases no-shows exactly once and warns about late returns. */
@Injectable()
@JobHandler('garage.sweep')
export class GarageSweepHandler implements JobHandlerInstance<'garage.sweep'> {
  constructor(private readonly sweep: GarageSweepService) {}

  handle(): Promise<SweepOutcome> {
    return this.sweep.sweep();
  }
}

/** `garage.detector-reminder` (repeatable, hourly; one reminder per detector and day). */
@Injectable()
@JobHandler('garage.detector-reminder')
export class DetectorReminderHandler implements JobHandlerInstance<'garage.detector-reminder'> {
  constructor(private readonly sweep: GarageSweepService) {}

  async handle(): Promise<{ reminders: number }> {
    return { reminders: await this.sweep.remindDetectors() };
  }
}
