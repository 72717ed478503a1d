import { Module } from '@nestjs/common';

/** The worker's side of after-hours AC (reminders for requests that wait too long). */
@Module({})
export class AcWorkerModule {}
