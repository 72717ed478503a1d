import { Module } from '@nestjs/common';
import { GarageCoreModule } from '@rr/server/garage';
import { DetectorReminderHandler, GarageSweepHandler } from './garage.handlers';

/** The worker's side of the garage counter (no-show sweep, late returns, detector inspection reminders). */
@Module({
  imports: [GarageCoreModule],
  providers: [GarageSweepHandler, DetectorReminderHandler],
})
export class GarageWorkerModule {}
