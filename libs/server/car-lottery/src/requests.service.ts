import { Inject, Injectable } from '@nestjs/common';
import type { CreateLotteryRequest, LotteryRequest, UpdateLotteryRequest } from '@rr/contracts';
import { Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { CarSettingsService, driverEligibilityForTrip } from '@rr/server/cars';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor, LotteryActor } from './actor';
import { CAR_LOTTERY_CLOCK } from './car-lottery.clock';
import { LotteryErrors } from './car-lottery.errors';
import { runLotteryTransaction } from './lottery-transaction';
import { toLotteryRequest } from './mappers';
import { OptionValues, RequestRecord, RequestsRepository } from './requests.repository';
import { RoundRow, RoundsRepository } from './rounds.repository';
import { checkOptions } from './rules/option-checks';

function snapshot(r: RequestRecord, options: OptionValues[]) {
  return {
    roundId: r.roundId,
    userId: r.userId,
    driverId: r.driverId,
    sectionId: r.sectionId,
    rank: r.rank,
    purpose: r.purpose,
    destination: r.destination,
    passengers: r.passengers,
    outOfPrefecture: r.outOfPrefecture,
    status: r.status,
    options: options.map((o) => ({ classCode: o.classCode, startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
  };
}

const toOptions = (options: CreateLotteryRequest['options']): OptionValues[] =>
  options.map((o) => ({ classCode: o.classCode, startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt) }));

/**
 * 抽選申込 while the window is open: create, edit, withdraw, reorder. Each runs in one transaction
 * holding the round FOR SHARE (the freeze's status change waits for it, and a submission that starts
 * after the freeze sees `frozen`), so no request slips in after the input was fixed.
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly repo: RequestsRepository,
    private readonly rounds: RoundsRepository,
    private readonly carSettings: CarSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(CAR_LOTTERY_CLOCK) private readonly clock: Clock,
  ) {}

  async mine(roundId: string, includeWithdrawn: boolean): Promise<LotteryRequest[]> {
    const actor = currentActor();
    const round = await this.rounds.findById(roundId);
    if (!round) throw LotteryErrors.roundNotFound();
    const now = this.clock.now();
    return (await this.repo.listMine(roundId, actor.id, includeWithdrawn)).map((v) => toLotteryRequest(v, round, now));
  }

  async get(id: string): Promise<LotteryRequest> {
    const actor = currentActor();
    const view = await this.repo.findView(id);
    if (!view) throw LotteryErrors.requestNotFound();
    if (view.userId !== actor.id && view.driverId !== actor.id && !actor.isAdmin) throw LotteryErrors.notOwner();
    const round = (await this.rounds.findById(view.roundId))!;
    return toLotteryRequest(view, round, this.clock.now());
  }

  async create(roundId: string, input: CreateLotteryRequest): Promise<LotteryRequest> {
    const actor = currentActor();
    const options = toOptions(input.options);
    const id = await runLotteryTransaction(this.tx, async () => {
      const round = await this.openRound(roundId);
      const driverId = input.driverId ?? actor.id;
      await this.checkRequest(round, actor, options, driverId, input.passengers);
      // Caps: counted under row locks of the section and the user, so two concurrent submissions
      // of one person (or one 課) cannot both pass a count of cap − 1.
      await this.repo.lockCapScopes(actor.sectionId, actor.id);
      if ((await this.repo.countActive(round.id, { userId: actor.id })) >= round.perUserCap) throw LotteryErrors.userCap(round.perUserCap);
      if ((await this.repo.countActive(round.id, { sectionId: actor.sectionId })) >= round.perSectionCap) throw LotteryErrors.sectionCap(round.perSectionCap);
      const rank = input.rank ?? (await this.repo.maxRank(round.id, actor.id)) + 1;
      const values = {
        roundId: round.id,
        userId: actor.id,
        driverId,
        sectionId: actor.sectionId,
        rank,
        purpose: input.purpose,
        destination: input.destination,
        passengers: input.passengers,
        outOfPrefecture: input.outOfPrefecture,
      };
      const requestId = await this.repo.insert(values, options);
      await this.audit.record('car_lottery_request.create', 'car_lottery_request', requestId, null, snapshot((await this.repo.findById(requestId))!, options));
      return requestId;
    });
    return this.get(id);
  }

  async update(id: string, patch: Partial<UpdateLotteryRequest>): Promise<LotteryRequest> {
    const actor = currentActor();
    await runLotteryTransaction(this.tx, async () => {
      const { round, request: before } = await this.ownActive(id, actor);
      const beforeView = (await this.repo.findView(id))!;
      const beforeOptions = beforeView.options.map((o) => ({ classCode: o.classCode, startsAt: o.startsAt, endsAt: o.endsAt }));
      const options = patch.options ? toOptions(patch.options) : beforeOptions;
      const driverId = patch.driverId ?? before.driverId;
      const passengers = patch.passengers ?? before.passengers;
      await this.checkRequest(round, actor, options, driverId, passengers, before.driverId);
      await this.repo.update(id, {
        rank: patch.rank,
        driverId: patch.driverId,
        purpose: patch.purpose,
        destination: patch.destination,
        passengers: patch.passengers,
        outOfPrefecture: patch.outOfPrefecture,
      });
      if (patch.options) await this.repo.replaceOptions(id, options);
      await this.audit.record('car_lottery_request.update', 'car_lottery_request', id, snapshot(before, beforeOptions), snapshot((await this.repo.findById(id))!, options));
    });
    return this.get(id);
  }

  /** 取下げ: free until the window closes; the request stays listed as withdrawn. */
  async withdraw(id: string): Promise<LotteryRequest> {
    const actor = currentActor();
    await runLotteryTransaction(this.tx, async () => {
      await this.ownActive(id, actor);
      await this.repo.update(id, { status: 'withdrawn', withdrawnAt: this.clock.now() });
      await this.audit.record('car_lottery_request.withdraw', 'car_lottery_request', id, { status: 'active' }, { status: 'withdrawn' });
    });
    return this.get(id);
  }

  /** The caller's own order of preference among their requests: the first listed gets rank 1. */
  async reorder(roundId: string, requestIds: string[]): Promise<LotteryRequest[]> {
    const actor = currentActor();
    await runLotteryTransaction(this.tx, async () => {
      await this.openRound(roundId);
      await this.repo.lockCapScopes(actor.sectionId, actor.id);
      const mine = await this.repo.activeOfUser(roundId, actor.id);
      const ids = new Set(requestIds);
      if (ids.size !== requestIds.length || mine.length !== requestIds.length || mine.some((r) => !ids.has(r.id))) throw LotteryErrors.reorderMismatch();
      for (const [i, requestId] of requestIds.entries()) await this.repo.update(requestId, { rank: i + 1 });
      await this.audit.record('car_lottery_request.reorder', 'car_lottery_round', roundId, { order: mine.map((r) => r.id) }, { order: requestIds });
    });
    return this.mine(roundId, false);
  }

  // ------------------------------------------------------------------ helpers

  /** The round, locked FOR SHARE, with its window open now; else 404 / 409. */
  private async openRound(roundId: string): Promise<RoundRow> {
    const round = await this.rounds.findById(roundId, 'share');
    if (!round) throw LotteryErrors.roundNotFound();
    const now = this.clock.now();
    if (round.status === 'scheduled' || (round.status === 'open' && now < round.opensAt)) throw LotteryErrors.windowNotOpen(round.opensAt.toISOString());
    if (round.status !== 'open' || now >= round.closesAt) throw LotteryErrors.windowClosed();
    return round;
  }

  /**
   * The caller's active request and its round with the window open. Locks in the order every
   * writer of a round uses — round, then request — so an edit racing the freeze or the draw waits
   * instead of deadlocking with it.
   */
  private async ownActive(id: string, actor: LotteryActor): Promise<{ round: RoundRow; request: RequestRecord }> {
    const unlocked = await this.repo.findById(id);
    if (!unlocked || unlocked.status !== 'active') throw LotteryErrors.requestNotFound();
    if (unlocked.userId !== actor.id) throw LotteryErrors.notOwner();
    const round = await this.openRound(unlocked.roundId);
    const request = (await this.repo.findById(id, true))!;
    if (request.status !== 'active') throw LotteryErrors.requestNotFound();
    return { round, request };
  }

  /**
   * Options (see rules/option-checks.ts), then the driver: registered, of the caller's section
   * unless it is the caller (an administrator may name anyone), eligible until the end of every
   * option; and not busy at every option (such a request could never win anything).
   */
  private async checkRequest(round: RoundRow, actor: LotteryActor, options: OptionValues[], driverId: string, passengers: number, unchangedDriverId?: string): Promise<void> {
    const rules = await this.carSettings.rules();
    const classes = new Map((await this.repo.poolClasses(round.poolId)).map((c) => [c.classCode, c]));
    checkOptions(options, {
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      classes,
      passengers,
      bookableFromMinute: rules.bookableFromMinute,
      bookableUntilMinute: rules.bookableUntilMinute,
      maxDurationMinutes: rules.maxDurationMinutes,
    });
    const driver = await this.repo.driverFacts(driverId);
    if (!driver) throw LotteryErrors.driverNotRegistered();
    const sameSection = driver.userId === actor.id || driver.userId === unchangedDriverId || driver.sectionId === actor.sectionId;
    if (!sameSection && !actor.isAdmin) throw LotteryErrors.driverOtherSection();
    const now = this.clock.now();
    const reasons = new Set<string>();
    for (const o of options) {
      const e = driverEligibilityForTrip(driver, o, now, rules.expiryWarningDays);
      e.reasons.forEach((r) => reasons.add(r));
    }
    if (reasons.size > 0) throw LotteryErrors.driverNotEligible([...reasons]);
    const busy = await this.repo.driverBusy(driverId, options);
    if (busy.every(Boolean)) throw LotteryErrors.optionsAllBusy();
  }
}
