import { Injectable } from '@nestjs/common';
import type { CarBooking, CarBookingsQuery, MyCarBookingsQuery, Page } from '@rr/contracts';
import { tokyoInstant } from '@rr/domain';
import { currentActor } from './actor';
import { CarBookingsRepository } from './car-bookings.repository';
import { toCarBooking } from './car-bookings.mappers';
import { CarSettingsService } from './car-settings.service';
import { CarErrors } from './cars.errors';
import { tokyoDay } from './rules/day-slots';

/** [from 00:00, day after `to` 00:00) in Tokyo, for date-range filters. */
function tokyoRange(from: string | undefined, to: string | undefined): { from?: Date; to?: Date } {
  if (!from && !to) return {};
  return { from: from ? tokyoInstant(from) : new Date('2000-01-01T00:00:00Z'), to: to ? tokyoDay(to).endsAt : new Date('2100-01-01T00:00:00Z') };
}

/** Reading bookings: one's own, one by id (holder or administrator), and the administrators' list. */
@Injectable()
export class CarBookingQueriesService {
  constructor(
    private readonly repo: CarBookingsRepository,
    private readonly settings: CarSettingsService,
  ) {}

  async get(id: string): Promise<CarBooking> {
    const actor = currentActor();
    const row = await this.repo.findView(id);
    if (!row) throw CarErrors.bookingNotFound();
    if (row.driver_id !== actor.id && row.booked_by !== actor.id && !actor.isAdmin) throw CarErrors.notHolder();
    return toCarBooking(row);
  }

  /** Bookings the caller drives or booked for someone; by default the active ones not yet ended. */
  async mine(query: MyCarBookingsQuery): Promise<CarBooking[]> {
    const actor = currentActor();
    const range = tokyoRange(query.from, query.to);
    const { items } = await this.repo.list({
      holderId: actor.id,
      activeOnly: !query.includeInactive,
      ...range,
      endsAfter: range.from ? undefined : this.settings.clock.now(),
      limit: 500,
    });
    return items.map(toCarBooking);
  }

  async list(query: CarBookingsQuery): Promise<Page<CarBooking>> {
    const day = query.date ? tokyoDay(query.date) : undefined;
    const { items, total } = await this.repo.list({
      carId: query.carId,
      driverId: query.driverId,
      status: query.status,
      needsReassignment: query.needsReassignment,
      from: day?.startsAt,
      to: day?.endsAt,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: items.map(toCarBooking), total, limit: query.limit, offset: query.offset };
  }
}
