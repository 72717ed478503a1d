import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LotteryAdvanceResult } from '@rr/contracts';
import { Clock, tokyoDate } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { BusinessCalendarService } from '@rr/server/calendar';
import { TransactionHost } from '@rr/server/persistence';
import { CAR_LOTTERY_CLOCK } from './car-lottery.clock';
import { LotteryErrors } from './car-lottery.errors';
import { runLotteryTransaction } from './lottery-transaction';
import { RoundRow, RoundsRepository, SettingsValues } from './rounds.repository';
import { addDays, computeRoundSchedule, CycleSettings, mondayOf } from './rules/round-schedule';
import { nextDueStep, RoundStep } from './rules/round-state';
import { DrawStep } from './steps/draw.step';
import { ReleaseStep } from './steps/release.step';
import { SimpleSteps } from './steps/simple-steps';

/** A draw job that has not run this long after the draw time is run by the tick itself. */
export const DRAW_RECOVERY_MS = 2 * 60_000;
/** Steps one call runs at most (a round can be at most six steps behind). */
const MAX_STEPS = 8;

export interface AdvanceOutcome extends LotteryAdvanceResult {
  /** The draw is due but was left to the `lottery.draw` job. */
  drawDeferred: boolean;
}

export interface TickOutcome {
  created: number;
  advanced: LotteryAdvanceResult[];
  drawsEnqueued: string[];
  failed: Array<{ roundId: string; error: string }>;
}

export function cycleOf(s: SettingsValues): CycleSettings {
  return {
    opens: { day: s.opensDay, minute: s.opensMinute },
    closes: { day: s.closesDay, minute: s.closesMinute },
    draw: { day: s.drawDay, minute: s.drawMinute },
    confirmBy: { day: s.confirmDay, minute: s.confirmMinute },
    firstCome: { day: s.firstComeDay, minute: s.firstComeMinute },
    periodOffsetDays: s.periodOffsetDays,
    periodDays: s.periodDays,
    reminderMinutesBefore: s.reminderMinutesBefore,
  };
}

/**
 * Drives rounds through their state machine (ADR 0010). Every step runs in its own transaction:
 * `pg_try_advisory_xact_lock` on the round (a second worker skips instead of waiting), then the
 * round row FOR UPDATE, then a fresh check that the step is still due, then the step, which ends in
 * a conditional `UPDATE … WHERE status = <expected>`. Re-running any step is harmless, and a round
 * left behind by a crash or an outage is simply due at the next tick.
 */
@Injectable()
export class RoundMachine {
  private readonly logger = new Logger('LotteryRounds');

  constructor(
    private readonly tx: TransactionHost,
    private readonly rounds: RoundsRepository,
    private readonly simple: SimpleSteps,
    private readonly draw: DrawStep,
    private readonly release: ReleaseStep,
    private readonly calendars: BusinessCalendarService,
    private readonly audit: AuditService,
    @Inject(CAR_LOTTERY_CLOCK) readonly clock: Clock,
  ) {}

  /**
   * Runs every step of one round that is due at `now`, one transaction each. With `drawInline`
   * false the draw is left to the `lottery.draw` job (the caller enqueues it).
   */
  async advance(roundId: string, now: Date = this.clock.now(), opts: { drawInline?: boolean } = {}): Promise<AdvanceOutcome> {
    const steps: RoundStep[] = [];
    let drawDeferred = false;
    for (let i = 0; i < MAX_STEPS; i++) {
      const round = await this.rounds.findById(roundId);
      if (!round) throw LotteryErrors.roundNotFound();
      const step = nextDueStep(round, now);
      if (!step) break;
      if (step === 'draw' && opts.drawInline === false) {
        drawDeferred = true;
        break;
      }
      if (!(await this.runStep(step, roundId, now))) break;
      steps.push(step);
    }
    const after = await this.rounds.findById(roundId);
    return { roundId, status: after!.status, steps, drawDeferred };
  }

