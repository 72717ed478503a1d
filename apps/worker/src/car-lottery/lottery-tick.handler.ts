import { Injectable, Logger } from '@nestjs/common';
import { RoundMachine, TickOutcome } from '@rr/server/car-lottery';
import { JobHandler, JobHandlerInstance, QueueService } from '@rr/server/queue';

/**
 * `lottery.tick` (repeatable, fixed scheduler id): creates upcoming rounds and advances every round
 * with a due step. Due draws are handed to `lottery.draw` under the job id `draw:<roundId>`; a draw
 * that job has not done within DRAW_RECOVERY_MS (job lost with Redis, or failed for good) is run by
 * the tick itself. Running the same tick on two workers is harmless (ADR 0010).
 */
@Injectable()
@JobHandler('lottery.tick')
export class LotteryTickHandler implements JobHandlerInstance<'lottery.tick'> {
  private readonly logger = new Logger('LotteryTick');

  constructor(
    private readonly machine: RoundMachine,
    private readonly queues: QueueService,
  ) {}

  async handle(): Promise<TickOutcome> {
    const outcome = await this.machine.tick(this.machine.clock.now(), async (roundId) => {
      await this.queues.enqueue('lottery.draw', { roundId }, { jobId: `draw:${roundId}` });
    });
    for (const a of outcome.advanced) this.logger.log(`round ${a.roundId}: ${a.steps.join(' → ')} (now ${a.status})`);
    return outcome;
  }
}
