import { Module } from '@nestjs/common';

/** The worker's side of the garage counter (no-show sweep, detector inspection reminders). */
@Module({})
export class GarageWorkerModule {}
