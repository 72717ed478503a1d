import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, Fleet, makeCar, makeFleet, makeSection, makeUser, registerDriver, SignedInClient, tokyoAt, tokyoDatePlus } from '@rr/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CarsModule } from './cars.module';

describe('Fleet, blocks, drivers and availability (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let admin: SignedInClient;
  let adminId: string;
  let fleet: Fleet;

  const signIn = async (roles: Role[] = ['staff'], opts: { sectionId?: string; driver?: boolean } = {}) => {
    const { user, password } = await makeUser(ds, { roles, sectionId: opts.sectionId });
    if (opts.driver !== false) await registerDriver(ds, user.id);
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const code = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;
  const audit = (entityType: string, entityId: string) =>
    ds.query(`SELECT action, before, after, actor_id FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [entityType, entityId]);
  const trip = (carId: string, day: number, from: string, to: string, extra: Record<string, unknown> = {}) => ({
    carId,
    startsAt: tokyoAt(day, from),
    endsAt: tokyoAt(day, to),
    purpose: '用務',
    destination: '行先',
    ...extra,
  });

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, CarsModule]);
    ds = app.get(DataSource);
    const a = await signIn(['staff', 'garage_admin']);
    admin = a.client;
    adminId = a.user.id;
  });
  beforeEach(async () => {
    fleet = await makeFleet(ds);
  });
  afterAll(() => app.close());

  describe('garages, pools and cars', () => {
    it('should create, update and delete a garage, a pool and a car, auditing each change', async () => {
      const garage = await admin.post('/api/garages', { code: code('g'), name: '勝山地下駐車場', address: '北九州市小倉北区城内' });
      expect(garage.status).toBe(201);
      const pool = await admin.post('/api/car-pools', { code: code('p'), name: '勝山プール' });
      expect(pool.status).toBe(201);
      const plate = `北九州 480 あ ${randomUUID().slice(0, 5)}`;
      const car = await admin.post('/api/cars', {
        plateNumber: ` ${plate.replace(/ /g, '\u3000')} `,
        model: 'プリウス',
        classCode: 'regular',
        seats: 5,
        fuel: 'hybrid',
        garageId: garage.body.id,
        bay: 'B1-01',
        poolId: pool.body.id,
      });
      expect(car.status).toBe(201);
      expect(car.body).toMatchObject({ plateNumber: plate, className: '普通車', garageName: '勝山地下駐車場', bay: 'B1-01', status: 'active' });
      expect((await admin.get(`/api/garages/${garage.body.id}`)).body.carCount).toBe(1);

      const retired = await admin.patch(`/api/cars/${car.body.id}`, { status: 'retired', notes: '廃車予定' });
      expect(retired.body).toMatchObject({ status: 'retired', notes: '廃車予定', seats: 5 });
      expect((await admin.get(`/api/cars?poolId=${pool.body.id}`)).body).toEqual([]);
      expect((await admin.get(`/api/cars?poolId=${pool.body.id}&status=all`)).body).toHaveLength(1);

      const inUse = await admin.delete(`/api/garages/${garage.body.id}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.code).toBe('CAR_IN_USE');
      expect((await admin.delete(`/api/cars/${car.body.id}`)).status).toBe(204);
      expect((await admin.delete(`/api/garages/${garage.body.id}`)).status).toBe(204);
      expect((await admin.delete(`/api/car-pools/${pool.body.id}`)).status).toBe(204);

      const carAudit = await audit('car', car.body.id);
      expect(carAudit.map((r: { action: string }) => r.action)).toEqual(['car.create', 'car.update', 'car.delete']);
      expect(carAudit[1]).toMatchObject({ actor_id: adminId, before: { status: 'active' }, after: { status: 'retired' } });
      expect((await audit('garage', garage.body.id)).map((r: { action: string }) => r.action)).toEqual(['garage.create', 'garage.delete']);
    });

    it('should answer duplicates, unknown references and bad ids with coded 4xx', async () => {
      const car = await makeCar(ds, fleet, { bay: 'B9-99' });
      const base = { classCode: 'kei', seats: 4, fuel: 'gasoline', garageId: fleet.garageId, poolId: fleet.poolId };
      const dupPlate = await admin.post('/api/cars', { ...base, plateNumber: car.plateNumber });
      expect([dupPlate.status, dupPlate.body.code, dupPlate.body.message]).toEqual([409, 'CAR_DUPLICATE', 'plateNumber がすでに使われています。']);
      const dupBay = await admin.post('/api/cars', { ...base, plateNumber: code('北九州 480 う '), bay: 'B9-99' });
      expect([dupBay.status, dupBay.body.code]).toEqual([409, 'CAR_DUPLICATE']);
      const badClass = await admin.post('/api/cars', { ...base, plateNumber: code('北九州 480 え '), classCode: 'bus' });
      expect([badClass.status, badClass.body.code]).toEqual([404, 'CAR_CLASS_NOT_FOUND']);
      const badGarage = await admin.post('/api/cars', { ...base, plateNumber: code('北九州 480 お '), garageId: randomUUID() });
      expect([badGarage.status, badGarage.body.code]).toEqual([404, 'CAR_GARAGE_NOT_FOUND']);
      const seats = await admin.post('/api/cars', { ...base, plateNumber: code('北九州 480 か '), seats: 0 });
      expect([seats.status, seats.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect((await admin.get('/api/cars/not-a-uuid')).body.code).toBe('CAR_NOT_FOUND');
      expect((await admin.patch(`/api/cars/${randomUUID()}`, { notes: 'x' })).status).toBe(404);
      expect((await admin.delete('/api/car-pools/xyz')).body.code).toBe('CAR_POOL_NOT_FOUND');
      const dupGarage = await admin.post('/api/garages', { code: 'same-code', name: 'A' });
      const dupGarage2 = await admin.post('/api/garages', { code: 'same-code', name: 'B' });
      expect([dupGarage.status, dupGarage2.status, dupGarage2.body.code]).toEqual([201, 409, 'CAR_DUPLICATE']);
    });

    it('should refuse deleting a car that has bookings (retire it instead)', async () => {
      const car = await makeCar(ds, fleet);
      const { client } = await signIn();
      expect((await client.post('/api/car-bookings', trip(car.id, 3, '09:00', '10:00'))).status).toBe(201);
      const res = await admin.delete(`/api/cars/${car.id}`);
      expect([res.status, res.body.code]).toEqual([409, 'CAR_IN_USE']);
    });
  });

  describe('maintenance blocks', () => {
    it('should move a booking the block covers to the earliest-ending free car of the same class and pool, and flag one with no free car', async () => {
      const blocked = await makeCar(ds, fleet, { classCode: 'wagon' });
      const busySince9 = await makeCar(ds, fleet, { classCode: 'wagon' });
      const idle = await makeCar(ds, fleet, { classCode: 'wagon' });
      await makeCar(ds, fleet, { classCode: 'kei' }); // another class never takes the trip
      const a = await signIn();
      const b = await signIn();
      const c = await signIn();
      const moved = await a.client.post('/api/car-bookings', trip(blocked.id, 4, '10:00', '12:00'));
      await b.client.post('/api/car-bookings', trip(busySince9.id, 4, '08:00', '09:00'));
      // Later that day every wagon is taken, so the second affected booking cannot move.
      const flagged = await a.client.post('/api/car-bookings', trip(blocked.id, 4, '15:00', '17:00'));
      await b.client.post('/api/car-bookings', trip(busySince9.id, 4, '15:00', '16:00'));
      await c.client.post('/api/car-bookings', trip(idle.id, 4, '16:00', '18:00'));

      const res = await admin.post('/api/car-blocks', { carId: blocked.id, kind: 'shaken', reason: '車検', startDate: tokyoDatePlus(4), endDate: tokyoDatePlus(4) });
      expect(res.status).toBe(201);
      expect(res.body.block).toMatchObject({ carId: blocked.id, kind: 'shaken', allDay: true, startsAt: new Date(`${tokyoDatePlus(4)}T00:00:00+09:00`).toISOString() });
      expect(res.body.affectedBookings).toEqual([
        expect.objectContaining({ bookingId: moved.body.id, outcome: 'reassigned', newCarId: idle.id, newPlateNumber: idle.plateNumber }),
        expect.objectContaining({ bookingId: flagged.body.id, outcome: 'needs_reassignment', newCarId: null }),
      ]);
      expect((await a.client.get(`/api/car-bookings/${moved.body.id}`)).body).toMatchObject({ carId: idle.id, needsReassignment: false });
      expect((await a.client.get(`/api/car-bookings/${flagged.body.id}`)).body).toMatchObject({ carId: blocked.id, needsReassignment: true });
      const flaggedList = await admin.get(`/api/car-bookings?needsReassignment=true&carId=${blocked.id}`);
      expect(flaggedList.body.items.map((x: { id: string }) => x.id)).toEqual([flagged.body.id]);
      expect((await audit('car_booking', moved.body.id)).map((r: { action: string }) => r.action)).toEqual(['car_booking.create', 'car_booking.reassign']);
      expect((await audit('car_block', res.body.block.id)).map((r: { action: string }) => r.action)).toEqual(['car_block.create']);

      // Removing the block clears the flag.
      expect((await admin.delete(`/api/car-blocks/${res.body.block.id}`)).status).toBe(204);
      expect((await a.client.get(`/api/car-bookings/${flagged.body.id}`)).body.needsReassignment).toBe(false);
    });

    it('should refuse overlapping blocks of one car, bad intervals and unknown cars, and shorten a block', async () => {
      const car = await makeCar(ds, fleet);
      const first = await admin.post('/api/car-blocks', { carId: car.id, kind: 'repair', reason: '修理', startsAt: tokyoAt(3, '09:00'), endsAt: tokyoAt(3, '17:00') });
      expect(first.status).toBe(201);
      const overlap = await admin.post('/api/car-blocks', { carId: car.id, kind: 'inspection', reason: '点検', startsAt: tokyoAt(3, '16:00'), endsAt: tokyoAt(3, '18:00') });
      expect([overlap.status, overlap.body.code]).toEqual([409, 'CAR_BLOCK_OVERLAP']);
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ startsAt: tokyoAt(3, '18:00'), endsAt: tokyoAt(3, '17:00') }, 400, 'CAR_TIME_INVALID_RANGE'],
        [{ startsAt: tokyoAt(3, '18:05'), endsAt: tokyoAt(3, '19:00') }, 400, 'CAR_TIME_OFF_GRID'],
        [{ startDate: tokyoDatePlus(5), endDate: tokyoDatePlus(4) }, 400, 'CAR_TIME_INVALID_RANGE'],
        [{ startDate: tokyoDatePlus(5), startsAt: tokyoAt(3, '18:00'), endsAt: tokyoAt(3, '19:00') }, 400, 'VALIDATION_FAILED'],
        [{ startDate: tokyoDatePlus(5) }, 400, 'VALIDATION_FAILED'],
        [{}, 400, 'VALIDATION_FAILED'],
        [{ carId: randomUUID(), startsAt: tokyoAt(3, '18:00'), endsAt: tokyoAt(3, '19:00') }, 404, 'CAR_NOT_FOUND'],
      ];
      for (const [body, status, errorCode] of cases) {
        const res = await admin.post('/api/car-blocks', { carId: car.id, kind: 'other', reason: '理由', ...body });
        expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), status, errorCode]);
      }
      const shortened = await admin.patch(`/api/car-blocks/${first.body.block.id}`, { startsAt: tokyoAt(3, '09:00'), endsAt: tokyoAt(3, '12:00') });
      expect(shortened.status).toBe(200);
      expect(shortened.body.block.endsAt).toBe(new Date(tokyoAt(3, '12:00')).toISOString());
      const { client } = await signIn();
      expect((await client.post('/api/car-bookings', trip(car.id, 3, '13:00', '14:00'))).status).toBe(201);
      expect((await admin.get(`/api/car-blocks?carId=${car.id}`)).body).toHaveLength(1);
      expect((await admin.get('/api/car-blocks/nope')).body.code).toBe('CAR_BLOCK_NOT_FOUND');
    });
  });

  describe('drivers', () => {
    it('should register, approve, list with masked licence numbers and filters, revoke and delete, auditing each step', async () => {
      const { user } = await makeUser(ds);
      const put = await admin.put(`/api/drivers/${user.id}`, {
        licenceNumber: '123456789012',
        licenceExpiresOn: tokyoDatePlus(10),
        licenceConditions: ['AT限定', '眼鏡等'],
        firstLicensedOn: '2001-04-01',
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ licenceNumber: '123456789012', approved: false, eligibility: { eligible: false, reasons: ['not_approved'] } });
      const approved = await admin.post(`/api/drivers/${user.id}/approve`);
      expect(approved.body).toMatchObject({ approved: true, eligibility: { eligible: true, warning: 'licence_expiring', daysUntilExpiry: 10 } });
      expect(approved.body.approvedByName).toBeTruthy();

      const expiring = await admin.get(`/api/drivers?filter=expiring_soon&sectionId=${user.sectionId}`);
      expect(expiring.body.items).toEqual([expect.objectContaining({ userId: user.id, licenceNumber: '********9012' })]);
      expect((await admin.get(`/api/drivers?filter=expired&sectionId=${user.sectionId}`)).body.items).toEqual([]);
      expect((await admin.get(`/api/drivers?filter=eligible&sectionId=${user.sectionId}`)).body.total).toBe(1);

      const revoked = await admin.post(`/api/drivers/${user.id}/revoke`);
      expect(revoked.body).toMatchObject({ approved: false, approvedAt: null });
      expect((await admin.get(`/api/drivers?filter=unapproved&sectionId=${user.sectionId}`)).body.total).toBe(1);
      expect((await admin.delete(`/api/drivers/${user.id}`)).status).toBe(204);
      expect((await admin.get(`/api/drivers/${user.id}`)).body.code).toBe('CAR_DRIVER_NOT_FOUND');

      const rows = await audit('driver', user.id);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['driver.register', 'driver.approve', 'driver.revoke', 'driver.delete']);
      expect(JSON.stringify(rows)).not.toContain('123456789012');
    });

    it('should let staff register their own licence (awaiting approval) and see their status; a renewal withdraws the approval', async () => {
      const { user, client } = await signIn(['staff'], { driver: false });
      expect((await client.get('/api/drivers/me')).body).toEqual({
        registered: false,
        driver: null,
        eligibility: { eligible: false, reasons: ['not_registered'], warning: null, daysUntilExpiry: null },
      });
      const mine = await client.put('/api/drivers/me', { licenceExpiresOn: tokyoDatePlus(400), licenceConditions: ['AT限定'] });
      expect(mine.body).toMatchObject({ registered: true, eligibility: { eligible: false, reasons: ['not_approved'] } });
      await admin.post(`/api/drivers/${user.id}/approve`);
      expect((await client.get('/api/drivers/me')).body.eligibility.eligible).toBe(true);
      const renewed = await client.put('/api/drivers/me', { licenceExpiresOn: tokyoDatePlus(1500), licenceConditions: ['AT限定'] });
      expect(renewed.body.driver).toMatchObject({ approved: false, licenceExpiresOn: tokyoDatePlus(1500) });
      const bad = await client.put('/api/drivers/me', { licenceExpiresOn: '2030-02-30' });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const other = await client.put(`/api/drivers/${user.id}`, { licenceExpiresOn: tokyoDatePlus(10) });
      expect(other.status).toBe(403);
    });

    it('should answer unknown users and bad ids with coded 404s', async () => {
      expect((await admin.put(`/api/drivers/${randomUUID()}`, { licenceExpiresOn: tokyoDatePlus(10) })).body.code).toBe('CAR_DRIVER_USER_NOT_FOUND');
      expect((await admin.post(`/api/drivers/${randomUUID()}/approve`)).body.code).toBe('CAR_DRIVER_NOT_FOUND');
      expect((await admin.get('/api/drivers/123')).status).toBe(404);
    });
  });

  describe('GET /api/car-availability', () => {
    it("should list the pool's active cars with busy intervals as slots, showing staff only the section of other people's bookings", async () => {
      const section = await makeSection(ds, { name: '環境学習課' });
      const carA = await makeCar(ds, fleet, { classCode: 'kei', bay: 'B1-01' });
      const carB = await makeCar(ds, fleet, { classCode: 'regular', bay: 'B1-02' });
      await makeCar(ds, fleet, { classCode: 'regular', status: 'retired' });
      const holder = await signIn(['staff'], { sectionId: section.id });
      const viewer = await signIn();
      const booking = await holder.client.post('/api/car-bookings', trip(carA.id, 2, '09:00', '10:30'));
      // A 2-day trip shows on day 2 from 20:00 to the end of the day.
      await holder.client.post('/api/car-bookings', trip(carB.id, 2, '20:00', '09:00', { endsAt: tokyoAt(3, '09:00') }));
      await admin.post('/api/car-blocks', { carId: carB.id, kind: 'inspection', reason: 'オイル交換', startsAt: tokyoAt(2, '13:00'), endsAt: tokyoAt(2, '14:00') });

      const url = `/api/car-availability?date=${tokyoDatePlus(2)}&poolId=${fleet.poolId}`;
      const staffView = await viewer.client.get(url);
      expect(staffView.status).toBe(200);
      expect(staffView.body).toMatchObject({ date: tokyoDatePlus(2), slotMinutes: 15, slotCount: 96, bookableFrom: '07:00' });
      expect(staffView.body.cars.map((c: { carId: string }) => c.carId)).toEqual([carA.id, carB.id]);
      expect(staffView.body.cars[0].busy).toEqual([
        expect.objectContaining({ kind: 'booking', startSlot: 36, endSlot: 42, mine: false, bookingId: null, driverName: null, sectionName: '環境学習課' }),
      ]);
      expect(staffView.body.cars[1].busy).toEqual([
        expect.objectContaining({ kind: 'block', startSlot: 52, endSlot: 56, blockKind: 'inspection', reason: null }),
        expect.objectContaining({ kind: 'booking', startSlot: 80, endSlot: 96 }),
      ]);

      const holderView = await holder.client.get(url);
      expect(holderView.body.cars[0].busy[0]).toMatchObject({ mine: true, bookingId: booking.body.id, driverName: holder.user.displayName });
      const adminView = await admin.get(`${url}&classCode=regular`);
      expect(adminView.body.cars).toHaveLength(1);
      expect(adminView.body.cars[0].busy[0]).toMatchObject({ kind: 'block', reason: 'オイル交換' });
      expect(adminView.body.cars[0].busy[1]).toMatchObject({ driverName: holder.user.displayName });
    });

    it('should answer bad dates and unknown pools with coded 4xx', async () => {
      const { client } = await signIn();
      expect((await client.get('/api/car-availability?date=2027-02-30')).body.code).toBe('VALIDATION_FAILED');
      expect((await client.get('/api/car-availability')).status).toBe(400);
      expect((await client.get(`/api/car-availability?date=${tokyoDatePlus(1)}&poolId=x`)).status).toBe(400);
      expect((await client.get(`/api/car-availability?date=${tokyoDatePlus(1)}&poolId=${randomUUID()}`)).body.code).toBe('CAR_POOL_NOT_FOUND');
    });
  });

  describe('settings', () => {
    afterEach(async () => {
      await ds.query(`UPDATE car_booking_settings SET bookable_from_minute = 420, bookable_until_minute = 1320, max_duration_minutes = 4320, horizon_months = 1, expiry_warning_days = 30`);
    });

    // Other spec files book concurrently against the same database, so this test only widens the
    // rules (a later end of day, a longer warning period) and restores them afterwards.
    it('should show the defaults to everyone, let an administrator change them (audited) and apply them to bookings', async () => {
      const { client } = await signIn();
      expect((await client.get('/api/car-settings')).body).toMatchObject({ bookableFrom: '07:00', bookableUntil: '22:00', maxDurationMinutes: 4320, horizonMonths: 1, expiryWarningDays: 30 });
      const changed = await admin.patch('/api/car-settings', { bookableUntil: '23:00', expiryWarningDays: 60 });
      expect(changed.body).toMatchObject({ bookableFrom: '07:00', bookableUntil: '23:00', expiryWarningDays: 60 });
      const car = await makeCar(ds, fleet);
      const late = await client.post('/api/car-bookings', trip(car.id, 2, '22:00', '23:15'));
      expect(late.body).toMatchObject({ code: 'CAR_BOOKING_OUTSIDE_HOURS', message: '予約できる時間帯は 07:00〜23:00 です。' });
      expect((await client.post('/api/car-bookings', trip(car.id, 2, '22:00', '23:00'))).status).toBe(201);
      const { client: renewing, user } = await signIn(['staff'], { driver: false });
      await registerDriver(ds, user.id, { licenceExpiresOn: tokyoDatePlus(45) });
      expect((await renewing.get('/api/drivers/me')).body.eligibility).toMatchObject({ warning: 'licence_expiring', daysUntilExpiry: 45 });
      const rows = await audit('car_booking_settings', '1');
      expect(rows.at(-1)).toMatchObject({ action: 'car_settings.update', actor_id: adminId, before: { bookableUntil: '22:00' }, after: { bookableUntil: '23:00' } });
    });

    it('should refuse inconsistent settings', async () => {
      for (const body of [{ bookableFrom: '23:00' }, { bookableFrom: '08:10' }, { maxDurationMinutes: 20 }, { horizonMonths: 0 }, { bookableUntil: '24:30' }, { colour: 1 }]) {
        const res = await admin.patch('/api/car-settings', body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
        expect(['CAR_SETTINGS_INVALID', 'VALIDATION_FAILED']).toContain(res.body.code);
      }
    });
  });
});
