import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The walking skeleton's schema: organisation, accounts and sessions, the append-only audit log,
 * extra closed days and worker heartbeats. Also enables btree_gist for the exclusion constraints
 * (no overlapping absences here; no double bookings later).
 */
export class InitialOrganisationAuthAudit1795300000000 implements MigrationInterface {
  name = 'InitialOrganisationAuthAudit1795300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE departments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        kind varchar(16) NOT NULL,
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_departments" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_departments_code" ON departments (code)`);

    await q.query(`
      CREATE TABLE sections (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        department_id uuid NOT NULL,
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_sections" PRIMARY KEY (id),
        CONSTRAINT "FK_sections_department" FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_sections_code" ON sections (code)`);

    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        display_name varchar(100) NOT NULL,
        name_kana varchar(100) NOT NULL DEFAULT '',
        employee_number varchar(32) NOT NULL,
        email varchar(254) NOT NULL,
        section_id uuid NOT NULL,
        roles text[] NOT NULL DEFAULT '{staff}',
        locale varchar(2) NOT NULL DEFAULT 'ja',
        password_hash varchar(255),
        is_active boolean NOT NULL DEFAULT true,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY (id),
        CONSTRAINT "FK_users_section" FOREIGN KEY (section_id) REFERENCES sections (id) ON DELETE RESTRICT,
        CONSTRAINT "CK_users_roles" CHECK (roles <@ ARRAY['staff','section_chief','garage_admin','general_affairs','sysadmin']::text[]),
        CONSTRAINT "CK_users_locale" CHECK (locale IN ('ja','en'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_username" ON users (username)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_employee_number" ON users (employee_number)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_users_email" ON users (email)`);

    await q.query(`
      CREATE TABLE approver_deputies (
        approver_id uuid NOT NULL,
        rank smallint NOT NULL,
        deputy_id uuid NOT NULL,
        CONSTRAINT "PK_approver_deputies" PRIMARY KEY (approver_id, rank),
        CONSTRAINT "FK_approver_deputies_approver" FOREIGN KEY (approver_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "FK_approver_deputies_deputy" FOREIGN KEY (deputy_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "CK_approver_deputies_rank" CHECK (rank IN (1, 2)),
        CONSTRAINT "CK_approver_deputies_not_self" CHECK (approver_id <> deputy_id)
      )`);

    await q.query(`
      CREATE TABLE user_absences (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason varchar(200) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_absences" PRIMARY KEY (id),
        CONSTRAINT "FK_user_absences_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "CK_user_absences_range" CHECK (ends_at > starts_at),
        CONSTRAINT "EX_user_absences_no_overlap" EXCLUDE USING gist (user_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
      )`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        token_hash char(64) NOT NULL,
        csrf_token char(64) NOT NULL,
        user_id uuid NOT NULL,
        auth_method varchar(16) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT "PK_sessions" PRIMARY KEY (id),
        CONSTRAINT "FK_sessions_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_sessions_token_hash" ON sessions (token_hash)`);
    await q.query(`CREATE INDEX "IDX_sessions_user" ON sessions (user_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_name varchar(100) NOT NULL DEFAULT '',
        action varchar(64) NOT NULL,
        entity_type varchar(64) NOT NULL,
        entity_id varchar(64) NOT NULL,
        before jsonb,
        after jsonb,
        request_id varchar(64),
        CONSTRAINT "PK_audit_log" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX "IDX_audit_log_entity" ON audit_log (entity_type, entity_id)`);
    await q.query(`CREATE INDEX "IDX_audit_log_occurred_at" ON audit_log (occurred_at)`);
    // Append-only at the database, whatever the application does (one shared function for every
    // append-only table that later migrations add, e.g. alcohol-check records).
    await q.query(`
      CREATE FUNCTION refuse_update_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_audit_log_append_only" BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_update_delete()`);
    await q.query(`
      CREATE TRIGGER "TR_audit_log_no_truncate" BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_update_delete()`);

    await q.query(`
      CREATE TABLE closed_days (
        date date NOT NULL,
        reason varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_closed_days" PRIMARY KEY (date)
      )`);

    await q.query(`
      CREATE TABLE worker_heartbeats (
        id bigserial NOT NULL,
        job_id varchar(128) NOT NULL,
        requested_by varchar(64) NOT NULL,
        worker_id varchar(128) NOT NULL,
        beat_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_worker_heartbeats" PRIMARY KEY (id)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_worker_heartbeats_job" ON worker_heartbeats (job_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_heartbeats`);
    await q.query(`DROP TABLE closed_days`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION refuse_update_delete()`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE user_absences`);
    await q.query(`DROP TABLE approver_deputies`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE sections`);
    await q.query(`DROP TABLE departments`);
  }
}
