import type { Role } from '@rr/contracts';
import { BusinessCalendar, tokyoDate, tokyoInstant } from '@rr/domain';
import { NotificationsService, RemindersService } from '@rr/server/notifications';
import { eventually, makeUser, SignedInClient } from '@rr/testing';
import request from 'supertest';
import { AbsenceReminderPlanner } from './absence-reminders';
import { DigestHandler } from './digest.handler';
import { ReminderScanHandler } from './reminder-scan.handler';
import { NotificationSystem, startNotificationSystem } from './testing/system-harness';

jest.setTimeout(30_000);

describe('Notifications API, digest and reminders (system)', () => {
  let sys: NotificationSystem;
  let notifications: NotificationsService;

  beforeAll(async () => {
    sys = await startNotificationSystem({ label: 'notif_api', env: { WEBHOOK_ALLOWED_HOSTS: 'hooks.example.jp' } });
    notifications = sys.api.get(NotificationsService);
  });
  afterAll(() => sys?.stop());

  const signIn = async (roles: Role[] = ['staff']) => {
    const { user, password } = await makeUser(sys.ds, { roles });
    return { user, client: await SignedInClient.signIn(sys.api, user.username, password) };
  };

  describe('inbox', () => {
    it('should list, count and mark read the caller’s own notifications only', async () => {
      const { user, client } = await signIn();
      const other = await signIn();
      const a = await notifications.notify(user.id, 'reminder.scheduled', { title: '一つ目', body: '本文', link: '/rooms' });
      await notifications.notify(user.id, 'reminder.scheduled', { title: '二つ目' });
      const otherN = await notifications.notify(other.user.id, 'reminder.scheduled', { title: '他人の通知' });

      expect((await client.get('/api/notifications/unread-count')).body).toEqual({ count: 2 });
      const page = await client.get('/api/notifications?limit=10');
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(2);
      expect(page.body.items.map((i: { title: string }) => i.title)).toEqual(['二つ目', '一つ目']);
      expect(page.body.items[1]).toMatchObject({ id: a.notificationIds[0], type: 'reminder.scheduled', body: '本文', link: '/rooms', readAt: null });

      expect((await client.post(`/api/notifications/${a.notificationIds[0]}/read`)).status).toBe(204);
      expect((await client.post(`/api/notifications/${a.notificationIds[0]}/read`)).status).toBe(204);
      expect((await client.get('/api/notifications/unread-count')).body).toEqual({ count: 1 });
      expect((await client.get('/api/notifications?unreadOnly=true')).body.items.map((i: { title: string }) => i.title)).toEqual(['二つ目']);

      const foreign = await client.post(`/api/notifications/${otherN.notificationIds[0]}/read`);
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('NOTIFICATION_NOT_FOUND');
      expect((await client.post('/api/notifications/not-a-uuid/read')).status).toBe(404);

      expect((await client.post('/api/notifications/read-all')).body).toEqual({ updated: 1 });
      expect((await client.get('/api/notifications/unread-count')).body).toEqual({ count: 0 });
      expect((await other.client.get('/api/notifications/unread-count')).body).toEqual({ count: 1 });
    });

    it('should answer 401 without a session and 400 for a bad query', async () => {
      expect((await request(sys.api.getHttpServer()).get('/api/notifications/unread-count')).status).toBe(401);
      const { client } = await signIn();
      const bad = await client.get('/api/notifications?limit=1000');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('preferences', () => {
    it('should show the defaults, save changes with an audit entry that hides the webhook URL', async () => {
      const { user, client } = await signIn();
      const got = await client.get('/api/notifications/preferences');
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ quietHours: null, digest: false, digestAvailable: false, webhookUrl: null, digestTime: '08:30' });
      expect(got.body.types.map((t: { type: string }) => t.type)).toEqual([
        'reminder.scheduled',
        'absence.starts_tomorrow',
        'approval.requested',
        // Car lottery (ADR 0010).
        'lottery.round_open',
        'lottery.won',
        'lottery.lost',
        'lottery.promoted',
        'lottery.confirm_reminder',
        'lottery.win_void',
        // Meeting rooms: a booking released for want of a check-in (ADR 0017).
        'room.released',
        // Room lottery (ADR 0021).
        'room_lottery.won',
        'room_lottery.lost',
      ]);
      expect(got.body.types[0]).toEqual({ type: 'reminder.scheduled', label: 'リマインダー', channels: { inbox: true, email: true, webhook: false } });

      const url = 'https://chat.hooks.example.jp/services/T000/B000/secret-token';
      const put = await client.put('/api/notifications/preferences', {
        types: [{ type: 'approval.requested', channels: { webhook: true } }],
        quietHours: { start: '22:00', end: '07:00' },
        webhookUrl: url,
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ quietHours: { start: '22:00', end: '07:00' }, webhookUrl: url });
      expect(put.body.types.find((t: { type: string }) => t.type === 'approval.requested').channels).toEqual({ inbox: true, email: true, webhook: true });
      const [audit] = await sys.ds.query(`SELECT after FROM audit_log WHERE action = 'notification.preferences.updated' AND entity_id = $1`, [user.id]);
      expect(audit.after.webhookUrl).toBe('(set)');
      expect(JSON.stringify(audit)).not.toContain('secret-token');
    });

    it('should refuse bad preferences with stable codes', async () => {
      const { client } = await signIn();
      const cases: Array<[object, number, string]> = [
        [{ quietHours: { start: '22:00', end: '22:00' } }, 400, 'VALIDATION_FAILED'],
        [{ quietHours: { start: '25:00', end: '07:00' } }, 400, 'VALIDATION_FAILED'],
        [{ unknown: true }, 400, 'VALIDATION_FAILED'],
        [{ webhookUrl: 'ftp://hooks.example.jp/x' }, 400, 'VALIDATION_FAILED'],
        [{ webhookUrl: 'http://127.0.0.1:8080/internal' }, 400, 'NOTIFICATION_WEBHOOK_HOST_NOT_ALLOWED'],
        [{ types: [{ type: 'digest.daily', channels: { email: false } }] }, 400, 'NOTIFICATION_TYPE_NOT_CONFIGURABLE'],
        [{ types: [{ type: 'no.such.type', channels: { email: false } }] }, 400, 'VALIDATION_FAILED'],
        [{ digest: true }, 403, 'NOTIFICATION_DIGEST_NOT_AVAILABLE'],
      ];
      for (const [body, status, code] of cases) {
        const res = await client.put('/api/notifications/preferences', body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      }
    });
  });

  describe('daily digest for approvers', () => {
    it('should hold digestible e-mail until the digest time, then send one digest and release on opt-out', async () => {
      const { user, client } = await signIn(['section_chief']);
      expect((await client.get('/api/notifications/preferences')).body.digestAvailable).toBe(true);
      expect((await client.put('/api/notifications/preferences', { digest: true })).status).toBe(200);

      const ids: string[] = [];
      for (const title of ['空調延長 3F 18:00-20:00', '空調延長 5F 17:30-19:00']) {
        const r = await notifications.notify(user.id, 'approval.requested', { kind: '時間外空調申請', title, requesterName: '申請 花子', link: '/ac-requests' });
        ids.push(...r.notificationIds);
      }
      const held = await sys.ds.query(`SELECT status, available_at FROM notification_deliveries WHERE notification_id = ANY($1::uuid[]) ORDER BY id`, [ids]);
      expect(held.map((h: { status: string }) => h.status)).toEqual(['held', 'held']);
      const cal = new BusinessCalendar();
      const slot = held[0].available_at as Date;
      expect(slot.getTime()).toBeGreaterThan(Date.now());
      expect(cal.isBusinessDay(tokyoDate(slot))).toBe(true);
      expect(slot.toLocaleTimeString('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' })).toBe('08:30');
      expect((await client.get('/api/notifications/unread-count')).body).toEqual({ count: 2 });

      // The digest time comes.
      await sys.ds.query(`UPDATE notification_deliveries SET available_at = now() - interval '1 second' WHERE notification_id = ANY($1::uuid[])`, [ids]);
      const digest = sys.worker!.get(DigestHandler);
      expect(await digest.handle()).toEqual({ digests: 1, items: 2 });
      expect(await digest.handle()).toEqual({ digests: 0, items: 0 });
      const mail = await eventually(async () => sys.sink.accepted.find((m) => m.to.includes(user.email)));
      expect(mail.subject).toMatch(/承認依頼のまとめ（\d{4}-\d{2}-\d{2}・2件）/);
      const states = await sys.ds.query(`SELECT status, receipt FROM notification_deliveries WHERE notification_id = ANY($1::uuid[])`, [ids]);
      expect(states.every((s: { status: string; receipt: string }) => s.status === 'digested' && s.receipt.startsWith('digest:'))).toBe(true);

      // Opting out releases what is still held.
      const later = await notifications.notify(user.id, 'approval.requested', { kind: '時間外空調申請', title: '空調延長 2F', requesterName: '申請 花子' });
      expect((await sys.ds.query(`SELECT status FROM notification_deliveries WHERE notification_id = $1`, [later.notificationIds[0]]))[0].status).toBe('held');
      await client.put('/api/notifications/preferences', { digest: false });
      await eventually(async () => sys.sink.accepted.find((m) => m.notificationId === later.notificationIds[0]));
    });
  });

  describe('reminders', () => {
    it('should send a due reminder once, move a rescheduled one and not send a cancelled one', async () => {
      const { user } = await signIn();
      const reminders = sys.api.get(RemindersService);
      const scan = sys.worker!.get(ReminderScanHandler);
      await reminders.schedule({ type: 'reminder.scheduled', recipientId: user.id, dueAt: new Date(Date.now() - 1000), payload: { title: '期限です' }, idempotencyKey: `test:due:${user.id}` });
      await reminders.schedule({ type: 'reminder.scheduled', recipientId: user.id, dueAt: new Date(Date.now() - 1000), payload: { title: '取消' }, idempotencyKey: `test:cancel:${user.id}` });
      await reminders.schedule({ type: 'reminder.scheduled', recipientId: user.id, dueAt: new Date(Date.now() - 1000), payload: { title: '延期前' }, idempotencyKey: `test:move:${user.id}` });
      // Rescheduling by key moves it (a booking changed its time); cancelling stops it.
      await reminders.schedule({ type: 'reminder.scheduled', recipientId: user.id, dueAt: new Date(Date.now() + 3600_000), payload: { title: '延期後' }, idempotencyKey: `test:move:${user.id}` });
      expect(await reminders.cancel(`test:cancel:${user.id}`)).toBe(1);
      await expect(reminders.schedule({ type: 'reminder.scheduled', recipientId: user.id, dueAt: new Date(), payload: { title: '' }, idempotencyKey: `test:bad:${user.id}` })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

      const first = await scan.handle();
      expect(first.sent).toBeGreaterThanOrEqual(1);
      await scan.handle();
      const rows = await sys.ds.query(`SELECT payload->>'title' AS title FROM notifications WHERE recipient_id = $1 ORDER BY created_at`, [user.id]);
      expect(rows.map((r: { title: string }) => r.title)).toEqual(['期限です']);
      const states = await sys.ds.query(`SELECT idempotency_key, status FROM reminders WHERE recipient_id = $1 ORDER BY idempotency_key`, [user.id]);
      expect(states).toEqual([
        { idempotency_key: `test:cancel:${user.id}`, status: 'cancelled' },
        { idempotency_key: `test:due:${user.id}`, status: 'sent' },
        { idempotency_key: `test:move:${user.id}`, status: 'scheduled' },
      ]);
    });

    it('should remind an absent approver and their deputy on the business day before, and drop it if the absence is deleted', async () => {
      const approver = await makeUser(sys.ds, { roles: ['general_affairs'] });
      const deputy = await makeUser(sys.ds, { roles: ['general_affairs'] });
      await sys.ds.query(`INSERT INTO approver_deputies (approver_id, rank, deputy_id) VALUES ($1, 1, $2)`, [approver.user.id, deputy.user.id]);
      const cal = new BusinessCalendar();
      const startDay = cal.addBusinessDays(tokyoDate(new Date()), 3);
      const startsAt = tokyoInstant(startDay, '09:00');
      const [absence] = await sys.ds.query(
        `INSERT INTO user_absences (user_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, '出張') RETURNING id`,
        [approver.user.id, startsAt, new Date(startsAt.getTime() + 2 * 86400_000)],
      );
      const gone = await makeUser(sys.ds, { roles: ['general_affairs'] });
      const [deleted] = await sys.ds.query(
        `INSERT INTO user_absences (user_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, '') RETURNING id`,
        [gone.user.id, startsAt, new Date(startsAt.getTime() + 86400_000)],
      );

      const planner = sys.worker!.get(AbsenceReminderPlanner);
      expect((await planner.handle()).scheduled).toBeGreaterThanOrEqual(3);
      expect((await planner.handle()).scheduled).toBe(0);
      const planned = await sys.ds.query(`SELECT recipient_id, due_at, payload->>'role' AS role FROM reminders WHERE payload->>'absenceId' = $1 ORDER BY role`, [absence.id]);
      expect(planned.map((p: { recipient_id: string; role: string }) => [p.recipient_id, p.role])).toEqual([
        [deputy.user.id, 'deputy'],
        [approver.user.id, 'self'],
      ]);
      expect(planned[0].due_at.toISOString()).toBe(cal.deadlineBefore(startDay, { businessDays: 1, time: '15:00' }).toISOString());

      // The day comes; one absence was deleted meanwhile.
      await sys.ds.query(`DELETE FROM user_absences WHERE id = $1`, [deleted.id]);
      await sys.ds.query(`UPDATE reminders SET due_at = now() - interval '1 second' WHERE payload->>'absenceId' = ANY($1::text[])`, [[absence.id, deleted.id]]);
      await sys.worker!.get(ReminderScanHandler).handle();
      const sent = await sys.ds.query(
        `SELECT recipient_id, payload->>'role' AS role, payload->>'absentUserName' AS name FROM notifications WHERE type = 'absence.starts_tomorrow' AND payload->>'absenceId' = $1 ORDER BY role`,
        [absence.id],
      );
      expect(sent).toEqual([
        { recipient_id: deputy.user.id, role: 'deputy', name: approver.user.displayName },
        { recipient_id: approver.user.id, role: 'self', name: approver.user.displayName },
      ]);
      const dropped = await sys.ds.query(`SELECT status, cancel_reason FROM reminders WHERE payload->>'absenceId' = $1`, [deleted.id]);
      expect(dropped).toEqual([{ status: 'cancelled', cancel_reason: 'absence deleted' }]);
      const mail = await eventually(async () => sys.sink.accepted.find((m) => m.to.includes(deputy.user.email)));
      expect(mail.subject).toContain('不在（代決）が次の開庁日から始まります');
    });
  });

  describe('admin views', () => {
    it('should serve bull-board and the live counts to sysadmins only', async () => {
      const admin = await signIn(['sysadmin']);
      const staff = await signIn(['staff']);
      const page = await admin.client.get('/api/admin/queues');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain('<base href="/api/admin/queues/"');
      const queues = await admin.client.get('/api/admin/queues/api/queues');
      expect(queues.status).toBe(200);
      expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['notification-email', 'notification-webhook']));
      expect(queues.body.queues.every((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(true);
      expect((await staff.client.get('/api/admin/queues')).status).toBe(403);
      expect((await staff.client.get('/api/admin/queues/api/queues')).status).toBe(403);
      expect((await request(sys.api.getHttpServer()).get('/api/admin/queues/api/queues')).status).toBe(401);
      // Writes through the board are refused (read-only, and no CSRF token from its UI).
      expect((await admin.client.agent.put('/api/admin/queues/api/queues/notification-email/retry/failed')).status).toBe(403);

      const stats = await admin.client.get('/api/admin/notifications/stats');
      expect(stats.status).toBe(200);
      expect(Array.isArray(stats.body.byStatus)).toBe(true);
      expect((await staff.client.get('/api/admin/notifications/stats')).status).toBe(403);
      expect((await admin.client.get('/api/admin/notifications/not-a-uuid')).status).toBe(404);
    });
  });
});
