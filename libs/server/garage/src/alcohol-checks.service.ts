import { Injectable } from '@nestjs/common';
import type { AlcoholCheck, CorrectAlcoholCheck } from '@rr/contracts';
import { alcoholCheckInputSchema, createAlcoholCheckSchema } from '@rr/contracts';
import { checkCheckTime, garageError, judgeAlcoholCheck } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { NotificationsService } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import type { z } from 'zod';
import { currentActor, GarageActor } from './actor';
import { GarageSettingsService } from './garage-settings.service';
import { CheckRow, GarageRepository } from './garage.repository';
import { toCheck, usabilityOf } from './garage.mappers';
import { runGarageTransaction } from './garage-transaction';

export type CheckInput = z.output<typeof alcoholCheckInputSchema>;

/** Whom and what a check is about (filled from the booking at the counter). */
export interface CheckSubject {
  phase: 'pre' | 'post';
  bookingId: string | null;
  driverId: string;
  driverName: string;
  carId: string | null;
  plateNumber: string;
}

const snapshot = (c: CheckRow) => ({
  phase: c.phase,
  bookingId: c.booking_id,
  driverId: c.driver_id,
  checkedAt: c.checked_at.toISOString(),
  method: c.method,
  detectorId: c.detector_id,
  readingMgL: Number(c.reading_mg_l),
  alcoholDetected: c.alcohol_detected,
  fitToDrive: c.fit_to_drive,
  correctsId: c.corrects_id,
});

/**
 * 酒気帯び確認 (第9条の10 第6号・第7号): records a check with the legal items, only with a usable
 * detector; a not-fit result needs instructions and notifies every safe-driving manager
 * (garage_admin) in the same transaction. Records are append-only; a correction is a new row.
 */
