import { Module } from '@nestjs/common';

/** 空調延長 (issue #7): zones and rates, requests, approval route with 代決/後閲, operating instructions, reports. */
@Module({})
export class AcRequestsModule {}
