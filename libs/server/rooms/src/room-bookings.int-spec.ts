import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, makeSection, makeUser, SignedInClient } from '@rr/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RoomsModule } from './rooms.module';
import { makeBuilding, makeRoom, overlappingRoomPairs, tokyoAt, tokyoDatePlus } from './testing/room-fixtures';

describe('Room bookings (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;

  const signIn = async (roles: Role[] = ['staff'], sectionId?: string) => {
    const { user, password } = await makeUser(ds, { roles, sectionId });
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const meeting = (roomId: string, overrides: Record<string, unknown> = {}) => ({
    roomId,
    title: '課内打合せ',
    attendees: 4,
    startsAt: tokyoAt(5, '10:00'),
    endsAt: tokyoAt(5, '11:00'),
    ...overrides,
  });
  const bookingCount = async () => (await ds.query(`SELECT count(*)::int AS n FROM room_bookings`))[0].n as number;
  const auditActions = async (entityType: string, entityId: string) =>
    (await ds.query(`SELECT action FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [entityType, entityId])).map(
      (r: { action: string }) => r.action,
    );

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, RoomsModule]);
    ds = app.get(DataSource);
  });
  afterAll(() => app.close());

  describe('POST /api/room-bookings under contention', () => {
    it('should let exactly one of 200 concurrent requests for the same room and slot through, answer the rest 409 ROOM_BOOKING_CONFLICT, and leave no overlap', async () => {
      const section = await makeSection(ds);
      const clients = await Promise.all([0, 1, 2, 3].map(() => signIn(['staff'], section.id)));
      const room = await makeRoom(ds, { capacity: 12 });
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => clients[i % clients.length].client.post('/api/room-bookings', meeting(room.id, { title: `会議 ${i}` }))),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      const refused = responses.filter((r) => r.status !== 201);
      expect(refused).toHaveLength(199);
      for (const r of refused) {
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('ROOM_BOOKING_CONFLICT');
        expect(r.body.message).toContain('この時間帯はすでに予約されています');
      }
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM room_bookings WHERE room_id = $1`, [room.id]);
      expect(n).toBe(1);
      expect(await overlappingRoomPairs(ds)).toBe(0);
    }, 120_000);

    it('should refuse a partly overlapping booking, accept adjacent ones on both sides, and free the slot on cancel', async () => {
      const room = await makeRoom(ds);
      const a = await signIn();
      const b = await signIn();
      const first = await a.client.post('/api/room-bookings', meeting(room.id));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ roomId: room.id, organiserId: a.user.id, bookedById: a.user.id, status: 'active', attendees: 4 });
      const overlap = await b.client.post('/api/room-bookings', meeting(room.id, { startsAt: tokyoAt(5, '10:45'), endsAt: tokyoAt(5, '11:30') }));
      expect([overlap.status, overlap.body.code]).toEqual([409, 'ROOM_BOOKING_CONFLICT']);
      const after = await b.client.post('/api/room-bookings', meeting(room.id, { startsAt: tokyoAt(5, '11:00'), endsAt: tokyoAt(5, '12:00') }));
      const before = await b.client.post('/api/room-bookings', meeting(room.id, { startsAt: tokyoAt(5, '09:00'), endsAt: tokyoAt(5, '10:00') }));
      expect([after.status, before.status]).toEqual([201, 201]);
      expect((await a.client.post(`/api/room-bookings/${first.body.id}/cancel`)).status).toBe(200);
      expect((await b.client.post('/api/room-bookings', meeting(room.id))).status).toBe(201);
      expect(await overlappingRoomPairs(ds)).toBe(0);
    });
  });

  describe('GET /api/rooms/free', () => {
    it('should list only rooms free over the whole range, smallest sufficient capacity first, then name, with every requested piece of equipment', async () => {
      const building = makeBuilding();
      const room = (name: string, capacity: number, extra: Record<string, unknown> = {}) => makeRoom(ds, { building, name, capacity, ...extra });
      const big = await room('大会議室', 30, { hasMonitor: true, hasCamera: true, hasWebMeeting: true });
      const b = await room('会議室B', 8, { hasMonitor: true, hasCamera: true, hasWebMeeting: true });
      const a = await room('会議室A', 8, { hasMonitor: true });
      const booth = await room('Web会議ブース1', 1, { type: 'web_booth', hasCamera: true, hasMicrophone: true, hasWebMeeting: true });
      const busy = await room('会議室C', 6, { hasMonitor: true, hasCamera: true, hasWebMeeting: true });
      const blocked = await room('会議室D', 6, { hasCamera: true, hasWebMeeting: true });
      const closedEarly = await room('会議室E', 6, { hasCamera: true, hasWebMeeting: true, bookableUntilMinute: 600 });
      await room('会議室F', 6, { hasCamera: true, hasWebMeeting: true, active: false });
      await room('別フロア', 6, { floor: 5, hasCamera: true, hasWebMeeting: true });
      const { client } = await signIn();
      // busy: a booking 10:30–11:30 overlaps the searched 10:00–11:00 only in its second half.
      expect((await client.post('/api/room-bookings', meeting(busy.id, { startsAt: tokyoAt(5, '10:30'), endsAt: tokyoAt(5, '11:30') }))).status).toBe(201);
      const admin = await signIn(['staff', 'general_affairs']);
      expect((await admin.client.post('/api/room-blocks', { roomId: blocked.id, startsAt: tokyoAt(5, '08:00'), endsAt: tokyoAt(5, '10:15'), reason: '空調工事' })).status).toBe(201);

      const search = (q: string) => client.get(`/api/rooms/free?startsAt=${encodeURIComponent(tokyoAt(5, '10:00'))}&endsAt=${encodeURIComponent(tokyoAt(5, '11:00'))}&building=${encodeURIComponent(building)}${q}`);
      const all = await search('&floor=3');
      expect(all.status).toBe(200);
      expect(all.body.map((r: { name: string }) => r.name)).toEqual(['Web会議ブース1', '会議室A', '会議室B', '大会議室']);
      const web = await search('&floor=3&minCapacity=4&equipment=web_meeting,camera');
      expect(web.body.map((r: { id: string }) => r.id)).toEqual([b.id, big.id]);
      expect(web.body[0]).toMatchObject({ capacity: 8, equipment: ['monitor', 'camera', 'web_meeting'], zoneCode: '3F-east' });
      const booths = await search('&type=web_booth');
      expect(booths.body.map((r: { id: string }) => r.id)).toEqual([booth.id]);
      expect((await search('&minCapacity=9')).body.map((r: { id: string }) => r.id)).toEqual([big.id]);
      // Adjacent to the busy room's booking and after the block: both free again.
      const later = await client.get(`/api/rooms/free?startsAt=${encodeURIComponent(tokyoAt(5, '11:30'))}&endsAt=${encodeURIComponent(tokyoAt(5, '12:00'))}&building=${encodeURIComponent(building)}&floor=3&minCapacity=6&equipment=camera`);
      expect(later.body.map((r: { name: string }) => r.name)).toEqual(['会議室C', '会議室D', '会議室B', '大会議室']);
      // 会議室E closes at 10:00, so its own hours refuse the range although nothing is booked.
      expect(all.body.map((r: { id: string }) => r.id)).not.toContain(closedEarly.id);
      expect(all.body.map((r: { id: string }) => r.id)).toContain(a.id);
    });

    it('should refuse a bad range and an unknown piece of equipment with coded 400s', async () => {
      const { client } = await signIn();
      const reversed = await client.get(`/api/rooms/free?startsAt=${encodeURIComponent(tokyoAt(5, '11:00'))}&endsAt=${encodeURIComponent(tokyoAt(5, '10:00'))}`);
      expect([reversed.status, reversed.body.code]).toEqual([400, 'ROOM_TIME_INVALID_RANGE']);
      const projector = await client.get(`/api/rooms/free?startsAt=${encodeURIComponent(tokyoAt(5, '10:00'))}&endsAt=${encodeURIComponent(tokyoAt(5, '11:00'))}&equipment=projector`);
      expect([projector.status, projector.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  describe('edit and cancel', () => {
    it('should let the organiser and the booker edit and cancel, refuse others, and audit every change', async () => {
      const room = await makeRoom(ds, { capacity: 6 });
      const secretary = await signIn();
      const manager = await signIn();
      const other = await signIn();
      const created = await secretary.client.post('/api/room-bookings', meeting(room.id, { organiserId: manager.user.id }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ organiserId: manager.user.id, bookedById: secretary.user.id });
      const id = created.body.id as string;
      expect((await manager.client.get('/api/room-bookings/mine')).body.map((b: { id: string }) => b.id)).toContain(id);
      expect((await secretary.client.get('/api/room-bookings/mine')).body.map((b: { id: string }) => b.id)).toContain(id);

      expect((await other.client.get(`/api/room-bookings/${id}`)).body.code).toBe('ROOM_BOOKING_NOT_HOLDER');
      expect((await other.client.patch(`/api/room-bookings/${id}`, { title: 'x' })).body.code).toBe('ROOM_BOOKING_NOT_HOLDER');
      expect((await other.client.post(`/api/room-bookings/${id}/cancel`)).body.code).toBe('ROOM_BOOKING_NOT_HOLDER');

      const moved = await manager.client.patch(`/api/room-bookings/${id}`, { startsAt: tokyoAt(5, '13:00'), endsAt: tokyoAt(5, '14:30'), title: '部長打合せ' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ startsAt: new Date(tokyoAt(5, '13:00')).toISOString(), title: '部長打合せ' });

      // Onto a taken slot, or over capacity: refused, nothing changes (not even the title sent alongside).
      expect((await other.client.post('/api/room-bookings', meeting(room.id, { startsAt: tokyoAt(5, '15:00'), endsAt: tokyoAt(5, '16:00') }))).status).toBe(201);
      const clash = await manager.client.patch(`/api/room-bookings/${id}`, { endsAt: tokyoAt(5, '15:15'), title: '変更されないはず' });
      expect([clash.status, clash.body.code]).toEqual([409, 'ROOM_BOOKING_CONFLICT']);
      const crowd = await manager.client.patch(`/api/room-bookings/${id}`, { attendees: 7, title: '変更されないはず' });
      expect([crowd.status, crowd.body.code, crowd.body.message]).toEqual([400, 'ROOM_CAPACITY_EXCEEDED', '参加人数が会議室の定員（6人）を超えています。']);
      const unchanged = await secretary.client.get(`/api/room-bookings/${id}`);
      expect(unchanged.body).toMatchObject({ endsAt: new Date(tokyoAt(5, '14:30')).toISOString(), title: '部長打合せ', attendees: 4 });

      const cancelled = await secretary.client.post(`/api/room-bookings/${id}/cancel`);
      expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
      expect((await manager.client.post(`/api/room-bookings/${id}/cancel`)).body.code).toBe('ROOM_BOOKING_NOT_CANCELLABLE');
      expect((await manager.client.patch(`/api/room-bookings/${id}`, { title: 'y' })).body.code).toBe('ROOM_BOOKING_NOT_EDITABLE');

      expect(await auditActions('room_booking', id)).toEqual(['room_booking.create', 'room_booking.update', 'room_booking.cancel']);
      const [row] = await ds.query(`SELECT actor_id, before->>'status' AS b, after->>'status' AS a FROM audit_log WHERE entity_id = $1 AND action = 'room_booking.cancel'`, [id]);
      expect(row).toEqual({ actor_id: secretary.user.id, b: 'active', a: 'cancelled' });
    });

    it('should let General Affairs cancel anyone\'s booking, and refuse a holder once the meeting has started', async () => {
      const room = await makeRoom(ds, { bookableFromMinute: 0, bookableUntilMinute: 1440, maxDurationMinutes: 1440 });
      const holder = await signIn();
      const started = await holder.client.post('/api/room-bookings', meeting(room.id));
      // Move it into the past directly: the API never lets a booking start in the past.
      await ds.query(`UPDATE room_bookings SET starts_at = starts_at - interval '10 days', ends_at = ends_at - interval '10 days' + interval '15 minutes' WHERE id = $1`, [started.body.id]);
      expect((await holder.client.post(`/api/room-bookings/${started.body.id}/cancel`)).body.code).toBe('ROOM_BOOKING_NOT_CANCELLABLE');
      const ga = await signIn(['staff', 'general_affairs']);
      const byAdmin = await ga.client.post(`/api/room-bookings/${started.body.id}/cancel`);
      expect([byAdmin.status, byAdmin.body.status]).toEqual([200, 'cancelled']);
    });

    it('should move a booking to another room under that room\'s rules', async () => {
      const building = makeBuilding();
      const small = await makeRoom(ds, { building, capacity: 4 });
      const booth = await makeRoom(ds, { building, capacity: 1, type: 'web_booth', maxDurationMinutes: 60 });
      const { client } = await signIn();
      const created = await client.post('/api/room-bookings', meeting(small.id, { attendees: 1, endsAt: tokyoAt(5, '12:00') }));
      const tooLong = await client.patch(`/api/room-bookings/${created.body.id}`, { roomId: booth.id });
      expect([tooLong.status, tooLong.body.code]).toEqual([400, 'ROOM_BOOKING_TOO_LONG']);
      const ok = await client.patch(`/api/room-bookings/${created.body.id}`, { roomId: booth.id, endsAt: tokyoAt(5, '11:00') });
      expect([ok.status, ok.body.roomId]).toEqual([200, booth.id]);
    });
  });

  describe('rooms, blocks and the calendar', () => {
    it('should let General Affairs manage rooms and blocks, refuse staff, and audit it', async () => {
      const staff = await signIn();
      const ga = await signIn(['staff', 'general_affairs']);
      const sys = await signIn(['sysadmin']);
      const building = makeBuilding();
      const body = { building, floor: 3, zoneCode: '3F-west', type: 'meeting_room', name: '第1会議室', capacity: 12, equipment: ['monitor', 'web_meeting'] };
      expect((await staff.client.post('/api/rooms', body)).body.code).toBe('AUTH_FORBIDDEN');
      const created = await ga.client.post('/api/rooms', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ bookableFrom: '08:00', bookableUntil: '20:00', maxDurationMinutes: 240, horizonMonths: 3, highDemand: false, active: true, equipment: ['monitor', 'web_meeting'] });
      expect((await ga.client.post('/api/rooms', body)).body.code).toBe('ROOM_DUPLICATE');
      const patched = await sys.client.patch(`/api/rooms/${created.body.id}`, { capacity: 14, highDemand: true });
      expect(patched.body).toMatchObject({ capacity: 14, highDemand: true, equipment: ['monitor', 'web_meeting'], bookableFrom: '08:00' });
      const badHours = await ga.client.patch(`/api/rooms/${created.body.id}`, { bookableFrom: '20:00' });
      expect([badHours.status, badHours.body.code]).toEqual([400, 'ROOM_SETTINGS_INVALID']);

      const booking = await staff.client.post('/api/room-bookings', meeting(created.body.id));
      expect(booking.status).toBe(201);
      expect((await staff.client.post('/api/room-blocks', { roomId: created.body.id, startsAt: tokyoAt(5, '09:00'), endsAt: tokyoAt(5, '12:00'), reason: '点検' })).status).toBe(403);
      const block = await ga.client.post('/api/room-blocks', { roomId: created.body.id, startsAt: tokyoAt(5, '09:00'), endsAt: tokyoAt(5, '12:00'), reason: '照明点検' });
      expect(block.status).toBe(201);
      expect(block.body.affectedBookings.map((b: { id: string }) => b.id)).toEqual([booking.body.id]);
      const blockedTry = await staff.client.post('/api/room-bookings', meeting(created.body.id, { startsAt: tokyoAt(5, '11:00'), endsAt: tokyoAt(5, '12:00') }));
      expect([blockedTry.status, blockedTry.body.code]).toEqual([409, 'ROOM_BLOCKED']);
      expect((await ga.client.delete(`/api/room-blocks/${block.body.block.id}`)).status).toBe(204);
      expect((await staff.client.post('/api/room-bookings', meeting(created.body.id, { startsAt: tokyoAt(5, '11:00'), endsAt: tokyoAt(5, '12:00') }))).status).toBe(201);

      expect((await ga.client.delete(`/api/rooms/${created.body.id}`)).body.code).toBe('ROOM_IN_USE');
      const off = await ga.client.patch(`/api/rooms/${created.body.id}`, { active: false });
      expect(off.body.active).toBe(false);
      const inactive = await staff.client.post('/api/room-bookings', meeting(created.body.id, { startsAt: tokyoAt(6, '10:00'), endsAt: tokyoAt(6, '11:00') }));
      expect([inactive.status, inactive.body.code]).toEqual([409, 'ROOM_INACTIVE']);
      const unused = await ga.client.post('/api/rooms', { ...body, name: '第2会議室' });
      expect((await ga.client.delete(`/api/rooms/${unused.body.id}`)).status).toBe(204);

      expect(await auditActions('room', created.body.id)).toEqual(['room.create', 'room.update', 'room.update']);
      expect(await auditActions('room', unused.body.id)).toEqual(['room.create', 'room.delete']);
      expect(await auditActions('room_block', block.body.block.id)).toEqual(['room_block.create', 'room_block.delete']);
    });

    it("should show a floor's rooms with their bookings and blocks for a day and a week", async () => {
      const building = makeBuilding();
      const r1 = await makeRoom(ds, { building, name: 'A会議室' });
      const r2 = await makeRoom(ds, { building, name: 'B会議室' });
      await makeRoom(ds, { building, name: '5階会議室', floor: 5 });
      const { client } = await signIn();
      const ga = await signIn(['general_affairs']);
      await client.post('/api/room-bookings', meeting(r1.id));
      await client.post('/api/room-bookings', meeting(r2.id, { startsAt: tokyoAt(7, '09:00'), endsAt: tokyoAt(7, '10:00') }));
      await ga.client.post('/api/room-blocks', { roomId: r2.id, startsAt: tokyoAt(5, '13:00'), endsAt: tokyoAt(5, '14:00'), reason: '清掃' });
      const day = await client.get(`/api/room-calendar?date=${tokyoDatePlus(5)}&building=${encodeURIComponent(building)}&floor=3`);
      expect(day.status).toBe(200);
      expect(day.body.rooms.map((r: { room: { name: string } }) => r.room.name)).toEqual(['A会議室', 'B会議室']);
      expect(day.body.rooms.map((r: { bookings: unknown[]; blocks: unknown[] }) => [r.bookings.length, r.blocks.length])).toEqual([[1, 0], [0, 1]]);
      const week = await client.get(`/api/room-calendar?date=${tokyoDatePlus(5)}&days=7&roomId=${r2.id}`);
      expect(week.body.rooms[0].bookings.map((b: { startsAt: string }) => b.startsAt)).toEqual([new Date(tokyoAt(7, '09:00')).toISOString()]);
      expect((await client.get(`/api/room-calendar?date=${tokyoDatePlus(5)}`)).body.code).toBe('VALIDATION_FAILED');
      expect((await client.get(`/api/room-calendar?date=${tokyoDatePlus(5)}&days=3&roomId=${r2.id}`)).status).toBe(400);
    });
  });

  describe('bad input', () => {
    const cases: Array<[string, number, string, Record<string, unknown>]> = [
      ['end before start', 400, 'ROOM_TIME_INVALID_RANGE', { startsAt: tokyoAt(5, '12:00'), endsAt: tokyoAt(5, '11:00') }],
      ['off the 15-minute grid', 400, 'ROOM_TIME_OFF_GRID', { startsAt: tokyoAt(5, '10:10') }],
      ['in the past', 400, 'ROOM_BOOKING_IN_PAST', { startsAt: tokyoAt(-1, '10:00'), endsAt: tokyoAt(-1, '11:00') }],
      ['before 08:00', 400, 'ROOM_BOOKING_OUTSIDE_HOURS', { startsAt: tokyoAt(5, '07:30') }],
      ['after 20:00', 400, 'ROOM_BOOKING_OUTSIDE_HOURS', { startsAt: tokyoAt(5, '19:00'), endsAt: tokyoAt(5, '20:30') }],
      ['longer than 4 hours', 400, 'ROOM_BOOKING_TOO_LONG', { startsAt: tokyoAt(5, '09:00'), endsAt: tokyoAt(5, '13:15') }],
      ['beyond the 3-month horizon', 400, 'ROOM_BOOKING_BEYOND_HORIZON', { startsAt: tokyoAt(100, '10:00'), endsAt: tokyoAt(100, '11:00') }],
      ['more attendees than seats', 400, 'ROOM_CAPACITY_EXCEEDED', { attendees: 11 }],
      ['no attendees', 400, 'VALIDATION_FAILED', { attendees: 0 }],
      ['an empty title', 400, 'VALIDATION_FAILED', { title: ' ' }],
      ['not a date', 400, 'VALIDATION_FAILED', { startsAt: 'tomorrow morning' }],
      ['no offset', 400, 'VALIDATION_FAILED', { startsAt: '2030-01-01T09:00:00' }],
      ['an unknown field', 400, 'VALIDATION_FAILED', { projector: true }],
      ['a malformed room id', 400, 'VALIDATION_FAILED', { roomId: 'room-301' }],
      ['a malformed organiser id', 400, 'VALIDATION_FAILED', { organiserId: 'boss' }],
      ['an unknown room', 404, 'ROOM_NOT_FOUND', { roomId: '00000000-0000-4000-8000-000000000000' }],
      ['an unknown organiser', 404, 'ROOM_ORGANISER_NOT_FOUND', { organiserId: '00000000-0000-4000-8000-000000000000' }],
    ];

    it.each(cases)('should answer %s with %i %s and write nothing', async (_label, status, code, overrides) => {
      const room = await makeRoom(ds, { capacity: 10 });
      const { client } = await signIn();
      const before = await bookingCount();
      const res = await client.post('/api/room-bookings', meeting(room.id, overrides));
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(typeof res.body.message).toBe('string');
      expect(await bookingCount()).toBe(before);
    });

    it('should answer 404 for malformed and unknown ids, in English when asked, and never 5xx', async () => {
      const { client } = await signIn();
      const ga = await signIn(['general_affairs']);
      for (const path of ['/api/room-bookings/nope', '/api/room-bookings/00000000-0000-4000-8000-000000000000']) {
        const res = await client.get(path).set('Accept-Language', 'en');
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'ROOM_BOOKING_NOT_FOUND', message: 'Room booking not found.' });
      }
      expect((await client.patch('/api/room-bookings/nope', { title: 'x' })).status).toBe(404);
      expect((await client.post('/api/room-bookings/nope/cancel')).status).toBe(404);
      expect((await client.get('/api/rooms/nope')).body.code).toBe('ROOM_NOT_FOUND');
      expect((await ga.client.patch('/api/rooms/nope', { capacity: 3 })).body.code).toBe('ROOM_NOT_FOUND');
      expect((await ga.client.delete('/api/room-blocks/nope')).body.code).toBe('ROOM_BLOCK_NOT_FOUND');
      const badBlock = await ga.client.post('/api/room-blocks', { roomId: '00000000-0000-4000-8000-000000000000', startsAt: tokyoAt(5, '09:00'), endsAt: tokyoAt(5, '10:00'), reason: 'x' });
      expect([badBlock.status, badBlock.body.code]).toEqual([404, 'ROOM_NOT_FOUND']);
    });
  });

  describe('authorisation', () => {
    it('should require a session everywhere and keep administration to General Affairs and system administrators', async () => {
      for (const path of ['/api/rooms', '/api/room-bookings/mine', `/api/room-calendar?date=${tokyoDatePlus(1)}&floor=3`]) {
        expect((await request(app.getHttpServer()).get(path)).status).toBe(401);
      }
      const { client } = await signIn(['staff', 'garage_admin']);
      for (const [method, path] of [
        ['get', '/api/room-blocks'],
        ['post', '/api/room-blocks'],
        ['post', '/api/rooms'],
        ['patch', '/api/rooms/00000000-0000-4000-8000-000000000000'],
        ['delete', '/api/rooms/00000000-0000-4000-8000-000000000000'],
      ] as const) {
        const res = method === 'get' ? await client.get(path) : method === 'post' ? await client.post(path, {}) : method === 'patch' ? await client.patch(path, {}) : await client.delete(path);
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'AUTH_FORBIDDEN']);
      }
      expect((await client.get('/api/rooms')).status).toBe(200);
    });
  });
});
