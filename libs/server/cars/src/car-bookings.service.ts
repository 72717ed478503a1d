import { Injectable } from '@nestjs/common';
import type { AffectedBooking, CarBooking, CreateCarBooking, UpdateCarBooking } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { CarBookingEntity, TransactionHost } from '@rr/server/persistence';
import { CarActor, currentActor } from './actor';
import { CarBookingPatch, CarBookingsRepository } from './car-bookings.repository';
import { bookingSnapshot, toAffectedBooking, toCarBooking } from './car-bookings.mappers';
import { CarPlacement, PlacementFailure, PolicyContext } from './car-placement';
import { CarRules, CarSettingsService } from './car-settings.service';
import { CarErrors } from './cars.errors';
import { runCarTransaction } from './car-transaction';
import { CarsRepository } from './cars.repository';
import { DriversRepository } from './drivers.repository';
import { FleetRepository } from './fleet.repository';
import { checkBookingWindow } from './rules/booking-window';
import { bestFitOrder, reassignmentOrder } from './rules/car-choice';
import { driverEligibilityForTrip } from './rules/driver-eligibility';

/** The interval a maintenance block takes a car out of service. */
export interface BlockInterval {
  carId: string;
  startsAt: Date;
  endsAt: Date;
}

interface Trip {
  startsAt: Date;
  endsAt: Date;
}

/** Sources whose time, car and driver the holder may change; lottery allocations stay as drawn. */
const MOVABLE_SOURCES = new Set(['first_come', 'priority']);

function referenceError(constraint: string) {
  switch (constraint) {
    case 'FK_car_bookings_car':
      return CarErrors.carNotFound();
    case 'FK_car_bookings_driver':
      return CarErrors.driverNotRegistered();
    default:
      return CarErrors.inUse();
  }
}

/**
 * First-come car bookings (先着予約): create, edit and cancel, and the moves a maintenance block
 * forces. Overlaps are refused by the two exclusion constraints, never by a prior SELECT.
 */
@Injectable()
export class CarBookingsService {
  constructor(
    private readonly repo: CarBookingsRepository,
    private readonly cars: CarsRepository,
    private readonly fleet: FleetRepository,
    private readonly drivers: DriversRepository,
    private readonly placement: CarPlacement,
    private readonly settings: CarSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateCarBooking): Promise<CarBooking> {
    const actor = currentActor();
    const trip = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
    const rules = await this.settings.rules();
    const now = this.settings.clock.now();
    checkBookingWindow(trip.startsAt, trip.endsAt, rules, now);
    if (input.priorityReason !== undefined && !actor.isAdmin) throw CarErrors.forbidden();

    const id = await this.transaction(async () => {
      const driver = await this.checkDriver(input.driverId ?? actor.id, actor, trip, now, rules);
      const passengers = input.passengers;
      const carIds = input.carId
        ? [input.carId]
        : await this.classCandidates(input.classCode!, input.poolId, { ...trip, passengers }, undefined);
      const source = input.priorityReason !== undefined ? 'priority' : 'first_come';
      const policy: PolicyContext | null =
        source === 'first_come' ? { bookingId: null, driverId: driver.userId, bookedBy: actor.id, sectionId: driver.sectionId, ...trip, now } : null;
      let bookingId = '';
      const result = await this.placement.place(carIds, { ...trip, passengers }, async (car) => {
        bookingId = await this.repo.insert({
          carId: car.id,
          driverId: driver.userId,
          bookedBy: actor.id,
          sectionId: driver.sectionId,
          ...trip,
          purpose: input.purpose,
          destination: input.destination,
          passengers,
          outOfPrefecture: input.outOfPrefecture,
          source,
          priorityReason: input.priorityReason ?? null,
          status: 'confirmed',
        });
      }, policy);
      if (!result.placed) throw this.placementError(input.carId !== undefined, result.failures);
      await this.audit.record('car_booking.create', 'car_booking', bookingId, null, bookingSnapshot((await this.repo.findById(bookingId))!));
      return bookingId;
    });
    return toCarBooking((await this.repo.findView(id))!);
  }

