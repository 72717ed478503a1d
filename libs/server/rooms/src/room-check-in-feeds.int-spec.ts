import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { BusinessCalendar, TOKYO } from '@rr/domain';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, makeUser, SignedInClient } from '@rr/testing';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RoomCheckInService } from './room-check-in.service';
import { RoomsModule } from './rooms.module';
import { makeRoom, tokyoAt } from './testing/room-fixtures';

const calendar = new BusinessCalendar();
const QUARTER = 15 * 60_000;
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+09:00`;

/** The first Tokyo date at least `minDays` ahead that is a business day (or, with `closed`, a closed day). */
function dayAhead(minDays: number, closed = false): string {
  let d = DateTime.now().setZone(TOKYO).startOf('day').plus({ days: minDays });
  while (calendar.isBusinessDay(d.toISODate() as string) === closed) d = d.plus({ days: 1 });
  return d.toISODate() as string;
}

/** A start on the 15-minute grid whose check-in window (10 min before → 15 min after) contains now with ≥ 5 min to spare. */
function startNearNow(): Date {
  const now = Date.now();
  const floor = Math.floor(now / QUARTER) * QUARTER;
  return new Date(now - floor < 10 * 60_000 ? floor : floor + QUARTER);
}

describe('Check-in, no-show release, after-hours AC and calendar feeds (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;

  const signIn = async (roles: Role[] = ['staff']) => {
    const { user, password } = await makeUser(ds, { roles });
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const count = async (sql: string, params: unknown[] = []) => (await ds.query(sql, params))[0].n as number;
  /** A booking made through the API for tomorrow, then moved (in SQL) to start at `startsAt`: the API never books the past. */
  let slot = 0;
  async function bookingAt(client: SignedInClient, roomId: string, startsAt: Date, minutes = 30, overrides: Record<string, unknown> = {}) {
    // A free quarter-hour tomorrow (a different one each time), then moved.
    const from = new Date(new Date(tokyoAt(1, '08:00')).getTime() + (slot++ % 40) * QUARTER);
    const res = await client.post('/api/room-bookings', { roomId, title: '打合せ', attendees: 2, startsAt: from.toISOString(), endsAt: new Date(from.getTime() + QUARTER).toISOString(), ...overrides });
    expect(res.status).toBe(201);
    await ds.query(`UPDATE room_bookings SET starts_at = $2, ends_at = $3 WHERE id = $1`, [res.body.id, startsAt, new Date(startsAt.getTime() + minutes * 60_000)]);
    return res.body.id as string;
  }

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, RoomsModule]);
    ds = app.get(DataSource);
  });
  afterAll(() => app.close());

  describe('check-in', () => {
    it('should check in from the booking within the window only, by a holder, idempotently', async () => {
      const room = await makeRoom(ds);
      const me = await signIn();
      const other = await signIn();
      const later = await me.client.post('/api/room-bookings', { roomId: room.id, title: '明日の会議', attendees: 2, startsAt: tokyoAt(1, '10:00'), endsAt: tokyoAt(1, '11:00') });
      expect(later.body.checkIn).toEqual({ opensAt: new Date(new Date(tokyoAt(1, '10:00')).getTime() - 10 * 60_000).toISOString(), closesAt: new Date(new Date(tokyoAt(1, '10:00')).getTime() + QUARTER).toISOString() });
      const early = await me.client.post(`/api/room-bookings/${later.body.id}/check-in`);
      expect([early.status, early.body.code, early.body.message]).toEqual([409, 'ROOM_CHECK_IN_NOT_OPEN', 'チェックインできるのは開始 10 分前から開始 15 分後までです。']);

      const id = await bookingAt(me.client, room.id, startNearNow());
      expect((await other.client.post(`/api/room-bookings/${id}/check-in`)).body.code).toBe('ROOM_BOOKING_NOT_HOLDER');
      const ok = await me.client.post(`/api/room-bookings/${id}/check-in`);
      expect(ok.status).toBe(200);
      expect(ok.body.checkedInAt).not.toBeNull();
      const again = await me.client.post(`/api/room-bookings/${id}/check-in`);
      expect([again.status, again.body.checkedInAt]).toEqual([200, ok.body.checkedInAt]);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'room_booking.check_in'`, [id])).toBe(1);
    });

    it("should check in through the room's QR code the signed-in holder of a booking now, and nobody else", async () => {
      const room = await makeRoom(ds);
      const secretary = await signIn();
      const manager = await signIn();
      const passer = await signIn();
      const id = await bookingAt(secretary.client, room.id, startNearNow(), 60, { organiserId: manager.user.id });
      const none = await passer.client.post(`/api/rooms/${room.id}/check-in`);
      expect([none.status, none.body.code]).toEqual([409, 'ROOM_CHECK_IN_NO_BOOKING']);
      const qr = await manager.client.post(`/api/rooms/${room.id}/check-in`);
      expect([qr.status, qr.body.id, qr.body.roomId]).toEqual([200, id, room.id]);
      expect(qr.body.checkedInAt).not.toBeNull();
      expect((await passer.client.post('/api/rooms/00000000-0000-4000-8000-000000000000/check-in')).body.code).toBe('ROOM_NOT_FOUND');
      expect((await passer.client.post('/api/rooms/nope/check-in')).status).toBe(404);
    });
  });

  describe('no-show release', () => {
    it('should release exactly once (two runs at once), notify the organiser, leave checked-in and not-yet-due bookings, and count the no-show', async () => {
      const room = await makeRoom(ds);
      const room2 = await makeRoom(ds);
      const me = await signIn();
      const grid = Math.floor(Date.now() / QUARTER) * QUARTER;
      const due = await bookingAt(me.client, room.id, new Date(grid - 2 * QUARTER));
      const kept = await bookingAt(me.client, room2.id, new Date(grid - 2 * QUARTER));
      await ds.query(`UPDATE room_bookings SET checked_in_at = starts_at + interval '1 minute' WHERE id = $1`, [kept]);
      const notYet = await bookingAt(me.client, room.id, new Date(grid + 2 * QUARTER));

      const service = app.get(RoomCheckInService);
      const now = new Date();
      const [a, b] = await Promise.all([service.releaseDue(now), service.releaseDue(now)]);
      const ours = [...a.released, ...b.released].filter((id) => [due, kept, notYet].includes(id));
      // Another suite's worker may have released it first; either way: once, and never the others.
      const [row] = await ds.query(`SELECT status FROM room_bookings WHERE id = $1`, [due]);
      expect(row.status).toBe('released');
      expect(ours.length).toBeLessThanOrEqual(1);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'room.released' AND payload->>'bookingId' = $1`, [due])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'room.released' AND recipient_id = $1`, [me.user.id])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'room_booking.release'`, [due])).toBe(1);
      expect((await ds.query(`SELECT status FROM room_bookings WHERE id = ANY($1::uuid[]) ORDER BY starts_at`, [[kept, notYet]])).map((r: { status: string }) => r.status)).toEqual(['active', 'active']);

      // A released booking frees the slot, cannot be checked in, and counts as a no-show for the organiser.
      expect((await me.client.post(`/api/room-bookings/${due}/check-in`)).body.code).toBe('ROOM_CHECK_IN_NOT_ACTIVE');
      const ga = await signIn(['general_affairs']);
      const noShows = await ga.client.get('/api/room-no-shows');
      expect(noShows.status).toBe(200);
      expect(noShows.body.find((n: { userId: string }) => n.userId === me.user.id)).toMatchObject({ count: 1, displayName: me.user.displayName });
      expect((await me.client.get('/api/room-no-shows')).status).toBe(403);
    });

    it('should use the release setting, and never release bookings made before check-in existed', async () => {
      const room = await makeRoom(ds);
      const me = await signIn();
      const ga = await signIn(['general_affairs']);
      const grid = Math.floor(Date.now() / QUARTER) * QUARTER;
      const old = await bookingAt(me.client, room.id, new Date(grid - 4 * QUARTER));
      await ds.query(`UPDATE room_bookings SET check_in_required = false WHERE id = $1`, [old]);
      const id = await bookingAt(me.client, room.id, new Date(grid - 2 * QUARTER));
      try {
        expect((await ga.client.patch('/api/room-settings', { releaseAfterMinutes: 45 })).body).toMatchObject({ releaseAfterMinutes: 45, checkInOpensMinutes: 10, acHoursEnd: '17:15' });
        expect((await me.client.patch('/api/room-settings', { releaseAfterMinutes: 5 })).status).toBe(403);
        expect((await ga.client.patch('/api/room-settings', { releaseAfterMinutes: 1 })).body.code).toBe('VALIDATION_FAILED');
        await app.get(RoomCheckInService).releaseDue(new Date());
        expect((await ds.query(`SELECT status FROM room_bookings WHERE id = $1`, [id]))[0].status).toBe('active');
      } finally {
        await ga.client.patch('/api/room-settings', { releaseAfterMinutes: 15 });
      }
      await app.get(RoomCheckInService).releaseDue(new Date());
      expect((await ds.query(`SELECT id, status FROM room_bookings WHERE id = ANY($1::uuid[]) ORDER BY starts_at`, [[old, id]])).map((r: { status: string }) => r.status)).toEqual(['active', 'released']);
    });
  });

  describe('after-hours AC link', () => {
    it('should flag a booking ending after 17:15 on a business day, or any booking on a closed day, record the need, and keep it in step with edits and cancels', async () => {
      const room = await makeRoom(ds, { zoneCode: '3F-west' });
      const me = await signIn();
      const ga = await signIn(['general_affairs']);
      const day = dayAhead(3);
      const closed = dayAhead(3, true);
      const book = (date: string, from: string, to: string) => me.client.post('/api/room-bookings', { roomId: room.id, title: '説明会', attendees: 3, startsAt: at(date, from), endsAt: at(date, to) });

      const inHours = await book(day, '09:00', '10:00');
      expect([inHours.body.acExtensionNeeded, inHours.body.acExtension]).toEqual([false, null]);
      const evening = await book(day, '16:30', '18:00');
      expect(evening.body.acExtensionNeeded).toBe(true);
      expect(evening.body.acExtension).toEqual({ zoneCode: '3F-west', date: day, start: '17:15', end: '18:00', status: 'open', link: `/ac/new?zone=3F-west&date=${day}&start=17%3A15&end=18%3A00` });
      const weekend = await book(closed, '10:00', '11:30');
      expect(weekend.body.acExtension).toMatchObject({ date: closed, start: '10:00', end: '11:30', status: 'open' });

      const needs = await ga.client.get(`/api/room-ac-needs?zoneCode=3F-west&from=${day < closed ? day : closed}`);
      expect(needs.status).toBe(200);
      expect(needs.body.filter((n: { bookingId: string }) => [evening.body.id, weekend.body.id].includes(n.bookingId))).toHaveLength(2);
      expect((await me.client.get('/api/room-ac-needs')).status).toBe(403);

      // Shortened to end at 17:00: no longer needed (voided); lengthened again: open again; cancelled: void.
      const shorter = await me.client.patch(`/api/room-bookings/${evening.body.id}`, { endsAt: at(day, '17:00') });
      expect([shorter.body.acExtensionNeeded, shorter.body.acExtension?.status]).toEqual([false, 'void']);
      const longer = await me.client.patch(`/api/room-bookings/${evening.body.id}`, { endsAt: at(day, '19:15') });
      expect(longer.body.acExtension).toMatchObject({ start: '17:15', end: '19:30', status: 'open' });
      const cancelled = await me.client.post(`/api/room-bookings/${weekend.body.id}/cancel`);
      expect([cancelled.body.acExtensionNeeded, cancelled.body.acExtension.status]).toEqual([true, 'void']);
      expect(await count(`SELECT count(*)::int AS n FROM room_ac_needs WHERE booking_id = ANY($1::uuid[]) AND status = 'open'`, [[evening.body.id, weekend.body.id]])).toBe(1);

      // The AC hours are a setting.
      try {
        await ga.client.patch('/api/room-settings', { acHoursEnd: '18:00' });
        const fine = await me.client.post('/api/room-bookings', { roomId: (await makeRoom(ds)).id, title: '説明会', attendees: 3, startsAt: at(day, '17:00'), endsAt: at(day, '18:00') });
        expect(fine.body.acExtensionNeeded).toBe(false);
      } finally {
        await ga.client.patch('/api/room-settings', { acHoursEnd: '17:15' });
      }
    });

    it("should use the room's AC zone's own normal hours when the AC register has the zone", async () => {
      const code = `Z-${Date.now().toString(36)}`;
      const [{ id: buildingId }] = await ds.query(`INSERT INTO ac_buildings (code, name) VALUES ($1, '別館') RETURNING id`, [code]);
      const [{ id: floorId }] = await ds.query(`INSERT INTO ac_floors (building_id, level, name) VALUES ($1, 2, '2階') RETURNING id`, [buildingId]);
      // This zone's AC runs until 18:30 on business days.
      await ds.query(`INSERT INTO ac_zones (floor_id, code, name, business_start_minute, business_end_minute) VALUES ($1, $2, '別館2階', 510, 1110)`, [floorId, code]);
      const room = await makeRoom(ds, { zoneCode: code });
      const me = await signIn();
      const day = dayAhead(4);
      const book = (from: string, to: string) => me.client.post('/api/room-bookings', { roomId: room.id, title: '研修', attendees: 3, startsAt: at(day, from), endsAt: at(day, to) });

      const withinZoneHours = await book('17:00', '18:30');
      expect([withinZoneHours.status, withinZoneHours.body.acExtensionNeeded]).toEqual([201, false]);
      const after = await book('18:30', '19:30');
      expect(after.body.acExtension).toMatchObject({ zoneCode: code, date: day, start: '18:30', end: '19:30', status: 'open' });
    });
  });

  describe('calendar feeds (ICS)', () => {
    it("should serve my bookings in Asia/Tokyo under a private token, without a session, and stop serving it once rotated or revoked", async () => {
      const room = await makeRoom(ds, { name: `ICS会議室${Date.now()}` });
      const me = await signIn();
      const date = dayAhead(2);
      expect((await me.client.post('/api/room-bookings', { roomId: room.id, title: '予算ヒアリング', attendees: 3, startsAt: at(date, '10:00'), endsAt: at(date, '11:30') })).status).toBe(201);
      const feed = await me.client.get('/api/ical-feeds/me');
      expect(feed.status).toBe(200);
      expect(feed.body.path).toMatch(/^\/api\/ical\/users\/[A-Za-z0-9_-]{32}\.ics$/);
      expect((await me.client.get('/api/ical-feeds/me')).body.token).toBe(feed.body.token);

      const ics = await request(app.getHttpServer()).get(feed.body.path);
      expect(ics.status).toBe(200);
      expect(ics.headers['content-type']).toContain('text/calendar');
      expect(ics.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo');
      expect(ics.text).toContain(`DTSTART;TZID=Asia/Tokyo:${date.replaceAll('-', '')}T100000`);
      expect(ics.text).toContain(`DTEND;TZID=Asia/Tokyo:${date.replaceAll('-', '')}T113000`);
      expect(ics.text).toContain('SUMMARY:予算ヒアリング');

      const rotated = await me.client.post('/api/ical-feeds/me/rotate');
      expect(rotated.body.token).not.toBe(feed.body.token);
      const stale = await request(app.getHttpServer()).get(feed.body.path);
      expect([stale.status, stale.body.code]).toEqual([404, 'ROOM_FEED_NOT_FOUND']);
      expect((await request(app.getHttpServer()).get(rotated.body.path)).status).toBe(200);
      expect((await me.client.delete('/api/ical-feeds/me')).status).toBe(204);
      expect((await request(app.getHttpServer()).get(rotated.body.path)).status).toBe(404);
      expect((await request(app.getHttpServer()).get('/api/ical/users/not-a-token.ics')).status).toBe(404);
      expect((await request(app.getHttpServer()).get('/api/ical-feeds/me')).status).toBe(401);
    });

    it("should serve a room's bookings and blocks; any staff member gets the URL, only administrators rotate it", async () => {
      const room = await makeRoom(ds);
      const staff = await signIn();
      const ga = await signIn(['general_affairs']);
      const date = dayAhead(2);
      await staff.client.post('/api/room-bookings', { roomId: room.id, title: '面談', attendees: 2, startsAt: at(date, '13:00'), endsAt: at(date, '14:00') });
      await ga.client.post('/api/room-blocks', { roomId: room.id, startsAt: at(date, '16:00'), endsAt: at(date, '18:00'), reason: '床清掃' });
      const feed = await staff.client.get(`/api/ical-feeds/rooms/${room.id}`);
      expect(feed.body.path).toMatch(/^\/api\/ical\/rooms\//);
      const ics = await request(app.getHttpServer()).get(feed.body.path);
      expect(ics.text).toContain('SUMMARY:面談');
      expect(ics.text).toContain('SUMMARY:【利用停止】床清掃');
      expect(ics.text).toContain(`DTSTART;TZID=Asia/Tokyo:${date.replaceAll('-', '')}T160000`);
      expect((await staff.client.post(`/api/ical-feeds/rooms/${room.id}/rotate`)).status).toBe(403);
      const rotated = await ga.client.post(`/api/ical-feeds/rooms/${room.id}/rotate`);
      expect(rotated.status).toBe(200);
      expect((await request(app.getHttpServer()).get(feed.body.path)).status).toBe(404);
      // A user token does not open a room feed, nor the other way round.
      expect((await request(app.getHttpServer()).get(rotated.body.path.replace('/rooms/', '/users/'))).status).toBe(404);
    });
  });
});
