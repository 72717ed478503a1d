import type { INestApplication } from '@nestjs/common';
import { NotificationsService } from '@rr/server/notifications';
import { makeSection, makeUser } from '@rr/testing';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
// The API app gives this test notify() on the test's database, as a business request would.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createApiApp } from '@rr/app/api';
import { SmtpSink } from './testing/smtp-sink';
import { deleteRedisPrefix, FAST_NOTIFY_ENV } from './testing/system-harness';
import { createTestDatabase, withEnv } from './testing/test-database';
import { WorkerProcess } from './testing/worker-process';

jest.setTimeout(60_000);

const N = 1000;

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The real worker process is SIGKILLed in the middle of a batch of 1,000 e-mails (three times, at
 * 25 %, 50 % and 75 %), and started again each time. Every message must arrive, and none twice — except a message the SMTP server accepted in
 * the instant between the final dot leaving the socket and the "sent" UPDATE leaving the next
 * socket (docs/adr/0004-notification-outbox.md): the test measures that set at the moment of the
 * kill and reports it, and any duplicate must belong to it.
 */
describe('Notifications when the worker process is killed mid-batch', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sink: SmtpSink;
  let api: INestApplication;
  let ds: DataSource;
  let worker: WorkerProcess;
  let restore: () => void;
  const prefix = `rrtest${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await createTestDatabase('notif_crash');
    sink = await SmtpSink.start();
    const env = {
      ...FAST_NOTIFY_ENV,
      NOTIFY_LEASE_MS: '4000',
      NOTIFY_STALE_AFTER_MS: '3000',
      SMTP_TIMEOUT_MS: '2000',
      WEBHOOK_TIMEOUT_MS: '1000',
      NOTIFY_MAX_ATTEMPTS: '5',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '16',
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'warn',
    };
    restore = withEnv(env);
    api = await createApiApp({ logger: false });
    await api.init();
    ds = api.get(DataSource);
    worker = new WorkerProcess(env);
  });
  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await sink?.stop();
    restore?.();
    await deleteRedisPrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
    await db?.drop();
  });

  it(`should deliver all ${N} e-mails through three SIGKILLs and restarts, none twice outside the measured commit window`, async () => {
    const notifications = api.get(NotificationsService);
    const section = await makeSection(ds);
    const users = await Promise.all(Array.from({ length: 50 }, () => makeUser(ds, { sectionId: section.id })));
    const ids: string[] = [];
    for (let i = 0; i < N / 10; i++) {
      const recipients = users.slice((i * 10) % 50, ((i * 10) % 50) + 10).map((u) => u.user.id);
      const { notificationIds } = await notifications.notify(recipients, 'reminder.scheduled', { title: `一括通知 ${i}` });
      ids.push(...notificationIds);
    }
    expect(ids).toHaveLength(N);
    const wanted = new Set(ids);
    const accepted = () => sink.accepted.filter((m) => m.notificationId && wanted.has(m.notificationId));

    // Killed three times in the middle of the batch, restarted each time.
    // A row can still be in doubt at the next kill (its lease had not expired yet): count it once.
    const inDoubt = new Set<string>();
    const kills: string[] = [];
    for (const fraction of [0.25, 0.5, 0.75]) {
      await worker.start();
      await waitUntil(() => new Set(accepted().map((m) => m.notificationId)).size >= N * fraction, 30_000, `${fraction * 100} % delivered`);
      await worker.kill();
      // Bytes already in the kernel still reach the sink: let them land before measuring.
      await new Promise((r) => setTimeout(r, 300));
      const sending: Array<{ notification_id: string }> = await ds.query(
        `SELECT notification_id FROM notification_deliveries WHERE status = 'sending' AND notification_id = ANY($1::uuid[])`,
        [ids],
      );
      const got = new Set(accepted().map((m) => m.notificationId));
      const doubtful = sending.filter((r) => got.has(r.notification_id)).map((r) => r.notification_id);
      doubtful.forEach((id) => inDoubt.add(id));
      kills.push(`${got.size}/${N} accepted, ${sending.length} mid-send, ${doubtful.length} in the window`);
    }
    expect(new Set(accepted().map((m) => m.notificationId)).size).toBeLessThan(N);

    await worker.start();
    await waitUntil(() => new Set(accepted().map((m) => m.notificationId)).size === N, 40_000, `all ${N} delivered after the last restart`);
    // A duplicate would come from a lease expiring (4 s) and the sweep (1 s) re-sending: wait past that.
    await new Promise((r) => setTimeout(r, 5500));

    const perId = new Map<string, number>();
    for (const m of accepted()) perId.set(m.notificationId!, (perId.get(m.notificationId!) ?? 0) + 1);
    const duplicated = [...perId].filter(([, n]) => n > 1).map(([id]) => id);
    const [abandoned] = await ds.query(
      `SELECT count(*)::int AS n FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
        WHERE a.outcome = 'abandoned' AND d.notification_id = ANY($1::uuid[])`,
      [ids],
    );
    console.log(
      `worker SIGKILLed 3 times (${kills.join('; ')}); after the last restart: ${perId.size}/${N} delivered, ` +
        `${duplicated.length} duplicated, ${abandoned.n} abandoned attempts recovered by the sweep`,
    );
    expect(perId.size).toBe(N);
    expect(duplicated.filter((id) => !inDoubt.has(id))).toEqual([]);
    expect(duplicated.length).toBe(inDoubt.size);
    const [states] = await ds.query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS total FROM notification_deliveries WHERE notification_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(states).toEqual({ sent: N, total: N });
  });
});
