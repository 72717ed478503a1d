import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * High-demand room lottery (会議室抽選, docs/adr/0021-room-lottery.md): rounds over an explicit
 * set of high-demand rooms, requests with up to three ranked choices, the immutable draw record,
 * and the applicants' zero-win streaks per pool (the round's building).
 *
 * - a round's instants are ordered and a drawn round carries its seed and result digest;
 * - draw records are append-only (the shared refuse_update_delete() trigger), one per round
 *   (primary key), whatever the number of workers;
 * - a winning request points at the room booking the draw created (the exclusion constraint on
 *   room_bookings still guards every overlap).
 */
export class AddRoomLottery1795300009000 implements MigrationInterface {
  name = 'AddRoomLottery1795300009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE room_lottery_rounds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        pool_key varchar(100) NOT NULL,
        room_ids uuid[] NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        draw_at timestamptz NOT NULL,
        confirm_by timestamptz NOT NULL,
        first_come_at timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'scheduled',
        commitment varchar(64) NOT NULL,
        secret varchar(64) NOT NULL,
        external_value varchar(300),
        seed varchar(64),
        input_digest varchar(64),
        result_digest varchar(64),
        drawn_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_lottery_rounds" PRIMARY KEY (id),
        CONSTRAINT "FK_room_lottery_rounds_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_room_lottery_rounds_status" CHECK (status IN ('scheduled','open','closed','drawn','done')),
        CONSTRAINT "CK_room_lottery_rounds_order" CHECK (opens_at < closes_at AND closes_at <= draw_at AND draw_at < confirm_by AND confirm_by <= first_come_at AND first_come_at <= period_start AND period_start < period_end),
        CONSTRAINT "CK_room_lottery_rounds_rooms" CHECK (cardinality(room_ids) >= 1),
        CONSTRAINT "CK_room_lottery_rounds_drawn" CHECK (status NOT IN ('drawn','done') OR (seed IS NOT NULL AND result_digest IS NOT NULL AND drawn_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX "IDX_room_lottery_rounds_rooms" ON room_lottery_rounds USING gin (room_ids)`);
    await q.query(`CREATE INDEX "IDX_room_lottery_rounds_status" ON room_lottery_rounds (status, first_come_at)`);

    await q.query(`
      CREATE TABLE room_lottery_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        user_id uuid NOT NULL,
        rank smallint NOT NULL,
        title varchar(200) NOT NULL,
        attendees smallint NOT NULL,
        options jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        won_option smallint,
        booking_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_lottery_requests" PRIMARY KEY (id),
        CONSTRAINT "FK_room_lottery_requests_round" FOREIGN KEY (round_id) REFERENCES room_lottery_rounds (id) ON DELETE CASCADE,
        CONSTRAINT "FK_room_lottery_requests_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_room_lottery_requests_booking" FOREIGN KEY (booking_id) REFERENCES room_bookings (id) ON DELETE SET NULL,
        CONSTRAINT "CK_room_lottery_requests_status" CHECK (status IN ('pending','won','lost','confirmed','declined','void')),
        CONSTRAINT "CK_room_lottery_requests_options" CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 1 AND 3),
        CONSTRAINT "CK_room_lottery_requests_attendees" CHECK (attendees BETWEEN 1 AND 500),
        CONSTRAINT "CK_room_lottery_requests_won" CHECK ((won_option IS NULL) = (status IN ('pending','lost')))
      )`);
    await q.query(`CREATE INDEX "IDX_room_lottery_requests_round" ON room_lottery_requests (round_id, user_id)`);
    await q.query(`CREATE INDEX "IDX_room_lottery_requests_user" ON room_lottery_requests (user_id, created_at)`);

    await q.query(`
      CREATE TABLE room_lottery_draw_records (
        round_id uuid NOT NULL,
        algorithm varchar(64) NOT NULL,
        record jsonb NOT NULL,
        seed varchar(64) NOT NULL,
        result_digest varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_lottery_draw_records" PRIMARY KEY (round_id),
        CONSTRAINT "FK_room_lottery_draw_records_round" FOREIGN KEY (round_id) REFERENCES room_lottery_rounds (id) ON DELETE RESTRICT
      )`);
    await q.query(`
      CREATE TRIGGER "TR_room_lottery_draw_records_append_only" BEFORE UPDATE OR DELETE ON room_lottery_draw_records
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(`
      CREATE TRIGGER "TR_room_lottery_draw_records_no_truncate" BEFORE TRUNCATE ON room_lottery_draw_records
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_update_delete()`);

    await q.query(`
      CREATE TABLE room_lottery_streaks (
        user_id uuid NOT NULL,
        pool_key varchar(100) NOT NULL,
        zero_win_streak int NOT NULL DEFAULT 0,
        last_round_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_room_lottery_streaks" PRIMARY KEY (user_id, pool_key),
        CONSTRAINT "FK_room_lottery_streaks_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_room_lottery_streaks_round" FOREIGN KEY (last_round_id) REFERENCES room_lottery_rounds (id) ON DELETE SET NULL,
        CONSTRAINT "CK_room_lottery_streaks_value" CHECK (zero_win_streak >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE room_lottery_streaks`);
    await q.query(`DROP TRIGGER "TR_room_lottery_draw_records_no_truncate" ON room_lottery_draw_records`);
    await q.query(`DROP TRIGGER "TR_room_lottery_draw_records_append_only" ON room_lottery_draw_records`);
    await q.query(`DROP TABLE room_lottery_draw_records`);
    await q.query(`DROP TABLE room_lottery_requests`);
    await q.query(`DROP TABLE room_lottery_rounds`);
  }
}
