import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@rr/server/audit';
import { ConfigModule } from '@rr/server/config';
import { PersistenceModule } from '@rr/server/persistence';
import { QueueModule } from '@rr/server/queue';
import { AcWorkerModule } from './ac-requests/ac-worker.module';
import { CarLotteryWorkerModule } from './car-lottery/car-lottery-worker.module';
import { CarsWorkerModule } from './cars/cars-worker.module';
import { GarageWorkerModule } from './garage/garage-worker.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { RoomsWorkerModule } from './rooms/rooms-worker.module';
import { RoomLotteryWorkerModule } from './room-lottery/room-lottery-worker.module';
import { JobRunnerService } from './runtime/job-runner.service';
import { HeartbeatHandler } from './system/heartbeat.handler';

/** The worker process: no HTTP; BullMQ processors and repeatable schedules. */
@Module({
  imports: [DiscoveryModule, ConfigModule, PersistenceModule, QueueModule, AuditModule, NotificationsWorkerModule, CarLotteryWorkerModule, GarageWorkerModule, AcWorkerModule, RoomsWorkerModule, RoomLotteryWorkerModule, CarsWorkerModule],
  providers: [JobRunnerService, HeartbeatHandler],
})
export class WorkerModule {}
