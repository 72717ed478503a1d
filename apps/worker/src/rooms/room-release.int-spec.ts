import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { makeUser } from '@rr/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../worker.module';
import { RoomReleaseHandler } from './room-release.handler';

jest.setTimeout(60_000);

const QUARTER = 15 * 60_000;

/** Two worker processes' worth of Nest contexts in one test process: two replicas racing the same scan. */
describe('Room no-show release in the worker (two instances, real PostgreSQL and Redis)', () => {
  let a: INestApplicationContext;
  let b: INestApplicationContext;
  let ds: DataSource;

  beforeAll(async () => {
    a = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    b = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await a.init();
    await b.init();
    ds = a.get(DataSource);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('should release each overdue unchecked booking exactly once, with one notification and one audit entry, when both workers run at once', async () => {
    const tag = randomUUID().slice(0, 8);
    const { user } = await makeUser(ds);
    const grid = Math.floor(Date.now() / QUARTER) * QUARTER;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [room] = await ds.query(`INSERT INTO rooms (building, floor, zone_code, type, name, capacity) VALUES ($1, 3, '3F-east', 'meeting_room', $2, 6) RETURNING id`, [`解放試験${tag}`, `会議室${i}`]);
      const startsAt = new Date(grid - 2 * QUARTER);
      const [row] = await ds.query(
        `INSERT INTO room_bookings (room_id, title, organiser_id, booked_by, attendees, starts_at, ends_at) VALUES ($1, '定例', $2, $2, 2, $3, $4) RETURNING id`,
        [room.id, user.id, startsAt, new Date(startsAt.getTime() + 4 * QUARTER)],
      );
      ids.push(row.id);
    }
    // One was checked in: never released.
    await ds.query(`UPDATE room_bookings SET checked_in_at = starts_at WHERE id = $1`, [ids[0]]);

    const run = (ctx: INestApplicationContext) => ctx.get(RoomReleaseHandler).handle();
    const results = await Promise.all([run(a), run(b), run(a), run(b)]);
    const ours = results.flatMap((r) => r.released).filter((id) => ids.includes(id));
    // The workers' own minute schedule may have released some first; together, never one twice.
    expect(new Set(ours).size).toBe(ours.length);
    const statuses = await ds.query(`SELECT id, status FROM room_bookings WHERE id = ANY($1::uuid[])`, [ids]);
    expect(statuses.filter((r: { status: string }) => r.status === 'released')).toHaveLength(11);
    expect(statuses.find((r: { id: string }) => r.id === ids[0]).status).toBe('active');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE type = 'room.released' AND recipient_id = $1`, [user.id]);
    expect(n).toBe(11);
    const [{ m }] = await ds.query(`SELECT count(*)::int AS m FROM audit_log WHERE action = 'room_booking.release' AND entity_id = ANY($1::text[])`, [ids]);
    expect(m).toBe(11);
  });
});
