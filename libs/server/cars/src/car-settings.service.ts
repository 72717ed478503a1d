import { Inject, Injectable } from '@nestjs/common';
import type { CarBookingSettings, UpdateCarBookingSettings } from '@rr/contracts';
import { Clock } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { CarBookingSettingsEntity, TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { CarErrors } from './cars.errors';
import { CarSettingsRepository, CarSettingsValues } from './car-settings.repository';
import { BookingWindowSettings, hhmmToMinute, minuteToHhmm, SLOT_MINUTES } from './rules/booking-window';

/** Injection token of the clock the cars feature reads "now" from (tests and replays swap it). */
export const CARS_CLOCK = Symbol('CARS_CLOCK');

export type CarRules = BookingWindowSettings & { expiryWarningDays: number };

export function toCarSettings(row: CarBookingSettingsEntity): CarBookingSettings {
  return {
    bookableFrom: minuteToHhmm(row.bookableFromMinute),
    bookableUntil: minuteToHhmm(row.bookableUntilMinute),
    maxDurationMinutes: row.maxDurationMinutes,
    horizonMonths: row.horizonMonths,
    expiryWarningDays: row.expiryWarningDays,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** 設定値 of car booking: bookable hours, longest trip, horizon, licence-expiry warning. */
@Injectable()
export class CarSettingsService {
  constructor(
    private readonly repo: CarSettingsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(CARS_CLOCK) readonly clock: Clock,
  ) {}

  async rules(): Promise<CarRules> {
    const row = await this.repo.get();
    return {
      bookableFromMinute: row.bookableFromMinute,
      bookableUntilMinute: row.bookableUntilMinute,
      maxDurationMinutes: row.maxDurationMinutes,
      horizonMonths: row.horizonMonths,
      expiryWarningDays: row.expiryWarningDays,
    };
  }

  async get(): Promise<CarBookingSettings> {
    return toCarSettings(await this.repo.get());
  }

  async update(input: UpdateCarBookingSettings): Promise<CarBookingSettings> {
    const actor = currentActor();
    return this.tx.run(async () => {
      const before = await this.repo.get(true);
      const patch: Partial<CarSettingsValues> = {};
      if (input.bookableFrom !== undefined) patch.bookableFromMinute = hhmmToMinute(input.bookableFrom);
      if (input.bookableUntil !== undefined) patch.bookableUntilMinute = hhmmToMinute(input.bookableUntil);
      if (input.maxDurationMinutes !== undefined) patch.maxDurationMinutes = input.maxDurationMinutes;
      if (input.horizonMonths !== undefined) patch.horizonMonths = input.horizonMonths;
      if (input.expiryWarningDays !== undefined) patch.expiryWarningDays = input.expiryWarningDays;
      const from = patch.bookableFromMinute ?? before.bookableFromMinute;
      const until = patch.bookableUntilMinute ?? before.bookableUntilMinute;
      if (from % SLOT_MINUTES !== 0 || until % SLOT_MINUTES !== 0) throw CarErrors.settingsInvalid('bookable hours must be on the 15-minute grid');
      if (until > 1440) throw CarErrors.settingsInvalid('bookableUntil is after 24:00');
      if (from >= until) throw CarErrors.settingsInvalid('bookableFrom must be before bookableUntil');
      if (Object.keys(patch).length === 0) return toCarSettings(before);
      await this.repo.update(patch, actor.id);
      const after = await this.repo.get();
      await this.audit.record('car_settings.update', 'car_booking_settings', '1', toCarSettings(before), toCarSettings(after));
      return toCarSettings(after);
    });
  }
}
