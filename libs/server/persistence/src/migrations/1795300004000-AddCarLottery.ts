import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Car lottery rounds (ADR 0010): per-pool settings, rounds with their persisted state machine,
 * requests with up to three ranked options, zero-win streaks per user and pool, the immutable draw
 * records and waitlist passes, and the category of priority reservations. Also adds the foreign key
 * from car_bookings.round_id that migration 1795300003000 left for the lottery.
 *
 * Invariants held here rather than in services:
 * - rounds of one pool never cover overlapping periods (exclusion constraint) — so two worker
 *   replicas creating the same weekly round cannot both succeed;
 * - a round's instants are ordered, and a round past each stage carries that stage's evidence
 *   (commitment once opened, digests once frozen, seed and result once drawn);
 * - draw records and waitlist passes are append-only (the shared refuse_update_delete() trigger);
 * - one draw record per round (primary key), whatever the number of workers.
 */
export class AddCarLottery1795300004000 implements MigrationInterface {
  name = 'AddCarLottery1795300004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    // Days count from the Monday of the window week; minutes are Tokyo minutes of the day.
    await q.query(`
      CREATE TABLE car_lottery_settings (
        pool_id uuid NOT NULL,
        enabled boolean NOT NULL DEFAULT false,
        opens_day smallint NOT NULL DEFAULT 0,
        opens_minute int NOT NULL DEFAULT 510,
        closes_day smallint NOT NULL DEFAULT 2,
        closes_minute int NOT NULL DEFAULT 1035,
        draw_day smallint NOT NULL DEFAULT 3,
        draw_minute int NOT NULL DEFAULT 540,
        confirm_day smallint NOT NULL DEFAULT 4,
        confirm_minute int NOT NULL DEFAULT 1035,
        first_come_day smallint NOT NULL DEFAULT 7,
        first_come_minute int NOT NULL DEFAULT 510,
        period_offset_days smallint NOT NULL DEFAULT 14,
        period_days smallint NOT NULL DEFAULT 7,
        per_user_cap int NOT NULL DEFAULT 5,
        per_section_cap int NOT NULL DEFAULT 30,
        reminder_minutes_before int NOT NULL DEFAULT 480,
        create_ahead_days int NOT NULL DEFAULT 21,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_lottery_settings" PRIMARY KEY (pool_id),
        CONSTRAINT "FK_car_lottery_settings_pool" FOREIGN KEY (pool_id) REFERENCES car_pools (id) ON DELETE CASCADE,
        CONSTRAINT "FK_car_lottery_settings_updated_by" FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_car_lottery_settings_minutes" CHECK (
          opens_minute BETWEEN 0 AND 1439 AND closes_minute BETWEEN 0 AND 1439 AND draw_minute BETWEEN 0 AND 1439
          AND confirm_minute BETWEEN 0 AND 1439 AND first_come_minute BETWEEN 0 AND 1439),
        CONSTRAINT "CK_car_lottery_settings_order" CHECK (
          opens_day * 1440 + opens_minute < closes_day * 1440 + closes_minute
          AND closes_day * 1440 + closes_minute <= draw_day * 1440 + draw_minute
          AND draw_day * 1440 + draw_minute < confirm_day * 1440 + confirm_minute
          AND confirm_day * 1440 + confirm_minute <= first_come_day * 1440 + first_come_minute),
        CONSTRAINT "CK_car_lottery_settings_limits" CHECK (
          per_user_cap >= 1 AND per_section_cap >= 1 AND period_days >= 1 AND period_offset_days >= 1
          AND reminder_minutes_before >= 0 AND create_ahead_days >= 0)
      )`);

