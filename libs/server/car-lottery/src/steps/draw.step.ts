import { Injectable, Logger } from '@nestjs/common';
import { buildDrawRecord, drawRound, nextZeroWinStreak, type DrawParams } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { BusinessCalendarService } from '@rr/server/calendar';
import { randomUUID } from 'node:crypto';
import { AllocatedBooking, AllocationRepository } from '../allocation.repository';
import { LotteryNotifier, WinLine } from '../lottery-notifier';
import { PoolStateReader } from '../pool-state.reader';
import { RoundPatch, RoundRow, RoundsRepository } from '../rounds.repository';
import { fallbackExternalValue } from '../rules/external-value';
import { extendForLateDraw, reminderFor } from '../rules/round-schedule';

/** The reminder offset when the pool has no settings row (the column default). */
const DEFAULT_REMINDER_MINUTES = 480;

/**
 * frozen → drawn: the draw itself, exactly once per round (advisory lock, the row lock, the
 * conditional status change and the draw record's primary key), in one transaction with
 * everything it causes: the immutable record, the provisional bookings of the winners, the request
 * outcomes, the streaks, and the won/lost notifications in the outbox. Any failure rolls all of it
 * back; the next tick (or the job's retry) runs it again from the same frozen state.
 */
@Injectable()
export class DrawStep {
  private readonly logger = new Logger('LotteryDraw');

  constructor(
    private readonly rounds: RoundsRepository,
    private readonly allocations: AllocationRepository,
    private readonly reader: PoolStateReader,
    private readonly notifier: LotteryNotifier,
    private readonly calendars: BusinessCalendarService,
    private readonly audit: AuditService,
  ) {}

  async run(round: RoundRow, now: Date): Promise<boolean> {
    const frozen = await this.rounds.frozenState(round.id);
    if (!frozen.ticketTable || !round.secret || !round.commitment) throw new Error(`round ${round.id} is frozen without its ticket table or secret`);

    // Capacity is read again, under locks, so the bookings written below cannot collide with
    // anything committed since the freeze (a priority reservation, a block, a driver's booking
    // elsewhere). Requests cannot have changed. If capacity did change, the record's input digest
    // differs from the one published at the freeze and the round says so (ADR 0010).
    const { input, requests, cars } = await this.reader.read(round, true);
    let externalValue = round.externalValue;
    const fallback = externalValue === null;
    if (externalValue === null) externalValue = fallbackExternalValue(round.id, await this.rounds.previousDrawn(round.poolId, round.periodStart));

    const params: DrawParams = {
      input,
      streaks: frozen.ticketTable.map((t) => ({ userId: t.userId, zeroWinStreak: t.zeroWinStreak })),
      secret: round.secret,
      externalValue,
      commitment: round.commitment,
    };
    const result = drawRound(params);
    if (result.assignFailures > 0) throw new Error(`draw of round ${round.id}: ${result.assignFailures} winners without a car (engine invariant broken)`);
    const record = buildDrawRecord(params, result);
    await this.allocations.insertDrawRecord(record);

    const requestById = new Map(requests.map((r) => [r.id, r]));
    const carById = new Map(cars.map((c) => [c.id, c]));
    const bookings: AllocatedBooking[] = [];
    const outcomes: Array<{ requestId: string; result: 'won' | 'lost'; wonOption: number; bookingId: string | null }> = [];
    const winsByUser = new Map<string, WinLine[]>();
    const requestsByUser = new Map<string, number>();
    result.requestIds.forEach((requestId, i) => {
      const request = requestById.get(requestId)!;
      requestsByUser.set(request.userId, (requestsByUser.get(request.userId) ?? 0) + 1);
      const option = result.wonOption[i];
      if (option === 0) {
        outcomes.push({ requestId, result: 'lost', wonOption: 0, bookingId: null });
        return;
      }
      const chosen = request.options[option - 1];
      const carId = result.assignedResource[i]!;
      const id = randomUUID();
      bookings.push({
        id,
        requestId,
        carId,
        driverId: request.driverId,
        bookedBy: request.userId,
        startsAt: chosen.startsAt,
        endsAt: chosen.endsAt,
        purpose: request.purpose,
        destination: request.destination,
        passengers: request.passengers,
        outOfPrefecture: request.outOfPrefecture,
        source: 'lottery',
        status: 'provisional',
      });
      outcomes.push({ requestId, result: 'won', wonOption: option, bookingId: id });
      const car = carById.get(carId)!;
      winsByUser.set(request.userId, [
        ...(winsByUser.get(request.userId) ?? []),
        { requestId, bookingId: id, option, className: car.className, plateNumber: car.plateNumber, startsAt: chosen.startsAt, endsAt: chosen.endsAt },
      ]);
    });
    await this.allocations.insertBookings(bookings, round.id);
    await this.allocations.setOutcomes(outcomes);

    // z ← 0 on any win, z + 1 for an applicant who won nothing (docs/lottery.md §4), from the
    // streaks frozen into the ticket table — never from whatever the table holds now.
    await this.allocations.setStreaks(
      round.poolId,
      round.id,
      result.tickets.map((t) => ({ userId: t.userId, zeroWinStreak: nextZeroWinStreak(t.zeroWinStreak, { applied: true, won: winsByUser.has(t.userId) }) })),
    );

    const patch: RoundPatch = {
      drawnAt: now,
      seed: result.seed,
      drawInputDigest: result.inputDigest,
      inputChangedAfterFreeze: result.inputDigest !== round.inputDigest || result.ticketDigest !== round.ticketDigest,
      resultDigest: result.resultDigest,
    };
    if (fallback) Object.assign(patch, { externalValue, externalValueSource: 'fallback', externalValueSetAt: now, externalValueSetBy: null });
    const late = extendForLateDraw(await this.calendars.calendar(), now, round);
    let confirmBy = round.confirmBy;
    if (late) {
      confirmBy = late.confirmBy;
      const minutes = (await this.rounds.findSettings(round.poolId))?.reminderMinutesBefore ?? DEFAULT_REMINDER_MINUTES;
      Object.assign(patch, { confirmBy: late.confirmBy, firstComeAt: late.firstComeAt, reminderAt: reminderFor(late.confirmBy, now, minutes) });
      this.logger.warn(`round ${round.id} drawn late (${now.toISOString()}): confirmation deadline moved to ${late.confirmBy.toISOString()}`);
    }
    if (!(await this.rounds.transition(round.id, 'frozen', 'drawn', now, patch))) throw new Error(`round ${round.id} left 'frozen' during its draw`);

    for (const [userId, wins] of winsByUser) await this.notifier.won(round, confirmBy, userId, wins);
    const losers = new Map([...requestsByUser].filter(([userId]) => !winsByUser.has(userId)));
    await this.notifier.lost(round, losers);

    await this.audit.record('car_lottery_round.draw', 'car_lottery_round', round.id, { status: round.status }, {
      status: 'drawn',
      algorithm: result.algorithm,
      seed: result.seed,
      inputDigest: result.inputDigest,
      ticketDigest: result.ticketDigest,
      resultDigest: result.resultDigest,
      externalValue,
      externalValueSource: fallback ? 'fallback' : 'official',
      inputChangedAfterFreeze: patch.inputChangedAfterFreeze,
      requests: result.requestIds.length,
      applicants: result.order.length,
      wins: bookings.length,
      confirmBy: confirmBy.toISOString(),
    });
    return true;
  }
}
