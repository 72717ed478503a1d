import { Injectable } from '@nestjs/common';
import type { CarAvailability, CarAvailabilityQuery, CarBusyInterval } from '@rr/contracts';
import { currentActor } from './actor';
import { CarBlocksRepository } from './car-blocks.repository';
import { CarBookingsRepository } from './car-bookings.repository';
import { CarSettingsService } from './car-settings.service';
import { CarsRepository } from './cars.repository';
import { FleetRepository } from './fleet.repository';
import { CarErrors } from './cars.errors';
import { minuteToHhmm, SLOT_MINUTES } from './rules/booking-window';
import { slotsWithinDay, tokyoDay } from './rules/day-slots';

/**
 * The availability grid: active cars × the Tokyo day's 96 quarter-hours, with each car's busy
 * intervals. Privacy: staff see who holds other people's bookings only as a section name;
 * garage administrators also see the driver and the block's reason.
 */
@Injectable()
export class CarAvailabilityService {
  constructor(
    private readonly cars: CarsRepository,
    private readonly fleet: FleetRepository,
    private readonly bookings: CarBookingsRepository,
    private readonly blocks: CarBlocksRepository,
    private readonly settings: CarSettingsService,
  ) {}

  async day(query: CarAvailabilityQuery): Promise<CarAvailability> {
    const actor = currentActor();
    if (query.poolId && !(await this.fleet.findPool(query.poolId))) throw CarErrors.poolNotFound();
    if (query.classCode && !(await this.fleet.findClass(query.classCode))) throw CarErrors.classNotFound();
    const day = tokyoDay(query.date);
    const rules = await this.settings.rules();
    const cars = await this.cars.list({ poolId: query.poolId, classCode: query.classCode, status: 'active' });
    const carIds = cars.map((c) => c.id);
    const busy = new Map<string, CarBusyInterval[]>(carIds.map((id) => [id, []]));
    if (carIds.length > 0) {
      const { items } = await this.bookings.list({ carIds, activeOnly: true, from: day.startsAt, to: day.endsAt });
      for (const b of items) {
        const mine = b.driver_id === actor.id || b.booked_by === actor.id;
        const see = mine || actor.isAdmin;
        busy.get(b.car_id)?.push({
          kind: 'booking',
          startsAt: b.starts_at.toISOString(),
          endsAt: b.ends_at.toISOString(),
          ...slotsWithinDay(day, b.starts_at, b.ends_at),
          mine,
          bookingId: see ? b.id : null,
          status: see ? b.status : null,
          sectionName: b.section_name,
          driverName: see ? b.driver_name : null,
          blockKind: null,
          reason: null,
        });
      }
      for (const k of await this.blocks.list({ carIds, from: day.startsAt, to: day.endsAt })) {
        busy.get(k.car_id)?.push({
          kind: 'block',
          startsAt: k.starts_at.toISOString(),
          endsAt: k.ends_at.toISOString(),
          ...slotsWithinDay(day, k.starts_at, k.ends_at),
          mine: false,
          bookingId: null,
          status: null,
          sectionName: null,
          driverName: null,
          blockKind: k.kind,
          reason: actor.isAdmin ? k.reason : null,
        });
      }
    }
    return {
      date: day.date,
      slotMinutes: SLOT_MINUTES,
      slotCount: day.slotCount,
      dayStartsAt: day.startsAt.toISOString(),
      dayEndsAt: day.endsAt.toISOString(),
      bookableFrom: minuteToHhmm(rules.bookableFromMinute),
      bookableUntil: minuteToHhmm(rules.bookableUntilMinute),
      cars: cars.map((c) => ({
        carId: c.id,
        plateNumber: c.plate_number,
        model: c.model,
        classCode: c.class_code,
        className: c.class_name,
        seats: c.seats,
        fuel: c.fuel,
        bay: c.bay,
        poolId: c.pool_id,
        busy: (busy.get(c.id) ?? []).sort((a, b) => a.startSlot - b.startSlot || a.endSlot - b.endSlot),
      })),
    };
  }
}
