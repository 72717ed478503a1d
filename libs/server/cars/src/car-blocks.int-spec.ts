import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, makeCar, makeFleet, makeSection, makeUser, registerDriver, SignedInClient, tokyoAt, tokyoDatePlus } from '@rr/testing';
import { DataSource } from 'typeorm';
import { CarsModule } from './cars.module';

/** Holders of bookings a maintenance block displaces are told, in the block's transaction. */
describe('Maintenance blocks: notifying displaced holders (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, CarsModule]);
    ds = app.get(DataSource);
  });
  afterAll(() => app.close());

  const staff = async (roles: Role[] = ['staff'], sectionId?: string) => {
    const { user, password } = await makeUser(ds, { roles, sectionId });
    await registerDriver(ds, user.id);
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const notes = (bookingId: string) =>
    ds.query(`SELECT type, recipient_id FROM notifications WHERE payload->>'bookingId' = $1 ORDER BY type, recipient_id`, [bookingId]) as Promise<
      Array<{ type: string; recipient_id: string }>
    >;

  it('should tell both the driver and the colleague who booked for them that the booking moved, and tell them when no car is free', async () => {
    const fleet = await makeFleet(ds);
    const [carA, carB] = [await makeCar(ds, fleet, { classCode: 'wagon', seats: 8 }), await makeCar(ds, fleet, { classCode: 'wagon', seats: 8 })];
    const admin = await staff(['staff', 'garage_admin']);
    const section = await makeSection(ds);
    const booker = await staff(['staff'], section.id);
    const driver = await staff(['staff'], section.id);
    const trip = (carId: string, from: string, to: string) => ({ carId, driverId: driver.user.id, startsAt: tokyoAt(6, from), endsAt: tokyoAt(6, to), purpose: '出前講座', destination: '八幡西区' });
    const first = await booker.client.post('/api/car-bookings', trip(carA.id, '09:00', '11:00'));
    const second = await booker.client.post('/api/car-bookings', trip(carA.id, '13:00', '15:00'));
    await admin.client.post('/api/car-bookings', { carId: carB.id, startsAt: tokyoAt(6, '12:00'), endsAt: tokyoAt(6, '16:00'), purpose: '会議', destination: '本庁舎' });
    expect([first.status, second.status]).toEqual([201, 201]);

    const block = await admin.client.post('/api/car-blocks', { carId: carA.id, kind: 'repair', reason: 'ブレーキ修理', startDate: tokyoDatePlus(6), endDate: tokyoDatePlus(6) });
    expect(block.status).toBe(201);
    expect(block.body.affectedBookings.map((a: { outcome: string }) => a.outcome)).toEqual(['reassigned', 'needs_reassignment']);
    const both = [booker.user.id, driver.user.id].sort();
    expect(await notes(first.body.id)).toEqual(both.map((id) => ({ type: 'car.block_moved', recipient_id: id })));
    expect(await notes(second.body.id)).toEqual(both.map((id) => ({ type: 'car.block_unavailable', recipient_id: id })));
    // The payload names the kind of maintenance, the blocked car and the new one.
    const [payload] = await ds.query(`SELECT payload FROM notifications WHERE type = 'car.block_moved' AND recipient_id = $1 AND payload->>'bookingId' = $2`, [driver.user.id, first.body.id]);
    expect(payload.payload).toMatchObject({ kind: 'repair', fromPlateNumber: carA.plateNumber, toPlateNumber: carB.plateNumber });
  });
});