    await q.query(`
      CREATE TABLE car_lottery_rounds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        pool_id uuid NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        draw_at timestamptz NOT NULL,
        confirm_by timestamptz NOT NULL,
        first_come_at timestamptz NOT NULL,
        reminder_at timestamptz,
        per_user_cap int NOT NULL,
        per_section_cap int NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'scheduled',
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        secret varchar(64),
        commitment varchar(64),
        external_value varchar(1000),
        external_value_source varchar(16),
        external_value_set_by uuid,
        external_value_set_at timestamptz,
        frozen_at timestamptz,
        frozen_input jsonb,
        input_digest varchar(64),
        ticket_table jsonb,
        ticket_digest varchar(64),
        drawn_at timestamptz,
        seed varchar(64),
        draw_input_digest varchar(64),
        input_changed_after_freeze boolean,
        result_digest varchar(64),
        reminder_sent_at timestamptz,
        waitlist_digest varchar(64),
        closed_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_lottery_rounds" PRIMARY KEY (id),
        CONSTRAINT "FK_car_lottery_rounds_pool" FOREIGN KEY (pool_id) REFERENCES car_pools (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_lottery_rounds_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "FK_car_lottery_rounds_external_value_set_by" FOREIGN KEY (external_value_set_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_car_lottery_rounds_status" CHECK (status IN ('scheduled','open','frozen','drawn','confirming','first_come','closed')),
        CONSTRAINT "CK_car_lottery_rounds_period" CHECK (period_end > period_start),
        CONSTRAINT "CK_car_lottery_rounds_schedule" CHECK (opens_at < closes_at AND closes_at <= draw_at AND draw_at < confirm_by AND confirm_by <= first_come_at),
        CONSTRAINT "CK_car_lottery_rounds_commitment" CHECK (status = 'scheduled' OR (secret IS NOT NULL AND commitment IS NOT NULL)),
        CONSTRAINT "CK_car_lottery_rounds_frozen" CHECK (status IN ('scheduled','open') OR (input_digest IS NOT NULL AND ticket_digest IS NOT NULL)),
        CONSTRAINT "CK_car_lottery_rounds_drawn" CHECK (status IN ('scheduled','open','frozen') OR (seed IS NOT NULL AND result_digest IS NOT NULL AND external_value IS NOT NULL)),
        CONSTRAINT "CK_car_lottery_rounds_external_value" CHECK ((external_value IS NULL) = (external_value_source IS NULL) AND (external_value_source IS NULL OR external_value_source IN ('official','fallback'))),
        CONSTRAINT "EX_car_lottery_rounds_no_overlap" EXCLUDE USING gist (pool_id WITH =, tstzrange(period_start, period_end) WITH &&)
      )`);
    await q.query(`CREATE INDEX "IDX_car_lottery_rounds_active" ON car_lottery_rounds (status) WHERE status <> 'closed'`);
    await q.query(`CREATE INDEX "IDX_car_lottery_rounds_pool_period" ON car_lottery_rounds (pool_id, period_start)`);

    await q.query(`
      CREATE TABLE car_lottery_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        user_id uuid NOT NULL,
        driver_id uuid NOT NULL,
        section_id uuid NOT NULL,
        rank int NOT NULL,
        purpose varchar(200) NOT NULL,
        destination varchar(200) NOT NULL,
        passengers smallint NOT NULL DEFAULT 0,
        out_of_prefecture boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'active',
        withdrawn_at timestamptz,
        result varchar(16) NOT NULL DEFAULT 'pending',
        won_option smallint,
        booking_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_lottery_requests" PRIMARY KEY (id),
        CONSTRAINT "FK_car_lottery_requests_round" FOREIGN KEY (round_id) REFERENCES car_lottery_rounds (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_lottery_requests_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_lottery_requests_driver" FOREIGN KEY (driver_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_lottery_requests_section" FOREIGN KEY (section_id) REFERENCES sections (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_lottery_requests_booking" FOREIGN KEY (booking_id) REFERENCES car_bookings (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_car_lottery_requests_rank" CHECK (rank BETWEEN 1 AND 1000000),
        CONSTRAINT "CK_car_lottery_requests_status" CHECK (status IN ('active','withdrawn')),
        CONSTRAINT "CK_car_lottery_requests_result" CHECK (result IN ('pending','won','lost','promoted')),
        CONSTRAINT "CK_car_lottery_requests_passengers" CHECK (passengers BETWEEN 0 AND 29),
        CONSTRAINT "CK_car_lottery_requests_won_option" CHECK (won_option IS NULL OR won_option BETWEEN 0 AND 3)
      )`);
    await q.query(`CREATE INDEX "IDX_car_lottery_requests_round_user" ON car_lottery_requests (round_id, user_id)`);
    await q.query(`CREATE INDEX "IDX_car_lottery_requests_round_section" ON car_lottery_requests (round_id, section_id)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_car_lottery_requests_booking" ON car_lottery_requests (booking_id) WHERE booking_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE car_lottery_request_options (
        request_id uuid NOT NULL,
        position smallint NOT NULL,
        class_code varchar(16) NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CONSTRAINT "PK_car_lottery_request_options" PRIMARY KEY (request_id, position),
        CONSTRAINT "FK_car_lottery_request_options_request" FOREIGN KEY (request_id) REFERENCES car_lottery_requests (id) ON DELETE CASCADE,
        CONSTRAINT "FK_car_lottery_request_options_class" FOREIGN KEY (class_code) REFERENCES car_classes (code) ON DELETE RESTRICT,
        CONSTRAINT "CK_car_lottery_request_options_position" CHECK (position BETWEEN 1 AND 3),
        CONSTRAINT "CK_car_lottery_request_options_range" CHECK (ends_at > starts_at),
        CONSTRAINT "CK_car_lottery_request_options_grid" CHECK (extract(epoch FROM starts_at)::bigint % 900 = 0 AND extract(epoch FROM ends_at)::bigint % 900 = 0)
      )`);

