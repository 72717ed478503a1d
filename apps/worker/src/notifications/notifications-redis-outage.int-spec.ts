import { NotificationsService } from '@rr/server/notifications';
import { makeSection, makeUser, SignedInClient } from '@rr/testing';
import { RedisProcess } from './testing/redis-process';
import { NotificationSystem, startNotificationSystem } from './testing/system-harness';

jest.setTimeout(60_000);

const N = 500;

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Redis goes away while business transactions keep creating notifications. The API keeps answering
 * (notify() never touches Redis), the rows wait in the outbox, and once Redis is back — empty, as a
 * Redis without persistence comes back — every notification is delivered exactly once.
 */
describe('Notifications while Redis is down (own redis-server, killed and restarted)', () => {
  let redis: RedisProcess;
  let sys: NotificationSystem;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    sys = await startNotificationSystem({ label: 'notif_redis', env: { REDIS_URL: redis.url, NOTIFY_RELAY_POLL_MS: '200' } });
  });
  afterAll(async () => {
    await sys?.stop();
    await redis?.kill();
  });

  it(`should deliver all ${N} notifications created during the outage exactly once after Redis returns`, async () => {
    const notifications = sys.api.get(NotificationsService);
    const section = await makeSection(sys.ds);
    const users = await Promise.all(Array.from({ length: 25 }, () => makeUser(sys.ds, { sectionId: section.id })));

    // The pipeline works before the outage.
    const warm = await notifications.notify(users[0].user.id, 'system.test', {});
    await waitUntil(() => sys.sink.accepted.some((m) => m.notificationId === warm.notificationIds[0]), 15_000, 'warm-up delivery');
    const before = sys.sink.accepted.length;

    await redis.kill();

    // 500 business transactions, each writing its notification; plus an HTTP request to show the
    // API itself keeps working without Redis.
    const ids: string[] = [];
    for (let i = 0; i < N; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, N - i) }, (_, k) =>
          notifications.notify(users[(i + k) % users.length].user.id, 'reminder.scheduled', { title: `停止中の通知 ${i + k}` }),
        ),
      );
      ids.push(...batch.flatMap((b) => b.notificationIds));
    }
    expect(ids).toHaveLength(N);
    const client = await SignedInClient.signIn(sys.api, users[1].user.username, users[1].password);
    expect((await client.get('/api/notifications/unread-count')).status).toBe(200);

    await new Promise((r) => setTimeout(r, 1500));
    expect(sys.sink.accepted.length).toBe(before);
    const [stuck] = await sys.ds.query(
      `SELECT count(*)::int AS pending FROM notification_deliveries d WHERE d.notification_id = ANY($1::uuid[]) AND d.status = 'pending'`,
      [ids],
    );
    expect(stuck.pending).toBe(N);

    await redis.restart();

    const wanted = new Set(ids);
    const received = () => sys.sink.accepted.filter((m) => m.notificationId && wanted.has(m.notificationId));
    await waitUntil(() => new Set(received().map((m) => m.notificationId)).size === N, 40_000, `all ${N} delivered after Redis returned`);
    await new Promise((r) => setTimeout(r, 1500));
    const perId = new Map<string, number>();
    for (const m of received()) perId.set(m.notificationId!, (perId.get(m.notificationId!) ?? 0) + 1);
    const duplicates = [...perId.values()].filter((n) => n > 1).length;
    console.log(`Redis outage: ${N} created while down, ${perId.size} delivered after restart, ${duplicates} duplicated`);
    expect(perId.size).toBe(N);
    expect(duplicates).toBe(0);
    const [states] = await sys.ds.query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*)::int AS total FROM notification_deliveries WHERE notification_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(states).toEqual({ sent: N, total: N });
  });
});
