import type { INestApplication } from '@nestjs/common';
import type { CalendarDay } from '@rr/contracts';
import { SignedInClient, createFeatureTestApp, makeUser } from '@rr/testing';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BusinessCalendarService } from './business-calendar.service';
import { CalendarModule } from './calendar.module';

// Dates in 2031–2033 only: no other test file touches them, and the table is shared by the run.
describe('Calendar (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let admin: SignedInClient;
  let staff: SignedInClient;

  const auditRows = (date: string) =>
    ds.query(`SELECT action, before, after FROM audit_log WHERE entity_type = 'closed_day' AND entity_id = $1 ORDER BY id`, [date]);

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, CalendarModule]);
    ds = app.get(DataSource);
    const a = await makeUser(ds, { roles: ['sysadmin'] });
    admin = await SignedInClient.signIn(app, a.user.username, a.password);
    const s = await makeUser(ds, { roles: ['staff'] });
    staff = await SignedInClient.signIn(app, s.user.username, s.password);
  });
  afterAll(() => app.close());

  describe('GET /api/calendar/days', () => {
    it('should mark 振替休日 2026-05-06 as holiday, 2026-12-29 as year_end and weekdays as business days', async () => {
      const res = await staff.get('/api/calendar/days?from=2026-05-04&to=2026-05-07');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        { date: '2026-05-04', businessDay: false, closedReason: { code: 'holiday', name: 'みどりの日' } },
        { date: '2026-05-05', businessDay: false, closedReason: { code: 'holiday', name: 'こどもの日' } },
        { date: '2026-05-06', businessDay: false, closedReason: { code: 'holiday', name: '振替休日' } },
        { date: '2026-05-07', businessDay: true, closedReason: null },
      ]);
      const yearEnd = await staff.get('/api/calendar/days?from=2026-12-28&to=2027-01-04');
      const byDate = new Map((yearEnd.body as CalendarDay[]).map((d) => [d.date, d]));
      expect(yearEnd.body).toHaveLength(8);
      expect(byDate.get('2026-12-28')).toEqual({ date: '2026-12-28', businessDay: true, closedReason: null });
      expect(byDate.get('2026-12-29')).toEqual({ date: '2026-12-29', businessDay: false, closedReason: { code: 'year_end', name: '年末年始' } });
      expect(byDate.get('2027-01-01')?.closedReason).toEqual({ code: 'holiday', name: '元日' });
      // A Saturday inside the closure shows the more specific reason.
      expect(byDate.get('2027-01-02')?.closedReason?.code).toBe('year_end');
      expect(byDate.get('2027-01-04')?.businessDay).toBe(true);
    });

    it('should answer up to 400 days and refuse longer, reversed, malformed or unsupported ranges with 400', async () => {
      const year = await staff.get('/api/calendar/days?from=2028-01-01&to=2029-02-03');
      expect(year.status).toBe(200);
      expect(year.body).toHaveLength(400);
      for (const qs of [
        'from=2028-01-01&to=2029-02-04',
        'from=2026-05-07&to=2026-05-06',
        'from=2026-02-30&to=2026-03-02',
        'from=2026-5-1&to=2026-05-02',
        'from=2026-05-01',
        'from=2026-05-01&to=2026-05-02&extra=1',
        'from=x&to=y',
      ]) {
        const res = await staff.get(`/api/calendar/days?${qs}`);
        expect([qs, res.status, res.body.code]).toEqual([qs, 400, 'VALIDATION_FAILED']);
      }
      const beyond = await staff.get('/api/calendar/days?from=2051-01-01&to=2051-01-31');
      expect(beyond.status).toBe(400);
      expect(beyond.body.code).toBe('CALENDAR_RANGE_UNSUPPORTED');
      expect((await request(app.getHttpServer()).get('/api/calendar/days?from=2026-05-01&to=2026-05-02')).status).toBe(401);
    });
  });

  describe('closed days', () => {
    it('should add an extra closed day that the day view and BusinessCalendarService show at once, then remove it', async () => {
      expect((await staff.get('/api/calendar/days?from=2031-06-10&to=2031-06-10')).body[0].businessDay).toBe(true);
      // Warm the cache so the test proves the invalidation, not a cold load.
      expect((await app.get(BusinessCalendarService).calendar()).isBusinessDay('2031-06-10')).toBe(true);

      const created = await admin.post('/api/calendar/closed-days', { date: '2031-06-10', reason: ' 庁舎電気設備点検 ' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ date: '2031-06-10', reason: '庁舎電気設備点検' });

      const day = await staff.get('/api/calendar/days?from=2031-06-09&to=2031-06-11');
      expect(day.body[1]).toEqual({ date: '2031-06-10', businessDay: false, closedReason: { code: 'extra', name: '庁舎電気設備点検' } });
      expect(day.body[0].businessDay).toBe(true);
      expect((await app.get(BusinessCalendarService).calendar()).nextBusinessDay('2031-06-09')).toBe('2031-06-11');

      const list = await staff.get('/api/calendar/closed-days?year=2031');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([{ date: '2031-06-10', reason: '庁舎電気設備点検' }]);

      expect((await admin.delete('/api/calendar/closed-days/2031-06-10')).status).toBe(204);
      expect((await staff.get('/api/calendar/days?from=2031-06-10&to=2031-06-10')).body[0].businessDay).toBe(true);
      expect((await staff.get('/api/calendar/closed-days?year=2031')).body).toEqual([]);

      const audit = await auditRows('2031-06-10');
      expect(audit).toEqual([
        { action: 'closed_day.create', before: null, after: { date: '2031-06-10', reason: '庁舎電気設備点検' } },
        { action: 'closed_day.delete', before: { date: '2031-06-10', reason: '庁舎電気設備点検' }, after: null },
      ]);
    });

    it('should list only the asked year, in date order', async () => {
      await admin.post('/api/calendar/closed-days', { date: '2032-12-31', reason: '末' });
      await admin.post('/api/calendar/closed-days', { date: '2032-01-01', reason: '初' });
      await admin.post('/api/calendar/closed-days', { date: '2033-01-01', reason: '翌年' });
      const res = await staff.get('/api/calendar/closed-days?year=2032');
      expect(res.body).toEqual([
        { date: '2032-01-01', reason: '初' },
        { date: '2032-12-31', reason: '末' },
      ]);
    });

    it('should answer 409 CALENDAR_DAY_EXISTS for a day already closed, keeping the first reason and auditing nothing', async () => {
      expect((await admin.post('/api/calendar/closed-days', { date: '2031-07-01', reason: '最初' })).status).toBe(201);
      const rid = randomUUID();
      const dup = await admin.post('/api/calendar/closed-days', { date: '2031-07-01', reason: '二度目' }).set('X-Request-Id', rid);
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('CALENDAR_DAY_EXISTS');
      expect((await ds.query(`SELECT reason FROM closed_days WHERE date = '2031-07-01'`))[0].reason).toBe('最初');
      expect((await ds.query('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1', [rid]))[0].n).toBe(0);
    });

    it('should answer 404 CALENDAR_DAY_NOT_FOUND for a day not closed or not a date', async () => {
      for (const date of ['2031-08-01', '2031-02-30', 'tomorrow', '20310801']) {
        const res = await admin.delete(`/api/calendar/closed-days/${date}`);
        expect([date, res.status, res.body.code]).toEqual([date, 404, 'CALENDAR_DAY_NOT_FOUND']);
      }
    });

    it('should answer 400 for bad bodies and years', async () => {
      for (const body of [
        { date: '2031-02-30', reason: 'x' },
        { date: '2031-9-1', reason: 'x' },
        { date: '2031-09-01', reason: '' },
        { date: '2031-09-01', reason: '   ' },
        { date: '2031-09-01', reason: 'x'.repeat(201) },
        { date: '2031-09-01', reason: 'x', kind: 'open' },
        { date: '1999-09-01', reason: 'x' },
      ]) {
        const res = await admin.post('/api/calendar/closed-days', body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      for (const qs of ['', 'year=31', 'year=abcd', 'year=2031&x=1', 'year=1999']) {
        expect((await staff.get(`/api/calendar/closed-days?${qs}`)).status).toBe(400);
      }
    });

    it('should refuse writes to staff', async () => {
      await admin.post('/api/calendar/closed-days', { date: '2031-10-01', reason: '保守' });
      expect((await staff.post('/api/calendar/closed-days', { date: '2031-10-02', reason: 'x' })).status).toBe(403);
      expect((await staff.delete('/api/calendar/closed-days/2031-10-01')).status).toBe(403);
      expect((await ds.query(`SELECT date::text FROM closed_days WHERE date IN ('2031-10-01', '2031-10-02')`))).toEqual([{ date: '2031-10-01' }]);
    });
  });
});
