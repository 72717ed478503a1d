import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting spaces (ADR 0012): rooms with their booking rules, room blocks and room bookings.
 *
 * The invariant lives here: no two active bookings of one room overlap (a partial exclusion
 * constraint over tstzrange(starts_at, ends_at); cancelled and released rows do not count), and
 * bookings sit on the 15-minute grid (Asia/Tokyo is UTC+9 all year, so the UTC grid is the Tokyo
 * grid). `zone_code` has no foreign key yet: the AC feature adds its zone table and the key later.
 */
export class AddRooms1795300005000 implements MigrationInterface {
  name = 'AddRooms1795300005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE rooms (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        building varchar(100) NOT NULL,
        floor smallint NOT NULL,
        zone_code varchar(32) NOT NULL,
        type varchar(16) NOT NULL,
        name varchar(100) NOT NULL,
        capacity smallint NOT NULL,
        has_monitor boolean NOT NULL DEFAULT false,
        has_camera boolean NOT NULL DEFAULT false,
        has_microphone boolean NOT NULL DEFAULT false,
        has_web_meeting boolean NOT NULL DEFAULT false,
        bookable_from_minute int NOT NULL DEFAULT 480,
        bookable_until_minute int NOT NULL DEFAULT 1200,
        max_duration_minutes int NOT NULL DEFAULT 240,
        horizon_months int NOT NULL DEFAULT 3,
        high_demand boolean NOT NULL DEFAULT false,
        notes varchar(1000) NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_rooms" PRIMARY KEY (id),
        CONSTRAINT "CK_rooms_type" CHECK (type IN ('meeting_room','open_space','web_booth')),
        CONSTRAINT "CK_rooms_capacity" CHECK (capacity BETWEEN 1 AND 500),
        CONSTRAINT "CK_rooms_hours" CHECK (bookable_from_minute >= 0 AND bookable_until_minute <= 1440 AND bookable_from_minute < bookable_until_minute AND bookable_from_minute % 15 = 0 AND bookable_until_minute % 15 = 0),
        CONSTRAINT "CK_rooms_duration" CHECK (max_duration_minutes >= 15 AND max_duration_minutes % 15 = 0),
        CONSTRAINT "CK_rooms_horizon" CHECK (horizon_months BETWEEN 1 AND 12)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_rooms_building_name" ON rooms (building, name)`);
    await q.query(`CREATE INDEX "IDX_rooms_floor" ON rooms (building, floor)`);

    await q.query(`
      CREATE TABLE room_blocks (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason varchar(200) NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_blocks" PRIMARY KEY (id),
        CONSTRAINT "FK_room_blocks_room" FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
        CONSTRAINT "FK_room_blocks_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_room_blocks_range" CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX "IDX_room_blocks_room" ON room_blocks (room_id, starts_at)`);

    await q.query(`
      CREATE TABLE room_bookings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL,
        title varchar(200) NOT NULL,
        organiser_id uuid NOT NULL,
        booked_by uuid NOT NULL,
        attendees smallint NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_bookings" PRIMARY KEY (id),
        CONSTRAINT "FK_room_bookings_room" FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_room_bookings_organiser" FOREIGN KEY (organiser_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_room_bookings_booked_by" FOREIGN KEY (booked_by) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_room_bookings_range" CHECK (ends_at > starts_at),
        CONSTRAINT "CK_room_bookings_grid" CHECK (extract(epoch FROM starts_at)::bigint % 900 = 0 AND extract(epoch FROM ends_at)::bigint % 900 = 0),
        CONSTRAINT "CK_room_bookings_status" CHECK (status IN ('active','cancelled','released')),
        CONSTRAINT "CK_room_bookings_attendees" CHECK (attendees BETWEEN 1 AND 500),
        CONSTRAINT "EX_room_bookings_no_overlap" EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'active')
      )`);
    await q.query(`CREATE INDEX "IDX_room_bookings_organiser" ON room_bookings (organiser_id, starts_at)`);
    await q.query(`CREATE INDEX "IDX_room_bookings_booked_by" ON room_bookings (booked_by, starts_at)`);
    await q.query(`CREATE INDEX "IDX_room_bookings_starts_at" ON room_bookings (starts_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE room_bookings`);
    await q.query(`DROP TABLE room_blocks`);
    await q.query(`DROP TABLE rooms`);
  }
}
