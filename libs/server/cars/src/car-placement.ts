import { Injectable } from '@nestjs/common';
import type { AppError } from '@rr/domain';
import { CAR_BOOKING_CAR_EXCLUSION } from '@rr/server/persistence';
import { CarBookingPolicies, FirstComeBookingContext } from './car-booking-policy';
import { CarBookingsRepository } from './car-bookings.repository';
import { CarsRepository } from './cars.repository';
import { isExclusionViolation } from './cars.errors';

export interface LockedCar {
  id: string;
  seats: number;
  classCode: string;
  poolId: string;
}

export type PlacementFailure =
  | { reason: 'missing' | 'retired' | 'blocked' | 'taken' }
  | { reason: 'too_small'; seats: number }
  | { reason: 'policy'; refusal: AppError };

export type PlacementResult = { placed: true; car: LockedCar } | { placed: false; failures: PlacementFailure[] };

/** The first-come policy context minus what depends on the car being tried. */
export type PolicyContext = Omit<FirstComeBookingContext, 'carId' | 'poolId' | 'classCode'>;

/** Thrown inside an attempt's savepoint to undo it (and release the car's lock) and move on. */
class SkipCar {
  constructor(readonly failure: PlacementFailure) {}
}

/**
 * Puts a trip on the first car, in the given order, that takes it. No check-then-insert for
 * bookings: each car is simply written to and the exclusion constraint decides; a 23P01 on the
 * car's constraint means "taken meanwhile", so the next car is tried. A 23P01 on the driver's
 * constraint is thrown at once: no other car can cure a driver's double booking.
 *
 * Each attempt runs under its own savepoint: it locks the car row (FOR NO KEY UPDATE, see
 * CarsRepository.lockForBooking), checks that the car is active, big enough, not blocked and
 * allowed by the policies, then writes. A failed attempt is rolled back to the savepoint, which
 * also releases that car's lock, so a transaction never holds more than one car it is not using
 * and class bookings trying cars in different orders cannot deadlock each other.
 */
@Injectable()
export class CarPlacement {
  constructor(
    private readonly cars: CarsRepository,
    private readonly bookings: CarBookingsRepository,
    private readonly policies: CarBookingPolicies,
  ) {}

  async place(
    carIds: readonly string[],
    trip: { startsAt: Date; endsAt: Date; passengers: number },
    write: (car: LockedCar) => Promise<void>,
    policy: PolicyContext | null,
  ): Promise<PlacementResult> {
    const failures: PlacementFailure[] = [];
    for (const carId of carIds) {
      try {
        const car = await this.bookings.savepoint(async () => {
          const locked = await this.cars.lockForBooking(carId);
          if (!locked) throw new SkipCar({ reason: 'missing' });
          if (locked.status !== 'active') throw new SkipCar({ reason: 'retired' });
          if (trip.passengers + 1 > locked.seats) throw new SkipCar({ reason: 'too_small', seats: locked.seats });
          if (await this.cars.isBlocked(locked.id, trip.startsAt, trip.endsAt)) throw new SkipCar({ reason: 'blocked' });
          if (policy) {
            const refusal = await this.policies.checkFirstCome({ ...policy, carId: locked.id, poolId: locked.poolId, classCode: locked.classCode });
            if (refusal) throw new SkipCar({ reason: 'policy', refusal });
          }
          await write(locked);
          return locked;
        });
        return { placed: true, car };
      } catch (error) {
        if (error instanceof SkipCar) failures.push(error.failure);
        else if (isExclusionViolation(error, CAR_BOOKING_CAR_EXCLUSION)) failures.push({ reason: 'taken' });
        else throw error;
      }
    }
    return { placed: false, failures };
  }
}
