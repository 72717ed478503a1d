import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Garage counter (issue #5, ADR 0013): the detector register (検知器台帳) and its inspections, the
 * legal alcohol-check records (道路交通法施行規則 第9条の10 第6号・第7号), key handovers (鍵の貸出・返却)
 * and driving logs (運転日誌), plus the counter's settings row.
 *
 * Invariants PostgreSQL keeps, not the services:
 * - records (inspections, alcohol checks, handovers, driving logs) are append-only: UPDATE is always
 *   refused, DELETE only for rows older than one year (1年間保存), TRUNCATE never; a correction is a
 *   new row with `corrects_id` and a reason;
 * - a reading is 0.00–5.00 mg/L; alcohol detected ⇔ reading > 0, and then not fit and instructions given;
 * - a remote check names how it was done; odometer at return ≥ odometer at check-out;
 * - one check-out and one return per booking.
 */
export class AddGarageCounter1795300006000 implements MigrationInterface {
  name = 'AddGarageCounter1795300006000';

  async up(q: QueryRunner): Promise<void> {
    // UPDATE: never. DELETE: only once the retention period (1 year after the column named by the
    // trigger's argument) has passed. Corrections are new rows.
    await q.query(`
      CREATE FUNCTION garage_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        kept_since timestamptz;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'table % is append-only: record a correction instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        kept_since := (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz;
        IF kept_since > now() - interval '1 year' THEN
          RAISE EXCEPTION 'table %: records are kept for one year (since %)', TG_TABLE_NAME, kept_since USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END $$`);

    await q.query(`
      CREATE TABLE garage_settings (
        id smallint NOT NULL,
        no_show_minutes int NOT NULL DEFAULT 30,
        one_check_per_day boolean NOT NULL DEFAULT false,
        late_return_grace_minutes int NOT NULL DEFAULT 15,
        damage_block_days int NOT NULL DEFAULT 7,
        weekly_inspection_days int NOT NULL DEFAULT 7,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_garage_settings" PRIMARY KEY (id),
        CONSTRAINT "FK_garage_settings_updated_by" FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_garage_settings_singleton" CHECK (id = 1),
        CONSTRAINT "CK_garage_settings_no_show" CHECK (no_show_minutes BETWEEN 5 AND 240),
        CONSTRAINT "CK_garage_settings_grace" CHECK (late_return_grace_minutes BETWEEN 0 AND 240),
        CONSTRAINT "CK_garage_settings_damage" CHECK (damage_block_days BETWEEN 1 AND 90),
        CONSTRAINT "CK_garage_settings_weekly" CHECK (weekly_inspection_days BETWEEN 1 AND 7)
      )`);
    await q.query(`INSERT INTO garage_settings (id) VALUES (1)`);

    await q.query(`
      CREATE TABLE alcohol_detectors (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        serial_number varchar(64) NOT NULL,
        model varchar(100) NOT NULL DEFAULT '',
        location varchar(100) NOT NULL,
        valid_until date,
        max_uses int,
        use_count int NOT NULL DEFAULT 0,
        status varchar(16) NOT NULL DEFAULT 'active',
        notes varchar(1000) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_alcohol_detectors" PRIMARY KEY (id),
        CONSTRAINT "CK_alcohol_detectors_status" CHECK (status IN ('active','retired')),
        CONSTRAINT "CK_alcohol_detectors_uses" CHECK (use_count >= 0 AND (max_uses IS NULL OR max_uses > 0))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_alcohol_detectors_serial" ON alcohol_detectors (serial_number)`);

    await q.query(`
      CREATE TABLE detector_inspections (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        detector_id uuid NOT NULL,
        kind varchar(8) NOT NULL,
        inspected_at timestamptz NOT NULL DEFAULT now(),
        inspector_id uuid NOT NULL,
        inspector_name varchar(100) NOT NULL,
        power_ok boolean NOT NULL,
        no_damage boolean NOT NULL,
        detects_alcohol boolean,
        no_false_positive boolean,
        passed boolean NOT NULL,
        notes varchar(1000) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_detector_inspections" PRIMARY KEY (id),
        CONSTRAINT "FK_detector_inspections_detector" FOREIGN KEY (detector_id) REFERENCES alcohol_detectors (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_detector_inspections_inspector" FOREIGN KEY (inspector_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_detector_inspections_kind" CHECK (kind IN ('daily','weekly')),
        CONSTRAINT "CK_detector_inspections_weekly_items" CHECK (kind = 'daily' OR (detects_alcohol IS NOT NULL AND no_false_positive IS NOT NULL)),
        CONSTRAINT "CK_detector_inspections_passed" CHECK (passed = (power_ok AND no_damage AND coalesce(detects_alcohol, true) AND coalesce(no_false_positive, true)))
      )`);
    await q.query(`CREATE INDEX "IDX_detector_inspections_detector" ON detector_inspections (detector_id, inspected_at)`);

    await q.query(`
      CREATE TABLE alcohol_checks (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        phase varchar(8) NOT NULL,
        booking_id uuid,
        driver_id uuid NOT NULL,
        driver_name varchar(100) NOT NULL,
        checker_id uuid NOT NULL,
        checker_name varchar(100) NOT NULL,
        car_id uuid,
        plate_number varchar(40) NOT NULL DEFAULT '',
        checked_at timestamptz NOT NULL,
        method varchar(16) NOT NULL,
        remote_means varchar(200) NOT NULL DEFAULT '',
        detector_id uuid NOT NULL,
        detector_serial varchar(64) NOT NULL,
        reading_mg_l numeric(4,2) NOT NULL,
        face_colour_ok boolean NOT NULL,
        breath_smell_ok boolean NOT NULL,
        voice_ok boolean NOT NULL,
        alcohol_detected boolean NOT NULL,
        fit_to_drive boolean NOT NULL,
        instructions varchar(1000) NOT NULL DEFAULT '',
        notes varchar(1000) NOT NULL DEFAULT '',
        corrects_id uuid,
        correction_reason varchar(500),
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_alcohol_checks" PRIMARY KEY (id),
        CONSTRAINT "FK_alcohol_checks_booking" FOREIGN KEY (booking_id) REFERENCES car_bookings (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_alcohol_checks_driver" FOREIGN KEY (driver_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_alcohol_checks_checker" FOREIGN KEY (checker_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_alcohol_checks_car" FOREIGN KEY (car_id) REFERENCES cars (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_alcohol_checks_detector" FOREIGN KEY (detector_id) REFERENCES alcohol_detectors (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_alcohol_checks_corrects" FOREIGN KEY (corrects_id) REFERENCES alcohol_checks (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_alcohol_checks_recorded_by" FOREIGN KEY (recorded_by) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_alcohol_checks_phase" CHECK (phase IN ('pre','post')),
        CONSTRAINT "CK_alcohol_checks_method" CHECK (method IN ('face_to_face','remote')),
        CONSTRAINT "CK_alcohol_checks_remote_means" CHECK (method = 'face_to_face' OR length(trim(remote_means)) > 0),
        CONSTRAINT "CK_alcohol_checks_reading" CHECK (reading_mg_l >= 0 AND reading_mg_l <= 5),
        CONSTRAINT "CK_alcohol_checks_detected" CHECK (alcohol_detected = (reading_mg_l > 0)),
        CONSTRAINT "CK_alcohol_checks_fit" CHECK (NOT fit_to_drive OR (NOT alcohol_detected AND face_colour_ok AND breath_smell_ok AND voice_ok)),
        CONSTRAINT "CK_alcohol_checks_instructions" CHECK (fit_to_drive OR length(trim(instructions)) > 0),
        CONSTRAINT "CK_alcohol_checks_correction" CHECK ((corrects_id IS NULL) = (correction_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX "IDX_alcohol_checks_checked_at" ON alcohol_checks (checked_at)`);
    await q.query(`CREATE INDEX "IDX_alcohol_checks_driver" ON alcohol_checks (driver_id, checked_at)`);
    await q.query(`CREATE INDEX "IDX_alcohol_checks_booking" ON alcohol_checks (booking_id) WHERE booking_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_alcohol_checks_corrects" ON alcohol_checks (corrects_id) WHERE corrects_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE key_handovers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        car_id uuid NOT NULL,
        driver_id uuid NOT NULL,
        substitute boolean NOT NULL DEFAULT false,
        alcohol_check_id uuid,
        handled_by uuid NOT NULL,
        handled_at timestamptz NOT NULL,
        odometer_km int NOT NULL,
        fuel_level varchar(8) NOT NULL,
        etc_card boolean NOT NULL DEFAULT false,
        defects varchar(1000) NOT NULL DEFAULT '',
        damage boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_key_handovers" PRIMARY KEY (id),
        CONSTRAINT "FK_key_handovers_booking" FOREIGN KEY (booking_id) REFERENCES car_bookings (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_key_handovers_car" FOREIGN KEY (car_id) REFERENCES cars (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_key_handovers_driver" FOREIGN KEY (driver_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_key_handovers_check" FOREIGN KEY (alcohol_check_id) REFERENCES alcohol_checks (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_key_handovers_handled_by" FOREIGN KEY (handled_by) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_key_handovers_kind" CHECK (kind IN ('check_out','return')),
        CONSTRAINT "CK_key_handovers_odometer" CHECK (odometer_km BETWEEN 0 AND 9999999),
        CONSTRAINT "CK_key_handovers_fuel" CHECK (fuel_level IN ('full','3/4','1/2','1/4','empty')),
        CONSTRAINT "CK_key_handovers_damage" CHECK (kind = 'return' OR NOT damage),
        CONSTRAINT "CK_key_handovers_check_out_checked" CHECK (kind = 'return' OR alcohol_check_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_key_handovers_booking_kind" ON key_handovers (booking_id, kind)`);
    await q.query(`CREATE INDEX "IDX_key_handovers_car" ON key_handovers (car_id, handled_at)`);

    await q.query(`
      CREATE TABLE driving_logs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL,
        car_id uuid NOT NULL,
        plate_number varchar(40) NOT NULL,
        driver_id uuid NOT NULL,
        driver_name varchar(100) NOT NULL,
        section_name varchar(100) NOT NULL DEFAULT '',
        departed_at timestamptz NOT NULL,
        returned_at timestamptz NOT NULL,
        destination varchar(200) NOT NULL,
        purpose varchar(200) NOT NULL,
        passengers smallint NOT NULL DEFAULT 0,
        odometer_start int NOT NULL,
        odometer_end int NOT NULL,
        distance_km int GENERATED ALWAYS AS (odometer_end - odometer_start) STORED,
        fuel_litres numeric(6,2),
        fuel_cost_yen int,
        etc_used boolean NOT NULL DEFAULT false,
        defects varchar(1000) NOT NULL DEFAULT '',
        notes varchar(1000) NOT NULL DEFAULT '',
        pre_check_id uuid,
        post_check_id uuid,
        corrects_id uuid,
        correction_reason varchar(500),
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_driving_logs" PRIMARY KEY (id),
        CONSTRAINT "FK_driving_logs_booking" FOREIGN KEY (booking_id) REFERENCES car_bookings (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_driving_logs_car" FOREIGN KEY (car_id) REFERENCES cars (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_driving_logs_driver" FOREIGN KEY (driver_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_driving_logs_pre_check" FOREIGN KEY (pre_check_id) REFERENCES alcohol_checks (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_driving_logs_post_check" FOREIGN KEY (post_check_id) REFERENCES alcohol_checks (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_driving_logs_corrects" FOREIGN KEY (corrects_id) REFERENCES driving_logs (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_driving_logs_recorded_by" FOREIGN KEY (recorded_by) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_driving_logs_times" CHECK (returned_at >= departed_at),
        CONSTRAINT "CK_driving_logs_odometer" CHECK (odometer_start >= 0 AND odometer_end >= odometer_start),
        CONSTRAINT "CK_driving_logs_fuel" CHECK ((fuel_litres IS NULL OR fuel_litres > 0) AND (fuel_cost_yen IS NULL OR fuel_cost_yen >= 0)),
        CONSTRAINT "CK_driving_logs_correction" CHECK ((corrects_id IS NULL) = (correction_reason IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_driving_logs_booking" ON driving_logs (booking_id) WHERE corrects_id IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_driving_logs_corrects" ON driving_logs (corrects_id) WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_driving_logs_departed_at" ON driving_logs (departed_at)`);

    const guarded: Array<[string, string]> = [
      ['detector_inspections', 'inspected_at'],
      ['alcohol_checks', 'checked_at'],
      ['key_handovers', 'handled_at'],
      ['driving_logs', 'returned_at'],
    ];
    for (const [table, column] of guarded) {
      await q.query(`CREATE TRIGGER "TR_${table}_append_only" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION garage_record_guard('${column}')`);
      await q.query(`CREATE TRIGGER "TR_${table}_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_update_delete()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE driving_logs`);
    await q.query(`DROP TABLE key_handovers`);
    await q.query(`DROP TABLE alcohol_checks`);
    await q.query(`DROP TABLE detector_inspections`);
    await q.query(`DROP TABLE alcohol_detectors`);
    await q.query(`DROP TABLE garage_settings`);
    await q.query(`DROP FUNCTION garage_record_guard()`);
  }
}
