import { Module } from '@nestjs/common';

/** 車庫窓口 (issue #5): key handover with alcohol checks, driving log, detector register, no-shows, damage. */
@Module({})
export class GarageModule {}
