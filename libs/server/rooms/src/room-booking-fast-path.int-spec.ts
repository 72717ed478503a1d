import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, makeUser, SignedInClient } from '@rr/testing';
import { DataSource } from 'typeorm';
import { RoomBookingFastPath } from './room-booking-fast-path';
import { RoomsModule } from './rooms.module';
import { makeRoom, tokyoAt } from './testing/room-fixtures';

/** The one-statement booking path (ADR 0017 §Benchmark) must behave exactly like the transaction it shortcuts. */
describe('Room booking fast path (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let outcomes: string[];

  const signIn = async (roles: Role[] = ['staff']) => {
    const { user, password } = await makeUser(ds, { roles });
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, RoomsModule]);
    ds = app.get(DataSource);
    const fast = app.get(RoomBookingFastPath);
    const create = fast.create.bind(fast);
    jest.spyOn(fast, 'create').mockImplementation(async (b) => {
      const outcome = await create(b);
      outcomes.push(outcome.kind);
      return outcome;
    });
  });
  beforeEach(() => (outcomes = []));
  afterAll(() => app.close());

  it('should book in one statement and write the same audit entry and AC need as the transaction', async () => {
    const room = await makeRoom(ds, { zoneCode: '3F-north' });
    const { user, client } = await signIn();
    const res = await client.post('/api/room-bookings', { roomId: room.id, title: '夕方の打合せ', attendees: 3, startsAt: tokyoAt(8, '16:45'), endsAt: tokyoAt(8, '18:00') });
    expect(res.status).toBe(201);
    expect(outcomes).toEqual(['created']);
    expect(res.body).toMatchObject({ organiserId: user.id, bookedById: user.id, organiserName: user.displayName, roomName: room.name, status: 'active', seriesId: null, checkedInAt: null });
    const [audit] = await ds.query(`SELECT actor_id, actor_name, request_id, before, after FROM audit_log WHERE entity_id = $1 AND action = 'room_booking.create'`, [res.body.id]);
    expect(audit).toMatchObject({ actor_id: user.id, actor_name: user.displayName, before: null });
    expect(audit.request_id).toEqual(expect.any(String));
    expect(audit.after).toEqual({ roomId: room.id, title: '夕方の打合せ', organiserId: user.id, bookedBy: user.id, attendees: 3, startsAt: res.body.startsAt, endsAt: res.body.endsAt, status: 'active' });
    const needs = await ds.query(`SELECT zone_code, status FROM room_ac_needs WHERE booking_id = $1`, [res.body.id]);
    // 16:45–18:00 ends after 17:15 on a business day, or runs on a closed day: either way a need.
    expect(needs).toEqual([{ zone_code: '3F-north', status: 'open' }]);
    expect(res.body.acExtension).toMatchObject({ zoneCode: '3F-north', status: 'open' });
  });

  it('should notice a room change made after its rules were cached (another replica) and book under the new rules', async () => {
    const room = await makeRoom(ds, { capacity: 6 });
    const { client } = await signIn();
    expect((await client.post('/api/room-bookings', { roomId: room.id, title: 'a', attendees: 2, startsAt: tokyoAt(8, '09:00'), endsAt: tokyoAt(8, '10:00') })).status).toBe(201);
    // As another API replica would: straight in the database, so this process's cache still has the old row.
    await ds.query(`UPDATE rooms SET capacity = 2, updated_at = clock_timestamp() WHERE id = $1`, [room.id]);
    const crowd = await client.post('/api/room-bookings', { roomId: room.id, title: 'b', attendees: 3, startsAt: tokyoAt(8, '10:00'), endsAt: tokyoAt(8, '11:00') });
    expect([crowd.status, crowd.body.code]).toEqual([400, 'ROOM_CAPACITY_EXCEEDED']);
    expect(outcomes).toEqual(['created', 'stale']);
    await ds.query(`UPDATE rooms SET active = false, updated_at = clock_timestamp() WHERE id = $1`, [room.id]);
    const inactive = await client.post('/api/room-bookings', { roomId: room.id, title: 'c', attendees: 1, startsAt: tokyoAt(8, '11:00'), endsAt: tokyoAt(8, '12:00') });
    expect([inactive.status, inactive.body.code]).toEqual([409, 'ROOM_INACTIVE']);
  });

  it('should never book over a block written while bookings of the room are in flight', async () => {
    const room = await makeRoom(ds, { bookableFromMinute: 0, bookableUntilMinute: 1440 });
    const clients = await Promise.all([0, 1, 2, 3].map(() => signIn()));
    const ga = await signIn(['general_affairs']);
    const quarter = (i: number) => {
      const m = 8 * 60 + i * 15;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    // Warm the cache, then race 40 one-quarter bookings against a block over 10:00–12:00.
    expect((await clients[0].client.post('/api/room-bookings', { roomId: room.id, title: 'warm', attendees: 1, startsAt: tokyoAt(9, '07:00'), endsAt: tokyoAt(9, '07:15') })).status).toBe(201);
    const [block, ...bookings] = await Promise.all([
      ga.client.post('/api/room-blocks', { roomId: room.id, startsAt: tokyoAt(9, '10:00'), endsAt: tokyoAt(9, '12:00'), reason: '緊急点検' }),
      ...Array.from({ length: 40 }, (_, i) => clients[i % 4].client.post('/api/room-bookings', { roomId: room.id, title: `b${i}`, attendees: 1, startsAt: tokyoAt(9, quarter(i)), endsAt: tokyoAt(9, quarter(i + 1)) })),
    ]);
    expect(block.status).toBe(201);
    expect(bookings.map((r) => r.status).filter((s) => s !== 201 && s !== 409)).toEqual([]);
    for (const r of bookings.filter((b) => b.status === 409)) expect(r.body.code).toBe('ROOM_BLOCKED');
    // Bookings inside the block exist only if they committed before it (the block lists them).
    const inside: Array<{ id: string }> = await ds.query(
      `SELECT id FROM room_bookings WHERE room_id = $1 AND status = 'active' AND tstzrange(starts_at, ends_at) && tstzrange($2, $3)`,
      [room.id, tokyoAt(9, '10:00'), tokyoAt(9, '12:00')],
    );
    expect(inside.map((r) => r.id).sort()).toEqual(block.body.affectedBookings.map((b: { id: string }) => b.id).sort());
  });
});
