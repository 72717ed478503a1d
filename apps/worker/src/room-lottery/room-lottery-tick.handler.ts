import { Injectable, Logger } from '@nestjs/common';
import type { RoomLotteryTickResult } from '@rr/contracts';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';
import { RoomLotteryMachine } from '@rr/server/room-lottery';

/**
 * `room-lottery.tick` (repeatable, every minute): advances every due room lottery round (ADR 0021).
 * With two workers each round's step runs once (advisory lock, row lock, conditional update).
 */
@Injectable()
@JobHandler('room-lottery.tick')
export class RoomLotteryTickHandler implements JobHandlerInstance<'room-lottery.tick'> {
  private readonly logger = new Logger('RoomLotteryTick');

  constructor(private readonly machine: RoomLotteryMachine) {}

  async handle(): Promise<RoomLotteryTickResult> {
    const outcome = await this.machine.tick();
    if (outcome.advanced.length) this.logger.log(`advanced ${outcome.advanced.length} room lottery step(s)`);
    return outcome;
  }
}
