import { Injectable } from '@nestjs/common';
import type { LateOffer, MoveToFreeCar, MoveToFreeCarResult } from '@rr/contracts';
import { garageError } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { GarageSettingsService } from './garage-settings.service';
import { CounterBookingRow, GarageRepository } from './garage.repository';
import { runGarageTransaction } from './garage-transaction';

/** Late returns are warned (and may be accepted) for bookings starting within this many minutes, or already started. */
export const LATE_RETURN_LOOKAHEAD_MINUTES = 180;
const MOVABLE_STATUSES = new Set(['provisional', 'confirmed']);

/**
 * 返却遅れ: the holder of the next booking of a car that is late back may move their booking to the
 * offered free car of the same class and pool (or any other free one). The car is locked and checked
 * (active, same class and pool, seats, not blocked); whether it is free is left to the exclusion
 * constraint, whose violation becomes 409 GARAGE_MOVE_CAR_TAKEN. One transaction, audited.
 */
@Injectable()
export class LateReturnService {
  constructor(
    private readonly repo: GarageRepository,
    private readonly settings: GarageSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  /** The offers for the given (upcoming) bookings, as the sweep would make them now. */
  async offersFor(bookings: readonly CounterBookingRow[], now: Date): Promise<LateOffer[]> {
    const { late_return_grace_minutes: grace } = await this.repo.settings();
    const offers: LateOffer[] = [];
    for (const b of bookings) {
      if (!this.withinLookahead(b, now) || !MOVABLE_STATUSES.has(b.status)) continue;
      const late = await this.repo.lateTripBefore(b, now, grace);
      if (!late) continue;
      const alternative = await this.repo.freeSameClassCar(b);
      offers.push({
        bookingId: b.id,
        lateBookingId: late.id,
        plateNumber: b.plate_number,
        lateEndsAt: late.ends_at.toISOString(),
        alternativeCarId: alternative?.id ?? null,
        alternativePlateNumber: alternative?.plate_number ?? null,
      });
    }
    return offers;
  }

  async accept(bookingId: string, body: MoveToFreeCar): Promise<MoveToFreeCarResult> {
    const actor = currentActor();
    return runGarageTransaction(this.tx, async () => {
      const now = this.settings.clock.now();
      const { late_return_grace_minutes: grace } = await this.repo.settings();
      const booking = await this.repo.lockBooking(bookingId);
      if (!booking) throw garageError('GARAGE_BOOKING_NOT_FOUND');
      const holder = booking.driver_id === actor.id || booking.booked_by === actor.id;
      if (!holder && !actor.roles.includes('garage_admin')) throw garageError('GARAGE_NOT_HOLDER');
      if (booking.status === 'in_use' || booking.status === 'completed') throw garageError('GARAGE_ALREADY_CHECKED_OUT');
      if (!MOVABLE_STATUSES.has(booking.status)) throw garageError('GARAGE_BOOKING_NOT_ACTIVE');
      const late = this.withinLookahead(booking, now) ? await this.repo.lateTripBefore(booking, now, grace) : null;
      if (!late) throw garageError('GARAGE_NO_LATE_RETURN');

      const targetId = body.carId ?? (await this.repo.freeSameClassCar(booking))?.id;
      if (!targetId) throw garageError('GARAGE_NO_FREE_CAR');
      if (targetId === booking.car_id) throw garageError('GARAGE_MOVE_CAR_UNSUITABLE');
      const car = await this.repo.lockCarForBooking(targetId);
      const suitable =
        car &&
        car.status === 'active' &&
        car.class_code === booking.class_code &&
        car.pool_id === booking.pool_id &&
        car.seats >= booking.passengers + 1 &&
        (await this.repo.blocksOf(car.id, booking.starts_at, booking.ends_at)).length === 0;
      if (!car || !suitable) throw garageError('GARAGE_MOVE_CAR_UNSUITABLE');

      // No prior "is it free" query: the exclusion constraint decides (23P01 → GARAGE_MOVE_CAR_TAKEN).
      await this.repo.moveBookingToCar(booking.id, car.id);
      await this.audit.record(
        'car_booking.late_return_move',
        'car_booking',
        booking.id,
        { carId: booking.car_id, plateNumber: booking.plate_number },
        { carId: car.id, plateNumber: car.plate_number, lateBookingId: late.id, offered: body.carId === undefined ? 'first_free' : 'chosen' },
      );
      return { bookingId: booking.id, fromCarId: booking.car_id, fromPlateNumber: booking.plate_number, toCarId: car.id, toPlateNumber: car.plate_number };
    });
  }

  private withinLookahead(b: { starts_at: Date }, now: Date): boolean {
    return b.starts_at.getTime() < now.getTime() + LATE_RETURN_LOOKAHEAD_MINUTES * 60_000;
  }
}
