import { Module } from '@nestjs/common';
import { RoomLotteryCoreModule } from '@rr/server/room-lottery';
import { RoomLotteryTickHandler } from './room-lottery-tick.handler';

/** The worker's side of the high-demand room lottery: the tick (ADR 0021). */
@Module({
  imports: [RoomLotteryCoreModule],
  providers: [RoomLotteryTickHandler],
})
export class RoomLotteryWorkerModule {}
