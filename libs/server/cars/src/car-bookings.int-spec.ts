import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, Fleet, makeCar, makeDrivers, makeFleet, makeSection, makeUser, overlappingPairs, registerDriver, SignedInClient, tokyoAt, tokyoDatePlus } from '@rr/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CarsModule } from './cars.module';
import { CarBookingPolicies } from './car-booking-policy';

describe('Car bookings (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;

  /** A signed-in user of `sectionId` (a fresh section by default), registered as an approved driver unless told otherwise. */
  const staff = async (opts: { roles?: Role[]; sectionId?: string; driver?: boolean } = {}) => {
    const { user, password } = await makeUser(ds, { roles: opts.roles ?? ['staff'], sectionId: opts.sectionId });
    if (opts.driver !== false) await registerDriver(ds, user.id);
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const trip = (overrides: Record<string, unknown> = {}) => ({
    startsAt: tokyoAt(5, '09:00'),
    endsAt: tokyoAt(5, '12:00'),
    purpose: '現地調査',
    destination: '小倉南区役所',
    ...overrides,
  });
  const bookingCount = async () => (await ds.query(`SELECT count(*)::int AS n FROM car_bookings`))[0].n as number;
  const auditActions = async (entityId: string) =>
    (await ds.query(`SELECT action FROM audit_log WHERE entity_type = 'car_booking' AND entity_id = $1 ORDER BY id`, [entityId])).map(
      (r: { action: string }) => r.action,
    );

  let fleet: Fleet;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, CarsModule]);
    ds = app.get(DataSource);
  });
  beforeEach(async () => {
    fleet = await makeFleet(ds);
  });
  afterAll(() => app.close());

  describe('POST /api/car-bookings under contention', () => {
    it('should let exactly one of 200 concurrent requests for the same car and slot through, answer the rest 409 CAR_BOOKING_CAR_TAKEN, and leave no overlap', async () => {
      const section = await makeSection(ds);
      const bookers = await Promise.all([0, 1, 2, 3].map(() => staff({ sectionId: section.id })));
      const drivers = await makeDrivers(ds, section.id, 200);
      const car = await makeCar(ds, fleet);
      const responses = await Promise.all(
        drivers.map((driverId, i) => bookers[i % bookers.length].client.post('/api/car-bookings', trip({ carId: car.id, driverId }))),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      const refused = responses.filter((r) => r.status !== 201);
      expect(refused).toHaveLength(199);
      for (const r of refused) {
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('CAR_BOOKING_CAR_TAKEN');
        expect(r.body.message).toContain('重複予約があります');
      }
      const rows = await ds.query(`SELECT count(*)::int AS n FROM car_bookings WHERE car_id = $1`, [car.id]);
      expect(rows[0].n).toBe(1);
      expect(await overlappingPairs(ds)).toEqual({ car: 0, driver: 0 });
    }, 120_000);

    it('should let one driver hold only one of 200 concurrent requests spread over two cars (409 CAR_BOOKING_DRIVER_OVERLAP for the other car)', async () => {
      const { user, client } = await staff();
      const [carA, carB] = [await makeCar(ds, fleet), await makeCar(ds, fleet)];
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => client.post('/api/car-bookings', trip({ carId: i % 2 ? carB.id : carA.id }))),
      );
      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
      const won = responses.filter((r) => r.status === 201);
      expect(won).toHaveLength(1);
      const winnerCar = won[0].body.carId as string;
      for (const [i, r] of responses.entries()) {
        if (r.status === 201) continue;
        expect(r.status).toBe(409);
        const car = i % 2 ? carB.id : carA.id;
        // Same car: either constraint may fire first; the other car: only the driver's.
        if (car === winnerCar) expect(['CAR_BOOKING_CAR_TAKEN', 'CAR_BOOKING_DRIVER_OVERLAP']).toContain(r.body.code);
        else expect(r.body.code).toBe('CAR_BOOKING_DRIVER_OVERLAP');
      }
      const rows = await ds.query(`SELECT count(*)::int AS n FROM car_bookings WHERE driver_id = $1`, [user.id]);
      expect(rows[0].n).toBe(1);
      expect(await overlappingPairs(ds)).toEqual({ car: 0, driver: 0 });
    }, 120_000);

    it('should refuse a second, partly overlapping booking of the same car but accept an adjacent one', async () => {
      const a = await staff();
      const b = await staff();
      const car = await makeCar(ds, fleet);
      expect((await a.client.post('/api/car-bookings', trip({ carId: car.id }))).status).toBe(201);
      const overlap = await b.client.post('/api/car-bookings', trip({ carId: car.id, startsAt: tokyoAt(5, '11:45'), endsAt: tokyoAt(5, '13:00') }));
      expect(overlap.status).toBe(409);
      expect(overlap.body.code).toBe('CAR_BOOKING_CAR_TAKEN');
      const adjacent = await b.client.post('/api/car-bookings', trip({ carId: car.id, startsAt: tokyoAt(5, '12:00'), endsAt: tokyoAt(5, '13:00') }));
      expect(adjacent.status).toBe(201);
    });
  });

  describe('POST /api/car-bookings by class', () => {
    it('should pick the free car whose previous booking ends latest (best fit), and another car when one is taken', async () => {
      const pool = fleet.poolId;
      const idle = await makeCar(ds, fleet, { classCode: 'ev', plateNumber: `試験 EV あ 00-01-${pool.slice(0, 6)}` });
      const early = await makeCar(ds, fleet, { classCode: 'ev', plateNumber: `試験 EV あ 00-02-${pool.slice(0, 6)}` });
      const late = await makeCar(ds, fleet, { classCode: 'ev', plateNumber: `試験 EV あ 00-03-${pool.slice(0, 6)}` });
      const setup = await staff();
      expect((await setup.client.post('/api/car-bookings', trip({ carId: early.id, startsAt: tokyoAt(6, '07:00'), endsAt: tokyoAt(6, '08:00') }))).status).toBe(201);
      expect((await setup.client.post('/api/car-bookings', trip({ carId: late.id, startsAt: tokyoAt(6, '08:00'), endsAt: tokyoAt(6, '09:30') }))).status).toBe(201);

      const first = await (await staff()).client.post('/api/car-bookings', trip({ classCode: 'ev', poolId: pool, startsAt: tokyoAt(6, '10:00'), endsAt: tokyoAt(6, '11:00') }));
      expect(first.status).toBe(201);
      expect(first.body.carId).toBe(late.id);
      const second = await (await staff()).client.post('/api/car-bookings', trip({ classCode: 'ev', poolId: pool, startsAt: tokyoAt(6, '10:00'), endsAt: tokyoAt(6, '11:00') }));
      expect(second.body.carId).toBe(early.id);
      const third = await (await staff()).client.post('/api/car-bookings', trip({ classCode: 'ev', poolId: pool, startsAt: tokyoAt(6, '10:00'), endsAt: tokyoAt(6, '11:00') }));
      expect(third.body.carId).toBe(idle.id);
      const fourth = await (await staff()).client.post('/api/car-bookings', trip({ classCode: 'ev', poolId: pool, startsAt: tokyoAt(6, '10:00'), endsAt: tokyoAt(6, '11:00') }));
      expect(fourth.status).toBe(409);
      expect(fourth.body.code).toBe('CAR_BOOKING_CLASS_FULL');
    });

    it('should give every one of 30 concurrent class requests for 3 cars either a distinct car or 409 CAR_BOOKING_CLASS_FULL', async () => {
      const section = await makeSection(ds);
      const booker = await staff({ sectionId: section.id });
      const drivers = await makeDrivers(ds, section.id, 30);
      const cars = [await makeCar(ds, fleet, { classCode: 'wagon' }), await makeCar(ds, fleet, { classCode: 'wagon' }), await makeCar(ds, fleet, { classCode: 'wagon' })];
      const responses = await Promise.all(
        drivers.map((driverId) => booker.client.post('/api/car-bookings', trip({ classCode: 'wagon', poolId: fleet.poolId, driverId }))),
      );
      const won = responses.filter((r) => r.status === 201);
      expect(won.map((r) => r.body.carId).sort()).toEqual(cars.map((c) => c.id).sort());
      for (const r of responses.filter((x) => x.status !== 201)) {
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('CAR_BOOKING_CLASS_FULL');
      }
      expect(await overlappingPairs(ds)).toEqual({ car: 0, driver: 0 });
    }, 60_000);

    it('should skip cars with too few seats for the passengers', async () => {
      const small = await makeCar(ds, fleet, { classCode: 'kei', seats: 4 });
      const { client } = await staff();
      const tooMany = await client.post('/api/car-bookings', trip({ carId: small.id, passengers: 4 }));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ code: 'CAR_TOO_MANY_PASSENGERS', message: '乗車定員（4人）を超えています。' });
      const byClass = await client.post('/api/car-bookings', trip({ classCode: 'kei', poolId: fleet.poolId, passengers: 4 }));
      expect(byClass.status).toBe(409);
      expect(byClass.body.code).toBe('CAR_BOOKING_CLASS_FULL');
    });
  });

  describe('driver eligibility', () => {
    it('should refuse a caller who is not a registered driver (403 CAR_DRIVER_NOT_REGISTERED)', async () => {
      const car = await makeCar(ds, fleet);
      const { client } = await staff({ driver: false });
      const res = await client.post('/api/car-bookings', trip({ carId: car.id }));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CAR_DRIVER_NOT_REGISTERED');
    });

    it('should refuse an unapproved driver and one whose licence expires before the trip ends, naming the reasons', async () => {
      const car = await makeCar(ds, fleet);
      const unapproved = await staff({ driver: false });
      await registerDriver(ds, unapproved.user.id, { approved: false });
      const r1 = await unapproved.client.post('/api/car-bookings', trip({ carId: car.id }));
      expect(r1.status).toBe(403);
      expect(r1.body).toMatchObject({ code: 'CAR_DRIVER_NOT_ELIGIBLE', details: { reasons: ['not_approved'] } });

      const expiring = await staff({ driver: false });
      await registerDriver(ds, expiring.user.id, { licenceExpiresOn: tokyoDatePlus(5) });
      // A 2-day trip from day 5 to day 6: the licence is not valid on the last day.
      const r2 = await expiring.client.post('/api/car-bookings', trip({ carId: car.id, startsAt: tokyoAt(5, '09:00'), endsAt: tokyoAt(6, '12:00') }));
      expect(r2.status).toBe(403);
      expect(r2.body).toMatchObject({ code: 'CAR_DRIVER_NOT_ELIGIBLE', details: { reasons: ['licence_expired'] } });
      // Ending on the expiry date itself is fine, and /drivers/me warns.
      const r3 = await expiring.client.post('/api/car-bookings', trip({ carId: car.id }));
      expect(r3.status).toBe(201);
      const me = await expiring.client.get('/api/drivers/me');
      expect(me.body).toMatchObject({ registered: true, eligibility: { eligible: true, warning: 'licence_expiring', daysUntilExpiry: 5 } });
      expect(await bookingCount()).toBeGreaterThan(0);
    });

    it('should refuse an expired licence and a disabled account', async () => {
      const car = await makeCar(ds, fleet);
      const expired = await staff({ driver: false });
      await registerDriver(ds, expired.user.id, { licenceExpiresOn: tokyoDatePlus(-1) });
      const res = await expired.client.post('/api/car-bookings', trip({ carId: car.id }));
      expect(res.body).toMatchObject({ code: 'CAR_DRIVER_NOT_ELIGIBLE', details: { reasons: ['licence_expired'] } });

      const section = await makeSection(ds);
      const booker = await staff({ sectionId: section.id });
      const [disabled] = await makeDrivers(ds, section.id, 1);
      await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [disabled]);
      const res2 = await booker.client.post('/api/car-bookings', trip({ carId: car.id, driverId: disabled }));
      expect(res2.body).toMatchObject({ code: 'CAR_DRIVER_NOT_ELIGIBLE', details: { reasons: ['inactive'] } });
    });

    it('should let staff book for a registered driver of their own section only', async () => {
      const car = await makeCar(ds, fleet);
      const section = await makeSection(ds);
      const booker = await staff({ sectionId: section.id });
      const colleague = await staff({ sectionId: section.id });
      const outsider = await staff();
      const other = await booker.client.post('/api/car-bookings', trip({ carId: car.id, driverId: outsider.user.id }));
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('CAR_BOOKING_DRIVER_OTHER_SECTION');
      const ok = await booker.client.post('/api/car-bookings', trip({ carId: car.id, driverId: colleague.user.id }));
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ driverId: colleague.user.id, bookedById: booker.user.id, sectionId: section.id, status: 'confirmed', source: 'first_come' });
      // Both the driver and the booker see it among their bookings.
      expect((await colleague.client.get('/api/car-bookings/mine')).body.map((b: { id: string }) => b.id)).toContain(ok.body.id);
      expect((await booker.client.get('/api/car-bookings/mine')).body.map((b: { id: string }) => b.id)).toContain(ok.body.id);
      expect((await outsider.client.get(`/api/car-bookings/${ok.body.id}`)).status).toBe(403);
      // The section's driver list for the form: names and eligibility only.
      const list = await booker.client.get('/api/drivers/section');
      expect(list.body.map((d: { userId: string }) => d.userId)).toEqual(expect.arrayContaining([booker.user.id, colleague.user.id]));
      expect(list.body[0]).not.toHaveProperty('licenceNumber');
    });
  });

  describe('blocks and bookings', () => {
    it('should refuse booking a car over its maintenance block (409 CAR_BLOCKED) and a retired car (409 CAR_RETIRED)', async () => {
      const car = await makeCar(ds, fleet);
      const admin = await staff({ roles: ['staff', 'garage_admin'] });
      const block = await admin.client.post('/api/car-blocks', { carId: car.id, kind: 'inspection', reason: '12か月点検', startsAt: tokyoAt(5, '10:00'), endsAt: tokyoAt(5, '11:00') });
      expect(block.status).toBe(201);
      const { client } = await staff();
      const res = await client.post('/api/car-bookings', trip({ carId: car.id }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CAR_BLOCKED');
      const retired = await makeCar(ds, fleet, { status: 'retired' });
      const res2 = await client.post('/api/car-bookings', trip({ carId: retired.id }));
      expect(res2.body.code).toBe('CAR_RETIRED');
    });
  });

  describe('cancel and edit', () => {
    it('should let the holder cancel before the start, free the slot, and audit create and cancel', async () => {
      const car = await makeCar(ds, fleet);
      const holder = await staff();
      const other = await staff();
      const created = await holder.client.post('/api/car-bookings', trip({ carId: car.id }));
      expect((await other.client.post(`/api/car-bookings/${created.body.id}/cancel`)).body.code).toBe('CAR_BOOKING_NOT_HOLDER');
      const cancelled = await holder.client.post(`/api/car-bookings/${created.body.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      const again = await holder.client.post(`/api/car-bookings/${created.body.id}/cancel`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CAR_BOOKING_NOT_CANCELLABLE');
      expect((await other.client.post('/api/car-bookings', trip({ carId: car.id }))).status).toBe(201);
      expect(await auditActions(created.body.id)).toEqual(['car_booking.create', 'car_booking.cancel']);
      const [row] = await ds.query(`SELECT actor_id, before->>'status' AS b, after->>'status' AS a FROM audit_log WHERE entity_id = $1 AND action = 'car_booking.cancel'`, [created.body.id]);
      expect(row).toEqual({ actor_id: holder.user.id, b: 'confirmed', a: 'cancelled' });
    });

    it('should move a booking to a free slot, refuse a move onto a taken slot without changing anything, and audit the edit', async () => {
      const car = await makeCar(ds, fleet);
      const a = await staff();
      const b = await staff();
      const mine = await a.client.post('/api/car-bookings', trip({ carId: car.id }));
      await b.client.post('/api/car-bookings', trip({ carId: car.id, startsAt: tokyoAt(5, '14:00'), endsAt: tokyoAt(5, '16:00') }));

      const moved = await a.client.patch(`/api/car-bookings/${mine.body.id}`, { startsAt: tokyoAt(5, '12:00'), endsAt: tokyoAt(5, '14:00'), purpose: '打合せ' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ startsAt: new Date(tokyoAt(5, '12:00')).toISOString(), purpose: '打合せ' });

      const clash = await a.client.patch(`/api/car-bookings/${mine.body.id}`, { endsAt: tokyoAt(5, '15:00'), destination: '変更されないはず' });
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('CAR_BOOKING_CAR_TAKEN');
      const unchanged = await a.client.get(`/api/car-bookings/${mine.body.id}`);
      expect(unchanged.body).toMatchObject({ endsAt: new Date(tokyoAt(5, '14:00')).toISOString(), destination: '小倉南区役所' });

      // A free truck in another pool must not be taken: a class change stays in the booking's pool.
      await makeCar(ds, await makeFleet(ds), { classCode: 'truck', seats: 2 });
      const byClass = await a.client.patch(`/api/car-bookings/${mine.body.id}`, { classCode: 'truck' });
      expect(byClass.status).toBe(409);
      expect(byClass.body.code).toBe('CAR_BOOKING_CLASS_FULL');
      expect((await b.client.patch(`/api/car-bookings/${mine.body.id}`, { purpose: 'x' })).body.code).toBe('CAR_BOOKING_NOT_HOLDER');
      expect(await auditActions(mine.body.id)).toEqual(['car_booking.create', 'car_booking.update']);
    });

    it('should not let the holder move a lottery allocation, only change its text', async () => {
      const car = await makeCar(ds, fleet);
      const { user, client } = await staff();
      const [{ id }] = await ds.query(
        `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, source, status)
         VALUES ($1, $2, $2, $3, $4, $5, '会議', '戸畑区役所', 'lottery', 'confirmed') RETURNING id`,
        [car.id, user.id, user.sectionId, tokyoAt(7, '09:00'), tokyoAt(7, '10:00')],
      );
      expect((await client.patch(`/api/car-bookings/${id}`, { startsAt: tokyoAt(7, '08:00') })).body.code).toBe('CAR_BOOKING_NOT_EDITABLE');
      expect((await client.patch(`/api/car-bookings/${id}`, { destination: '若松区役所' })).body.destination).toBe('若松区役所');
    });

    it('should let a garage administrator make a priority booking with a reason, and refuse the reason from staff', async () => {
      const car = await makeCar(ds, fleet);
      const { client } = await staff();
      const refused = await client.post('/api/car-bookings', trip({ carId: car.id, priorityReason: '災害対応' }));
      expect(refused.status).toBe(403);
      const admin = await staff({ roles: ['staff', 'garage_admin'] });
      const ok = await admin.client.post('/api/car-bookings', trip({ carId: car.id, priorityReason: '災害対応' }));
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ source: 'priority', priorityReason: '災害対応' });
    });
  });

  describe('CarBookingPolicy seam', () => {
    it('should let a registered policy close first-come booking for its pool, by car and by class, but not priority bookings', async () => {
      const closedPool = fleet.poolId;
      app.get(CarBookingPolicies).register({
        name: `test-closed-${closedPool}`,
        checkFirstCome: async (ctx) => (ctx.poolId === closedPool ? new AppError('CAR_BOOKING_CLOSED', 'forbidden') : null),
      });
      const car = await makeCar(ds, fleet);
      const { client } = await staff();
      const byCar = await client.post('/api/car-bookings', trip({ carId: car.id }));
      expect([byCar.status, byCar.body.code, byCar.body.message]).toEqual([403, 'CAR_BOOKING_CLOSED', 'この期間は先着予約の受付期間外です。']);
      const byClass = await client.post('/api/car-bookings', trip({ classCode: 'regular', poolId: closedPool }));
      expect([byClass.status, byClass.body.code]).toEqual([403, 'CAR_BOOKING_CLOSED']);
      const admin = await staff({ roles: ['staff', 'garage_admin'] });
      expect((await admin.client.post('/api/car-bookings', trip({ carId: car.id, priorityReason: '市長公務' }))).status).toBe(201);
      // Other pools stay open.
      const open = await makeCar(ds, await makeFleet(ds));
      expect((await client.post('/api/car-bookings', trip({ carId: open.id }))).status).toBe(201);
    });
  });

  describe('bad input', () => {
    const cases: Array<[string, number, string, Record<string, unknown>]> = [
      ['end before start', 400, 'CAR_TIME_INVALID_RANGE', { startsAt: tokyoAt(5, '12:00'), endsAt: tokyoAt(5, '09:00') }],
      ['off the 15-minute grid', 400, 'CAR_TIME_OFF_GRID', { startsAt: tokyoAt(5, '09:10') }],
      ['in the past', 400, 'CAR_BOOKING_IN_PAST', { startsAt: tokyoAt(-1, '09:00'), endsAt: tokyoAt(-1, '12:00') }],
      ['beyond the 1-month horizon', 400, 'CAR_BOOKING_BEYOND_HORIZON', { startsAt: tokyoAt(40, '09:00'), endsAt: tokyoAt(40, '12:00') }],
      ['longer than 3 days', 400, 'CAR_BOOKING_TOO_LONG', { startsAt: tokyoAt(5, '09:00'), endsAt: tokyoAt(9, '09:00') }],
      ['before 07:00', 400, 'CAR_BOOKING_OUTSIDE_HOURS', { startsAt: tokyoAt(5, '06:30') }],
      ['not a date', 400, 'VALIDATION_FAILED', { startsAt: 'tomorrow morning' }],
      ['no offset', 400, 'VALIDATION_FAILED', { startsAt: '2030-01-01T09:00:00' }],
      ['car and class together', 400, 'VALIDATION_FAILED', { classCode: 'kei' }],
      ['an unknown field', 400, 'VALIDATION_FAILED', { colour: 'red' }],
      ['a malformed car id', 400, 'VALIDATION_FAILED', { carId: 'not-a-uuid' }],
      ['an unknown car', 404, 'CAR_NOT_FOUND', { carId: '00000000-0000-4000-8000-000000000000' }],
      ['an unknown class', 404, 'CAR_CLASS_NOT_FOUND', { carId: undefined, classCode: 'limousine' }],
      ['an unknown pool', 404, 'CAR_POOL_NOT_FOUND', { carId: undefined, classCode: 'kei', poolId: '00000000-0000-4000-8000-000000000000' }],
      ['an empty purpose', 400, 'VALIDATION_FAILED', { purpose: '' }],
      ['negative passengers', 400, 'VALIDATION_FAILED', { passengers: -1 }],
      ['an unknown driver', 403, 'CAR_DRIVER_NOT_REGISTERED', { driverId: '00000000-0000-4000-8000-000000000000' }],
    ];

    it.each(cases)('should answer %s with %i %s and write nothing', async (_label, status, code, overrides) => {
      const car = await makeCar(ds, fleet);
      const { client } = await staff();
      const before = await bookingCount();
      const res = await client.post('/api/car-bookings', trip({ carId: car.id, ...overrides }));
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(typeof res.body.message).toBe('string');
      expect(await bookingCount()).toBe(before);
    });

    it('should answer 404 for malformed and unknown booking ids, and in English when asked', async () => {
      const { client } = await staff();
      for (const path of ['/api/car-bookings/nope', '/api/car-bookings/00000000-0000-4000-8000-000000000000']) {
        const res = await client.get(path).set('Accept-Language', 'en');
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'CAR_BOOKING_NOT_FOUND', message: 'Car booking not found.' });
      }
      expect((await client.patch('/api/car-bookings/nope', { purpose: 'x' })).status).toBe(404);
      expect((await client.post('/api/car-bookings/nope/cancel')).status).toBe(404);
    });
  });

  describe('authorisation', () => {
    it('should require a session and refuse administration to staff', async () => {
      const anonymous = await request(app.getHttpServer()).get('/api/car-bookings/mine');
      expect(anonymous.status).toBe(401);
      const { client } = await staff();
      for (const [method, path] of [
        ['get', '/api/car-bookings'],
        ['get', '/api/drivers'],
        ['get', '/api/car-blocks'],
        ['post', '/api/cars'],
        ['post', '/api/garages'],
        ['patch', '/api/car-settings'],
      ] as const) {
        const res = method === 'get' ? await client.get(path) : method === 'post' ? await client.post(path, {}) : await client.patch(path, {});
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'AUTH_FORBIDDEN']);
      }
      expect((await client.get('/api/cars')).status).toBe(200);
      expect((await client.get('/api/car-classes')).body.map((c: { code: string }) => c.code)).toEqual(['kei', 'regular', 'wagon', 'ev', 'truck']);
    });
  });
});
