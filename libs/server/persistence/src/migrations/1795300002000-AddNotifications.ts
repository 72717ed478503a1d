import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (docs/adr/0004-notification-outbox.md): the inbox/notification rows, the outbox of
 * queued deliveries with their attempt history, per-user settings and preferences, and the generic
 * reminders table. A trigger NOTIFYs the relay when deliveries become pending, so it need not poll
 * fast; the partial indexes keep each state's scan small whatever the size of the history.
 */
export class AddNotifications1795300002000 implements MigrationInterface {
  name = 'AddNotifications1795300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL,
        type varchar(64) NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        in_inbox boolean NOT NULL,
        read_at timestamptz,
        dedupe_key varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notifications" PRIMARY KEY (id),
        CONSTRAINT "FK_notifications_recipient" FOREIGN KEY (recipient_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_notifications_dedupe" ON notifications (recipient_id, dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_notifications_inbox" ON notifications (recipient_id, created_at) WHERE in_inbox`);
    await q.query(`CREATE INDEX "IDX_notifications_unread" ON notifications (recipient_id) WHERE in_inbox AND read_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial NOT NULL,
        notification_id uuid NOT NULL,
        channel varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        gen int NOT NULL DEFAULT 0,
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        queued_at timestamptz,
        lease_until timestamptz,
        lease_token uuid,
        sent_at timestamptz,
        receipt varchar(500),
        last_error varchar(1000),
        dead_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_deliveries" PRIMARY KEY (id),
        CONSTRAINT "FK_notification_deliveries_notification" FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE,
        CONSTRAINT "CK_notification_deliveries_channel" CHECK (channel IN ('email','webhook')),
        CONSTRAINT "CK_notification_deliveries_status" CHECK (status IN ('pending','held','queued','sending','sent','dead','skipped','digested')),
        CONSTRAINT "CK_notification_deliveries_attempts" CHECK (attempts >= 0 AND max_attempts >= 1),
        CONSTRAINT "CK_notification_deliveries_lease" CHECK (status <> 'sending' OR (lease_token IS NOT NULL AND lease_until IS NOT NULL))
      ) WITH (fillfactor = 85)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_notification_deliveries_channel" ON notification_deliveries (notification_id, channel)`);
    await q.query(`CREATE INDEX "IDX_notification_deliveries_pending" ON notification_deliveries (available_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX "IDX_notification_deliveries_held" ON notification_deliveries (available_at) WHERE status = 'held'`);
    await q.query(`CREATE INDEX "IDX_notification_deliveries_queued" ON notification_deliveries (queued_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX "IDX_notification_deliveries_sending" ON notification_deliveries (lease_until) WHERE status = 'sending'`);
    await q.query(`CREATE INDEX "IDX_notification_deliveries_dead" ON notification_deliveries (dead_at) WHERE status = 'dead'`);

    await q.query(`
      CREATE TABLE notification_attempts (
        id bigserial NOT NULL,
        delivery_id bigint NOT NULL,
        attempt_no int NOT NULL,
        outcome varchar(16) NOT NULL,
        receipt varchar(500),
        error varchar(1000),
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        worker_id varchar(128),
        CONSTRAINT "PK_notification_attempts" PRIMARY KEY (id),
        CONSTRAINT "FK_notification_attempts_delivery" FOREIGN KEY (delivery_id) REFERENCES notification_deliveries (id) ON DELETE CASCADE,
        CONSTRAINT "CK_notification_attempts_outcome" CHECK (outcome IN ('sent','failed','abandoned'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_notification_attempts_no" ON notification_attempts (delivery_id, attempt_no)`);

    await q.query(`
      CREATE TABLE notification_settings (
        user_id uuid NOT NULL,
        quiet_start varchar(5),
        quiet_end varchar(5),
        digest boolean NOT NULL DEFAULT false,
        webhook_url varchar(500),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_settings" PRIMARY KEY (user_id),
        CONSTRAINT "FK_notification_settings_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "CK_notification_settings_quiet" CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
      )`);

    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL,
        type varchar(64) NOT NULL,
        channel varchar(16) NOT NULL,
        enabled boolean NOT NULL,
        CONSTRAINT "PK_notification_preferences" PRIMARY KEY (user_id, type, channel),
        CONSTRAINT "FK_notification_preferences_user" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE reminders (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        type varchar(64) NOT NULL,
        recipient_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        idempotency_key varchar(200) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'scheduled',
        notification_id uuid,
        fired_at timestamptz,
        cancel_reason varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reminders" PRIMARY KEY (id),
        CONSTRAINT "FK_reminders_recipient" FOREIGN KEY (recipient_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT "CK_reminders_status" CHECK (status IN ('scheduled','sent','cancelled'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_reminders_idempotency_key" ON reminders (idempotency_key)`);
    await q.query(`CREATE INDEX "IDX_reminders_due" ON reminders (due_at) WHERE status = 'scheduled'`);

    // Wakes the relay (LISTEN rr_notification_outbox) when rows become pending; NOTIFY is delivered
    // only if the transaction commits, and PostgreSQL folds repeats within one transaction.
    await q.query(`
      CREATE FUNCTION notification_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('rr_notification_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_notification_deliveries_inserted" AFTER INSERT ON notification_deliveries
      FOR EACH STATEMENT EXECUTE FUNCTION notification_outbox_notify()`);
    await q.query(`
      CREATE TRIGGER "TR_notification_deliveries_pending" AFTER UPDATE OF status ON notification_deliveries
      FOR EACH ROW WHEN (NEW.status = 'pending' AND OLD.status IS DISTINCT FROM 'pending')
      EXECUTE FUNCTION notification_outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reminders`);
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DROP TABLE notification_settings`);
    await q.query(`DROP TABLE notification_attempts`);
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP FUNCTION notification_outbox_notify()`);
    await q.query(`DROP TABLE notifications`);
  }
}
