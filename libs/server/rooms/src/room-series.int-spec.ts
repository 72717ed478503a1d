import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { BusinessCalendar, TOKYO } from '@rr/domain';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, makeUser, SignedInClient } from '@rr/testing';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { RoomsModule } from './rooms.module';
import { makeRoom, overlappingRoomPairs } from './testing/room-fixtures';

const calendar = new BusinessCalendar();
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+09:00`;
const iso = (date: string, hhmm: string) => new Date(at(date, hhmm)).toISOString();

/** The Monday of the first week, at least `minDays` ahead, whose Monday–Friday are all business days (no 祝日). */
function plainWeek(minDays: number): string[] {
  let monday = DateTime.now().setZone(TOKYO).startOf('day').plus({ days: minDays }).startOf('week');
  for (;;) {
    const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate() as string);
    if (days.slice(0, 5).every((d) => calendar.isBusinessDay(d))) return days;
    monday = monday.plus({ weeks: 1 });
  }
}

describe('Recurring room bookings (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;

  const signIn = async (roles: Role[] = ['staff']) => {
    const { user, password } = await makeUser(ds, { roles });
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const count = async (sql: string, params: unknown[] = []) => (await ds.query(sql, params))[0].n as number;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, RoomsModule]);
    ds = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('should create what is free in one go and report each other occurrence: conflict (with what), blocked, closed day', async () => {
    const week = plainWeek(7);
    const [mon, tue, , thu, fri, sat, sun] = week;
    const room = await makeRoom(ds, { capacity: 8 });
    const me = await signIn();
    const other = await signIn();
    const ga = await signIn(['general_affairs']);
    const taken = await other.client.post('/api/room-bookings', { roomId: room.id, title: '他課の会議', attendees: 3, startsAt: at(tue, '10:30'), endsAt: at(tue, '11:30') });
    expect(taken.status).toBe(201);
    expect((await ga.client.post('/api/room-blocks', { roomId: room.id, startsAt: at(thu, '08:00'), endsAt: at(thu, '12:00'), reason: '照明工事' })).status).toBe(201);

    const res = await me.client.post('/api/room-series', { roomId: room.id, title: '週次定例', attendees: 6, firstDate: mon, startTime: '10:00', endTime: '11:00', rrule: 'FREQ=DAILY;COUNT=7' });
    expect(res.status).toBe(201);
    const byDate = Object.fromEntries(res.body.occurrences.map((o: { date: string }) => [o.date, o]));
    expect(res.body.occurrences.map((o: { date: string; status: string }) => [o.date, o.status])).toEqual([
      [mon, 'created'],
      [tue, 'conflict'],
      [week[2], 'created'],
      [thu, 'blocked'],
      [fri, 'created'],
      [sat, 'skipped_closed_day'],
      [sun, 'skipped_closed_day'],
    ]);
    expect(byDate[tue].conflictWith).toMatchObject({ bookingId: taken.body.id, title: '他課の会議', organiserName: other.user.displayName, startsAt: iso(tue, '10:30') });
    expect(byDate[sat].closedReason).toBe('土曜日');
    expect(byDate[mon]).toMatchObject({ startsAt: iso(mon, '10:00'), endsAt: iso(mon, '11:00') });
    expect(res.body.counts).toEqual({ created: 3, conflict: 1, blocked: 1, skipped_closed_day: 2 });
    expect(res.body.series).toMatchObject({ title: '週次定例', organiserId: me.user.id, rrule: 'FREQ=DAILY;COUNT=7', firstDate: mon, startTime: '10:00', endTime: '11:00', skipClosedDays: true });
    expect(res.body.series.bookings.map((b: { occurrenceDate: string }) => b.occurrenceDate)).toEqual([mon, week[2], fri]);
    for (const b of res.body.series.bookings) expect(b).toMatchObject({ seriesId: res.body.series.id, status: 'active', attendees: 6, roomId: room.id });

    // Occurrences are ordinary bookings: they show in "mine" and the constraint guards them.
    const mine = await me.client.get('/api/room-bookings/mine');
    expect(mine.body.filter((b: { seriesId: string | null }) => b.seriesId === res.body.series.id)).toHaveLength(3);
    const clash = await other.client.post('/api/room-bookings', { roomId: room.id, title: 'x', attendees: 1, startsAt: at(fri, '10:00'), endsAt: at(fri, '10:15') });
    expect([clash.status, clash.body.code]).toEqual([409, 'ROOM_BOOKING_CONFLICT']);
    expect(await overlappingRoomPairs(ds)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'room_series.create'`, [res.body.series.id])).toBe(1);
    const ids = res.body.series.bookings.map((b: { id: string }) => b.id);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1::text[]) AND action = 'room_booking.create'`, [ids])).toBe(3);

    // Closed days may be kept on purpose (skipClosedDays: false).
    const weekend = await me.client.post('/api/room-series', { roomId: room.id, title: '休日イベント', attendees: 2, firstDate: sat, startTime: '13:00', endTime: '14:00', rrule: 'FREQ=DAILY;COUNT=2', skipClosedDays: false });
    expect(weekend.body.occurrences.map((o: { status: string }) => o.status)).toEqual(['created', 'created']);
  });

  it('should edit "this and following": move what can move, report what cannot, leave earlier occurrences alone; then cancel the rest', async () => {
    const week = plainWeek(14);
    const [mon, tue, wed, thu] = week;
    const room = await makeRoom(ds, { capacity: 8 });
    const me = await signIn();
    const other = await signIn();
    const created = await me.client.post('/api/room-series', { roomId: room.id, title: '朝会', attendees: 4, firstDate: mon, startTime: '09:00', endTime: '09:30', rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH;UNTIL=' + thu.replaceAll('-', '') });
    expect(created.body.counts).toEqual({ created: 4 });
    const id = created.body.series.id as string;
    const blocker = await other.client.post('/api/room-bookings', { roomId: room.id, title: '先約', attendees: 2, startsAt: at(wed, '13:00'), endsAt: at(wed, '14:00') });
    expect(blocker.status).toBe(201);

    const moved = await me.client.patch(`/api/room-series/${id}`, { fromDate: tue, startTime: '13:00', endTime: '13:30', title: '午後の朝会', attendees: 5 });
    expect(moved.status).toBe(200);
    expect(moved.body.occurrences.map((o: { date: string; status: string }) => [o.date, o.status])).toEqual([
      [tue, 'updated'],
      [wed, 'conflict'],
      [thu, 'updated'],
    ]);
    expect(moved.body.occurrences[1].conflictWith.bookingId).toBe(blocker.body.id);
    const view = await me.client.get(`/api/room-series/${id}`);
    expect(view.body).toMatchObject({ startTime: '13:00', endTime: '13:30', title: '午後の朝会', attendees: 5 });
    expect(view.body.bookings.map((b: { occurrenceDate: string; startsAt: string; title: string }) => [b.occurrenceDate, b.startsAt, b.title])).toEqual([
      [mon, iso(mon, '09:00'), '朝会'],
      [tue, iso(tue, '13:00'), '午後の朝会'],
      [wed, iso(wed, '09:00'), '午後の朝会'],
      [thu, iso(thu, '13:00'), '午後の朝会'],
    ]);

    // One occurrence alone goes through the booking endpoints.
    const wedBooking = view.body.bookings[2];
    expect((await me.client.post(`/api/room-bookings/${wedBooking.id}/cancel`)).status).toBe(200);

    expect((await other.client.post(`/api/room-series/${id}/cancel`, { fromDate: wed })).body.code).toBe('ROOM_BOOKING_NOT_HOLDER');
    const cancelled = await me.client.post(`/api/room-series/${id}/cancel`, { fromDate: wed });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.occurrences.map((o: { date: string; status: string }) => [o.date, o.status])).toEqual([[thu, 'cancelled']]);
    const after = await me.client.get(`/api/room-series/${id}`);
    expect(after.body.bookings.map((b: { status: string }) => b.status)).toEqual(['active', 'active', 'cancelled', 'cancelled']);
    const thuId = after.body.bookings[3].id;
    expect((await ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [thuId])).map((r: { action: string }) => r.action)).toEqual([
      'room_booking.create',
      'room_booking.update',
      'room_booking.cancel',
    ]);
    const again = await me.client.post(`/api/room-series/${id}/cancel`, { fromDate: wed });
    expect([again.status, again.body.code]).toEqual([409, 'ROOM_SERIES_NO_OCCURRENCE']);
    expect(await overlappingRoomPairs(ds)).toBe(0);
  });

  describe('bad input writes nothing', () => {
    const cases: Array<[string, number, string, Record<string, unknown>]> = [
      ['an unparseable RRULE', 400, 'ROOM_RRULE_INVALID', { rrule: 'EVERY MONDAY' }],
      ['an hourly RRULE', 400, 'ROOM_RRULE_INVALID', { rrule: 'FREQ=HOURLY;COUNT=3' }],
      ['a rule without an end', 400, 'ROOM_RRULE_INVALID', { rrule: 'FREQ=WEEKLY;BYDAY=MO' }],
      ['more than 100 occurrences', 400, 'ROOM_RRULE_TOO_MANY', { rrule: 'FREQ=DAILY;COUNT=101' }],
      ['occurrences beyond the horizon', 400, 'ROOM_BOOKING_BEYOND_HORIZON', { rrule: 'FREQ=WEEKLY;COUNT=30' }],
      ['an end before the start', 400, 'ROOM_TIME_INVALID_RANGE', { startTime: '11:00', endTime: '10:00' }],
      ['outside the room hours', 400, 'ROOM_BOOKING_OUTSIDE_HOURS', { startTime: '19:00', endTime: '21:00' }],
      ['off the grid', 400, 'ROOM_TIME_OFF_GRID', { startTime: '10:10' }],
      ['more attendees than seats', 400, 'ROOM_CAPACITY_EXCEEDED', { attendees: 9 }],
      ['a first date in the past', 400, 'ROOM_BOOKING_IN_PAST', { firstDate: DateTime.now().setZone(TOKYO).minus({ days: 2 }).toISODate() }],
      ['a malformed time', 400, 'VALIDATION_FAILED', { startTime: '9時' }],
      ['an unknown room', 404, 'ROOM_NOT_FOUND', { roomId: '00000000-0000-4000-8000-000000000000' }],
    ];
    it.each(cases)('should answer %s with %i %s', async (_label, status, code, overrides) => {
      const room = await makeRoom(ds, { capacity: 8 });
      const { client } = await signIn();
      const [before] = await ds.query(`SELECT (SELECT count(*) FROM room_series)::int AS s, (SELECT count(*) FROM room_bookings)::int AS b`);
      const res = await client.post('/api/room-series', { roomId: room.id, title: '定例', attendees: 4, firstDate: plainWeek(7)[0], startTime: '10:00', endTime: '11:00', rrule: 'FREQ=WEEKLY;COUNT=4', ...overrides });
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(typeof res.body.message).toBe('string');
      const [after] = await ds.query(`SELECT (SELECT count(*) FROM room_series)::int AS s, (SELECT count(*) FROM room_bookings)::int AS b`);
      expect(after).toEqual(before);
    });

    it('should explain an invalid RRULE in the message and keep other people out of a series', async () => {
      const room = await makeRoom(ds);
      const me = await signIn();
      const res = await me.client.post('/api/room-series', { roomId: room.id, title: '定例', attendees: 2, firstDate: plainWeek(7)[0], startTime: '10:00', endTime: '11:00', rrule: 'FREQ=WEEKLY' });
      expect(res.body.message).toContain('COUNT or UNTIL');
      const ok = await me.client.post('/api/room-series', { roomId: room.id, title: '定例', attendees: 2, firstDate: plainWeek(7)[0], startTime: '10:00', endTime: '11:00', rrule: 'FREQ=WEEKLY;COUNT=2' });
      const other = await signIn();
      expect((await other.client.get(`/api/room-series/${ok.body.series.id}`)).body.code).toBe('ROOM_BOOKING_NOT_HOLDER');
      expect((await other.client.patch(`/api/room-series/${ok.body.series.id}`, { fromDate: plainWeek(7)[0], title: 'x' })).status).toBe(403);
      expect((await me.client.get('/api/room-series/00000000-0000-4000-8000-000000000000')).body.code).toBe('ROOM_SERIES_NOT_FOUND');
      const past = await me.client.patch(`/api/room-series/${ok.body.series.id}`, { fromDate: plainWeek(7)[0], startTime: '07:00' });
      expect([past.status, past.body.code]).toEqual([400, 'ROOM_BOOKING_OUTSIDE_HOURS']);
      expect((await me.client.get(`/api/room-series/${ok.body.series.id}`)).body.startTime).toBe('10:00');
    });
  });
});
