import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { AuditModule } from '@rr/server/audit';
import { CarsModule } from '@rr/server/cars';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, makeCar, makeFleet, makeUser, overlappingPairs, registerDriver, SignedInClient, tokyoDatePlus } from '@rr/testing';
import { DataSource } from 'typeorm';
import { CarLotteryModule } from './car-lottery.module';
import { RoundMachine } from './round-machine.service';
import { jst } from './testing/lottery-fixtures';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A maintenance block (車検・点検・修理) added after the draw on a car that carries lottery wins:
 * each win moves to a free car of the same class when there is one, otherwise it is flagged for
 * the garage; either way its holder is told through the notification outbox, in the block's
 * transaction (issue #4: blocks "notify affected bookings").
 */
describe('Maintenance blocks over lottery wins (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let machine: RoundMachine;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, CarsModule, CarLotteryModule]);
    ds = app.get(DataSource);
    machine = app.get(RoundMachine);
  });
  afterAll(() => app.close());

  const staff = async (roles: Role[] = ['staff']) => {
    const { user, password } = await makeUser(ds, { roles });
    await registerDriver(ds, user.id);
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const notes = (type: string, bookingId: string) =>
    ds.query(`SELECT recipient_id, payload FROM notifications WHERE type = $1 AND payload->>'bookingId' = $2 ORDER BY id`, [type, bookingId]) as Promise<
      Array<{ recipient_id: string; payload: Record<string, string> }>
    >;

  it('should move a displaced win to the free car of its class and tell its holder, flag the next one that has no free car and tell that holder, and keep the moved win confirmable', async () => {
    const fleet = await makeFleet(ds);
    const cars = [await makeCar(ds, fleet), await makeCar(ds, fleet), await makeCar(ds, fleet)];
    await makeCar(ds, fleet, { classCode: 'kei', seats: 4 }); // another class never takes a regular trip
    const admin = await staff(['staff', 'garage_admin']);
    const now = Date.now();
    const schedule = { opensAt: iso(now - HOUR), closesAt: iso(now + HOUR), drawAt: iso(now + 2 * HOUR), confirmBy: iso(now + 4 * HOUR), firstComeAt: iso(now + 5 * HOUR) };
    const created = await admin.client.post('/api/lottery/rounds', { poolId: fleet.poolId, periodStart: tokyoDatePlus(8), ...schedule });
    expect(created.status).toBe(201);
    const roundId = created.body.id as string;
    await machine.advance(roundId, new Date(schedule.opensAt));

    const day = tokyoDatePlus(9);
    const [u1, u2] = [await staff(), await staff()];
    const body = { options: [{ classCode: 'regular', startsAt: jst(day, '09:00'), endsAt: jst(day, '12:00') }], purpose: '現地調査', destination: '小倉南区役所' };
    const r1 = await u1.client.post(`/api/lottery/rounds/${roundId}/requests`, body);
    const r2 = await u2.client.post(`/api/lottery/rounds/${roundId}/requests`, body);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect((await machine.advance(roundId, new Date(schedule.drawAt))).status).toBe('confirming');

    const win1 = (await u1.client.get(`/api/lottery/requests/${r1.body.id}`)).body;
    const win2 = (await u2.client.get(`/api/lottery/requests/${r2.body.id}`)).body;
    expect([win1.result, win2.result]).toEqual(['won', 'won']);
    const free = cars.find((c) => c.id !== win1.booking.carId && c.id !== win2.booking.carId)!;

    // 点検 on the first winner's car, that whole day: the win moves to the one free regular car.
    const block1 = await admin.client.post('/api/car-blocks', { carId: win1.booking.carId, kind: 'inspection', reason: '12か月点検', startDate: day, endDate: day });
    expect(block1.status).toBe(201);
    expect(block1.body.affectedBookings).toEqual([expect.objectContaining({ bookingId: win1.booking.id, outcome: 'reassigned', newCarId: free.id })]);
    const moved = await notes('car.block_moved', win1.booking.id);
    expect(moved).toEqual([
      {
        recipient_id: u1.user.id,
        payload: expect.objectContaining({ kind: 'inspection', fromPlateNumber: win1.booking.plateNumber, toPlateNumber: free.plateNumber }),
      },
    ]);
    const [row1] = await ds.query(`SELECT car_id, status, source, round_id FROM car_bookings WHERE id = $1`, [win1.booking.id]);
    expect(row1).toEqual({ car_id: free.id, status: 'provisional', source: 'lottery', round_id: roundId });
    // The win is still the holder's to confirm, on its new car.
    const confirmed = await u1.client.post(`/api/lottery/requests/${r1.body.id}/confirm`);
    expect([confirmed.status, confirmed.body.booking.carId, confirmed.body.booking.status]).toEqual([200, free.id, 'confirmed']);

    // 車検 on the second winner's car: no regular car is free any more, so it is flagged and its holder told.
    const block2 = await admin.client.post('/api/car-blocks', { carId: win2.booking.carId, kind: 'shaken', reason: '車検', startDate: day, endDate: day });
    expect(block2.body.affectedBookings).toEqual([expect.objectContaining({ bookingId: win2.booking.id, outcome: 'needs_reassignment', newCarId: null })]);
    const stranded = await notes('car.block_unavailable', win2.booking.id);
    expect(stranded).toEqual([{ recipient_id: u2.user.id, payload: expect.objectContaining({ kind: 'shaken', plateNumber: win2.booking.plateNumber }) }]);
    const [row2] = await ds.query(`SELECT car_id, needs_reassignment FROM car_bookings WHERE id = $1`, [win2.booking.id]);
    expect(row2).toEqual({ car_id: win2.booking.carId, needs_reassignment: true });

    // Editing the block again does not repeat the message.
    expect((await admin.client.patch(`/api/car-blocks/${block2.body.block.id}`, { reason: '車検（継続検査）' })).status).toBe(200);
    expect(await notes('car.block_unavailable', win2.booking.id)).toHaveLength(1);
    expect(await notes('car.block_moved', win2.booking.id)).toHaveLength(0);
    expect(await overlappingPairs(ds)).toEqual({ car: 0, driver: 0 });
  });
});