  /**
   * Edits a booking in one transaction with the same guarantees as creating one. Text fields
   * (purpose, destination, 県外) may change on any booking not yet started; time, car, class and
   * driver only on first-come and priority bookings.
   */
  async update(id: string, patch: Partial<UpdateCarBooking>): Promise<CarBooking> {
    const actor = currentActor();
    const rules = await this.settings.rules();
    const now = this.settings.clock.now();
    await this.transaction(async () => {
      const before = await this.editable(id, actor, now);
      const trip = { startsAt: patch.startsAt ? new Date(patch.startsAt) : before.startsAt, endsAt: patch.endsAt ? new Date(patch.endsAt) : before.endsAt };
      const timeChanged = trip.startsAt.getTime() !== before.startsAt.getTime() || trip.endsAt.getTime() !== before.endsAt.getTime();
      const driverChanged = patch.driverId !== undefined && patch.driverId !== before.driverId;
      const carChanged = (patch.carId !== undefined && patch.carId !== before.carId) || patch.classCode !== undefined;
      const passengers = patch.passengers ?? before.passengers;
      const text: CarBookingPatch = {};
      if (patch.purpose !== undefined) text.purpose = patch.purpose;
      if (patch.destination !== undefined) text.destination = patch.destination;
      if (patch.outOfPrefecture !== undefined) text.outOfPrefecture = patch.outOfPrefecture;

      if (!timeChanged && !driverChanged && !carChanged && passengers === before.passengers) {
        if (Object.keys(text).length === 0) return;
        await this.repo.update(id, text);
      } else {
        if ((timeChanged || driverChanged || carChanged) && !MOVABLE_SOURCES.has(before.source)) throw CarErrors.notEditable();
        if (timeChanged) checkBookingWindow(trip.startsAt, trip.endsAt, rules, now);
        const driver = await this.checkDriver(patch.driverId ?? before.driverId, actor, trip, now, rules, before.driverId);
        // A change of class stays in the pool the booking was made in (the pool is what a lottery
        // round or a section's allocation is about), never silently moving to another garage's cars.
        const carIds = patch.classCode
          ? await this.classCandidates(patch.classCode, (await this.cars.findById(before.carId))?.poolId, { ...trip, passengers }, id)
          : [patch.carId ?? before.carId];
        const policy: PolicyContext | null =
          before.source === 'first_come' ? { bookingId: id, driverId: driver.userId, bookedBy: before.bookedBy, sectionId: driver.sectionId, ...trip, now } : null;
        const result = await this.placement.place(carIds, { ...trip, passengers }, async (car) => {
          await this.repo.update(id, { ...text, ...trip, carId: car.id, driverId: driver.userId, sectionId: driver.sectionId, passengers, needsReassignment: false });
        }, policy);
        if (!result.placed) throw this.placementError(patch.classCode === undefined, result.failures);
      }
      await this.audit.record('car_booking.update', 'car_booking', id, bookingSnapshot(before), bookingSnapshot((await this.repo.findById(id))!));
    });
    return toCarBooking((await this.repo.findView(id))!);
  }

  /**
   * 取消: the driver or the person who booked, before the start; a garage administrator at any time
   * before the key is taken. A provisional lottery win is declined through the lottery instead.
   */
  async cancel(id: string): Promise<CarBooking> {
    const actor = currentActor();
    const now = this.settings.clock.now();
    await this.transaction(async () => {
      const before = await this.repo.findById(id, true);
      if (!before) throw CarErrors.bookingNotFound();
      if (!this.isHolder(before, actor) && !actor.isAdmin) throw CarErrors.notHolder();
      const cancellable = actor.isAdmin ? ['provisional', 'confirmed'].includes(before.status) : before.status === 'confirmed' && before.startsAt > now;
      if (!cancellable) throw CarErrors.notCancellable();
      await this.repo.update(id, { status: 'cancelled', statusChangedAt: now, needsReassignment: false });
      await this.audit.record('car_booking.cancel', 'car_booking', id, bookingSnapshot(before), bookingSnapshot((await this.repo.findById(id))!));
    });
    return toCarBooking((await this.repo.findView(id))!);
  }

  /**
   * The active bookings a block over `block` collides with, earliest first, locked FOR UPDATE for
   * the caller's transaction. Notifying their holders hooks in here once notifications land.
   */
  affectedBy(block: BlockInterval): Promise<CarBookingEntity[]> {
    return this.repo.lockActiveOverlapping(block.carId, block.startsAt, block.endsAt);
  }

