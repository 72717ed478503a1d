import { Injectable } from '@nestjs/common';
import type { AppError } from '@rr/domain';

/** Everything a policy may weigh about one first-come booking (or edit) on one concrete car. */
export interface FirstComeBookingContext {
  /** The booking being edited, or null for a new booking. */
  bookingId: string | null;
  carId: string;
  poolId: string;
  classCode: string;
  driverId: string;
  bookedBy: string;
  sectionId: string;
  startsAt: Date;
  endsAt: Date;
  now: Date;
}

/**
 * A rule that may refuse first-come bookings, e.g. the lottery's "first-come opens for a pool and
 * period only after its round's waitlist pass" (LOTTERY.md step 6). It runs inside the booking's
 * transaction, so it may read its own tables consistently; it must not write. Return null to allow,
 * or an AppError (e.g. code CAR_BOOKING_CLOSED, kind 'forbidden') to refuse. Priority bookings by
 * administrators and lottery-produced bookings are not subject to these policies.
 */
export interface CarBookingPolicy {
  /** Unique, for logs and to refuse double registration. */
  readonly name: string;
  checkFirstCome(context: FirstComeBookingContext): Promise<AppError | null>;
}

/**
 * The seam the lottery plugs into: its module injects this registry (exported by CarsModule) and
 * calls `register(policy)` in `onModuleInit`. With nothing registered, first-come booking is always
 * open. Dependencies point one way (lottery → cars), so no module cycle arises.
 */
@Injectable()
export class CarBookingPolicies {
  private readonly policies: CarBookingPolicy[] = [];

  register(policy: CarBookingPolicy): void {
    if (this.policies.some((p) => p.name === policy.name)) throw new Error(`car booking policy ${policy.name} is already registered`);
    this.policies.push(policy);
  }

  get registered(): readonly string[] {
    return this.policies.map((p) => p.name);
  }

  /** The first refusal, in registration order, or null when every policy allows. */
  async checkFirstCome(context: FirstComeBookingContext): Promise<AppError | null> {
    for (const policy of this.policies) {
      const refusal = await policy.checkFirstCome(context);
      if (refusal) return refusal;
    }
    return null;
  }
}
