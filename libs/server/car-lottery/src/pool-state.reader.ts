import { Injectable } from '@nestjs/common';
import type { LotteryInput } from '@rr/domain';
import { AllocationRepository, PoolCarRow } from './allocation.repository';
import { RequestForAllocation, RequestsRepository } from './requests.repository';
import type { RoundRow } from './rounds.repository';
import { buildLotteryInput, CommitmentSpan } from './rules/lottery-input';

export interface PoolSnapshot {
  input: LotteryInput;
  requests: RequestForAllocation[];
  cars: PoolCarRow[];
}

/**
 * Reads a round's pool as the engine sees it: active cars by class, maintenance blocks, active
 * bookings on those cars (priority reservations, first-come, anything else), the request drivers'
 * bookings elsewhere, and the requests. A driver whose registration was removed is busy for the
 * whole period (a booking could not name them). With `lock`, drivers and cars are locked first.
 */
@Injectable()
export class PoolStateReader {
  constructor(
    private readonly allocations: AllocationRepository,
    private readonly requests: RequestsRepository,
  ) {}

  async read(round: RoundRow, lock: boolean): Promise<PoolSnapshot> {
    const requests = await this.requests.activeForInput(round.id);
    const driverIds = [...new Set(requests.map((r) => r.driverId))].sort();
    const { cars, registered } = await this.allocations.poolState(round.poolId, driverIds, lock);
    const carIds = cars.map((c) => c.id);
    const [blocks, bookings, elsewhere] = [
      await this.allocations.blocks(carIds, round.periodStart, round.periodEnd),
      await this.allocations.bookingsOnCars(carIds, round.periodStart, round.periodEnd),
      await this.allocations.commitmentsElsewhere(driverIds, carIds, round.periodStart, round.periodEnd),
    ];
    const unregistered: CommitmentSpan[] = driverIds
      .filter((d) => !registered.has(d))
      .map((driverId) => ({ driverId, startsAt: round.periodStart, endsAt: round.periodEnd }));
    const input = buildLotteryInput({
      roundId: round.id,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      cars,
      blocks,
      bookings,
      commitments: [...elsewhere, ...unregistered],
      requests,
    });
    return { input, requests, cars };
  }
}
