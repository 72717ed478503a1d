import { Module } from '@nestjs/common';
import { AcRequestsCoreModule } from '@rr/server/ac-requests';
import { AcRemindWaitingHandler } from './ac-remind-waiting.handler';

/** The worker's side of after-hours AC (reminders for requests that wait too long). */
@Module({
  imports: [AcRequestsCoreModule],
  providers: [AcRemindWaitingHandler],
})
export class AcWorkerModule {}
