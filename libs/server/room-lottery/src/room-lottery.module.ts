import { Module } from '@nestjs/common';
import { systemClock } from '@rr/domain';
import { NotificationsCoreModule } from '@rr/server/notifications';
import { RoomLotteryController } from './room-lottery.controller';
import { ROOM_LOTTERY_CLOCK } from './room-lottery.errors';
import { RoomLotteryMachine } from './room-lottery.machine';
import { RoomLotteryRepository } from './room-lottery.repository';
import { RoomLotteryService } from './room-lottery.service';

/** The room lottery without HTTP: the worker's tick uses RoomLotteryMachine. */
@Module({
  imports: [NotificationsCoreModule],
  providers: [{ provide: ROOM_LOTTERY_CLOCK, useValue: systemClock }, RoomLotteryRepository, RoomLotteryService, RoomLotteryMachine],
  exports: [ROOM_LOTTERY_CLOCK, RoomLotteryService, RoomLotteryMachine],
})
export class RoomLotteryCoreModule {}

/** High-demand room lottery (ADR 0021): rounds over high-demand rooms through the shared lottery engine. */
@Module({
  imports: [RoomLotteryCoreModule],
  controllers: [RoomLotteryController],
  exports: [RoomLotteryCoreModule],
})
export class RoomLotteryModule {}
