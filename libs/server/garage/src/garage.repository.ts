import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@rr/server/persistence';

// Only repositories touch SQL. Records (inspections, checks, handovers, logs) are only ever
// INSERTed: PostgreSQL refuses UPDATE and DELETE on them (migration 1795300006000).

export interface SettingsRow {
  no_show_minutes: number;
  one_check_per_day: boolean;
  late_return_grace_minutes: number;
  damage_block_days: number;
  weekly_inspection_days: number;
}

export interface DetectorRow {
  id: string;
  serial_number: string;
  model: string;
  location: string;
  valid_until: string | null;
  max_uses: number | null;
  use_count: number;
  status: 'active' | 'retired';
  notes: string;
  last_weekly_passed_at: Date | null;
  last_inspection_at: Date | null;
  last_inspection_passed: boolean | null;
}

export interface InspectionRow {
  id: string;
  detector_id: string;
  kind: 'daily' | 'weekly';
  inspected_at: Date;
  inspector_name: string;
  power_ok: boolean;
  no_damage: boolean;
  detects_alcohol: boolean | null;
  no_false_positive: boolean | null;
  passed: boolean;
  notes: string;
}

export interface CheckRow {
  id: string;
  phase: 'pre' | 'post';
  booking_id: string | null;
  driver_id: string;
  driver_name: string;
  checker_id: string;
  checker_name: string;
  car_id: string | null;
  plate_number: string;
  checked_at: Date;
  method: 'face_to_face' | 'remote';
  remote_means: string;
  detector_id: string;
  detector_serial: string;
  reading_mg_l: string;
  face_colour_ok: boolean;
  breath_smell_ok: boolean;
  voice_ok: boolean;
  alcohol_detected: boolean;
  fit_to_drive: boolean;
  instructions: string;
  notes: string;
  corrects_id: string | null;
  correction_reason: string | null;
  recorded_by: string;
  created_at: Date;
  superseded: boolean;
}
export type NewCheck = Omit<CheckRow, 'id' | 'created_at' | 'superseded' | 'reading_mg_l'> & { reading_mg_l: number };

export interface HandoverRow {
  id: string;
  booking_id: string;
  kind: 'check_out' | 'return';
  car_id: string;
  driver_id: string;
  substitute: boolean;
  alcohol_check_id: string | null;
  handled_by: string;
  handled_at: Date;
  odometer_km: number;
  fuel_level: 'full' | '3/4' | '1/2' | '1/4' | 'empty';
  etc_card: boolean;
  defects: string;
  damage: boolean;
}
export type NewHandover = Omit<HandoverRow, 'id'>;

export interface LogRow {
  id: string;
  booking_id: string;
  car_id: string;
  plate_number: string;
  driver_id: string;
  driver_name: string;
  section_name: string;
  departed_at: Date;
  returned_at: Date;
  destination: string;
  purpose: string;
  passengers: number;
  odometer_start: number;
  odometer_end: number;
  distance_km: number;
  fuel_litres: string | null;
  fuel_cost_yen: number | null;
  etc_used: boolean;
  defects: string;
  notes: string;
  pre_check_id: string | null;
  post_check_id: string | null;
  corrects_id: string | null;
  correction_reason: string | null;
  recorded_by: string;
  created_at: Date;
  superseded: boolean;
}
export type NewLog = Omit<LogRow, 'id' | 'created_at' | 'superseded' | 'distance_km' | 'fuel_litres'> & { fuel_litres: number | null };

/** A booking as the counter sees it, with the names shown next to it. */
export interface CounterBookingRow {
  id: string;
  car_id: string;
  plate_number: string;
  car_model: string;
  class_code: string;
  class_name: string;
  pool_id: string;
  bay: string;
  driver_id: string;
  driver_name: string;
  booked_by: string;
  section_name: string;
  starts_at: Date;
  ends_at: Date;
  purpose: string;
  destination: string;
  passengers: number;
  source: string;
  status: string;
}

export interface BoardRow extends CounterBookingRow {
  checked_out_at: Date | null;
  returned_at: Date | null;
  odometer_start: number | null;
  last_odometer_km: number | null;
  blocked: boolean;
}

export interface DriverFactsRow {
  user_id: string;
  display_name: string;
  is_active: boolean;
  approved: boolean;
  licence_expires_on: string;
}

export interface RecordFilter {
  from: Date;
  to: Date;
  carId?: string;
  driverId?: string;
  history?: boolean;
}

