import { Injectable } from '@nestjs/common';
import { waitlistPass, type DrawRecord, type Promotion } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { randomUUID } from 'node:crypto';
import { AllocatedBooking, AllocationRepository, AllocationRow } from '../allocation.repository';
import { LotteryNotifier } from '../lottery-notifier';
import { RequestsRepository } from '../requests.repository';
import { RoundRow, RoundsRepository } from '../rounds.repository';
import { BookingSpan, CommitmentSpan, iso, toBooking, toCommitment, toDowntime } from '../rules/lottery-input';

const ACTIVE = new Set(['provisional', 'confirmed', 'in_use']);
const isActive = (status: string | null | undefined) => status !== null && status !== undefined && ACTIVE.has(status);

/**
 * confirming → first_come, at the confirmation deadline, in one transaction:
 * 1. 当選無効: every win still provisional becomes `released` (its holder is told; the streak was
 *    already reset by the win, which LOTTERY.md counts the same as a forfeit);
 * 2. 繰り上げ: the engine's waitlistPass over the stored record gives the capacity of declined,
 *    voided and cancelled wins — and of cancelled priority reservations — to losing requests in
 *    the draw's own snake order. Promotions are booked `confirmed` at once (source `waitlist`):
 *    first-come opens right after, so there is no second confirmation round (ADR 0010).
 *
 * The pass sees the pool as it is now, not as it was at the draw: blocks, bookings and driver
 * commitments made since are added to the record's input, and wins moved to another car by a
 * block are read on their new car. What was added is stored with the pass, so the pass can be re-run.
 */
