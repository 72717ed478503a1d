import { Injectable } from '@nestjs/common';
import { AppError } from '@rr/domain';
import type { CarBookingPolicy, FirstComeBookingContext } from '@rr/server/cars';
import { RoundsRepository } from './rounds.repository';

/**
 * LOTTERY.md step 6 as a CarBookingPolicy: a first-come booking of a car in a pool is refused while
 * a round of that pool covering any part of the trip has not reached its first-come time — from the
 * round's creation (rounds are created `createAheadDays` before their window, earlier than the cars'
 * booking horizon reaches the period), through the window, the draw, the confirmation and the
 * waitlist pass. Afterwards first-come is open and still guarded by the exclusion constraints.
 * Priority and lottery bookings are not subject to policies (CarBookingPolicies).
 */
@Injectable()
export class LotteryFirstComePolicy implements CarBookingPolicy {
  readonly name = 'car-lottery:first-come-window';

  constructor(private readonly rounds: RoundsRepository) {}

  async checkFirstCome(ctx: FirstComeBookingContext): Promise<AppError | null> {
    const until = await this.rounds.firstComeClosedUntil(ctx.poolId, ctx.startsAt, ctx.endsAt, ctx.now);
    return until ? new AppError('CAR_BOOKING_CLOSED', 'forbidden', { from: until.toISOString() }) : null;
  }
}
