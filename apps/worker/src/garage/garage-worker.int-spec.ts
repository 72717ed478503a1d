import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GarageSweepService } from '@rr/server/garage';
import { QueueService } from '@rr/server/queue';
import { eventually, makeCar, makeFleet, makeUser, registerDriver } from '@rr/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../worker.module';

jest.setTimeout(60_000);

const GRID = 15 * 60_000;

/** Two worker processes' worth of Nest contexts in one test process: two replicas racing on the no-show sweep. */
describe('Garage no-show sweep in the worker (two instances, real PostgreSQL and Redis)', () => {
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

  async function overdueBookings(n: number) {
    const fleet = await makeFleet(ds);
    const startsAt = new Date(Math.floor((Date.now() - 40 * 60_000) / GRID) * GRID);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const car = await makeCar(ds, fleet);
      const { user } = await makeUser(ds);
      await registerDriver(ds, user.id);
      const [row] = await ds.query(
        `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, source, status)
         VALUES ($1, $2, $2, $3, $4, $5, '会議', '本庁', 'first_come', 'confirmed') RETURNING id`,
        [car.id, user.id, user.sectionId, startsAt, new Date(startsAt.getTime() + 3 * 3_600_000)],
      );
      ids.push(row.id as string);
    }
    return ids;
  }

  const statuses = async (ids: string[]) =>
    (await ds.query(`SELECT status FROM car_bookings WHERE id = ANY($1::uuid[])`, [ids])).map((r: { status: string }) => r.status) as string[];

  it('should release each overdue booking exactly once when both workers sweep at the same moment', async () => {
    const ids = await overdueBookings(12);
    const now = new Date();
    const results = await Promise.all([
      a.get(GarageSweepService).releaseNoShows(now),
      b.get(GarageSweepService).releaseNoShows(now),
      a.get(GarageSweepService).releaseNoShows(now),
      b.get(GarageSweepService).releaseNoShows(now),
    ]);
    // Each booking released by exactly one of the racing sweeps (the workers' own schedule may take some first).
    const released = results.flat().filter((id) => ids.includes(id));
    expect(new Set(released).size).toBe(released.length);
    expect(await statuses(ids)).toEqual(ids.map(() => 'no_show'));
    const [audits] = await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'car_booking.no_show' AND entity_id = ANY($1::text[])`, [ids]);
    expect(audits.n).toBe(ids.length);
    const [notes] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE type = 'garage.no_show' AND payload->>'bookingId' = ANY($1::text[])`, [ids]);
    expect(notes.n).toBe(ids.length);
  });

  it('should run the sweep as the garage.sweep job', async () => {
    const ids = await overdueBookings(2);
    await a.get(QueueService).enqueue('garage.sweep', {}, { jobId: `garage-sweep-test-${randomUUID()}` });
    await eventually(async () => (await statuses(ids)).every((s) => s === 'no_show'), 30_000, 100);
  });
});
