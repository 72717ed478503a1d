import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting spaces, part 2 (ADR 0017): recurring series, check-in and no-show release, the
 * after-hours AC need, and private calendar-feed tokens.
 *
 * - `room_series`: the rule a set of bookings was made from (RRULE, Tokyo wall-clock times). Each
 *   occurrence is an ordinary `room_bookings` row with `series_id` + `occurrence_date`, so the
 *   exclusion constraint guards occurrences exactly like single bookings.
 * - `room_bookings.checked_in_at/by`: a booking not checked in by start + release minutes is set to
 *   `released` by the worker (the status already exists); no-shows are the released rows. Rows
 *   that existed before have `check_in_required = false` and are never released.
 * - `room_ac_needs`: one row per booking that runs past the zone's AC hours (or on a closed day),
 *   for the AC feature to turn into a request later; `status` open/void/requested.
 * - `room_settings`: a single row (id = 1) with the check-in window and the AC end default.
 * - `calendar_feed_tokens`: a revocable bearer token per user or per room for the ICS feeds; one
 *   live token per owner (partial unique indexes).
 */
export class AddRoomSeriesCheckIn1795300008000 implements MigrationInterface {
  name = 'AddRoomSeriesCheckIn1795300008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE room_series (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL,
        title varchar(200) NOT NULL,
        organiser_id uuid NOT NULL,
        booked_by uuid NOT NULL,
        attendees smallint NOT NULL,
        rrule varchar(500) NOT NULL,
        first_date date NOT NULL,
        start_minute int NOT NULL,
        end_minute int NOT NULL,
        skip_closed_days boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_series" PRIMARY KEY (id),
        CONSTRAINT "FK_room_series_room" FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_room_series_organiser" FOREIGN KEY (organiser_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_room_series_booked_by" FOREIGN KEY (booked_by) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_room_series_minutes" CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute AND start_minute % 15 = 0 AND end_minute % 15 = 0),
        CONSTRAINT "CK_room_series_attendees" CHECK (attendees BETWEEN 1 AND 500)
      )`);
    await q.query(`CREATE INDEX "IDX_room_series_organiser" ON room_series (organiser_id)`);

    await q.query(`ALTER TABLE room_bookings ADD COLUMN series_id uuid`);
    await q.query(`ALTER TABLE room_bookings ADD COLUMN occurrence_date date`);
    await q.query(`ALTER TABLE room_bookings ADD COLUMN checked_in_at timestamptz`);
    await q.query(`ALTER TABLE room_bookings ADD COLUMN checked_in_by uuid`);
    await q.query(`ALTER TABLE room_bookings ADD COLUMN ac_extension_needed boolean NOT NULL DEFAULT false`);
    // Bookings written before check-in existed never need one (false for them), new ones do.
    await q.query(`ALTER TABLE room_bookings ADD COLUMN check_in_required boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE room_bookings ALTER COLUMN check_in_required SET DEFAULT true`);
    await q.query(`ALTER TABLE room_bookings ADD CONSTRAINT "FK_room_bookings_series" FOREIGN KEY (series_id) REFERENCES room_series (id) ON DELETE RESTRICT`);
    await q.query(`ALTER TABLE room_bookings ADD CONSTRAINT "FK_room_bookings_checked_in_by" FOREIGN KEY (checked_in_by) REFERENCES users (id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE room_bookings ADD CONSTRAINT "CK_room_bookings_series" CHECK ((series_id IS NULL) = (occurrence_date IS NULL))`);
    await q.query(`CREATE INDEX "IDX_room_bookings_series" ON room_bookings (series_id, occurrence_date) WHERE series_id IS NOT NULL`);
    // The release scan: active bookings not checked in, by start.
    await q.query(`CREATE INDEX "IDX_room_bookings_release" ON room_bookings (starts_at) WHERE status = 'active' AND check_in_required AND checked_in_at IS NULL`);

    await q.query(`
      CREATE TABLE room_ac_needs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL,
        zone_code varchar(32) NOT NULL,
        date date NOT NULL,
        start_minute int NOT NULL,
        end_minute int NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open',
        ac_request_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_ac_needs" PRIMARY KEY (id),
        CONSTRAINT "UQ_room_ac_needs_booking" UNIQUE (booking_id),
        CONSTRAINT "FK_room_ac_needs_booking" FOREIGN KEY (booking_id) REFERENCES room_bookings (id) ON DELETE CASCADE,
        CONSTRAINT "CK_room_ac_needs_status" CHECK (status IN ('open','void','requested')),
        CONSTRAINT "CK_room_ac_needs_minutes" CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute)
      )`);
    await q.query(`CREATE INDEX "IDX_room_ac_needs_open" ON room_ac_needs (zone_code, date) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE room_settings (
        id smallint NOT NULL,
        check_in_opens_minutes int NOT NULL DEFAULT 10,
        release_after_minutes int NOT NULL DEFAULT 15,
        ac_end_minute int NOT NULL DEFAULT 1035,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_settings" PRIMARY KEY (id),
        CONSTRAINT "FK_room_settings_updated_by" FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_room_settings_single" CHECK (id = 1),
        CONSTRAINT "CK_room_settings_check_in" CHECK (check_in_opens_minutes BETWEEN 0 AND 120 AND release_after_minutes BETWEEN 5 AND 240),
        CONSTRAINT "CK_room_settings_ac_end" CHECK (ac_end_minute BETWEEN 0 AND 1440)
      )`);
    await q.query(`INSERT INTO room_settings (id) VALUES (1)`);

    await q.query(`
      CREATE TABLE calendar_feed_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind varchar(8) NOT NULL,
        user_id uuid,
        room_id uuid,
        token varchar(64) NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT "PK_calendar_feed_tokens" PRIMARY KEY (id),
        CONSTRAINT "UQ_calendar_feed_tokens_token" UNIQUE (token),
        CONSTRAINT "FK_calendar_feed_tokens_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_calendar_feed_tokens_room" FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
        CONSTRAINT "FK_calendar_feed_tokens_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_calendar_feed_tokens_owner" CHECK ((kind = 'user' AND user_id IS NOT NULL AND room_id IS NULL) OR (kind = 'room' AND room_id IS NOT NULL AND user_id IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_calendar_feed_tokens_live_user" ON calendar_feed_tokens (user_id) WHERE kind = 'user' AND revoked_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_calendar_feed_tokens_live_room" ON calendar_feed_tokens (room_id) WHERE kind = 'room' AND revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feed_tokens`);
    await q.query(`DROP TABLE room_settings`);
    await q.query(`DROP TABLE room_ac_needs`);
    await q.query(`DROP INDEX "IDX_room_bookings_release"`);
    await q.query(`DROP INDEX "IDX_room_bookings_series"`);
    await q.query(`ALTER TABLE room_bookings DROP CONSTRAINT "CK_room_bookings_series"`);
    await q.query(`ALTER TABLE room_bookings DROP CONSTRAINT "FK_room_bookings_checked_in_by"`);
    await q.query(`ALTER TABLE room_bookings DROP CONSTRAINT "FK_room_bookings_series"`);
    for (const column of ['check_in_required', 'ac_extension_needed', 'checked_in_by', 'checked_in_at', 'occurrence_date', 'series_id']) {
      await q.query(`ALTER TABLE room_bookings DROP COLUMN ${column}`);
    }
    await q.query(`DROP TABLE room_series`);
  }
}
