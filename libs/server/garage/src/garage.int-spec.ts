import type { INestApplication } from '@nestjs/common';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, Fleet, makeCar, makeFleet, makeUser, registerDriver, SignedInClient, tokyoDatePlus } from '@rr/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GarageModule } from './garage.module';
import { GarageSweepService } from './sweep.service';

jest.setTimeout(60_000);

const GRID = 15 * 60_000;
const HOUR = 3_600_000;

describe('Garage counter (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let admin: SignedInClient;
  let adminId: string;
  let fleet: Fleet;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, GarageModule]);
    ds = app.get(DataSource);
    const { user, password } = await makeUser(ds, { roles: ['garage_admin'] });
    adminId = user.id;
    admin = await SignedInClient.signIn(app, user.username, password);
  });
  beforeEach(async () => {
    fleet = await makeFleet(ds);
  });
  afterAll(() => app.close());

  const count = async (sql: string, params: unknown[] = []) => (await ds.query(sql, params))[0].n as number;
  const floorGrid = (ms: number) => Math.floor(ms / GRID) * GRID;

  /** A detector with a passing weekly inspection a day ago (usable) unless told otherwise. */
  async function makeDetector(opts: { validUntil?: string | null; inspectedDaysAgo?: number | null; maxUses?: number | null; useCount?: number } = {}) {
    const [d] = await ds.query(`INSERT INTO alcohol_detectors (serial_number, location, valid_until, max_uses, use_count) VALUES ($1, '勝山地下駐車場', $2, $3, $4) RETURNING id`, [
      `AL-${randomUUID().slice(0, 8)}`,
      opts.validUntil === undefined ? tokyoDatePlus(365) : opts.validUntil,
      opts.maxUses ?? null,
      opts.useCount ?? 0,
    ]);
    const days = opts.inspectedDaysAgo === undefined ? 1 : opts.inspectedDaysAgo;
    if (days !== null) {
      await ds.query(
        `INSERT INTO detector_inspections (detector_id, kind, inspected_at, inspector_id, inspector_name, power_ok, no_damage, detects_alcohol, no_false_positive, passed)
         VALUES ($1, 'weekly', now() - make_interval(days => $2), $3, '点検 者', true, true, true, true, true)`,
        [d.id, days, adminId],
      );
    }
    return d.id as string;
  }

  /** A confirmed booking of a fresh car and driver starting at `startOffsetMs` from now (on the grid). */
  async function makeBooking(opts: { startOffsetMs?: number; hours?: number; licenceExpiresOn?: string; source?: string; carId?: string; classCode?: string } = {}) {
    const { user: driver, password } = await makeUser(ds);
    await registerDriver(ds, driver.id, opts.licenceExpiresOn ? { licenceExpiresOn: opts.licenceExpiresOn } : {});
    const carId = opts.carId ?? (await makeCar(ds, fleet, opts.classCode ? { classCode: opts.classCode } : {})).id;
    const startsAt = new Date(floorGrid(Date.now() + (opts.startOffsetMs ?? 0)));
    const endsAt = new Date(startsAt.getTime() + (opts.hours ?? 2) * HOUR);
    const [b] = await ds.query(
      `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, passengers, source, status)
       VALUES ($1, $2, $2, $3, $4, $5, '現地調査', '小倉南区役所', 1, $6, 'confirmed') RETURNING id`,
      [carId, driver.id, driver.sectionId, startsAt, endsAt, opts.source ?? 'first_come'],
    );
    return { bookingId: b.id as string, carId, driverId: driver.id, driver, password, startsAt, endsAt };
  }

  const check = (detectorId: string, over: Record<string, unknown> = {}) => ({
    method: 'face_to_face',
    detectorId,
    readingMgL: 0,
    faceColourOk: true,
    breathSmellOk: true,
    voiceOk: true,
    ...over,
  });
  const checkOut = (bookingId: string, detectorId: string, over: Record<string, unknown> = {}, checkOver: Record<string, unknown> = {}) =>
    admin.post(`/api/garage/bookings/${bookingId}/check-out`, { odometerKm: 12_000, fuelLevel: 'full', etcCard: true, check: check(detectorId, checkOver), ...over });
  const giveBack = (bookingId: string, detectorId: string, over: Record<string, unknown> = {}) =>
    admin.post(`/api/garage/bookings/${bookingId}/return`, { odometerKm: 12_048, fuelLevel: '3/4', etcCard: true, etcUsed: true, fuelLitres: 20.5, fuelCostYen: 3500, check: check(detectorId), ...over });
  const recordsOf = async (bookingId: string) => ({
    checks: await count(`SELECT count(*)::int AS n FROM alcohol_checks WHERE booking_id = $1`, [bookingId]),
    handovers: await count(`SELECT count(*)::int AS n FROM key_handovers WHERE booking_id = $1`, [bookingId]),
    logs: await count(`SELECT count(*)::int AS n FROM driving_logs WHERE booking_id = $1`, [bookingId]),
    status: (await ds.query(`SELECT status FROM car_bookings WHERE id = $1`, [bookingId]))[0].status as string,
  });

  describe('check-out and return', () => {
    it('should release the key after a passing check, then on return record the post-drive check and a driving log filled from the booking', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const out = await checkOut(b.bookingId, detector);
      expect(out.status).toBe(201);
      expect(out.body).toMatchObject({ outcome: 'released', reusedCheck: false, check: { phase: 'pre', readingMgL: 0, alcoholDetected: false, fitToDrive: true, checkerId: adminId, driverId: b.driverId } });
      expect(out.body.handover).toMatchObject({ kind: 'check_out', odometerKm: 12_000, etcCard: true, substitute: false });
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 1, handovers: 1, logs: 0, status: 'in_use' });
      expect(await count(`SELECT use_count AS n FROM alcohol_detectors WHERE id = $1`, [detector])).toBe(1);

      const board = await admin.get('/api/garage/board');
      expect(board.status).toBe(200);
      expect(board.body.items.find((i: { bookingId: string }) => i.bookingId === b.bookingId)).toMatchObject({ state: 'out', odometerStart: 12_000 });

      const back = await giveBack(b.bookingId, detector, { defects: '右ミラーに擦り傷' });
      expect(back.status).toBe(201);
      expect(back.body.log).toMatchObject({
        bookingId: b.bookingId,
        driverId: b.driverId,
        destination: '小倉南区役所',
        purpose: '現地調査',
        passengers: 1,
        odometerStart: 12_000,
        odometerEnd: 12_048,
        distanceKm: 48,
        fuelLitres: 20.5,
        fuelCostYen: 3500,
        etcUsed: true,
        defects: '右ミラーに擦り傷',
        preCheckId: out.body.check.id,
        postCheckId: back.body.check.id,
      });
      expect(back.body.check).toMatchObject({ phase: 'post', fitToDrive: true });
      expect(back.body.damage).toBeNull();
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 2, handovers: 2, logs: 1, status: 'completed' });
      const actions = (await ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [b.bookingId])).map((r: { action: string }) => r.action);
      expect(actions).toEqual(['car_booking.check_out', 'car_booking.return']);

      // The driver sees the trip and the checks as their own.
      const driver = await SignedInClient.signIn(app, b.driver.username, b.password);
      const mine = await driver.get('/api/garage/my-trips');
      expect(mine.status).toBe(200);
      expect(mine.body.logs.map((l: { bookingId: string }) => l.bookingId)).toEqual([b.bookingId]);
      expect(mine.body.checks).toHaveLength(2);
    });

    it('should hand the key to a registered substitute driver and record the check against them', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const { user: sub } = await makeUser(ds);
      await registerDriver(ds, sub.id);
      const out = await checkOut(b.bookingId, detector, { driverId: sub.id });
      expect(out.status).toBe(201);
      expect(out.body.handover).toMatchObject({ driverId: sub.id, substitute: true });
      expect(out.body.check.driverId).toBe(sub.id);
      const back = await giveBack(b.bookingId, detector);
      expect(back.body.log.driverId).toBe(sub.id);
    });
  });

  describe('a positive reading', () => {
    it('should block the key, keep the record with instructions, and notify every safe-driving manager', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const managers = (await ds.query(`SELECT id FROM users WHERE is_active AND 'garage_admin' = ANY(roles)`)).map((r: { id: string }) => r.id);
      const res = await checkOut(b.bookingId, detector, {}, { readingMgL: 0.05, instructions: '運転禁止。所属長に連絡し代替運転者を手配。' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ outcome: 'blocked', handover: null, check: { alcoholDetected: true, fitToDrive: false, readingMgL: 0.05 } });
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 1, handovers: 0, logs: 0, status: 'confirmed' });
      const notified = (await ds.query(`SELECT recipient_id FROM notifications WHERE type = 'garage.alcohol_detected' AND payload->>'checkId' = $1`, [res.body.check.id])).map(
        (r: { recipient_id: string }) => r.recipient_id,
      );
      expect(notified.sort()).toEqual([...managers].sort());
      const board = await admin.get('/api/garage/board');
      expect(board.body.items.find((i: { bookingId: string }) => i.bookingId === b.bookingId)).toMatchObject({ blocked: true, state: expect.stringMatching(/waiting|late_pickup/) });
    });

    it('should refuse a positive reading without instructions (400) and write nothing', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const res = await checkOut(b.bookingId, detector, {}, { readingMgL: 0.2 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('GARAGE_INSTRUCTIONS_REQUIRED');
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 0, handovers: 0, logs: 0, status: 'confirmed' });
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'garage.alcohol_detected' AND payload->>'driverName' = $1`, [b.driver.displayName])).toBe(0);
    });
  });

  describe('bad input: a clear 4xx and nothing partial', () => {
    it.each([
      ['negative reading', { readingMgL: -0.01 }, 400, 'GARAGE_READING_INVALID'],
      ['absurd reading', { readingMgL: 12.5 }, 400, 'GARAGE_READING_INVALID'],
      ['three decimals', { readingMgL: 0.125 }, 400, 'GARAGE_READING_INVALID'],
      ['reading as text', { readingMgL: 'zero' }, 400, 'VALIDATION_FAILED'],
      ['remote without means', { method: 'remote' }, 400, 'GARAGE_REMOTE_MEANS_REQUIRED'],
      ['check dated tomorrow', { checkedAt: new Date(Date.now() + 86_400_000).toISOString() }, 400, 'GARAGE_CHECK_TIME_INVALID'],
    ])('should refuse a %s', async (_name, over, status, code) => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const res = await checkOut(b.bookingId, detector, {}, over);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.body.message).toBeTruthy();
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 0, handovers: 0, logs: 0, status: 'confirmed' });
    });

    it.each([
      ['expired', { validUntil: tokyoDatePlus(-1) }, 'expired'],
      ['overdue for its weekly inspection', { inspectedDaysAgo: 8 }, 'weekly_overdue'],
      ['never inspected', { inspectedDaysAgo: null }, 'weekly_overdue'],
      ['used up', { maxUses: 100, useCount: 100 }, 'uses_exhausted'],
    ])('should refuse a detector that is %s (409) and write nothing', async (_name, opts, reason) => {
      const detector = await makeDetector(opts);
      const b = await makeBooking();
      const res = await checkOut(b.bookingId, detector);
      expect([res.status, res.body.code]).toEqual([409, 'GARAGE_DETECTOR_UNUSABLE']);
      expect(res.body.message).toContain(reason);
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 0, handovers: 0, logs: 0, status: 'confirmed' });
      const listed = (await admin.get('/api/garage/detectors')).body.find((d: { id: string }) => d.id === detector);
      expect(listed).toMatchObject({ usable: false, reasons: [reason] });
    });

    it('should refuse the key to a driver whose licence has expired (403) and write nothing', async () => {
      const detector = await makeDetector();
      const b = await makeBooking({ licenceExpiresOn: tokyoDatePlus(-1) });
      const res = await checkOut(b.bookingId, detector);
      expect([res.status, res.body.code]).toEqual([403, 'GARAGE_DRIVER_NOT_ELIGIBLE']);
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 0, handovers: 0, logs: 0, status: 'confirmed' });
    });

    it('should refuse a return before check-out (409), a second check-out (409) and a second return (409)', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const early = await giveBack(b.bookingId, detector);
      expect([early.status, early.body.code]).toEqual([409, 'GARAGE_NOT_CHECKED_OUT']);
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 0, handovers: 0, logs: 0, status: 'confirmed' });
      expect((await checkOut(b.bookingId, detector)).status).toBe(201);
      const again = await checkOut(b.bookingId, detector);
      expect([again.status, again.body.code]).toEqual([409, 'GARAGE_ALREADY_CHECKED_OUT']);
      expect((await giveBack(b.bookingId, detector)).status).toBe(201);
      const twice = await giveBack(b.bookingId, detector);
      expect([twice.status, twice.body.code]).toEqual([409, 'GARAGE_ALREADY_RETURNED']);
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 2, handovers: 2, logs: 1, status: 'completed' });
    });

    it('should refuse a booking that is not today (409 GARAGE_NOT_TODAY)', async () => {
      const detector = await makeDetector();
      const b = await makeBooking({ startOffsetMs: 2 * 86_400_000 });
      const res = await checkOut(b.bookingId, detector);
      expect([res.status, res.body.code]).toEqual([409, 'GARAGE_NOT_TODAY']);
    });

    it('should refuse checks and key handovers by someone without the garage_admin role (403), but let sysadmin read', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      for (const roles of [['staff'], ['section_chief'], ['sysadmin']] as const) {
        const { user, password } = await makeUser(ds, { roles: [...roles] });
        const client = await SignedInClient.signIn(app, user.username, password);
        const res = await client.post(`/api/garage/bookings/${b.bookingId}/check-out`, { odometerKm: 1, fuelLevel: 'full', check: check(detector) });
        expect([roles[0], res.status, res.body.code]).toEqual([roles[0], 403, 'AUTH_FORBIDDEN']);
        const standalone = await client.post('/api/garage/alcohol-checks', { ...check(detector), phase: 'pre', driverId: b.driverId });
        expect(standalone.status).toBe(403);
      }
      const { user, password } = await makeUser(ds, { roles: ['staff'] });
      const staff = await SignedInClient.signIn(app, user.username, password);
      expect((await staff.get('/api/garage/board')).status).toBe(403);
      expect((await staff.get(`/api/garage/records.csv?from=${tokyoDatePlus(0)}&to=${tokyoDatePlus(0)}`)).status).toBe(403);
      const { user: sys, password: sp } = await makeUser(ds, { roles: ['sysadmin'] });
      expect((await (await SignedInClient.signIn(app, sys.username, sp)).get('/api/garage/board')).status).toBe(200);
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 0, handovers: 0, logs: 0, status: 'confirmed' });
    });
  });

  describe('settings: one check per day (「1日1回の確認で可」)', () => {
    afterEach(async () => {
      await ds.query(`UPDATE garage_settings SET one_check_per_day = false WHERE id = 1`);
    });

    it('should require a check per trip by default, and reuse the day’s latest passing check only when the setting is on', async () => {
      const detector = await makeDetector();
      const first = await makeBooking({ hours: 1 });
      expect((await checkOut(first.bookingId, detector)).status).toBe(201);
      expect((await giveBack(first.bookingId, detector)).status).toBe(201);
      // A second trip of the same driver today (the first is returned, so the same slot is free for them), without a new check.
      const [b2] = await ds.query(
        `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, source, status)
         SELECT $1, driver_id, booked_by, section_id, starts_at, ends_at, '2件目', '若松区役所', 'first_come', 'confirmed' FROM car_bookings WHERE id = $2 RETURNING id`,
        [(await makeCar(ds, fleet)).id, first.bookingId],
      );
      const noCheck = { odometerKm: 100, fuelLevel: 'full' };
      const refused = await admin.post(`/api/garage/bookings/${b2.id}/check-out`, noCheck);
      expect([refused.status, refused.body.code]).toEqual([400, 'GARAGE_CHECK_REQUIRED']);

      const { user: staffUser, password } = await makeUser(ds);
      const staff = await SignedInClient.signIn(app, staffUser.username, password);
      expect((await staff.put('/api/garage/settings', { oneCheckPerDay: true })).status).toBe(403);
      const set = await admin.put('/api/garage/settings', { oneCheckPerDay: true });
      expect([set.status, set.body.oneCheckPerDay, set.body.noShowMinutes]).toEqual([200, true, 30]);
      expect((await admin.put('/api/garage/settings', { noShowMinutes: 1 })).status).toBe(400);

      const reused = await admin.post(`/api/garage/bookings/${b2.id}/check-out`, noCheck);
      expect(reused.status).toBe(201);
      expect(reused.body).toMatchObject({ outcome: 'released', reusedCheck: true, check: { id: (await ds.query(`SELECT id FROM alcohol_checks WHERE booking_id = $1 AND phase = 'pre'`, [first.bookingId]))[0].id } });
      // The return may omit the post-drive check under this setting (the end-of-day check is recorded apart).
      const back = await admin.post(`/api/garage/bookings/${b2.id}/return`, { odometerKm: 130, fuelLevel: 'full' });
      expect([back.status, back.body.check]).toEqual([201, null]);
    });

    it('should record a remote check outside a handover (直行直帰), requiring how it was done', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const body = { ...check(detector), method: 'remote', phase: 'post', driverId: b.driverId };
      const missing = await admin.post('/api/garage/alcohol-checks', body);
      expect([missing.status, missing.body.code]).toEqual([400, 'GARAGE_REMOTE_MEANS_REQUIRED']);
      const ok = await admin.post('/api/garage/alcohol-checks', { ...body, remoteMeans: '携帯電話のビデオ通話で顔色・声と検知器の表示を確認' });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ phase: 'post', method: 'remote', bookingId: null, driverId: b.driverId, fitToDrive: true });
    });

    it('should correct a driving log as a new row, keeping the odometer rule', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      await checkOut(b.bookingId, detector);
      const log = (await giveBack(b.bookingId, detector)).body.log;
      const bad = await admin.post(`/api/garage/driving-logs/${log.id}/corrections`, { reason: '誤記', odometerEnd: 11_000 });
      expect([bad.status, bad.body.code]).toEqual([400, 'GARAGE_ODOMETER_BELOW_START']);
      const fixed = await admin.post(`/api/garage/driving-logs/${log.id}/corrections`, { reason: '行先の誤記', destination: '八幡東区役所' });
      expect(fixed.status).toBe(201);
      expect(fixed.body).toMatchObject({ correctsId: log.id, destination: '八幡東区役所', distanceKm: 48, superseded: false });
      expect(await count(`SELECT count(*)::int AS n FROM driving_logs WHERE booking_id = $1`, [b.bookingId])).toBe(2);
    });
  });

  describe('detector register (検知器台帳)', () => {
    it('should create, refuse a duplicate serial, update, delete an unused detector and refuse to delete a used one', async () => {
      const serial = `AL-${randomUUID().slice(0, 8)}`;
      const created = await admin.post('/api/garage/detectors', { serialNumber: serial, model: 'SC-103', location: '本庁舎 車庫窓口', validUntil: tokyoDatePlus(200), maxUses: 500 });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ serialNumber: serial, useCount: 0, usable: false, reasons: ['weekly_overdue'] });
      const dup = await admin.post('/api/garage/detectors', { serialNumber: serial, location: '別の場所' });
      expect([dup.status, dup.body.code]).toEqual([409, 'GARAGE_DETECTOR_DUPLICATE']);
      const bad = await admin.post('/api/garage/detectors', { serialNumber: '', location: '' });
      expect(bad.status).toBe(400);
      const patched = await admin.patch(`/api/garage/detectors/${created.body.id}`, { location: '総務課', status: 'retired' });
      expect(patched.body).toMatchObject({ location: '総務課', status: 'retired', usable: false });
      // Details editing (serial, valid-until, max uses); a serial taken by another detector is a 409.
      const other = await admin.post('/api/garage/detectors', { serialNumber: `${serial}-B`, location: '本庁舎' });
      const edited = await admin.patch(`/api/garage/detectors/${created.body.id}`, { serialNumber: `${serial}-A`, validUntil: tokyoDatePlus(30), maxUses: 900 });
      expect(edited.body).toMatchObject({ serialNumber: `${serial}-A`, validUntil: tokyoDatePlus(30), maxUses: 900 });
      const clash = await admin.patch(`/api/garage/detectors/${created.body.id}`, { serialNumber: other.body.serialNumber });
      expect([clash.status, clash.body.code]).toEqual([409, 'GARAGE_DETECTOR_DUPLICATE']);
      expect((await admin.patch(`/api/garage/detectors/${created.body.id}`, { serialNumber: '  ' })).status).toBe(400);
      expect((await admin.delete(`/api/garage/detectors/${created.body.id}`)).status).toBe(204);
      expect((await admin.get(`/api/garage/detectors/${created.body.id}`)).status).toBe(404);

      const used = await makeDetector();
      const inUse = await admin.delete(`/api/garage/detectors/${used}`);
      expect([inUse.status, inUse.body.code]).toEqual([409, 'GARAGE_DETECTOR_IN_USE']);
      const { user, password } = await makeUser(ds, { roles: ['staff'] });
      const staff = await SignedInClient.signIn(app, user.username, password);
      expect((await staff.post('/api/garage/detectors', { serialNumber: `X-${serial}`, location: 'x' })).status).toBe(403);
    });
  });

  describe('odometer rules', () => {
    it('should refuse a return below the start, and a check-out or return below the car’s previous return, writing nothing', async () => {
      const detector = await makeDetector();
      const first = await makeBooking({ hours: 1 });
      expect((await checkOut(first.bookingId, detector, { odometerKm: 20_000 })).status).toBe(201);
      const below = await giveBack(first.bookingId, detector, { odometerKm: 19_999 });
      expect([below.status, below.body.code]).toEqual([400, 'GARAGE_ODOMETER_BELOW_START']);
      expect(await recordsOf(first.bookingId)).toEqual({ checks: 1, handovers: 1, logs: 0, status: 'in_use' });
      expect((await giveBack(first.bookingId, detector, { odometerKm: 20_030 })).status).toBe(201);

      // The next trip of the same car (the returned booking no longer holds it): the meter may not read below 20,030 km.
      const second = await makeBooking({ carId: first.carId, hours: 1 });
      const backwards = await checkOut(second.bookingId, detector, { odometerKm: 20_010 });
      expect([backwards.status, backwards.body.code]).toEqual([400, 'GARAGE_ODOMETER_BELOW_PREVIOUS']);
      expect(await recordsOf(second.bookingId)).toEqual({ checks: 0, handovers: 0, logs: 0, status: 'confirmed' });
      expect((await checkOut(second.bookingId, detector, { odometerKm: 20_030 })).status).toBe(201);
      expect((await giveBack(second.bookingId, detector, { odometerKm: 20_030 })).body.log.distanceKm).toBe(0);
      const invalid = await giveBack(second.bookingId, detector, { odometerKm: -5 });
      expect(invalid.status).toBe(409); // already returned: the booking's state is checked first
    });
  });

  describe('records are append-only in PostgreSQL', () => {
    it('should refuse UPDATE and DELETE on every record table, even for the table owner, and allow DELETE only after one year', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      await checkOut(b.bookingId, detector);
      await giveBack(b.bookingId, detector);
      const [c] = await ds.query(`SELECT id FROM alcohol_checks WHERE booking_id = $1 LIMIT 1`, [b.bookingId]);
      const [h] = await ds.query(`SELECT id FROM key_handovers WHERE booking_id = $1 LIMIT 1`, [b.bookingId]);
      const [l] = await ds.query(`SELECT id FROM driving_logs WHERE booking_id = $1`, [b.bookingId]);
      const [i] = await ds.query(`SELECT id FROM detector_inspections WHERE detector_id = $1`, [detector]);
      const attempts: Array<[string, string]> = [
        [`UPDATE alcohol_checks SET reading_mg_l = 0.5 WHERE id = $1`, c.id],
        [`DELETE FROM alcohol_checks WHERE id = $1`, c.id],
        [`UPDATE key_handovers SET odometer_km = 1 WHERE id = $1`, h.id],
        [`DELETE FROM key_handovers WHERE id = $1`, h.id],
        [`UPDATE driving_logs SET odometer_end = odometer_end + 100 WHERE id = $1`, l.id],
        [`DELETE FROM driving_logs WHERE id = $1`, l.id],
        [`UPDATE detector_inspections SET passed = false, power_ok = false WHERE id = $1`, i.id],
        [`DELETE FROM detector_inspections WHERE id = $1`, i.id],
      ];
      for (const [sql, id] of attempts) {
        await expect(ds.query(sql, [id])).rejects.toMatchObject({ driverError: { code: '42501' } });
      }
      await expect(ds.query(`TRUNCATE alcohol_checks CASCADE`)).rejects.toMatchObject({ driverError: { code: '42501' } });
      expect(await recordsOf(b.bookingId)).toEqual({ checks: 2, handovers: 2, logs: 1, status: 'completed' });

      // A check older than one year may be purged (the guarded path); a day younger may not.
      const old = async (days: number) =>
        (
          await ds.query(
            `INSERT INTO alcohol_checks (phase, driver_id, driver_name, checker_id, checker_name, checked_at, method, detector_id, detector_serial, reading_mg_l,
               face_colour_ok, breath_smell_ok, voice_ok, alcohol_detected, fit_to_drive, recorded_by)
             VALUES ('pre', $1, 'x', $2, 'y', now() - make_interval(days => $3), 'face_to_face', $4, 'S', 0, true, true, true, false, true, $2) RETURNING id`,
            [b.driverId, adminId, days, detector],
          )
        )[0].id as string;
      const young = await old(364);
      await expect(ds.query(`DELETE FROM alcohol_checks WHERE id = $1`, [young])).rejects.toMatchObject({ driverError: { code: '42501' } });
      const expired = await old(367);
      await ds.query(`DELETE FROM alcohol_checks WHERE id = $1`, [expired]);
      expect(await count(`SELECT count(*)::int AS n FROM alcohol_checks WHERE id = ANY($1::uuid[])`, [[young, expired]])).toBe(1);
    });

    it('should correct a check as a new row referencing the old one with a reason, once', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const out = await checkOut(b.bookingId, detector);
      const id = out.body.check.id as string;
      const fixed = await admin.post(`/api/garage/alcohol-checks/${id}/corrections`, { reason: '備考の記入漏れ', notes: '眼鏡着用' });
      expect(fixed.status).toBe(201);
      expect(fixed.body).toMatchObject({ correctsId: id, correctionReason: '備考の記入漏れ', notes: '眼鏡着用', readingMgL: 0, superseded: false });
      expect((await admin.get(`/api/garage/alcohol-checks/${id}`)).body).toMatchObject({ superseded: true, notes: '' });
      const again = await admin.post(`/api/garage/alcohol-checks/${id}/corrections`, { reason: 'もう一度', notes: 'x' });
      expect([again.status, again.body.code]).toEqual([409, 'GARAGE_ALREADY_CORRECTED']);
      const noReason = await admin.post(`/api/garage/alcohol-checks/${fixed.body.id}/corrections`, { notes: 'x' });
      expect(noReason.status).toBe(400);
      const day = tokyoDatePlus(0);
      const current = await admin.get(`/api/garage/records?from=${day}&to=${day}&driverId=${b.driverId}`);
      expect(current.body.checks.map((c: { id: string }) => c.id)).toEqual([fixed.body.id]);
      const history = await admin.get(`/api/garage/records?from=${day}&to=${day}&driverId=${b.driverId}&history=true`);
      expect(history.body.checks).toHaveLength(2);
    });
  });

  describe('CSV export and ledger', () => {
    it('should export the period’s checks as UTF-8 CSV with BOM, filtered by car and driver', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      const other = await makeBooking();
      await checkOut(b.bookingId, detector);
      await giveBack(b.bookingId, detector);
      await checkOut(other.bookingId, detector);
      const day = tokyoDatePlus(0);
      const res = await admin.get(`/api/garage/records.csv?from=${day}&to=${day}&carId=${b.carId}`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0].split(',').slice(0, 4)).toEqual(['確認日時', '区分', '運転者名', '確認者名']);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('乗車前');
      expect(lines[2]).toContain('乗車後');
      expect(lines.every((line, n) => n === 0 || line.includes(b.driver.displayName))).toBe(true);

      const logs = await admin.get(`/api/garage/records.csv?kind=logs&from=${day}&to=${day}&driverId=${b.driverId}`);
      expect(logs.text).toContain('小倉南区役所');
      const bad = await admin.get(`/api/garage/records.csv?from=${day}&to=${tokyoDatePlus(-1)}`);
      expect([bad.status, bad.body.code]).toEqual([400, 'GARAGE_PERIOD_INVALID']);

      const month = day.slice(0, 7);
      const ledger = await admin.get(`/api/garage/ledger?month=${month}&carId=${b.carId}`);
      expect(ledger.status).toBe(200);
      expect(ledger.body.totals).toMatchObject({ checks: 2, trips: 1, distanceKm: 48 });
    });
  });

  describe('damage reported at return', () => {
    it('should block the car and move a later booking to a free car of the same class, or flag and notify when none is free', async () => {
      const detector = await makeDetector();
      const trip = await makeBooking({ classCode: 'ev' });
      const later = await makeBooking({ carId: trip.carId, startOffsetMs: 4 * HOUR });
      const spare = await makeCar(ds, fleet, { classCode: 'ev' });
      await checkOut(trip.bookingId, detector);
      const back = await giveBack(trip.bookingId, detector, { damage: true, defects: 'フロントバンパー破損' });
      expect(back.status).toBe(201);
      expect(back.body.damage.blockId).toBeTruthy();
      expect(back.body.damage.moved).toEqual([{ bookingId: later.bookingId, toPlateNumber: expect.any(String) }]);
      expect((await ds.query(`SELECT car_id FROM car_bookings WHERE id = $1`, [later.bookingId]))[0].car_id).toBe(spare.id);
      expect(await count(`SELECT count(*)::int AS n FROM car_blocks WHERE car_id = $1 AND kind = 'repair' AND starts_at <= now() AND ends_at > now()`, [trip.carId])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'garage.booking_moved' AND payload->>'bookingId' = $1`, [later.bookingId])).toBe(1);

      // A second damaged car with no spare left: the later booking is flagged and its holder told.
      const trip2 = await makeBooking({ classCode: 'wagon' });
      const later2 = await makeBooking({ carId: trip2.carId, startOffsetMs: 4 * HOUR });
      await checkOut(trip2.bookingId, detector);
      const back2 = await giveBack(trip2.bookingId, detector, { damage: true, defects: 'エンジン警告灯' });
      expect(back2.body.damage.moved).toEqual([]);
      expect(back2.body.damage.notified).toEqual([later2.bookingId]);
      expect((await ds.query(`SELECT needs_reassignment FROM car_bookings WHERE id = $1`, [later2.bookingId]))[0].needs_reassignment).toBe(true);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'garage.car_unavailable' AND payload->>'bookingId' = $1`, [later2.bookingId])).toBe(1);
    });
  });

  describe('no-show sweep', () => {
    it('should release a booking whose key was not taken 30 minutes after its start exactly once with two concurrent sweeps, reset the lottery streak and free the car', async () => {
      const late = await makeBooking({ startOffsetMs: -45 * 60_000, source: 'lottery' });
      const fresh = await makeBooking({ startOffsetMs: -15 * 60_000 });
      await ds.query(`INSERT INTO lottery_streaks (user_id, pool_id, zero_win_streak) VALUES ($1, $2, 3)`, [late.driverId, fleet.poolId]);
      const sweep = app.get(GarageSweepService);
      const now = new Date();
      const [a, b] = await Promise.all([sweep.releaseNoShows(now), sweep.releaseNoShows(now)]);
      const released = [...a, ...b].filter((id) => id === late.bookingId || id === fresh.bookingId);
      expect(released).toEqual([late.bookingId]);
      expect((await recordsOf(late.bookingId)).status).toBe('no_show');
      expect((await recordsOf(fresh.bookingId)).status).toBe('confirmed');
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'car_booking.no_show'`, [late.bookingId])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'garage.no_show' AND payload->>'bookingId' = $1`, [late.bookingId])).toBe(1);
      expect(await count(`SELECT zero_win_streak AS n FROM lottery_streaks WHERE user_id = $1 AND pool_id = $2`, [late.driverId, fleet.poolId])).toBe(0);
      // Capacity returns: the same car can be booked again over the released interval.
      const { user: other } = await makeUser(ds);
      await registerDriver(ds, other.id);
      await ds.query(
        `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, source, status)
         VALUES ($1, $2, $2, $3, $4, $5, '再予約', '市役所', 'first_come', 'confirmed')`,
        [late.carId, other.id, other.sectionId, new Date(floorGrid(Date.now()) + GRID), late.endsAt],
      );
      // A third run finds nothing more to do.
      expect((await sweep.releaseNoShows(new Date())).filter((id) => id === late.bookingId)).toEqual([]);
    });

    it('should not release a booking whose driver came and was found not fit', async () => {
      const detector = await makeDetector();
      const b = await makeBooking();
      await checkOut(b.bookingId, detector, {}, { readingMgL: 0.1, instructions: '運転禁止' });
      await app.get(GarageSweepService).releaseNoShows(new Date(Date.now() + 3600_000));
      expect((await recordsOf(b.bookingId)).status).toBe('confirmed');
    });
  });

  describe('late return and detector reminders', () => {
    it('should warn the next holder of a late car once, offering a free car of the same class', async () => {
      const out = await makeBooking({ startOffsetMs: -2 * HOUR, hours: 1.5 });
      await ds.query(`UPDATE car_bookings SET status = 'in_use' WHERE id = $1`, [out.bookingId]);
      const next = await makeBooking({ carId: out.carId, startOffsetMs: HOUR / 2 });
      const spare = await makeCar(ds, fleet);
      const sweep = app.get(GarageSweepService);
      await Promise.all([sweep.warnLateReturns(new Date()), sweep.warnLateReturns(new Date())]);
      const rows = await ds.query(`SELECT payload FROM notifications WHERE type = 'garage.late_return' AND payload->>'bookingId' = $1`, [next.bookingId]);
      expect(rows).toHaveLength(1);
      expect(rows[0].payload).toMatchObject({ lateBookingId: out.bookingId, alternativeCarId: spare.id });
    });

    it('should let the next holder accept the offered car: shown in my trips, refused when taken meanwhile (409), moved and audited once', async () => {
      const out = await makeBooking({ startOffsetMs: -2 * HOUR, hours: 1.5 });
      await ds.query(`UPDATE car_bookings SET status = 'in_use' WHERE id = $1`, [out.bookingId]);
      const next = await makeBooking({ carId: out.carId, startOffsetMs: HOUR / 2 });
      const spare = await makeCar(ds, fleet);
      const ev = await makeCar(ds, fleet, { classCode: 'ev' });
      const holder = await SignedInClient.signIn(app, next.driver.username, next.password);
      const carOf = async (id: string) => (await ds.query(`SELECT car_id FROM car_bookings WHERE id = $1`, [id]))[0].car_id as string;
      const moves = () => count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'car_booking.late_return_move'`, [next.bookingId]);

      // My trips shows the offer (the notification links there).
      const mine = await holder.get('/api/garage/my-trips');
      expect(mine.status).toBe(200);
      expect(mine.body.lateOffers).toEqual([
        expect.objectContaining({ bookingId: next.bookingId, lateBookingId: out.bookingId, alternativeCarId: spare.id, alternativePlateNumber: spare.plateNumber }),
      ]);

      // Someone who neither drives nor booked cannot move it.
      const stranger = await makeBooking({ startOffsetMs: 24 * HOUR, classCode: 'wagon' });
      const strangerClient = await SignedInClient.signIn(app, stranger.driver.username, stranger.password);
      expect((await strangerClient.post(`/api/garage/bookings/${next.bookingId}/move-car`, { carId: spare.id })).body.code).toBe('GARAGE_NOT_HOLDER');
      // Another class is not an alternative.
      const wrongClass = await holder.post(`/api/garage/bookings/${next.bookingId}/move-car`, { carId: ev.id });
      expect(wrongClass.status).toBe(409);
      expect(wrongClass.body.code).toBe('GARAGE_MOVE_CAR_UNSUITABLE');

      // The offered car is booked by someone else meanwhile: the exclusion constraint refuses the move.
      const { user: other } = await makeUser(ds);
      await registerDriver(ds, other.id);
      await ds.query(
        `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, source, status)
         VALUES ($1, $2, $2, $3, $4, $5, '先着', '市役所', 'first_come', 'confirmed')`,
        [spare.id, other.id, other.sectionId, next.startsAt, next.endsAt],
      );
      const taken = await holder.post(`/api/garage/bookings/${next.bookingId}/move-car`, { carId: spare.id });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('GARAGE_MOVE_CAR_TAKEN');
      expect(await carOf(next.bookingId)).toBe(out.carId);
      expect(await moves()).toBe(0);
      // Without a named car: none of the class is free any more.
      expect((await holder.post(`/api/garage/bookings/${next.bookingId}/move-car`, {})).body.code).toBe('GARAGE_NO_FREE_CAR');

      // A new free car: accepted without naming it (the first free one), moved and audited.
      const spare2 = await makeCar(ds, fleet);
      const moved = await holder.post(`/api/garage/bookings/${next.bookingId}/move-car`, {});
      expect(moved.status).toBe(201);
      expect(moved.body).toEqual({ bookingId: next.bookingId, fromCarId: out.carId, fromPlateNumber: expect.any(String), toCarId: spare2.id, toPlateNumber: spare2.plateNumber });
      expect(await carOf(next.bookingId)).toBe(spare2.id);
      expect(await moves()).toBe(1);
      expect((await holder.get('/api/garage/my-trips')).body.lateOffers).toEqual([]);

      // Its car is not late any more: nothing to accept.
      const again = await holder.post(`/api/garage/bookings/${next.bookingId}/move-car`, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('GARAGE_NO_LATE_RETURN');
      expect(await moves()).toBe(1);
    });

    it('should refuse to move a booking whose car is not late (409 GARAGE_NO_LATE_RETURN)', async () => {
      const b = await makeBooking({ startOffsetMs: HOUR });
      const spare = await makeCar(ds, fleet);
      const holder = await SignedInClient.signIn(app, b.driver.username, b.password);
      const res = await holder.post(`/api/garage/bookings/${b.bookingId}/move-car`, { carId: spare.id });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('GARAGE_NO_LATE_RETURN');
      expect((await ds.query(`SELECT car_id FROM car_bookings WHERE id = $1`, [b.bookingId]))[0].car_id).toBe(b.carId);
    });

    it('should remind the safe-driving managers once a day of a detector overdue for its weekly inspection', async () => {
      const overdue = await makeDetector({ inspectedDaysAgo: 9 });
      const fine = await makeDetector();
      const sweep = app.get(GarageSweepService);
      await sweep.remindDetectors();
      await sweep.remindDetectors();
      const managers = await count(`SELECT count(*)::int AS n FROM users WHERE is_active AND 'garage_admin' = ANY(roles)`);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'garage.detector_overdue' AND payload->>'detectorId' = $1`, [overdue])).toBe(managers);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE type = 'garage.detector_overdue' AND payload->>'detectorId' = $1`, [fine])).toBe(0);

      // An inspection through the API makes it selectable again.
      const inspected = await admin.post(`/api/garage/detectors/${overdue}/inspections`, { kind: 'weekly', powerOk: true, noDamage: true, detectsAlcohol: true, noFalsePositive: true });
      expect(inspected.status).toBe(201);
      expect((await admin.get(`/api/garage/detectors/${overdue}`)).body).toMatchObject({ usable: true, reasons: [] });
      const incomplete = await admin.post(`/api/garage/detectors/${overdue}/inspections`, { kind: 'weekly', powerOk: true, noDamage: true });
      expect(incomplete.status).toBe(400);
      const failed = await admin.post(`/api/garage/detectors/${overdue}/inspections`, { kind: 'daily', powerOk: false, noDamage: true });
      expect(failed.body.passed).toBe(false);
      expect((await admin.get(`/api/garage/detectors/${overdue}`)).body).toMatchObject({ usable: false, reasons: ['inspection_failed'] });
    });
  });
});