@Injectable()
export class AlcoholChecksService {
  constructor(
    private readonly repo: GarageRepository,
    private readonly settings: GarageSettingsService,
    private readonly notifications: NotificationsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  /**
   * Validates and writes one check inside the caller's transaction. Every refusal (reading, remote
   * means, instructions, time, detector) is thrown before anything is written.
   */
  async record(input: CheckInput, subject: CheckSubject, actor: GarageActor): Promise<CheckRow> {
    const now = this.settings.clock.now();
    const judgement = judgeAlcoholCheck(input);
    const checkedAt = input.checkedAt ? new Date(input.checkedAt) : now;
    checkCheckTime(checkedAt, now);
    const detector = await this.repo.detector(input.detectorId, true);
    if (!detector) throw garageError('GARAGE_DETECTOR_NOT_FOUND');
    const usability = usabilityOf(detector, now, (await this.repo.settings()).weekly_inspection_days);
    if (!usability.usable) throw garageError('GARAGE_DETECTOR_UNUSABLE', { reasons: usability.reasons.join(', ') }, { reasons: usability.reasons });
    const id = await this.repo.insertCheck({
      phase: subject.phase,
      booking_id: subject.bookingId,
      driver_id: subject.driverId,
      driver_name: subject.driverName,
      checker_id: actor.id,
      checker_name: actor.displayName,
      car_id: subject.carId,
      plate_number: subject.plateNumber,
      checked_at: checkedAt,
      method: input.method,
      remote_means: input.method === 'remote' ? input.remoteMeans : '',
      detector_id: detector.id,
      detector_serial: detector.serial_number,
      reading_mg_l: judgement.readingMgL,
      face_colour_ok: input.faceColourOk,
      breath_smell_ok: input.breathSmellOk,
      voice_ok: input.voiceOk,
      alcohol_detected: judgement.alcoholDetected,
      fit_to_drive: judgement.fitToDrive,
      instructions: input.instructions,
      notes: input.notes,
      corrects_id: null,
      correction_reason: null,
      recorded_by: actor.id,
    });
    await this.repo.countDetectorUse(detector.id);
    const row = (await this.repo.check(id))!;
    await this.audit.record('alcohol_check.create', 'alcohol_check', id, null, snapshot(row));
    if (!row.fit_to_drive) await this.notifyManagers(row);
    return row;
  }

  /** A check outside a key handover: remote (直行直帰) or the end-of-day check under 「1日1回」. */
  async create(body: z.output<typeof createAlcoholCheckSchema>): Promise<AlcoholCheck> {
    const actor = currentActor();
    const id = await runGarageTransaction(this.tx, async () => {
      let subject: CheckSubject;
      if (body.bookingId) {
        const booking = await this.repo.booking(body.bookingId);
        if (!booking) throw garageError('GARAGE_BOOKING_NOT_FOUND');
        const name = await this.repo.userName(body.driverId);
        if (!name) throw garageError('GARAGE_DRIVER_NOT_FOUND');
        subject = { phase: body.phase, bookingId: booking.id, driverId: body.driverId, driverName: name, carId: booking.car_id, plateNumber: booking.plate_number };
      } else {
        const driver = await this.repo.driverFacts(body.driverId);
        if (!driver) throw garageError('GARAGE_DRIVER_NOT_FOUND');
        subject = { phase: body.phase, bookingId: null, driverId: driver.user_id, driverName: driver.display_name, carId: null, plateNumber: '' };
      }
      return (await this.record(body, subject, actor)).id;
    });
    return toCheck((await this.repo.check(id))!);
  }

  async get(id: string): Promise<AlcoholCheck> {
    const row = await this.repo.check(id);
    if (!row) throw garageError('GARAGE_CHECK_NOT_FOUND');
    return toCheck(row);
  }

  /** A correction (訂正): a new row with the changed items and a reason, referencing the corrected one. */
  async correct(id: string, patch: CorrectAlcoholCheck): Promise<AlcoholCheck> {
    const actor = currentActor();
    const newId = await runGarageTransaction(this.tx, async () => {
      const old = await this.repo.check(id);
      if (!old) throw garageError('GARAGE_CHECK_NOT_FOUND');
      if (old.superseded) throw garageError('GARAGE_ALREADY_CORRECTED');
      const { reason, ...changes } = patch;
      if (Object.values(changes).every((v) => v === undefined)) throw garageError('GARAGE_CORRECTION_EMPTY');
      const merged = {
        method: changes.method ?? old.method,
        remoteMeans: changes.remoteMeans ?? old.remote_means,
        readingMgL: changes.readingMgL ?? Number(old.reading_mg_l),
        faceColourOk: changes.faceColourOk ?? old.face_colour_ok,
        breathSmellOk: changes.breathSmellOk ?? old.breath_smell_ok,
        voiceOk: changes.voiceOk ?? old.voice_ok,
        instructions: changes.instructions ?? old.instructions,
        notes: changes.notes ?? old.notes,
      };
      const judgement = judgeAlcoholCheck(merged);
      const checkedAt = changes.checkedAt ? new Date(changes.checkedAt) : old.checked_at;
      if (checkedAt.getTime() > this.settings.clock.now().getTime() + 60_000) throw garageError('GARAGE_CHECK_TIME_INVALID');
      const newId = await this.repo.insertCheck({
        phase: old.phase,
        booking_id: old.booking_id,
        driver_id: old.driver_id,
        driver_name: old.driver_name,
        checker_id: old.checker_id,
        checker_name: old.checker_name,
        car_id: old.car_id,
        plate_number: old.plate_number,
        checked_at: checkedAt,
        method: merged.method,
        remote_means: merged.method === 'remote' ? merged.remoteMeans : '',
        detector_id: old.detector_id,
        detector_serial: old.detector_serial,
        reading_mg_l: judgement.readingMgL,
        face_colour_ok: merged.faceColourOk,
        breath_smell_ok: merged.breathSmellOk,
        voice_ok: merged.voiceOk,
        alcohol_detected: judgement.alcoholDetected,
        fit_to_drive: judgement.fitToDrive,
        instructions: merged.instructions,
        notes: merged.notes,
        corrects_id: old.id,
        correction_reason: reason,
        recorded_by: actor.id,
      });
      const row = (await this.repo.check(newId))!;
      await this.audit.record('alcohol_check.correct', 'alcohol_check', old.id, snapshot(old), { ...snapshot(row), id: newId, reason });
      if (!row.fit_to_drive && old.fit_to_drive) await this.notifyManagers(row);
      return newId;
    });
    return toCheck((await this.repo.check(newId))!);
  }

  private async notifyManagers(row: CheckRow): Promise<void> {
    await this.notifications.notify(
      await this.repo.safeDrivingManagers(),
      'garage.alcohol_detected',
      {
        checkId: row.id,
        phase: row.phase,
        driverName: row.driver_name,
        checkerName: row.checker_name,
        plateNumber: row.plate_number,
        readingMgL: Number(row.reading_mg_l),
        alcoholDetected: row.alcohol_detected,
        checkedAt: row.checked_at.toISOString(),
        instructions: row.instructions,
      },
      { dedupeKey: `alcohol-check:${row.id}` },
    );
  }
}

