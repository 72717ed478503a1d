import { NotificationsService, verifyWebhook } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { eventually, makeUser, SignedInClient } from '@rr/testing';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { startNotificationSystem, NotificationSystem, TEST_WEBHOOK_SECRET } from './testing/system-harness';

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  receipt: string | null;
  last_error: string | null;
}

jest.setTimeout(30_000);

describe('Notifications delivery: outbox → relay → BullMQ → SMTP / webhook (system)', () => {
  let sys: NotificationSystem;
  let notifications: NotificationsService;

  const delivery = async (notificationId: string, channel = 'email'): Promise<DeliveryRow> =>
    (await sys.ds.query(`SELECT id::text, status, attempts, receipt, last_error FROM notification_deliveries WHERE notification_id = $1 AND channel = $2`, [notificationId, channel]))[0];
  const attempts = async (deliveryId: string): Promise<string[]> =>
    (await sys.ds.query(`SELECT outcome FROM notification_attempts WHERE delivery_id = $1 ORDER BY attempt_no`, [deliveryId])).map((r: { outcome: string }) => r.outcome);
  const settle = (ms = 400) => new Promise((r) => setTimeout(r, ms));
  const sentFor = (id: string) => sys.sink.accepted.filter((m) => m.notificationId === id);
  /** The row says `sent` from the moment the final dot leaves; the sink records it a moment later. */
  const delivered = async (id: string, channel = 'email'): Promise<DeliveryRow> => {
    await eventually(async () => {
      const d = await delivery(id, channel);
      return d?.status === 'sent' && (channel !== 'email' || sentFor(id).length > 0);
    });
    await settle();
    return delivery(id, channel);
  };

  beforeAll(async () => {
    sys = await startNotificationSystem({ label: 'notif_delivery' });
    notifications = sys.api.get(NotificationsService);
  });
  afterAll(() => sys?.stop());
  afterEach(() => {
    sys.sink.options = {};
  });

  describe('transactional outbox', () => {
    it('should leave no notification behind when the business transaction rolls back', async () => {
      const { user } = await makeUser(sys.ds);
      const tx = sys.api.get(TransactionHost);
      await expect(
        tx.run(async () => {
          // A business change and its notification, in one transaction that then fails.
          await tx.manager.query(`INSERT INTO closed_days (date, reason) VALUES ('2031-05-07', 'rollback test')`);
          await notifications.notify(user.id, 'system.test', {});
          throw new Error('a later business rule failed');
        }),
      ).rejects.toThrow('a later business rule failed');
      await settle();
      expect(await sys.ds.query(`SELECT 1 FROM closed_days WHERE date = '2031-05-07'`)).toHaveLength(0);
      expect(await sys.ds.query(`SELECT 1 FROM notifications WHERE recipient_id = $1`, [user.id])).toHaveLength(0);
      expect(await sys.ds.query(`SELECT 1 FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_id = $1`, [user.id])).toHaveLength(0);
      expect(sys.sink.accepted.filter((m) => m.to.includes(user.email))).toHaveLength(0);
    });

    it('should refuse a payload that does not match its type before writing anything', async () => {
      const { user } = await makeUser(sys.ds);
      await expect(notifications.notify(user.id, 'reminder.scheduled', { title: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await sys.ds.query(`SELECT 1 FROM notifications WHERE recipient_id = $1`, [user.id])).toHaveLength(0);
    });
  });

  describe('e-mail', () => {
    it('should deliver once, in the recipient language, with plain text and HTML, and record the receipt', async () => {
      const { user, password } = await makeUser(sys.ds);
      await sys.ds.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [user.id]);
      const client = await SignedInClient.signIn(sys.api, user.username, password);
      const res = await client.post('/api/notifications/test');
      expect(res.status).toBe(202);
      const [id] = res.body.notificationIds as string[];

      const row = await delivered(id);
      const mails = sentFor(id);
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toEqual([user.email]);
      expect(mails[0].subject).toBe('[Office Resource Booking] Test notification');
      expect(mails[0].raw).toMatch(/Content-Type: text\/plain/);
      expect(mails[0].raw).toMatch(/Content-Type: text\/html/);
      expect(row.receipt).toBe(mails[0].messageId);
      expect(await attempts(row.id)).toEqual(['sent']);
    });

    it('should write Japanese for a Japanese user', async () => {
      const { user } = await makeUser(sys.ds);
      const { notificationIds } = await notifications.notify(user.id, 'reminder.scheduled', { title: '公用車の鍵を返却してください', link: '/cars/bookings' });
      await delivered(notificationIds[0]);
      expect(sentFor(notificationIds[0])[0].subject).toBe('【庁内リソース予約】公用車の鍵を返却してください');
    });

    it('should retry after the SMTP server refuses the first attempts and deliver exactly once', async () => {
      const { user } = await makeUser(sys.ds);
      sys.sink.options = { refuse: (_mid, attempt) => attempt <= 2 };
      const { notificationIds } = await notifications.notify(user.id, 'system.test', {});
      const id = notificationIds[0];
      const row = await delivered(id);
      expect(sentFor(id)).toHaveLength(1);
      expect(row.attempts).toBe(3);
      expect(await attempts(row.id)).toEqual(['failed', 'failed', 'sent']);
    });

    it('should dead-letter after the last attempt, show it to admins only, and deliver it after a retry', async () => {
      const { user } = await makeUser(sys.ds);
      const admin = await makeUser(sys.ds, { roles: ['sysadmin'] });
      const staff = await makeUser(sys.ds, { roles: ['staff'] });
      const adminClient = await SignedInClient.signIn(sys.api, admin.user.username, admin.password);
      const staffClient = await SignedInClient.signIn(sys.api, staff.user.username, staff.password);
      sys.sink.options = { refuse: () => true };
      const { notificationIds } = await notifications.notify(user.id, 'system.test', {});
      const id = notificationIds[0];

      const dead = await eventually(async () => {
        const d = await delivery(id);
        return d?.status === 'dead' ? d : undefined;
      });
      expect(dead.attempts).toBe(3);
      expect(dead.last_error).toMatch(/451/);
      expect(sentFor(id)).toHaveLength(0);

      const list = await adminClient.get('/api/admin/notifications/dead-letters');
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ deliveryId: dead.id, notificationId: id, channel: 'email', attempts: 3 })]));
      expect((await staffClient.get('/api/admin/notifications/dead-letters')).status).toBe(403);
      const history = await adminClient.get(`/api/admin/notifications/${id}`);
      expect(history.status).toBe(200);
      expect(history.body.deliveries[0].history.map((h: { outcome: string }) => h.outcome)).toEqual(['failed', 'failed', 'failed']);

      sys.sink.options = {};
      expect((await staffClient.post(`/api/admin/notifications/deliveries/${dead.id}/retry`)).status).toBe(403);
      const retry = await adminClient.post(`/api/admin/notifications/deliveries/${dead.id}/retry`);
      expect(retry.status).toBe(202);
      expect(retry.body).toEqual({ deliveryId: dead.id, status: 'pending' });
      const sent = await delivered(id);
      expect(sentFor(id)).toHaveLength(1);
      expect(await attempts(sent.id)).toEqual(['failed', 'failed', 'failed', 'sent']);
      const again = await adminClient.post(`/api/admin/notifications/deliveries/${dead.id}/retry`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('NOTIFICATION_NOT_DEAD');
      expect((await adminClient.post('/api/admin/notifications/deliveries/999999999/retry')).status).toBe(404);
      const audit = await sys.ds.query(`SELECT actor_id FROM audit_log WHERE action = 'notification.delivery.retried' AND entity_id = $1`, [dead.id]);
      expect(audit).toEqual([{ actor_id: admin.user.id }]);
    });

    it('should dead-letter at once when the server refuses permanently (5xx)', async () => {
      const { user } = await makeUser(sys.ds);
      sys.sink.options = { refuse: () => true, refuseCode: 550 };
      const { notificationIds } = await notifications.notify(user.id, 'system.test', {});
      const dead = await eventually(async () => {
        const d = await delivery(notificationIds[0]);
        return d?.status === 'dead' ? d : undefined;
      });
      expect(dead.attempts).toBe(1);
    });

    it('should hold e-mail during quiet hours and send it when they end, while the inbox shows it at once', async () => {
      const { user, password } = await makeUser(sys.ds);
      const client = await SignedInClient.signIn(sys.api, user.username, password);
      const tokyo = (offsetMin: number) =>
        new Date(Date.now() + offsetMin * 60_000).toLocaleTimeString('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hour12: false });
      expect((await client.put('/api/notifications/preferences', { quietHours: { start: tokyo(-5), end: tokyo(60) } })).status).toBe(200);
      const { notificationIds } = await notifications.notify(user.id, 'system.test', {});
      const [row] = await sys.ds.query(`SELECT status, available_at FROM notification_deliveries WHERE notification_id = $1`, [notificationIds[0]]);
      expect(row.status).toBe('pending');
      expect(row.available_at.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
      expect((await client.get('/api/notifications/unread-count')).body).toEqual({ count: 1 });
      await settle(600);
      expect(sentFor(notificationIds[0])).toHaveLength(0);

      // The quiet hours end (and the user no longer has any): the relay sends it.
      await client.put('/api/notifications/preferences', { quietHours: null });
      await sys.ds.query(`UPDATE notification_deliveries SET available_at = now() WHERE notification_id = $1`, [notificationIds[0]]);
      await delivered(notificationIds[0]);
      expect(sentFor(notificationIds[0])).toHaveLength(1);
    });

    it('should not e-mail a type the user switched off, but keep it in the inbox', async () => {
      const { user, password } = await makeUser(sys.ds);
      const client = await SignedInClient.signIn(sys.api, user.username, password);
      const put = await client.put('/api/notifications/preferences', { types: [{ type: 'reminder.scheduled', channels: { email: false } }] });
      expect(put.status).toBe(200);
      expect(put.body.types.find((t: { type: string }) => t.type === 'reminder.scheduled').channels).toEqual({ inbox: true, email: false, webhook: false });
      const { notificationIds } = await notifications.notify(user.id, 'reminder.scheduled', { title: 'no mail please' });
      expect(await sys.ds.query(`SELECT 1 FROM notification_deliveries WHERE notification_id = $1`, [notificationIds[0]])).toHaveLength(0);
      expect((await client.get('/api/notifications')).body.items[0].title).toBe('no mail please');
    });
  });

  describe('webhook', () => {
    let server: Server;
    const received: Array<{ body: string; signature: string; delivery: string; status: number }> = [];
    let failFirst = 0;

    beforeAll(async () => {
      server = createServer((req: IncomingMessage, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const status = failFirst-- > 0 ? 503 : 200;
          received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-rr-signature']), delivery: String(req.headers['x-rr-delivery']), status });
          res.writeHead(status).end();
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    afterAll(() => new Promise((r) => server.close(r)));

    it('should POST signed JSON for chat tools, retry a 503, and mark it sent', async () => {
      const { user, password } = await makeUser(sys.ds);
      const client = await SignedInClient.signIn(sys.api, user.username, password);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/chat`;
      const put = await client.put('/api/notifications/preferences', { webhookUrl: url });
      expect(put.body.webhookUrl).toBe(url);
      failFirst = 1;
      const res = await client.post('/api/notifications/test');
      const [id] = res.body.notificationIds as string[];
      const row = await delivered(id, 'webhook');
      expect(row.receipt).toBe('HTTP 200');
      const mine = received.filter((r) => r.delivery === `notification:${id}:webhook`);
      expect(mine.map((r) => r.status)).toEqual([503, 200]);
      for (const r of mine) expect(verifyWebhook(TEST_WEBHOOK_SECRET, r.body, r.signature, new Date())).toBe(true);
      expect(verifyWebhook('another-secret-0123456789', mine[1].body, mine[1].signature, new Date())).toBe(false);
      const body = JSON.parse(mine[1].body);
      expect(body).toMatchObject({ notificationId: id, type: 'system.test', title: 'テスト通知', recipient: { id: user.id } });
      expect(body.text).toContain('テスト通知');
      expect(await attempts(row.id)).toEqual(['failed', 'sent']);
    });
  });
});
