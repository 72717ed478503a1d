import { Inject, Injectable } from '@nestjs/common';
import type { CreateLotteryRound, LotteryAdvanceResult, LotteryRound, LotteryRoundsQuery, Page } from '@rr/contracts';
import { Clock, tokyoInstant } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { BusinessCalendarService } from '@rr/server/calendar';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { CAR_LOTTERY_CLOCK } from './car-lottery.clock';
import { LotteryErrors } from './car-lottery.errors';
import { settingsValues } from './lottery-settings.service';
import { runLotteryTransaction } from './lottery-transaction';
import { toLotteryRound } from './mappers';
import { cycleOf, RoundMachine, roundSummary } from './round-machine.service';
import { RoundsRepository } from './rounds.repository';
import { addDays, computeRoundSchedule, reminderFor, scheduleProblem, windowMondayFor } from './rules/round-schedule';
import { roundSnapshot } from './steps/simple-steps';

const MAX_PERIOD_DAYS = 31;

/** Rounds as everyone reads them, and what garage administrators do to them by hand. */
@Injectable()
export class RoundsService {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly machine: RoundMachine,
    private readonly calendars: BusinessCalendarService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(CAR_LOTTERY_CLOCK) private readonly clock: Clock,
  ) {}

  async list(query: LotteryRoundsQuery): Promise<Page<LotteryRound>> {
    const { items, total } = await this.rounds.list(query);
    const counts = await this.rounds.counts(items.map((r) => r.id));
    const now = this.clock.now();
    return { items: items.map((r) => toLotteryRound(r, counts.get(r.id), now)), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<LotteryRound> {
    const round = await this.rounds.findById(id);
    if (!round) throw LotteryErrors.roundNotFound();
    return toLotteryRound(round, (await this.rounds.counts([id])).get(id), this.clock.now());
  }

  /**
   * A round by hand: whole Tokyo days, and any instant not given comes from the pool's settings
   * (computed for the window week of the period, shifted by the business calendar).
   */
  async create(input: CreateLotteryRound): Promise<LotteryRound> {
    const actor = currentActor();
    const id = await runLotteryTransaction(this.tx, async () => {
      if (!(await this.rounds.poolExists(input.poolId))) throw LotteryErrors.poolNotFound();
      const settings = settingsValues(await this.rounds.findSettings(input.poolId));
      const lastDate = input.periodEnd ?? addDays(input.periodStart, settings.periodDays - 1);
      if (lastDate < input.periodStart) throw LotteryErrors.scheduleInvalid('periodEnd is before periodStart');
      if (addDays(input.periodStart, MAX_PERIOD_DAYS - 1) < lastDate) throw LotteryErrors.scheduleInvalid(`a period is at most ${MAX_PERIOD_DAYS} days`);
      const defaults = computeRoundSchedule(windowMondayFor(input.periodStart, settings.periodOffsetDays), cycleOf(settings), await this.calendars.calendar());
      const pick = (value: string | undefined, fallback: Date) => (value ? new Date(value) : fallback);
      const s = {
        periodStart: tokyoInstant(input.periodStart),
        periodEnd: tokyoInstant(addDays(lastDate, 1)),
        opensAt: pick(input.opensAt, defaults.opensAt),
        closesAt: pick(input.closesAt, defaults.closesAt),
        drawAt: pick(input.drawAt, defaults.drawAt),
        confirmBy: pick(input.confirmBy, defaults.confirmBy),
        firstComeAt: pick(input.firstComeAt, defaults.firstComeAt),
      };
      const problem = scheduleProblem(s);
      if (problem) throw LotteryErrors.scheduleInvalid(problem);
      const inserted = await this.rounds.insert({
        poolId: input.poolId,
        ...s,
        reminderAt: reminderFor(s.confirmBy, s.drawAt, settings.reminderMinutesBefore),
        perUserCap: input.perUserCap ?? settings.perUserCap,
        perSectionCap: input.perSectionCap ?? settings.perSectionCap,
        createdBy: actor.id,
      });
      await this.audit.record('car_lottery_round.create', 'car_lottery_round', inserted!, null, roundSummary(input.poolId, s));
      return inserted!;
    });
    return this.get(id);
  }

  /**
   * The external random value (e.g. a named national lottery draw, typed in by an official) — once,
   * and only before the draw: it is a seed input, so it must be fixed before anyone could know it
   * helps or hurts. Without it the draw uses the documented fallback.
   */
  async setExternalValue(id: string, value: string): Promise<LotteryRound> {
    const actor = currentActor();
    await runLotteryTransaction(this.tx, async () => {
      const round = await this.rounds.findById(id, 'update');
      if (!round) throw LotteryErrors.roundNotFound();
      if (!['scheduled', 'open', 'frozen'].includes(round.status)) throw LotteryErrors.alreadyDrawn();
      if (round.externalValue !== null) throw LotteryErrors.externalValueSet();
      const now = this.clock.now();
      await this.rounds.patch(id, { externalValue: value, externalValueSource: 'official', externalValueSetBy: actor.id, externalValueSetAt: now }, { externalValueIsNull: true });
      await this.audit.record('car_lottery_round.external_value', 'car_lottery_round', id, roundSnapshot(round), { externalValue: value, externalValueSource: 'official' });
    });
    return this.get(id);
  }

  /** Runs what is due now (the same steps the worker's tick runs), e.g. after an outage. */
  async advance(id: string): Promise<LotteryAdvanceResult> {
    const { roundId, status, steps } = await this.machine.advance(id, this.clock.now(), { drawInline: true });
    return { roundId, status, steps };
  }
}
