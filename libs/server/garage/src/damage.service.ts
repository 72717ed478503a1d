import { Injectable } from '@nestjs/common';
import type { DamageOutcome } from '@rr/contracts';
import { CarBlocksService } from '@rr/server/cars';
import { NotificationsService } from '@rr/server/notifications';
import { GarageRepository } from './garage.repository';

const GRID_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Damage reported at return (車両の異常・損傷): the car is blocked for repair from now (on the
 * 15-minute grid) for the configured number of days, up to the next existing block; the cars feature
 * moves later bookings to free cars of the same class or flags them; the holders are notified.
 * Runs inside the return's transaction.
 */
@Injectable()
export class DamageService {
  constructor(
    private readonly repo: GarageRepository,
    private readonly blocks: CarBlocksService,
    private readonly notifications: NotificationsService,
  ) {}

  async blockDamagedCar(carId: string, plateNumber: string, now: Date, days: number, reason: string): Promise<DamageOutcome> {
    const startsAt = new Date(Math.floor(now.getTime() / GRID_MS) * GRID_MS);
    let endsAt = new Date(startsAt.getTime() + days * DAY_MS);
    const existing = await this.repo.blocksOf(carId, startsAt, endsAt);
    if (existing.some((b) => b.starts_at <= startsAt)) return { blockId: null, moved: [], notified: [] };
    if (existing.length > 0) endsAt = existing[0].starts_at;
    const result = await this.blocks.create({ carId, kind: 'repair', reason: `返却時の損傷報告: ${reason}`.slice(0, 200), startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    const moved: DamageOutcome['moved'] = [];
    const notified: string[] = [];
    for (const a of result.affectedBookings) {
      const booking = await this.repo.booking(a.bookingId);
      const holders = booking ? [booking.driver_id, booking.booked_by] : [a.driverId];
      if (a.outcome === 'reassigned' && a.newPlateNumber) {
        moved.push({ bookingId: a.bookingId, toPlateNumber: a.newPlateNumber });
        await this.notifications.notify(
          holders,
          'garage.booking_moved',
          { bookingId: a.bookingId, fromPlateNumber: plateNumber, toPlateNumber: a.newPlateNumber, startsAt: new Date(a.startsAt).toISOString(), endsAt: new Date(a.endsAt).toISOString() },
          { dedupeKey: `damage-moved:${result.block.id}:${a.bookingId}` },
        );
      } else {
        await this.notifications.notify(
          holders,
          'garage.car_unavailable',
          { bookingId: a.bookingId, plateNumber, startsAt: new Date(a.startsAt).toISOString(), endsAt: new Date(a.endsAt).toISOString() },
          { dedupeKey: `damage-flagged:${result.block.id}:${a.bookingId}` },
        );
      }
      notified.push(a.bookingId);
    }
    return { blockId: result.block.id, moved, notified };
  }
}
