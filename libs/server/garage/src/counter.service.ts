import { Injectable } from '@nestjs/common';
import type { Board, CheckOutResult, MyTrips, ReturnResult } from '@rr/contracts';
import { checkOutSchema, returnSchema } from '@rr/contracts';
import { checkOdometer, garageError, reusableCheck, TOKYO, tokyoDate, tokyoInstant } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { driverEligibilityForTrip } from '@rr/server/cars';
import { TransactionHost } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { currentActor } from './actor';
import { AlcoholChecksService } from './alcohol-checks.service';
import { DamageService } from './damage.service';
import { GarageSettingsService } from './garage-settings.service';
import { CheckRow, CounterBookingRow, GarageRepository } from './garage.repository';
import { toBoardItem, toCheck, toHandover, toLog } from './garage.mappers';
import { runGarageTransaction } from './garage-transaction';
import { LateReturnService } from './late-return.service';

function tokyoDayBounds(date: string): { start: Date; end: Date } {
  const start = tokyoInstant(date);
  return { start, end: DateTime.fromJSDate(start, { zone: TOKYO }).plus({ days: 1 }).toJSDate() };
}

/**
 * The counter (鍵の貸出・返却). Check-out: the booked (or a registered substitute) driver with a
 * valid licence, a passing pre-drive check with a usable detector → the key is released and the
 * booking is in use; a not-fit check is recorded, blocks the key and notifies the managers. Return:
 * post-drive check, odometer (≥ start, ≥ the car's previous return), fuel, ETC, defects; the driving
 * log is filled from the booking; damage blocks the car. One transaction each.
 */
@Injectable()
export class CounterService {
  constructor(
    private readonly repo: GarageRepository,
    private readonly checks: AlcoholChecksService,
    private readonly damage: DamageService,
    private readonly settings: GarageSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly lateReturns: LateReturnService,
  ) {}

  async board(date?: string): Promise<Board> {
    const now = this.settings.clock.now();
    const day = date ?? tokyoDate(now);
    const { start, end } = tokyoDayBounds(day);
    const settings = await this.repo.settings();
    const rows = await this.repo.board(start, end);
    return { date: day, now: now.toISOString(), items: rows.map((r) => toBoardItem(r, now, settings)) };
  }

  async checkOut(bookingId: string, body: z.output<typeof checkOutSchema>): Promise<CheckOutResult> {
    const actor = currentActor();
    return runGarageTransaction(this.tx, async () => {
      const now = this.settings.clock.now();
      const settings = await this.repo.settings();
      const booking = await this.repo.lockBooking(bookingId);
      if (!booking) throw garageError('GARAGE_BOOKING_NOT_FOUND');
      if (booking.status === 'in_use' || booking.status === 'completed') throw garageError('GARAGE_ALREADY_CHECKED_OUT');
      if (booking.status !== 'confirmed') throw garageError('GARAGE_BOOKING_NOT_ACTIVE');
      const today = tokyoDate(now);
      // Today's bookings, and one already under way (a trip from 23:45 collected after midnight).
      const underWay = booking.starts_at <= now && now < booking.ends_at;
      if (tokyoDate(booking.starts_at) !== today && !underWay) throw garageError('GARAGE_NOT_TODAY');

      const driverId = body.driverId ?? booking.driver_id;
      const driver = await this.repo.driverFacts(driverId);
      if (!driver) throw garageError('GARAGE_DRIVER_NOT_FOUND');
      const eligibility = driverEligibilityForTrip(
        { approved: driver.approved, licenceExpiresOn: driver.licence_expires_on, active: driver.is_active },
        { endsAt: booking.ends_at },
        now,
        0,
      );
      if (!eligibility.eligible) throw garageError('GARAGE_DRIVER_NOT_ELIGIBLE', {}, { reasons: eligibility.reasons });
      checkOdometer(body.odometerKm, { previousReturn: await this.repo.lastOdometer(booking.car_id, booking.id) });

      let check: CheckRow;
      let reused = false;
      if (body.check) {
        check = await this.checks.record(body.check, this.subject('pre', booking, driverId, driver.display_name), actor);
      } else {
        const { start, end } = tokyoDayBounds(today);
        const prior = (await this.repo.driverChecks(driverId, 'pre', start, end)).map((c) => ({ id: c.id, fitToDrive: c.fit_to_drive, tokyoDate: tokyoDate(c.checked_at), row: c }));
        const reusable = reusableCheck(settings.one_check_per_day, today, prior);
        if (!reusable) throw garageError('GARAGE_CHECK_REQUIRED');
        check = prior.find((p) => p.id === reusable.id)!.row;
        reused = true;
      }
      if (!check.fit_to_drive) {
        // The record stays (it is the legal record of the check); the key is not released.
        return { outcome: 'blocked', check: toCheck(check), handover: null, reusedCheck: false };
      }

      const handover = await this.repo.insertHandover({
        booking_id: booking.id,
        kind: 'check_out',
        car_id: booking.car_id,
        driver_id: driverId,
        substitute: driverId !== booking.driver_id,
        alcohol_check_id: check.id,
        handled_by: actor.id,
        handled_at: now,
        odometer_km: body.odometerKm,
        fuel_level: body.fuelLevel,
        etc_card: body.etcCard,
        defects: '',
        damage: false,
      });
      if (!(await this.repo.setBookingStatus(booking.id, ['confirmed'], 'in_use', now))) throw garageError('GARAGE_BOOKING_NOT_ACTIVE');
      await this.audit.record('car_booking.check_out', 'car_booking', booking.id, { status: 'confirmed' }, {
        status: 'in_use',
        handoverId: handover.id,
        driverId,
        substitute: handover.substitute,
        alcoholCheckId: check.id,
        odometerKm: body.odometerKm,
      });
      return { outcome: 'released', check: toCheck(check), handover: toHandover(handover), reusedCheck: reused };
    });
  }

