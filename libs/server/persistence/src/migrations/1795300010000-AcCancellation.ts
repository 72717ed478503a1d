import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After-hours AC, follow-up (ADR 0016, "Cancellation"): an approved request may be cancelled before
 * the extension starts. Widens the status and step-action checks with `cancelled` / `cancel` and
 * requires a reason on a `cancel` step, as on a send-back or rejection. No new columns: who
 * cancelled, when and why is the (append-only) step row.
 */
export class AcCancellation1795300010000 implements MigrationInterface {
  name = 'AcCancellation1795300010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ac_requests DROP CONSTRAINT "CK_ac_requests_status"`);
    await q.query(
      `ALTER TABLE ac_requests ADD CONSTRAINT "CK_ac_requests_status" CHECK (status IN ('submitted','endorsed','approved','rejected','sent_back','withdrawn','cancelled'))`,
    );
    await q.query(`ALTER TABLE ac_request_steps DROP CONSTRAINT "CK_ac_request_steps_action"`);
    await q.query(
      `ALTER TABLE ac_request_steps ADD CONSTRAINT "CK_ac_request_steps_action" CHECK (action IN ('submit','endorse','approve','reject','send_back','withdraw','cancel'))`,
    );
    await q.query(`ALTER TABLE ac_request_steps DROP CONSTRAINT "CK_ac_request_steps_comment"`);
    await q.query(
      `ALTER TABLE ac_request_steps ADD CONSTRAINT "CK_ac_request_steps_comment" CHECK (action NOT IN ('reject','send_back','cancel') OR length(btrim(coalesce(comment, ''))) > 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // A cancelled request has no status to fall back to without losing its history: refuse.
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM ac_requests WHERE status = 'cancelled'`);
    if (n > 0) throw new Error('AcCancellation down: cancelled AC requests exist; cannot remove the status');
    await q.query(`ALTER TABLE ac_request_steps DROP CONSTRAINT "CK_ac_request_steps_comment"`);
    await q.query(
      `ALTER TABLE ac_request_steps ADD CONSTRAINT "CK_ac_request_steps_comment" CHECK (action NOT IN ('reject','send_back') OR length(btrim(coalesce(comment, ''))) > 0)`,
    );
    await q.query(`ALTER TABLE ac_request_steps DROP CONSTRAINT "CK_ac_request_steps_action"`);
    await q.query(`ALTER TABLE ac_request_steps ADD CONSTRAINT "CK_ac_request_steps_action" CHECK (action IN ('submit','endorse','approve','reject','send_back','withdraw'))`);
    await q.query(`ALTER TABLE ac_requests DROP CONSTRAINT "CK_ac_requests_status"`);
    await q.query(`ALTER TABLE ac_requests ADD CONSTRAINT "CK_ac_requests_status" CHECK (status IN ('submitted','endorsed','approved','rejected','sent_back','withdrawn'))`);
  }
}