const CHECK_COLUMNS = `c.id, c.phase, c.booking_id, c.driver_id, c.driver_name, c.checker_id, c.checker_name, c.car_id, c.plate_number, c.checked_at,
  c.method, c.remote_means, c.detector_id, c.detector_serial, c.reading_mg_l::text AS reading_mg_l, c.face_colour_ok, c.breath_smell_ok, c.voice_ok,
  c.alcohol_detected, c.fit_to_drive, c.instructions, c.notes, c.corrects_id, c.correction_reason, c.recorded_by, c.created_at,
  EXISTS (SELECT 1 FROM alcohol_checks n WHERE n.corrects_id = c.id) AS superseded`;

const LOG_COLUMNS = `l.id, l.booking_id, l.car_id, l.plate_number, l.driver_id, l.driver_name, l.section_name, l.departed_at, l.returned_at, l.destination,
  l.purpose, l.passengers, l.odometer_start, l.odometer_end, l.distance_km, l.fuel_litres::text AS fuel_litres, l.fuel_cost_yen, l.etc_used, l.defects,
  l.notes, l.pre_check_id, l.post_check_id, l.corrects_id, l.correction_reason, l.recorded_by, l.created_at,
  EXISTS (SELECT 1 FROM driving_logs n WHERE n.corrects_id = l.id) AS superseded`;

const BOOKING_VIEW = `
  SELECT b.id, b.car_id, c.plate_number, c.model AS car_model, c.class_code, cc.name_ja AS class_name, c.pool_id, c.bay,
         b.driver_id, du.display_name AS driver_name, b.booked_by, s.name AS section_name, b.starts_at, b.ends_at, b.purpose,
         b.destination, b.passengers, b.source, b.status
    FROM car_bookings b
    JOIN cars c ON c.id = b.car_id
    JOIN car_classes cc ON cc.code = c.class_code
    JOIN users du ON du.id = b.driver_id
    JOIN sections s ON s.id = b.section_id`;

const DETECTOR_VIEW = `
  SELECT d.id, d.serial_number, d.model, d.location, d.valid_until::text AS valid_until, d.max_uses, d.use_count, d.status, d.notes,
         (SELECT max(i.inspected_at) FROM detector_inspections i WHERE i.detector_id = d.id AND i.kind = 'weekly' AND i.passed) AS last_weekly_passed_at,
         li.inspected_at AS last_inspection_at, li.passed AS last_inspection_passed
    FROM alcohol_detectors d
    LEFT JOIN LATERAL (SELECT inspected_at, passed FROM detector_inspections i WHERE i.detector_id = d.id ORDER BY inspected_at DESC, created_at DESC LIMIT 1) li ON true`;