  async returnKey(bookingId: string, body: z.output<typeof returnSchema>): Promise<ReturnResult> {
    const actor = currentActor();
    return runGarageTransaction(this.tx, async () => {
      const now = this.settings.clock.now();
      const settings = await this.repo.settings();
      const booking = await this.repo.lockBooking(bookingId);
      if (!booking) throw garageError('GARAGE_BOOKING_NOT_FOUND');
      if (booking.status === 'completed') throw garageError('GARAGE_ALREADY_RETURNED');
      if (booking.status === 'confirmed' || booking.status === 'provisional') throw garageError('GARAGE_NOT_CHECKED_OUT');
      if (booking.status !== 'in_use') throw garageError('GARAGE_BOOKING_NOT_ACTIVE');
      const out = await this.repo.handover(booking.id, 'check_out');
      if (!out) throw garageError('GARAGE_NOT_CHECKED_OUT');
      checkOdometer(body.odometerKm, { start: out.odometer_km, previousReturn: await this.repo.lastOdometer(booking.car_id, booking.id) });

      const driverName = (await this.repo.userName(out.driver_id)) ?? booking.driver_name;
      let check: CheckRow | null = null;
      if (body.check) check = await this.checks.record(body.check, this.subject('post', booking, out.driver_id, driverName), actor);
      else if (!settings.one_check_per_day) throw garageError('GARAGE_CHECK_REQUIRED');

      const handover = await this.repo.insertHandover({
        booking_id: booking.id,
        kind: 'return',
        car_id: booking.car_id,
        driver_id: out.driver_id,
        substitute: out.substitute,
        alcohol_check_id: check?.id ?? null,
        handled_by: actor.id,
        handled_at: now,
        odometer_km: body.odometerKm,
        fuel_level: body.fuelLevel,
        etc_card: body.etcCard,
        defects: body.defects,
        damage: body.damage,
      });
      const logId = await this.repo.insertLog({
        booking_id: booking.id,
        car_id: booking.car_id,
        plate_number: booking.plate_number,
        driver_id: out.driver_id,
        driver_name: driverName,
        section_name: booking.section_name,
        departed_at: out.handled_at,
        returned_at: now,
        destination: booking.destination,
        purpose: booking.purpose,
        passengers: booking.passengers,
        odometer_start: out.odometer_km,
        odometer_end: body.odometerKm,
        fuel_litres: body.fuelLitres,
        fuel_cost_yen: body.fuelCostYen,
        etc_used: body.etcUsed,
        defects: body.defects,
        notes: body.notes,
        pre_check_id: out.alcohol_check_id,
        post_check_id: check?.id ?? null,
        corrects_id: null,
        correction_reason: null,
        recorded_by: actor.id,
      });
      if (!(await this.repo.setBookingStatus(booking.id, ['in_use'], 'completed', now))) throw garageError('GARAGE_BOOKING_NOT_ACTIVE');
      await this.audit.record('car_booking.return', 'car_booking', booking.id, { status: 'in_use' }, {
        status: 'completed',
        handoverId: handover.id,
        drivingLogId: logId,
        odometerKm: body.odometerKm,
        damage: body.damage,
      });
      const damage = body.damage
        ? await this.damage.blockDamagedCar(booking.car_id, booking.plate_number, now, settings.damage_block_days, body.defects || '損傷あり')
        : null;
      return { handover: toHandover(handover), log: toLog((await this.repo.log(logId))!), check: check ? toCheck(check) : null, damage };
    });
  }

  /** A driver's own trips: today's and upcoming bookings, driving logs and checks of the last 90 days. */
  async myTrips(): Promise<MyTrips> {
    const actor = currentActor();
    const now = this.settings.clock.now();
    const settings = await this.repo.settings();
    const { start } = tokyoDayBounds(tokyoDate(now));
    const horizon = DateTime.fromJSDate(start, { zone: TOKYO }).plus({ days: 31 }).toJSDate();
    const since = DateTime.fromJSDate(start, { zone: TOKYO }).minus({ days: 90 }).toJSDate();
    const upcoming = (await this.repo.board(start, horizon, actor.id)).filter((b) => b.status === 'confirmed' || b.status === 'in_use');
    const logs = await this.repo.logs({ from: since, to: horizon, driverId: actor.id });
    const checks = await this.repo.checks({ from: since, to: horizon, driverId: actor.id });
    const lateOffers = await this.lateReturns.offersFor(
      upcoming.filter((b) => b.status === 'confirmed' && !b.checked_out_at),
      now,
    );
    return { upcoming: upcoming.map((b) => toBoardItem(b, now, settings)), logs: logs.reverse().map(toLog), checks: checks.reverse().map(toCheck), lateOffers };
  }

  private subject(phase: 'pre' | 'post', b: CounterBookingRow, driverId: string, driverName: string) {
    return { phase, bookingId: b.id, driverId, driverName, carId: b.car_id, plateNumber: b.plate_number };
  }
}

