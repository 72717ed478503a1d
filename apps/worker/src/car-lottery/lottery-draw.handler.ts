import { Injectable, Logger } from '@nestjs/common';
import { AdvanceOutcome, RoundMachine } from '@rr/server/car-lottery';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';
import type { Job } from 'bullmq';

/**
 * `lottery.draw` (job id `draw:<roundId>`): runs the round's due steps, the draw first. Idempotent:
 * if another worker holds the round, or the draw is done, nothing happens; if the draw fails, the
 * whole transaction rolls back and BullMQ retries (the tick recovers it after that).
 */
@Injectable()
@JobHandler('lottery.draw')
export class LotteryDrawHandler implements JobHandlerInstance<'lottery.draw'> {
  private readonly logger = new Logger('LotteryDraw');

  constructor(private readonly machine: RoundMachine) {}

  async handle(job: Job<{ roundId: string }>): Promise<AdvanceOutcome> {
    const outcome = await this.machine.advance(job.data.roundId, this.machine.clock.now(), { drawInline: true });
    if (outcome.steps.length) this.logger.log(`round ${outcome.roundId}: ${outcome.steps.join(' → ')} (now ${outcome.status})`);
    return outcome;
  }
}
