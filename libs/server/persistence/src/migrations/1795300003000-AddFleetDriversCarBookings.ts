import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Official-car foundation (ADR 0007): garages, car classes (seeded), pools, cars, maintenance
 * blocks, the driver register, car bookings and the booking settings row.
 *
 * The invariants live here, not in the services:
 * - no two active bookings of one car overlap, nor of one driver (two partial exclusion
 *   constraints over tstzrange(starts_at, ends_at); cancelled/released/… rows do not count);
 * - no two maintenance blocks of one car overlap;
 * - bookings sit on the 15-minute grid (Asia/Tokyo is UTC+9 all year, so the UTC grid is the
 *   Tokyo grid) and end after they start.
 * `round_id` has no foreign key yet: the lottery adds its rounds table and the key later.
 */
export class AddFleetDriversCarBookings1795300003000 implements MigrationInterface {
  name = 'AddFleetDriversCarBookings1795300003000';

  async up(q: QueryRunner): Promise<void> {
    // Already created by the first migration; repeated so this one stands on its own.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE garages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        address varchar(200) NOT NULL DEFAULT '',
        notes varchar(1000) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_garages" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_garages_code" ON garages (code)`);

    await q.query(`
      CREATE TABLE car_classes (
        code varchar(16) NOT NULL,
        name_ja varchar(50) NOT NULL,
        name_en varchar(50) NOT NULL,
        sort_order int NOT NULL DEFAULT 0,
        CONSTRAINT "PK_car_classes" PRIMARY KEY (code),
        CONSTRAINT "CK_car_classes_code" CHECK (code ~ '^[a-z][a-z0-9_]*$')
      )`);
    // Reference data: the lottery's options and the booking form name classes by these codes.
    await q.query(`
      INSERT INTO car_classes (code, name_ja, name_en, sort_order) VALUES
        ('kei', '軽自動車', 'Kei car', 10),
        ('regular', '普通車', 'Regular car', 20),
        ('wagon', 'ワゴン車', 'Wagon / minivan', 30),
        ('ev', '電気自動車 (EV)', 'Electric vehicle', 40),
        ('truck', '軽トラック', 'Kei truck', 50)`);

    await q.query(`
      CREATE TABLE car_pools (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        description varchar(500) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_pools" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_car_pools_code" ON car_pools (code)`);

    await q.query(`
      CREATE TABLE cars (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        plate_number varchar(40) NOT NULL,
        model varchar(100) NOT NULL DEFAULT '',
        class_code varchar(16) NOT NULL,
        seats smallint NOT NULL,
        fuel varchar(16) NOT NULL,
        garage_id uuid NOT NULL,
        bay varchar(16) NOT NULL DEFAULT '',
        pool_id uuid NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        notes varchar(1000) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_cars" PRIMARY KEY (id),
        CONSTRAINT "FK_cars_class" FOREIGN KEY (class_code) REFERENCES car_classes (code) ON DELETE RESTRICT,
        CONSTRAINT "FK_cars_garage" FOREIGN KEY (garage_id) REFERENCES garages (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_cars_pool" FOREIGN KEY (pool_id) REFERENCES car_pools (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_cars_seats" CHECK (seats BETWEEN 1 AND 30),
        CONSTRAINT "CK_cars_fuel" CHECK (fuel IN ('gasoline','hybrid','ev','diesel')),
        CONSTRAINT "CK_cars_status" CHECK (status IN ('active','retired'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cars_plate_number" ON cars (plate_number)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_cars_garage_bay" ON cars (garage_id, bay) WHERE status = 'active' AND bay <> ''`);
    await q.query(`CREATE INDEX "IDX_cars_pool_class" ON cars (pool_id, class_code)`);

    await q.query(`
      CREATE TABLE car_blocks (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        car_id uuid NOT NULL,
        kind varchar(16) NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        all_day boolean NOT NULL DEFAULT false,
        reason varchar(200) NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_blocks" PRIMARY KEY (id),
        CONSTRAINT "FK_car_blocks_car" FOREIGN KEY (car_id) REFERENCES cars (id) ON DELETE CASCADE,
        CONSTRAINT "FK_car_blocks_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_car_blocks_kind" CHECK (kind IN ('shaken','inspection','repair','other')),
        CONSTRAINT "CK_car_blocks_range" CHECK (ends_at > starts_at),
        CONSTRAINT "EX_car_blocks_no_overlap" EXCLUDE USING gist (car_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);

    await q.query(`
      CREATE TABLE drivers (
        user_id uuid NOT NULL,
        licence_number varchar(12),
        licence_expires_on date NOT NULL,
        licence_conditions text[] NOT NULL DEFAULT '{}',
        first_licensed_on date,
        approved boolean NOT NULL DEFAULT false,
        approved_by uuid,
        approved_at timestamptz,
        notes varchar(1000) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_drivers" PRIMARY KEY (user_id),
        CONSTRAINT "FK_drivers_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_drivers_approved_by" FOREIGN KEY (approved_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_drivers_approved_at" CHECK (NOT approved OR approved_at IS NOT NULL),
        CONSTRAINT "CK_drivers_licence_number" CHECK (licence_number ~ '^[0-9]{12}$'),
        CONSTRAINT "CK_drivers_first_licensed" CHECK (first_licensed_on IS NULL OR first_licensed_on <= licence_expires_on)
      )`);
    await q.query(`CREATE INDEX "IDX_drivers_licence_expires_on" ON drivers (licence_expires_on)`);

    await q.query(`
      CREATE TABLE car_bookings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        car_id uuid NOT NULL,
        driver_id uuid NOT NULL,
        booked_by uuid NOT NULL,
        section_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        purpose varchar(200) NOT NULL,
        destination varchar(200) NOT NULL,
        passengers smallint NOT NULL DEFAULT 0,
        out_of_prefecture boolean NOT NULL DEFAULT false,
        source varchar(16) NOT NULL,
        round_id uuid,
        priority_reason varchar(200),
        status varchar(16) NOT NULL,
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        needs_reassignment boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_bookings" PRIMARY KEY (id),
        CONSTRAINT "FK_car_bookings_car" FOREIGN KEY (car_id) REFERENCES cars (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_bookings_driver" FOREIGN KEY (driver_id) REFERENCES drivers (user_id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_bookings_booked_by" FOREIGN KEY (booked_by) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_bookings_section" FOREIGN KEY (section_id) REFERENCES sections (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_car_bookings_range" CHECK (ends_at > starts_at),
        CONSTRAINT "CK_car_bookings_grid" CHECK (extract(epoch FROM starts_at)::bigint % 900 = 0 AND extract(epoch FROM ends_at)::bigint % 900 = 0),
        CONSTRAINT "CK_car_bookings_status" CHECK (status IN ('provisional','confirmed','in_use','completed','cancelled','released','no_show')),
        CONSTRAINT "CK_car_bookings_source" CHECK (source IN ('first_come','lottery','waitlist','priority')),
        CONSTRAINT "CK_car_bookings_priority_reason" CHECK (source <> 'priority' OR priority_reason IS NOT NULL),
        CONSTRAINT "CK_car_bookings_passengers" CHECK (passengers BETWEEN 0 AND 29),
        CONSTRAINT "EX_car_bookings_car_no_overlap" EXCLUDE USING gist (car_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status IN ('provisional','confirmed','in_use')),
        CONSTRAINT "EX_car_bookings_driver_no_overlap" EXCLUDE USING gist (driver_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
          WHERE (status IN ('provisional','confirmed','in_use'))
      )`);
    await q.query(`CREATE INDEX "IDX_car_bookings_booked_by" ON car_bookings (booked_by, starts_at)`);
    await q.query(`CREATE INDEX "IDX_car_bookings_driver" ON car_bookings (driver_id, starts_at)`);
    await q.query(`CREATE INDEX "IDX_car_bookings_starts_at" ON car_bookings (starts_at)`);
    await q.query(`CREATE INDEX "IDX_car_bookings_round" ON car_bookings (round_id) WHERE round_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_car_bookings_needs_reassignment" ON car_bookings (car_id) WHERE needs_reassignment`);

    await q.query(`
      CREATE TABLE car_booking_settings (
        id smallint NOT NULL,
        bookable_from_minute int NOT NULL DEFAULT 420,
        bookable_until_minute int NOT NULL DEFAULT 1320,
        max_duration_minutes int NOT NULL DEFAULT 4320,
        horizon_months int NOT NULL DEFAULT 1,
        expiry_warning_days int NOT NULL DEFAULT 30,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_booking_settings" PRIMARY KEY (id),
        CONSTRAINT "FK_car_booking_settings_updated_by" FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_car_booking_settings_singleton" CHECK (id = 1),
        CONSTRAINT "CK_car_booking_settings_hours" CHECK (bookable_from_minute >= 0 AND bookable_until_minute <= 1440 AND bookable_from_minute < bookable_until_minute AND bookable_from_minute % 15 = 0 AND bookable_until_minute % 15 = 0),
        CONSTRAINT "CK_car_booking_settings_duration" CHECK (max_duration_minutes >= 15 AND max_duration_minutes % 15 = 0),
        CONSTRAINT "CK_car_booking_settings_horizon" CHECK (horizon_months BETWEEN 1 AND 12),
        CONSTRAINT "CK_car_booking_settings_warning" CHECK (expiry_warning_days BETWEEN 0 AND 365)
      )`);
    // Defaults: 7:00–22:00 Tokyo, at most 3 days, up to 1 month ahead (守山市), warn 30 days before expiry.
    await q.query(`INSERT INTO car_booking_settings (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE car_booking_settings`);
    await q.query(`DROP TABLE car_bookings`);
    await q.query(`DROP TABLE drivers`);
    await q.query(`DROP TABLE car_blocks`);
    await q.query(`DROP TABLE cars`);
    await q.query(`DROP TABLE car_pools`);
    await q.query(`DROP TABLE car_classes`);
    await q.query(`DROP TABLE garages`);
  }
}