@Injectable()
export class GarageRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get q() {
    return this.tx.manager;
  }

  // ---------------------------------------------------------------- settings

  async settings(): Promise<SettingsRow> {
    const [row] = await this.q.query(
      `SELECT no_show_minutes, one_check_per_day, late_return_grace_minutes, damage_block_days, weekly_inspection_days FROM garage_settings WHERE id = 1`,
    );
    return row as SettingsRow;
  }

  async updateSettings(patch: Partial<SettingsRow>, userId: string): Promise<void> {
    const keys = Object.keys(patch) as Array<keyof SettingsRow>;
    if (keys.length === 0) return;
    const sets = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
    await this.q.query(`UPDATE garage_settings SET ${sets}, updated_by = $1, updated_at = now() WHERE id = 1`, [userId, ...keys.map((k) => patch[k])]);
  }

  // ---------------------------------------------------------------- detectors

  async detectors(): Promise<DetectorRow[]> {
    return this.q.query(`${DETECTOR_VIEW} ORDER BY d.status, d.location, d.serial_number`);
  }

  async detector(id: string, lock = false): Promise<DetectorRow | null> {
    if (lock) await this.q.query(`SELECT 1 FROM alcohol_detectors WHERE id = $1 FOR UPDATE`, [id]);
    const rows: DetectorRow[] = await this.q.query(`${DETECTOR_VIEW} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async insertDetector(v: { serialNumber: string; model: string; location: string; validUntil: string | null; maxUses: number | null; notes: string }): Promise<string> {
    const [row] = await this.q.query(
      `INSERT INTO alcohol_detectors (serial_number, model, location, valid_until, max_uses, notes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [v.serialNumber, v.model, v.location, v.validUntil, v.maxUses, v.notes],
    );
    return row.id as string;
  }

  async updateDetector(id: string, patch: Record<string, unknown>): Promise<void> {
    const columns: Record<string, string> = { serialNumber: 'serial_number', model: 'model', location: 'location', validUntil: 'valid_until', maxUses: 'max_uses', status: 'status', notes: 'notes' };
    const keys = Object.keys(patch).filter((k) => columns[k] && patch[k] !== undefined);
    if (keys.length === 0) return;
    const sets = keys.map((k, i) => `${columns[k]} = $${i + 2}`).join(', ');
    await this.q.query(`UPDATE alcohol_detectors SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...keys.map((k) => patch[k])]);
  }

  async deleteDetector(id: string): Promise<void> {
    await this.q.query(`DELETE FROM alcohol_detectors WHERE id = $1`, [id]);
  }

  async countDetectorUse(id: string): Promise<void> {
    await this.q.query(`UPDATE alcohol_detectors SET use_count = use_count + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  async insertInspection(v: Omit<InspectionRow, 'id' | 'inspected_at'> & { inspector_id: string; inspected_at: Date }): Promise<string> {
    const [row] = await this.q.query(
      `INSERT INTO detector_inspections (detector_id, kind, inspected_at, inspector_id, inspector_name, power_ok, no_damage, detects_alcohol, no_false_positive, passed, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [v.detector_id, v.kind, v.inspected_at, v.inspector_id, v.inspector_name, v.power_ok, v.no_damage, v.detects_alcohol, v.no_false_positive, v.passed, v.notes],
    );
    return row.id as string;
  }

  async inspections(detectorId: string, limit = 100): Promise<InspectionRow[]> {
    return this.q.query(
      `SELECT id, detector_id, kind, inspected_at, inspector_name, power_ok, no_damage, detects_alcohol, no_false_positive, passed, notes
         FROM detector_inspections WHERE detector_id = $1 ORDER BY inspected_at DESC, created_at DESC LIMIT $2`,
      [detectorId, limit],
    );
  }

  async inspection(id: string): Promise<InspectionRow | null> {
    const rows: InspectionRow[] = await this.q.query(
      `SELECT id, detector_id, kind, inspected_at, inspector_name, power_ok, no_damage, detects_alcohol, no_false_positive, passed, notes FROM detector_inspections WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  // ---------------------------------------------------------------- people

  async userName(id: string): Promise<string | null> {
    const rows = await this.q.query(`SELECT display_name FROM users WHERE id = $1`, [id]);
    return (rows[0]?.display_name as string | undefined) ?? null;
  }

  /** The driver register row, held FOR SHARE so a revocation cannot slip in before the key is released. */
  async driverFacts(userId: string): Promise<DriverFactsRow | null> {
    const rows: DriverFactsRow[] = await this.q.query(
      `SELECT d.user_id, u.display_name, u.is_active, d.approved, d.licence_expires_on::text AS licence_expires_on
         FROM drivers d JOIN users u ON u.id = d.user_id WHERE d.user_id = $1 FOR SHARE OF d`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** 安全運転管理者: the active garage administrators. */
  async safeDrivingManagers(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.q.query(`SELECT id FROM users WHERE is_active AND 'garage_admin' = ANY(roles) ORDER BY id`);
    return rows.map((r) => r.id);
  }

  // ---------------------------------------------------------------- bookings

  async booking(id: string): Promise<CounterBookingRow | null> {
    const rows: CounterBookingRow[] = await this.q.query(`${BOOKING_VIEW} WHERE b.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Locks the booking row (FOR UPDATE) and returns its view; the lock serialises handovers and the no-show sweep. */
  async lockBooking(id: string): Promise<CounterBookingRow | null> {
    const locked = await this.q.query(`SELECT id FROM car_bookings WHERE id = $1 FOR UPDATE`, [id]);
    if (locked.length === 0) return null;
    return this.booking(id);
  }

  /** Moves a booking from one of `from` to `to`; false when its status was not one of `from`. */
  async setBookingStatus(id: string, from: readonly string[], to: string, at: Date): Promise<boolean> {
    const [, changed]: [unknown, number] = await this.q.query(
      `UPDATE car_bookings SET status = $3, status_changed_at = $4, updated_at = now() WHERE id = $1 AND status = ANY($2::text[])`,
      [id, [...from], to, at],
    );
    return changed === 1;
  }

  /** The board: bookings touching [dayStart, dayEnd) that were held (not cancelled before the day), with their handovers. */
  async board(dayStart: Date, dayEnd: Date, driverId?: string): Promise<BoardRow[]> {
    const params: unknown[] = [dayStart, dayEnd];
    const driver = driverId ? `AND (b.driver_id = $3 OR b.booked_by = $3)` : '';
    if (driverId) params.push(driverId);
    return this.q.query(
      `SELECT v.*, co.handled_at AS checked_out_at, rt.handled_at AS returned_at, co.odometer_km AS odometer_start,
              (SELECT max(h.odometer_km) FROM key_handovers h WHERE h.car_id = v.car_id AND h.booking_id <> v.id) AS last_odometer_km,
              EXISTS (SELECT 1 FROM alcohol_checks ac WHERE ac.booking_id = v.id AND ac.phase = 'pre' AND NOT ac.fit_to_drive
                       AND NOT EXISTS (SELECT 1 FROM alcohol_checks n WHERE n.corrects_id = ac.id)) AND co.id IS NULL AS blocked
         FROM (${BOOKING_VIEW}
                WHERE (tstzrange(b.starts_at, b.ends_at) && tstzrange($1, $2) OR (b.status = 'in_use' AND b.starts_at < $2))
                  AND b.status IN ('confirmed','in_use','completed','no_show') ${driver}) v
         LEFT JOIN key_handovers co ON co.booking_id = v.id AND co.kind = 'check_out'
         LEFT JOIN key_handovers rt ON rt.booking_id = v.id AND rt.kind = 'return'
        ORDER BY v.starts_at, v.plate_number COLLATE "C", v.id`,
      params,
    );
  }

  // ---------------------------------------------------------------- handovers

  async handover(bookingId: string, kind: 'check_out' | 'return'): Promise<HandoverRow | null> {
    const rows: HandoverRow[] = await this.q.query(`SELECT * FROM key_handovers WHERE booking_id = $1 AND kind = $2`, [bookingId, kind]);
    return rows[0] ?? null;
  }

  async insertHandover(v: NewHandover): Promise<HandoverRow> {
    const [row] = await this.q.query(
      `INSERT INTO key_handovers (booking_id, kind, car_id, driver_id, substitute, alcohol_check_id, handled_by, handled_at, odometer_km, fuel_level, etc_card, defects, damage)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [v.booking_id, v.kind, v.car_id, v.driver_id, v.substitute, v.alcohol_check_id, v.handled_by, v.handled_at, v.odometer_km, v.fuel_level, v.etc_card, v.defects, v.damage],
    );
    return row as HandoverRow;
  }

  /** The highest odometer recorded for the car by other bookings (the meter never runs backwards). */
  async lastOdometer(carId: string, excludeBookingId: string): Promise<number | null> {
    const [row] = await this.q.query(`SELECT max(odometer_km) AS km FROM key_handovers WHERE car_id = $1 AND booking_id <> $2`, [carId, excludeBookingId]);
    return (row?.km as number | null) ?? null;
  }

  // ---------------------------------------------------------------- alcohol checks

  async insertCheck(v: NewCheck): Promise<string> {
    const [row] = await this.q.query(
      `INSERT INTO alcohol_checks (phase, booking_id, driver_id, driver_name, checker_id, checker_name, car_id, plate_number, checked_at, method, remote_means,
         detector_id, detector_serial, reading_mg_l, face_colour_ok, breath_smell_ok, voice_ok, alcohol_detected, fit_to_drive, instructions, notes,
         corrects_id, correction_reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) RETURNING id`,
      [
        v.phase,
        v.booking_id,
        v.driver_id,
        v.driver_name,
        v.checker_id,
        v.checker_name,
        v.car_id,
        v.plate_number,
        v.checked_at,
        v.method,
        v.remote_means,
        v.detector_id,
        v.detector_serial,
        v.reading_mg_l,
        v.face_colour_ok,
        v.breath_smell_ok,
        v.voice_ok,
        v.alcohol_detected,
        v.fit_to_drive,
        v.instructions,
        v.notes,
        v.corrects_id,
        v.correction_reason,
        v.recorded_by,
      ],
    );
    return row.id as string;
  }

  async check(id: string): Promise<CheckRow | null> {
    const rows: CheckRow[] = await this.q.query(`SELECT ${CHECK_COLUMNS} FROM alcohol_checks c WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The driver's current (uncorrected) checks of a phase in [from, to), newest first. */
  async driverChecks(driverId: string, phase: 'pre' | 'post', from: Date, to: Date): Promise<CheckRow[]> {
    return this.q.query(
      `SELECT ${CHECK_COLUMNS} FROM alcohol_checks c
        WHERE c.driver_id = $1 AND c.phase = $2 AND c.checked_at >= $3 AND c.checked_at < $4
          AND NOT EXISTS (SELECT 1 FROM alcohol_checks n WHERE n.corrects_id = c.id)
        ORDER BY c.checked_at DESC`,
      [driverId, phase, from, to],
    );
  }

  async checks(f: RecordFilter): Promise<CheckRow[]> {
    const params: unknown[] = [f.from, f.to];
    const where = [`c.checked_at >= $1`, `c.checked_at < $2`];
    if (f.carId) where.push(`c.car_id = $${params.push(f.carId)}`);
    if (f.driverId) where.push(`c.driver_id = $${params.push(f.driverId)}`);
    if (!f.history) where.push(`NOT EXISTS (SELECT 1 FROM alcohol_checks n WHERE n.corrects_id = c.id)`);
    return this.q.query(`SELECT ${CHECK_COLUMNS} FROM alcohol_checks c WHERE ${where.join(' AND ')} ORDER BY c.checked_at, c.created_at, c.id`, params);
  }

  // ---------------------------------------------------------------- driving logs

  async insertLog(v: NewLog): Promise<string> {
    const [row] = await this.q.query(
      `INSERT INTO driving_logs (booking_id, car_id, plate_number, driver_id, driver_name, section_name, departed_at, returned_at, destination, purpose, passengers,
         odometer_start, odometer_end, fuel_litres, fuel_cost_yen, etc_used, defects, notes, pre_check_id, post_check_id, corrects_id, correction_reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) RETURNING id`,
      [
        v.booking_id,
        v.car_id,
        v.plate_number,
        v.driver_id,
        v.driver_name,
        v.section_name,
        v.departed_at,
        v.returned_at,
        v.destination,
        v.purpose,
        v.passengers,
        v.odometer_start,
        v.odometer_end,
        v.fuel_litres,
        v.fuel_cost_yen,
        v.etc_used,
        v.defects,
        v.notes,
        v.pre_check_id,
        v.post_check_id,
        v.corrects_id,
        v.correction_reason,
        v.recorded_by,
      ],
    );
    return row.id as string;
  }

  async log(id: string): Promise<LogRow | null> {
    const rows: LogRow[] = await this.q.query(`SELECT ${LOG_COLUMNS} FROM driving_logs l WHERE l.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async logs(f: RecordFilter): Promise<LogRow[]> {
    const params: unknown[] = [f.from, f.to];
    const where = [`l.departed_at >= $1`, `l.departed_at < $2`];
    if (f.carId) where.push(`l.car_id = $${params.push(f.carId)}`);
    if (f.driverId) where.push(`l.driver_id = $${params.push(f.driverId)}`);
    if (!f.history) where.push(`NOT EXISTS (SELECT 1 FROM driving_logs n WHERE n.corrects_id = l.id)`);
    return this.q.query(`SELECT ${LOG_COLUMNS} FROM driving_logs l WHERE ${where.join(' AND ')} ORDER BY l.departed_at, l.created_at, l.id`, params);
  }

  // ---------------------------------------------------------------- sweeps (worker)

  /** Confirmed bookings started at least `minutes` ago (within the last day) whose key was never taken. */
  async noShowCandidates(now: Date, minutes: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.q.query(
      `SELECT b.id FROM car_bookings b
        WHERE b.status = 'confirmed' AND b.starts_at <= $1::timestamptz - make_interval(mins => $2) AND b.starts_at > $1::timestamptz - interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM key_handovers h WHERE h.booking_id = b.id AND h.kind = 'check_out')
        ORDER BY b.starts_at, b.id`,
      [now, minutes],
    );
    return rows.map((r) => r.id);
  }

  /** The driver showed up but was found not fit: the booking is not a no-show (the garage decides). */
  async hasPreCheck(bookingId: string): Promise<boolean> {
    const rows = await this.q.query(`SELECT 1 FROM alcohol_checks WHERE booking_id = $1 AND phase = 'pre' LIMIT 1`, [bookingId]);
    return rows.length > 0;
  }

  /** In-use trips past their end plus `graceMinutes`, with the next active booking of the same car starting within `aheadMinutes`. */
  async lateReturns(now: Date, graceMinutes: number, aheadMinutes: number): Promise<Array<{ late_id: string; next_id: string }>> {
    return this.q.query(
      `SELECT late.id AS late_id, nxt.id AS next_id
         FROM car_bookings late
         JOIN LATERAL (
           SELECT n.id FROM car_bookings n
            WHERE n.car_id = late.car_id AND n.id <> late.id AND n.status IN ('provisional','confirmed')
              AND n.starts_at >= late.ends_at AND n.starts_at < $1::timestamptz + make_interval(mins => $3)
            ORDER BY n.starts_at LIMIT 1) nxt ON true
        WHERE late.status = 'in_use' AND late.ends_at <= $1::timestamptz - make_interval(mins => $2)
        ORDER BY late.ends_at, late.id`,
      [now, graceMinutes, aheadMinutes],
    );
  }

  /** A free active car of the same class and pool for [startsAt, endsAt) with enough seats, or null. */
  async freeSameClassCar(b: { car_id: string; class_code: string; pool_id: string; starts_at: Date; ends_at: Date; passengers: number }): Promise<{ id: string; plate_number: string } | null> {
    const rows = await this.q.query(
      `SELECT c.id, c.plate_number FROM cars c
        WHERE c.status = 'active' AND c.class_code = $1 AND c.pool_id = $2 AND c.id <> $3 AND c.seats >= $6 + 1
          AND NOT EXISTS (SELECT 1 FROM car_bookings o WHERE o.car_id = c.id AND o.status IN ('provisional','confirmed','in_use')
                          AND tstzrange(o.starts_at, o.ends_at) && tstzrange($4, $5))
          AND NOT EXISTS (SELECT 1 FROM car_blocks k WHERE k.car_id = c.id AND tstzrange(k.starts_at, k.ends_at) && tstzrange($4, $5))
        ORDER BY c.plate_number COLLATE "C" LIMIT 1`,
      [b.class_code, b.pool_id, b.car_id, b.starts_at, b.ends_at, b.passengers],
    );
    return rows[0] ?? null;
  }

  /**
   * The trip that keeps this booking's car out: an `in_use` booking of the same car that ended
   * (before this one starts) at least `graceMinutes` ago. Null when the car is not late back.
   */
  async lateTripBefore(b: { id: string; car_id: string; starts_at: Date }, now: Date, graceMinutes: number): Promise<{ id: string; ends_at: Date } | null> {
    const rows = await this.q.query(
      `SELECT l.id, l.ends_at FROM car_bookings l
        WHERE l.car_id = $1 AND l.id <> $2 AND l.status = 'in_use' AND l.ends_at <= $3
          AND l.ends_at <= $4::timestamptz - make_interval(mins => $5)
        ORDER BY l.ends_at DESC LIMIT 1`,
      [b.car_id, b.id, b.starts_at, now, graceMinutes],
    );
    return rows[0] ?? null;
  }

  /**
   * Locks a car FOR NO KEY UPDATE, as the cars feature does before writing a booking of it: writers
   * of one car queue, and a maintenance block (FOR UPDATE) or retirement cannot slip in meanwhile.
   */
  async lockCarForBooking(id: string): Promise<{ id: string; plate_number: string; status: string; seats: number; class_code: string; pool_id: string } | null> {
    const rows = await this.q.query(`SELECT id, plate_number, status, seats, class_code, pool_id FROM cars WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** Puts the booking on another car. The exclusion constraint on car_bookings refuses it (23P01) when the car is taken. */
  async moveBookingToCar(bookingId: string, carId: string): Promise<void> {
    await this.q.query(`UPDATE car_bookings SET car_id = $2, needs_reassignment = false, updated_at = now() WHERE id = $1`, [bookingId, carId]);
  }

  /** Blocks of the car overlapping [from, to), earliest first. */
  async blocksOf(carId: string, from: Date, to: Date): Promise<Array<{ id: string; starts_at: Date; ends_at: Date }>> {
    return this.q.query(
      `SELECT id, starts_at, ends_at FROM car_blocks WHERE car_id = $1 AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) ORDER BY starts_at`,
      [carId, from, to],
    );
  }

  /** Serialises the sweep across worker replicas for one transaction (released at commit). */
  async tryAdvisoryLock(key: string): Promise<boolean> {
    const [row] = await this.q.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok`, [key]);
    return row.ok as boolean;
  }
}