  /**
   * Moves every booking a new or changed block collides with to a free car of the same class and
   * pool (earliest-ending free car first; see rules/car-choice.ts), or flags it
   * `needs_reassignment` when none is free. Trips already under way (in_use) are only flagged.
   * Runs inside the block's transaction, after the block row is written.
   */
  async moveOffBlock(block: BlockInterval): Promise<AffectedBooking[]> {
    const blockedCar = await this.cars.findById(block.carId);
    const outcomes: AffectedBooking[] = [];
    for (const booking of await this.affectedBy(block)) {
      let moved = false;
      if (booking.status !== 'in_use' && blockedCar) {
        const candidates = await this.cars.freeCandidates({
          classCode: blockedCar.classCode,
          poolId: blockedCar.poolId,
          startsAt: booking.startsAt,
          endsAt: booking.endsAt,
          minSeats: booking.passengers + 1,
          excludeBookingId: booking.id,
          excludeCarId: booking.carId,
        });
        const trip = { startsAt: booking.startsAt, endsAt: booking.endsAt, passengers: booking.passengers };
        const order = reassignmentOrder(candidates).map((c) => c.carId);
        const result = await this.placement.place(order, trip, async (car) => this.repo.update(booking.id, { carId: car.id, needsReassignment: false }), null);
        moved = result.placed;
      }
      if (!moved) await this.repo.update(booking.id, { needsReassignment: true });
      const after = (await this.repo.findById(booking.id))!;
      await this.audit.record(moved ? 'car_booking.reassign' : 'car_booking.flag', 'car_booking', booking.id, bookingSnapshot(booking), bookingSnapshot(after));
      outcomes.push(toAffectedBooking((await this.repo.findView(booking.id))!, block.carId));
    }
    return outcomes;
  }

  /** After a block is shortened or removed: bookings of the car no block covers any more lose their flag. */
  async clearResolvedFlags(carId: string): Promise<void> {
    for (const id of await this.repo.clearResolvedFlags(carId)) {
      await this.audit.record('car_booking.unflag', 'car_booking', id, { needsReassignment: true }, { needsReassignment: false });
    }
  }

  // ------------------------------------------------------------------ helpers

  private isHolder(b: CarBookingEntity, actor: CarActor): boolean {
    return b.driverId === actor.id || b.bookedBy === actor.id;
  }

  private async editable(id: string, actor: CarActor, now: Date): Promise<CarBookingEntity> {
    const before = await this.repo.findById(id, true);
    if (!before) throw CarErrors.bookingNotFound();
    if (!this.isHolder(before, actor) && !actor.isAdmin) throw CarErrors.notHolder();
    if (!['provisional', 'confirmed'].includes(before.status) || before.startsAt <= now) throw CarErrors.notEditable();
    return before;
  }

  /**
   * The driver must be registered, of the caller's section unless it is the caller (or an
   * administrator books), and eligible over the whole trip. The driver row stays locked FOR SHARE,
   * so a revocation cannot slip in before the booking commits.
   */
  private async checkDriver(driverId: string, actor: CarActor, trip: Trip, now: Date, rules: CarRules, unchangedDriverId?: string) {
    const driver = await this.drivers.lockFacts(driverId);
    if (!driver) throw CarErrors.driverNotRegistered();
    const sameSection = driver.userId === actor.id || driver.userId === unchangedDriverId || driver.sectionId === actor.sectionId;
    if (!sameSection && !actor.isAdmin) throw CarErrors.driverOtherSection();
    const eligibility = driverEligibilityForTrip(driver, trip, now, rules.expiryWarningDays);
    if (!eligibility.eligible) throw CarErrors.driverNotEligible(eligibility.reasons);
    return driver;
  }

  /** Free cars of a class in best-fit order (pre-filter; the constraint decides). */
  private async classCandidates(classCode: string, poolId: string | undefined, trip: Trip & { passengers: number }, excludeBookingId: string | undefined): Promise<string[]> {
    if (!(await this.fleet.findClass(classCode))) throw CarErrors.classNotFound();
    if (poolId && !(await this.fleet.findPool(poolId))) throw CarErrors.poolNotFound();
    const candidates = await this.cars.freeCandidates({ classCode, poolId, ...trip, minSeats: trip.passengers + 1, excludeBookingId });
    return bestFitOrder(candidates).map((c) => c.carId);
  }

  /** Why no car took the trip: for one named car, that car's reason; for a class, "class full" unless only policies refused. */
  private placementError(namedCar: boolean, failures: PlacementFailure[]) {
    if (namedCar && failures.length === 1) {
      const f = failures[0];
      switch (f.reason) {
        case 'missing':
          return CarErrors.carNotFound();
        case 'retired':
          return CarErrors.retired();
        case 'blocked':
          return CarErrors.blocked();
        case 'taken':
          return CarErrors.carTaken();
        case 'too_small':
          return CarErrors.tooManyPassengers(f.seats);
        case 'policy':
          return f.refusal;
      }
    }
    const refusal = failures.find((f) => f.reason === 'policy');
    if (refusal && failures.every((f) => f.reason === 'policy')) return refusal.refusal;
    return CarErrors.classFull();
  }

  private transaction<T>(fn: () => Promise<T>): Promise<T> {
    return runCarTransaction(this.tx, fn, referenceError);
  }
}
