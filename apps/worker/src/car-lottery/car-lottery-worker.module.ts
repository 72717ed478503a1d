import { Module } from '@nestjs/common';
import { CarLotteryCoreModule } from '@rr/server/car-lottery';
import { LotteryDrawHandler } from './lottery-draw.handler';
import { LotteryTickHandler } from './lottery-tick.handler';

/** The worker's side of the car lottery: the repeatable tick and the draw job (ADR 0010). */
@Module({
  imports: [CarLotteryCoreModule],
  providers: [LotteryTickHandler, LotteryDrawHandler],
})
export class CarLotteryWorkerModule {}