    await q.query(`
      CREATE TABLE lottery_streaks (
        user_id uuid NOT NULL,
        pool_id uuid NOT NULL,
        zero_win_streak int NOT NULL DEFAULT 0,
        last_round_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_lottery_streaks" PRIMARY KEY (user_id, pool_id),
        CONSTRAINT "FK_lottery_streaks_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_lottery_streaks_pool" FOREIGN KEY (pool_id) REFERENCES car_pools (id) ON DELETE CASCADE,
        CONSTRAINT "FK_lottery_streaks_round" FOREIGN KEY (last_round_id) REFERENCES car_lottery_rounds (id) ON DELETE SET NULL,
        CONSTRAINT "CK_lottery_streaks_value" CHECK (zero_win_streak >= 0)
      )`);

    await q.query(`
      CREATE TABLE car_lottery_draw_records (
        round_id uuid NOT NULL,
        algorithm varchar(64) NOT NULL,
        record jsonb NOT NULL,
        input_digest varchar(64) NOT NULL,
        ticket_digest varchar(64) NOT NULL,
        seed varchar(64) NOT NULL,
        result_digest varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_lottery_draw_records" PRIMARY KEY (round_id),
        CONSTRAINT "FK_car_lottery_draw_records_round" FOREIGN KEY (round_id) REFERENCES car_lottery_rounds (id) ON DELETE RESTRICT
      )`);
    await q.query(`
      CREATE TRIGGER "TR_car_lottery_draw_records_append_only" BEFORE UPDATE OR DELETE ON car_lottery_draw_records
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(`
      CREATE TRIGGER "TR_car_lottery_draw_records_no_truncate" BEFORE TRUNCATE ON car_lottery_draw_records
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_update_delete()`);

    await q.query(`
      CREATE TABLE car_lottery_waitlist_passes (
        round_id uuid NOT NULL,
        pass_no int NOT NULL,
        released_request_ids jsonb NOT NULL,
        released_booking_ids jsonb NOT NULL,
        prior jsonb NOT NULL,
        adjustments jsonb NOT NULL,
        promotions jsonb NOT NULL,
        digest varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_lottery_waitlist_passes" PRIMARY KEY (round_id, pass_no),
        CONSTRAINT "FK_car_lottery_waitlist_passes_round" FOREIGN KEY (round_id) REFERENCES car_lottery_rounds (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_car_lottery_waitlist_passes_no" CHECK (pass_no >= 1)
      )`);
    await q.query(`
      CREATE TRIGGER "TR_car_lottery_waitlist_passes_append_only" BEFORE UPDATE OR DELETE ON car_lottery_waitlist_passes
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(`
      CREATE TRIGGER "TR_car_lottery_waitlist_passes_no_truncate" BEFORE TRUNCATE ON car_lottery_waitlist_passes
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_update_delete()`);

    await q.query(`
      CREATE TABLE car_lottery_priority_reservations (
        booking_id uuid NOT NULL,
        round_id uuid NOT NULL,
        category varchar(16) NOT NULL,
        reason varchar(200) NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_car_lottery_priority_reservations" PRIMARY KEY (booking_id),
        CONSTRAINT "FK_car_lottery_priority_reservations_booking" FOREIGN KEY (booking_id) REFERENCES car_bookings (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_lottery_priority_reservations_round" FOREIGN KEY (round_id) REFERENCES car_lottery_rounds (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_car_lottery_priority_reservations_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_car_lottery_priority_reservations_category" CHECK (category IN ('disaster','assembly','mayor'))
      )`);
    await q.query(`CREATE INDEX "IDX_car_lottery_priority_reservations_round" ON car_lottery_priority_reservations (round_id)`);

    await q.query(`
      ALTER TABLE car_bookings ADD CONSTRAINT "FK_car_bookings_round" FOREIGN KEY (round_id) REFERENCES car_lottery_rounds (id) ON DELETE RESTRICT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE car_bookings DROP CONSTRAINT "FK_car_bookings_round"`);
    await q.query(`DROP TABLE car_lottery_priority_reservations`);
    await q.query(`DROP TABLE car_lottery_waitlist_passes`);
    await q.query(`DROP TABLE car_lottery_draw_records`);
    await q.query(`DROP TABLE lottery_streaks`);
    await q.query(`DROP TABLE car_lottery_request_options`);
    await q.query(`DROP TABLE car_lottery_requests`);
    await q.query(`DROP TABLE car_lottery_rounds`);
    await q.query(`DROP TABLE car_lottery_settings`);
  }
}