@Injectable()
export class ReleaseStep {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly allocations: AllocationRepository,
    private readonly requests: RequestsRepository,
    private readonly notifier: LotteryNotifier,
    private readonly audit: AuditService,
  ) {}

  async run(round: RoundRow, now: Date): Promise<boolean> {
    const record = await this.allocations.drawRecord(round.id);
    if (!record) throw new Error(`round ${round.id} is confirming without a draw record`);

    const voided = await this.allocations.voidUnconfirmed(round.id, now);
    const rows = await this.allocations.allocations(round.id);
    const requestOfBooking = new Map(rows.filter((r) => r.bookingId).map((r) => [r.bookingId!, r]));
    for (const v of voided) {
      await this.audit.record('car_booking.void', 'car_booking', v.id, { status: 'provisional' }, { status: 'released', roundId: round.id });
      const request = requestOfBooking.get(v.id);
      if (request) await this.notifier.winVoid(round, v.bookedBy, { requestId: request.requestId, bookingId: v.id, startsAt: v.startsAt, endsAt: v.endsAt });
    }

    const { promotions, digest, passNo } = await this.waitlist(round, record, rows);
    if (!(await this.rounds.transition(round.id, 'confirming', 'first_come', now, { waitlistDigest: digest }))) throw new Error(`round ${round.id} left 'confirming' during its release`);

    // Streaks: a promotion is a win, a void a forfeit — both leave z at 0 (docs/lottery.md §4).
    const resetUsers = new Set([...promotions.map((p) => p.userId), ...voided.map((v) => v.bookedBy)]);
    await this.allocations.setStreaks(round.poolId, round.id, [...resetUsers].map((userId) => ({ userId, zeroWinStreak: 0 })));

    const labels = await this.allocations.carLabels(promotions.map((p) => p.booking.carId));
    for (const p of promotions) {
      const label = labels.get(p.booking.carId)!;
      await this.notifier.promoted(round, p.userId, {
        requestId: p.booking.requestId,
        bookingId: p.booking.id,
        option: p.option,
        className: label.className,
        plateNumber: label.plateNumber,
        startsAt: p.booking.startsAt,
        endsAt: p.booking.endsAt,
      });
      await this.audit.record('car_booking.promote', 'car_booking', p.booking.id, null, {
        roundId: round.id,
        requestId: p.booking.requestId,
        carId: p.booking.carId,
        driverId: p.booking.driverId,
        startsAt: iso(p.booking.startsAt),
        endsAt: iso(p.booking.endsAt),
        source: 'waitlist',
        status: 'confirmed',
      });
    }
    await this.audit.record('car_lottery_round.release', 'car_lottery_round', round.id, { status: round.status }, {
      status: 'first_come',
      voided: voided.length,
      promoted: promotions.length,
      waitlistPass: passNo,
      waitlistDigest: digest,
    });
    return true;
  }

  private async waitlist(round: RoundRow, record: DrawRecord, rows: AllocationRow[]) {
    const requests = await this.requests.activeForInput(round.id);
    const requestById = new Map(requests.map((r) => [r.id, r]));
    const driverIds = [...new Set(requests.map((r) => r.driverId))].sort();
    const { registered } = await this.allocations.poolState(round.poolId, driverIds, true);
    const resources = new Set(record.input.classes.flatMap((c) => c.resources));
    const resourceList = [...resources].sort();
    const rowByRequest = new Map(rows.map((r) => [r.requestId, r]));
    const { periodStart: from, periodEnd: to } = round;

    // Wins and earlier promotions that no longer hold their car (declined, void, cancelled).
    const releasedRequestIds = rows.filter((r) => (r.result === 'won' || r.result === 'promoted') && !isActive(r.bookingStatus)).map((r) => r.requestId).sort();
    // Held ones are read where they are now (a block may have moved them to another car of the class).
    const whereNow = <T extends { requestId: string; resourceId: string }>(a: T): T => {
      const r = rowByRequest.get(a.requestId);
      return r && isActive(r.bookingStatus) && r.carId && r.carId !== a.resourceId && resources.has(r.carId) ? { ...a, resourceId: r.carId } : a;
    };
    const assignment = record.assignment.map(whereNow);
    const passes = await this.allocations.waitlistPasses(round.id);
    const prior: Promotion[] = passes.flatMap((p) => p.promotions).map(whereNow);

    // The record's pre-existing bookings: released if cancelled, re-read if moved or changed.
    const inputBookings = record.input.bookings ?? [];
    const current = await this.allocations.bookingsByIds(inputBookings.map((b) => b.id));
    const releasedBookingIds: string[] = [];
    const changed: BookingSpan[] = [];
    const changedElsewhere: CommitmentSpan[] = [];
    for (const b of inputBookings) {
      const now = current.get(b.id);
      if (!now || !isActive(now.status)) {
        releasedBookingIds.push(b.id);
      } else if (now.carId !== b.resourceId || iso(now.startsAt) !== iso(new Date(b.start)) || iso(now.endsAt) !== iso(new Date(b.end))) {
        releasedBookingIds.push(b.id);
        if (resources.has(now.carId)) changed.push({ ...now, id: `${b.id}:current` });
        else changedElsewhere.push(now);
      }
    }
    const known = new Set(inputBookings.map((b) => b.id));
    const extraBookings = (await this.allocations.bookingsOnCars(resourceList, from, to, round.id)).filter((b) => !known.has(b.id));
    const blocks = await this.allocations.blocks(resourceList, from, to);
    const commitments: CommitmentSpan[] = [
      ...(await this.allocations.commitmentsElsewhere(driverIds, resourceList, from, to, round.id)),
      ...changedElsewhere,
      ...driverIds.filter((d) => !registered.has(d)).map((driverId) => ({ driverId, startsAt: from, endsAt: to })),
    ];

    const augmented: DrawRecord = {
      ...record,
      input: {
        ...record.input,
        downtime: blocks.map(toDowntime),
        bookings: [...inputBookings, ...extraBookings.map(toBooking), ...changed.map(toBooking)],
        driverCommitments: commitments.map(toCommitment),
      },
      assignment,
    };
    const result = waitlistPass(augmented, { requestIds: releasedRequestIds, bookingIds: releasedBookingIds }, prior);

    const bookings: Array<AllocatedBooking & { userId: string }> = [];
    const promotions = result.promotions.map((p) => {
      const request = requestById.get(p.requestId)!;
      const option = request.options[p.option - 1];
      const booking: AllocatedBooking = {
        id: randomUUID(),
        requestId: p.requestId,
        carId: p.resourceId,
        driverId: request.driverId,
        bookedBy: request.userId,
        startsAt: option.startsAt,
        endsAt: option.endsAt,
        purpose: request.purpose,
        destination: request.destination,
        passengers: request.passengers,
        outOfPrefecture: request.outOfPrefecture,
        source: 'waitlist',
        status: 'confirmed',
      };
      bookings.push({ ...booking, userId: request.userId });
      return { userId: request.userId, option: p.option, booking };
    });
    await this.allocations.insertBookings(bookings, round.id);
    await this.allocations.setOutcomes(promotions.map((p) => ({ requestId: p.booking.requestId, result: 'promoted' as const, wonOption: p.option, bookingId: p.booking.id })));

    const passNo = passes.length + 1;
    await this.allocations.insertWaitlistPass(round.id, {
      passNo,
      releasedRequestIds,
      releasedBookingIds: [...new Set(releasedBookingIds)].sort(),
      prior,
      adjustments: {
        note: 'the pool as it was at this pass: these replace the record input downtime and driverCommitments, and are added to its bookings; assignment and prior read where held now',
        downtime: augmented.input.downtime,
        extraBookings: [...extraBookings.map(toBooking), ...changed.map(toBooking)],
        driverCommitments: augmented.input.driverCommitments,
        assignment: assignment.filter((a, i) => a.resourceId !== record.assignment[i].resourceId),
      },
      promotions: result.promotions as Promotion[],
      digest: result.digest,
    });
    return { promotions, digest: result.digest, passNo };
  }
}
