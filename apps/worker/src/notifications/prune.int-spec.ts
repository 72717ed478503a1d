import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NotificationsDeliveryModule } from '@rr/server/notifications';
import { AuditModule } from '@rr/server/audit';
import { createFeatureTestApp, makeUser } from '@rr/testing';
import { DataSource } from 'typeorm';
import { PruneHandler } from './prune.handler';

@Module({ imports: [NotificationsDeliveryModule], providers: [PruneHandler] })
class PruneTestModule {}

describe('notification.prune (retention, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;

  /** One notification with an e-mail delivery in `status`, created `daysAgo` days ago. */
  const notification = async (recipientId: string, daysAgo: number, status: string): Promise<string> => {
    const [{ id }] = await ds.query(
      `INSERT INTO notifications (recipient_id, type, payload, in_inbox, created_at) VALUES ($1, 'system.test', '{}', true, now() - make_interval(days => $2)) RETURNING id`,
      [recipientId, daysAgo],
    );
    const lease = status === 'sending' ? `, lease_token = gen_random_uuid(), lease_until = now() + interval '1 minute'` : '';
    const [{ id: deliveryId }] = await ds.query(
      `INSERT INTO notification_deliveries (notification_id, channel, status, max_attempts, created_at) VALUES ($1, 'email', 'pending', 8, now()) RETURNING id::text`,
      [id],
    );
    await ds.query(`UPDATE notification_deliveries SET status = $2 ${lease} WHERE id = $1`, [deliveryId, status]);
    await ds.query(`INSERT INTO notification_attempts (delivery_id, attempt_no, outcome, started_at, worker_id) VALUES ($1, 1, 'sent', now(), 'test')`, [deliveryId]);
    return id;
  };
  const exists = async (id: string) => (await ds.query(`SELECT 1 FROM notifications WHERE id = $1`, [id])).length === 1;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, PruneTestModule]);
    ds = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('should delete finished notifications past the retention period with their deliveries and attempts, and keep recent or unfinished ones', async () => {
    const { user } = await makeUser(ds);
    const oldSent = await notification(user.id, 500, 'sent');
    const oldDead = await notification(user.id, 450, 'dead');
    const oldPending = await notification(user.id, 500, 'pending');
    const oldSending = await notification(user.id, 500, 'sending');
    const recentSent = await notification(user.id, 30, 'sent');
    const oldDeliveries = await ds.query(`SELECT id FROM notification_deliveries WHERE notification_id = ANY($1::uuid[])`, [[oldSent, oldDead]]);
    expect(oldDeliveries).toHaveLength(2);

    const result = await app.get(PruneHandler).handle();

    expect(result.notifications).toBeGreaterThanOrEqual(2);
    expect(await exists(oldSent)).toBe(false);
    expect(await exists(oldDead)).toBe(false);
    expect(await exists(oldPending)).toBe(true);
    expect(await exists(oldSending)).toBe(true);
    expect(await exists(recentSent)).toBe(true);
    const orphans = await ds.query(
      `SELECT count(*)::int AS n FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id WHERE d.notification_id = ANY($1::uuid[])`,
      [[oldSent, oldDead]],
    );
    expect(orphans[0].n).toBe(0);
    // A second run finds nothing more to delete among these.
    await app.get(PruneHandler).handle();
    expect(await exists(recentSent)).toBe(true);
    expect(await exists(oldPending)).toBe(true);
  });

  it('should delete fired and cancelled reminders past the retention period but never a scheduled one', async () => {
    const { user } = await makeUser(ds);
    const reminder = async (status: string, daysAgo: number): Promise<string> =>
      (
        await ds.query(
          `INSERT INTO reminders (type, recipient_id, due_at, idempotency_key, status) VALUES ('system.test', $1, now() - make_interval(days => $2), gen_random_uuid()::text, $3) RETURNING id`,
          [user.id, daysAgo, status],
        )
      )[0].id;
    const oldSent = await reminder('sent', 500);
    const oldCancelled = await reminder('cancelled', 401);
    const oldScheduled = await reminder('scheduled', 500);
    const recentSent = await reminder('sent', 10);

    await app.get(PruneHandler).handle();

    const left = (await ds.query(`SELECT id FROM reminders WHERE id = ANY($1::uuid[])`, [[oldSent, oldCancelled, oldScheduled, recentSent]])).map((r: { id: string }) => r.id);
    expect(left.sort()).toEqual([oldScheduled, recentSent].sort());
  });
});