  /** One step in one transaction; false when another holder has the round or the step is no longer due. */
  async runStep(step: RoundStep, roundId: string, now: Date): Promise<boolean> {
    return runLotteryTransaction(this.tx, async () => {
      if (!(await this.rounds.tryLock(roundId))) return false;
      const round = await this.rounds.findById(roundId, 'update');
      if (!round || nextDueStep(round, now) !== step) return false;
      switch (step) {
        case 'open':
          return this.simple.open(round, now);
        case 'freeze':
          return this.simple.freeze(round, now);
        case 'draw':
          return this.draw.run(round, now);
        case 'publish':
          return this.simple.publish(round, now);
        case 'remind':
          return this.simple.remind(round, now);
        case 'release':
          return this.release.run(round, now);
        case 'close':
          return this.simple.close(round, now);
      }
    });
  }

  /**
   * The worker's repeatable job: create the enabled pools' upcoming rounds, then advance every round
   * with a due step. A due draw goes to `enqueueDraw` (job id `draw:<roundId>`) unless it is overdue
   * by DRAW_RECOVERY_MS — a lost or failed job — in which case the tick draws itself. One round's
   * failure does not stop the others; it is retried at the next tick.
   */
  async tick(now: Date = this.clock.now(), enqueueDraw?: (roundId: string) => Promise<void>): Promise<TickOutcome> {
    const outcome: TickOutcome = { created: 0, advanced: [], drawsEnqueued: [], failed: [] };
    try {
      outcome.created = await this.ensureUpcomingRounds(now);
    } catch (error) {
      this.logger.error(`creating upcoming rounds: ${(error as Error).message}`);
      outcome.failed.push({ roundId: '-', error: (error as Error).message });
    }
    for (const roundId of await this.rounds.dueIds(now)) {
      try {
        const round = (await this.rounds.findById(roundId))!;
        const overdue = now.getTime() - round.drawAt.getTime() >= DRAW_RECOVERY_MS;
        const result = await this.advance(roundId, now, { drawInline: !enqueueDraw || overdue });
        if (result.drawDeferred && enqueueDraw) {
          await enqueueDraw(roundId);
          outcome.drawsEnqueued.push(roundId);
        }
        if (result.steps.length) outcome.advanced.push({ roundId, status: result.status, steps: result.steps });
      } catch (error) {
        this.logger.error(`round ${roundId}: ${(error as Error).message}`);
        outcome.failed.push({ roundId, error: (error as Error).message });
      }
    }
    return outcome;
  }

  /**
   * Creates each enabled pool's weekly rounds whose window opens within `createAheadDays` (and has
   * not closed yet). The exclusion constraint on (pool, period) makes a second worker's identical
   * insert a no-op (ON CONFLICT DO NOTHING), and a round an administrator made by hand wins.
   */
  async ensureUpcomingRounds(now: Date): Promise<number> {
    const enabled = await this.rounds.enabledSettings();
    if (enabled.length === 0) return 0;
    const calendar = await this.calendars.calendar();
    let created = 0;
    for (const settings of enabled) {
      const cycle = cycleOf(settings);
      const horizon = now.getTime() + settings.createAheadDays * 86_400_000;
      let monday = addDays(mondayOf(tokyoDate(now)), -28);
      for (let k = 0; k < 60; k++, monday = addDays(monday, 7)) {
        const s = computeRoundSchedule(monday, cycle, calendar);
        if (s.opensAt.getTime() > horizon) break;
        if (s.closesAt.getTime() <= now.getTime()) continue;
        const id = await runLotteryTransaction(this.tx, async () => {
          const inserted = await this.rounds.insert(
            { poolId: settings.poolId, ...s, perUserCap: settings.perUserCap, perSectionCap: settings.perSectionCap, createdBy: null },
            true,
          );
          if (inserted) await this.audit.record('car_lottery_round.create', 'car_lottery_round', inserted, null, roundSummary(settings.poolId, s));
          return inserted;
        });
        if (id) created++;
      }
    }
    return created;
  }
}

export function roundSummary(poolId: string, s: Pick<RoundRow, 'periodStart' | 'periodEnd' | 'opensAt' | 'closesAt' | 'drawAt' | 'confirmBy' | 'firstComeAt'>) {
  return {
    poolId,
    status: 'scheduled',
    periodStart: s.periodStart.toISOString(),
    periodEnd: s.periodEnd.toISOString(),
    opensAt: s.opensAt.toISOString(),
    closesAt: s.closesAt.toISOString(),
    drawAt: s.drawAt.toISOString(),
    confirmBy: s.confirmBy.toISOString(),
    firstComeAt: s.firstComeAt.toISOString(),
  };
}
