import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After-hours AC (issue #7, ADR 0011, 0015, 0016): buildings, floors and AC zones with their normal
 * hours per day type and a rate history; the feature's settings and fiscal-year budgets; requests
 * (dates, zones, cost snapshot per date and zone), their approval steps; one revision counter per
 * day of operating instructions; and the `building_operator` role for the operator's daily sheet.
 *
 * Invariants PostgreSQL keeps:
 * - a rate is valid from a date; one rate per zone and date (history: a later rate never re-prices);
 * - a request's time range is on the grid the rules allow (minutes 0…1440, end > start), status and
 *   reason category are from the closed lists, the cost snapshot never negative;
 * - `version` is the optimistic lock every decision checks (ADR 0016);
 * - approval steps are append-only (UPDATE/DELETE/TRUNCATE refused): the audit trail of a 決裁.
 * rooms.zone_code gets no foreign key: a room may name a zone the AC register does not list yet
 * (別館, a new floor); the room link only pre-fills the form when the code is known.
 */
export class AddAcExtension1795300007000 implements MigrationInterface {
  name = 'AddAcExtension1795300007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT "CK_users_roles"`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT "CK_users_roles" CHECK (roles <@ ARRAY['staff','section_chief','garage_admin','general_affairs','sysadmin','building_operator']::text[])`,
    );

    await q.query(`
      CREATE TABLE ac_buildings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_buildings" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ac_buildings_code" ON ac_buildings (code)`);

    await q.query(`
      CREATE TABLE ac_floors (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        building_id uuid NOT NULL,
        level smallint NOT NULL,
        name varchar(50) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_floors" PRIMARY KEY (id),
        CONSTRAINT "FK_ac_floors_building" FOREIGN KEY (building_id) REFERENCES ac_buildings (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_ac_floors_level" CHECK (level BETWEEN -10 AND 100)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ac_floors_building_level" ON ac_floors (building_id, level)`);

    // Normal hours as minutes of the Tokyo day; null = the AC does not run that day type.
    await q.query(`
      CREATE TABLE ac_zones (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        floor_id uuid NOT NULL,
        code varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        business_start_minute int,
        business_end_minute int,
        closed_start_minute int,
        closed_end_minute int,
        active boolean NOT NULL DEFAULT true,
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_zones" PRIMARY KEY (id),
        CONSTRAINT "FK_ac_zones_floor" FOREIGN KEY (floor_id) REFERENCES ac_floors (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_ac_zones_business_hours" CHECK (
          (business_start_minute IS NULL AND business_end_minute IS NULL)
          OR (business_start_minute >= 0 AND business_end_minute <= 1440 AND business_start_minute < business_end_minute)),
        CONSTRAINT "CK_ac_zones_closed_hours" CHECK (
          (closed_start_minute IS NULL AND closed_end_minute IS NULL)
          OR (closed_start_minute >= 0 AND closed_end_minute <= 1440 AND closed_start_minute < closed_end_minute))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ac_zones_code" ON ac_zones (code)`);
    await q.query(`CREATE INDEX "IDX_ac_zones_floor" ON ac_zones (floor_id)`);

    await q.query(`
      CREATE TABLE ac_zone_rates (
        zone_id uuid NOT NULL,
        valid_from date NOT NULL,
        yen_per_hour int NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_zone_rates" PRIMARY KEY (zone_id, valid_from),
        CONSTRAINT "FK_ac_zone_rates_zone" FOREIGN KEY (zone_id) REFERENCES ac_zones (id) ON DELETE CASCADE,
        CONSTRAINT "FK_ac_zone_rates_created_by" FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT "CK_ac_zone_rates_yen" CHECK (yen_per_hour BETWEEN 0 AND 10000000)
      )`);

    await q.query(`
      CREATE TABLE ac_settings (
        id smallint NOT NULL,
        deadline_business_days int NOT NULL DEFAULT 1,
        deadline_time varchar(5) NOT NULL DEFAULT '17:00',
        urgent_reasons text[] NOT NULL DEFAULT '{council,disaster}',
        reminder_after_hours int NOT NULL DEFAULT 24,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_settings" PRIMARY KEY (id),
        CONSTRAINT "CK_ac_settings_singleton" CHECK (id = 1),
        CONSTRAINT "CK_ac_settings_days" CHECK (deadline_business_days BETWEEN 0 AND 20),
        CONSTRAINT "CK_ac_settings_time" CHECK (deadline_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        CONSTRAINT "CK_ac_settings_reminder" CHECK (reminder_after_hours BETWEEN 1 AND 720)
      )`);
    await q.query(`INSERT INTO ac_settings (id) VALUES (1)`);

    await q.query(`
      CREATE TABLE ac_budgets (
        fiscal_year int NOT NULL,
        yen bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_budgets" PRIMARY KEY (fiscal_year),
        CONSTRAINT "CK_ac_budgets_yen" CHECK (yen >= 0),
        CONSTRAINT "CK_ac_budgets_year" CHECK (fiscal_year BETWEEN 2000 AND 2200)
      )`);

    await q.query(`
      CREATE TABLE ac_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number bigint GENERATED ALWAYS AS IDENTITY,
        section_id uuid NOT NULL,
        applicant_id uuid NOT NULL,
        status varchar(16) NOT NULL,
        revision int NOT NULL DEFAULT 1,
        version int NOT NULL DEFAULT 1,
        start_minute int NOT NULL,
        end_minute int NOT NULL,
        headcount int NOT NULL,
        reason_category varchar(32) NOT NULL,
        reason_text varchar(500) NOT NULL,
        contact varchar(200) NOT NULL,
        late boolean NOT NULL DEFAULT false,
        deadline_at timestamptz NOT NULL,
        first_date date NOT NULL,
        total_minutes int NOT NULL,
        total_yen bigint NOT NULL,
        needs_post_review boolean NOT NULL DEFAULT false,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        waiting_since timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_requests" PRIMARY KEY (id),
        CONSTRAINT "FK_ac_requests_section" FOREIGN KEY (section_id) REFERENCES sections (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_ac_requests_applicant" FOREIGN KEY (applicant_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_ac_requests_status" CHECK (status IN ('submitted','endorsed','approved','rejected','sent_back','withdrawn')),
        CONSTRAINT "CK_ac_requests_range" CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute),
        CONSTRAINT "CK_ac_requests_headcount" CHECK (headcount BETWEEN 1 AND 9999),
        CONSTRAINT "CK_ac_requests_reason" CHECK (reason_category IN ('council','disaster','public_meeting','deadline_work','busy_season','holiday_work','other')),
        CONSTRAINT "CK_ac_requests_cost" CHECK (total_minutes > 0 AND total_yen >= 0),
        CONSTRAINT "CK_ac_requests_version" CHECK (version >= 1 AND revision >= 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ac_requests_number" ON ac_requests (number)`);
    await q.query(`CREATE INDEX "IDX_ac_requests_applicant" ON ac_requests (applicant_id, created_at)`);
    await q.query(`CREATE INDEX "IDX_ac_requests_section_status" ON ac_requests (section_id, status)`);
    await q.query(`CREATE INDEX "IDX_ac_requests_status_waiting" ON ac_requests (status, waiting_since)`);

    await q.query(`
      CREATE TABLE ac_request_dates (
        request_id uuid NOT NULL,
        date date NOT NULL,
        CONSTRAINT "PK_ac_request_dates" PRIMARY KEY (request_id, date),
        CONSTRAINT "FK_ac_request_dates_request" FOREIGN KEY (request_id) REFERENCES ac_requests (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_ac_request_dates_date" ON ac_request_dates (date)`);

    await q.query(`
      CREATE TABLE ac_request_zones (
        request_id uuid NOT NULL,
        zone_id uuid NOT NULL,
        CONSTRAINT "PK_ac_request_zones" PRIMARY KEY (request_id, zone_id),
        CONSTRAINT "FK_ac_request_zones_request" FOREIGN KEY (request_id) REFERENCES ac_requests (id) ON DELETE CASCADE,
        CONSTRAINT "FK_ac_request_zones_zone" FOREIGN KEY (zone_id) REFERENCES ac_zones (id) ON DELETE RESTRICT
      )`);

    // The priced lines of the current revision: what the 決裁 document showed (rate of that date).
    await q.query(`
      CREATE TABLE ac_request_lines (
        request_id uuid NOT NULL,
        date date NOT NULL,
        zone_id uuid NOT NULL,
        segments varchar(100) NOT NULL,
        minutes int NOT NULL,
        yen_per_hour int NOT NULL,
        yen bigint NOT NULL,
        CONSTRAINT "PK_ac_request_lines" PRIMARY KEY (request_id, date, zone_id),
        CONSTRAINT "FK_ac_request_lines_request" FOREIGN KEY (request_id) REFERENCES ac_requests (id) ON DELETE CASCADE,
        CONSTRAINT "FK_ac_request_lines_zone" FOREIGN KEY (zone_id) REFERENCES ac_zones (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_ac_request_lines_cost" CHECK (minutes > 0 AND yen_per_hour >= 0 AND yen >= 0)
      )`);

    await q.query(`
      CREATE TABLE ac_request_steps (
        id bigint GENERATED ALWAYS AS IDENTITY,
        request_id uuid NOT NULL,
        revision int NOT NULL,
        action varchar(16) NOT NULL,
        actor_id uuid NOT NULL,
        acting boolean NOT NULL DEFAULT false,
        on_behalf_of uuid,
        comment varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_request_steps" PRIMARY KEY (id),
        CONSTRAINT "FK_ac_request_steps_request" FOREIGN KEY (request_id) REFERENCES ac_requests (id) ON DELETE CASCADE,
        CONSTRAINT "FK_ac_request_steps_actor" FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "FK_ac_request_steps_on_behalf_of" FOREIGN KEY (on_behalf_of) REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_ac_request_steps_action" CHECK (action IN ('submit','endorse','approve','reject','send_back','withdraw')),
        CONSTRAINT "CK_ac_request_steps_acting" CHECK ((acting AND on_behalf_of IS NOT NULL AND on_behalf_of <> actor_id) OR (NOT acting AND on_behalf_of IS NULL)),
        CONSTRAINT "CK_ac_request_steps_comment" CHECK (action NOT IN ('reject','send_back') OR length(btrim(coalesce(comment, ''))) > 0)
      )`);
    await q.query(`CREATE INDEX "IDX_ac_request_steps_request" ON ac_request_steps (request_id, id)`);
    await q.query(`CREATE INDEX "IDX_ac_request_steps_on_behalf_of" ON ac_request_steps (on_behalf_of) WHERE on_behalf_of IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION ac_request_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ac_request_steps is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER "TR_ac_request_steps_no_update" BEFORE UPDATE ON ac_request_steps FOR EACH ROW EXECUTE FUNCTION ac_request_steps_append_only()`);
    await q.query(`CREATE TRIGGER "TR_ac_request_steps_no_truncate" BEFORE TRUNCATE ON ac_request_steps FOR EACH STATEMENT EXECUTE FUNCTION ac_request_steps_append_only()`);

    // One row per day whose operating instructions changed: the sheet's 版数 and the notification key.
    await q.query(`
      CREATE TABLE ac_instruction_days (
        date date NOT NULL,
        revision int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_ac_instruction_days" PRIMARY KEY (date),
        CONSTRAINT "CK_ac_instruction_days_revision" CHECK (revision >= 1)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ac_instruction_days`);
    await q.query(`DROP TABLE ac_request_steps`);
    await q.query(`DROP FUNCTION ac_request_steps_append_only()`);
    await q.query(`DROP TABLE ac_request_lines`);
    await q.query(`DROP TABLE ac_request_zones`);
    await q.query(`DROP TABLE ac_request_dates`);
    await q.query(`DROP TABLE ac_requests`);
    await q.query(`DROP TABLE ac_budgets`);
    await q.query(`DROP TABLE ac_settings`);
    await q.query(`DROP TABLE ac_zone_rates`);
    await q.query(`DROP TABLE ac_zones`);
    await q.query(`DROP TABLE ac_floors`);
    await q.query(`DROP TABLE ac_buildings`);
    await q.query(`UPDATE users SET roles = array_remove(roles, 'building_operator')`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT "CK_users_roles"`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT "CK_users_roles" CHECK (roles <@ ARRAY['staff','section_chief','garage_admin','general_affairs','sysadmin']::text[])`);
  }
}
