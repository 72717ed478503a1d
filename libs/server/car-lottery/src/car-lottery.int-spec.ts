import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { orderKey, parseDrawRecord, verifyDrawRecord, waitlistPass, type DrawRecord } from '@rr/domain';
import { AuditModule, AuditService } from '@rr/server/audit';
import { CarsModule } from '@rr/server/cars';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, Fleet, makeCar, makeFleet, makeSection, makeUser, overlappingPairs, registerDriver, SignedInClient, tokyoDatePlus } from '@rr/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CarLotteryModule } from './car-lottery.module';
import { LotteryFirstComePolicy } from './first-come.policy';
import { RoundMachine } from './round-machine.service';
import { jst, seeded } from './testing/lottery-fixtures';

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '../../../..');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface Staff {
  user: { id: string; sectionId: string; username: string };
  client: SignedInClient;
}

describe('Car lottery rounds (HTTP and state machine, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let machine: RoundMachine;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, CarsModule, CarLotteryModule]);
    ds = app.get(DataSource);
    machine = app.get(RoundMachine);
  });
  afterAll(() => app.close());

  const staff = async (opts: { roles?: Role[]; sectionId?: string; driver?: boolean | 'unapproved' } = {}): Promise<Staff> => {
    const { user, password } = await makeUser(ds, { roles: opts.roles ?? ['staff'], sectionId: opts.sectionId });
    if (opts.driver !== false) await registerDriver(ds, user.id, { approved: opts.driver !== 'unapproved' });
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };

  /** A pool with the given cars and a round over the 7 days from today + 8, open now; times are explicit instants. */
  async function setupRound(opts: { cars: Array<{ classCode: string; seats?: number }>; perUserCap?: number; perSectionCap?: number; beforeRound?: (fleet: Fleet, carIds: string[]) => Promise<void> }) {
    const fleet = await makeFleet(ds);
    const carIds: string[] = [];
    for (const c of opts.cars) carIds.push((await makeCar(ds, fleet, { classCode: c.classCode, seats: c.seats ?? 5 })).id);
    await opts.beforeRound?.(fleet, carIds);
    const admin = await staff({ roles: ['staff', 'garage_admin'] });
    const now = Date.now();
    const schedule = { opensAt: iso(now - HOUR), closesAt: iso(now + HOUR), drawAt: iso(now + 2 * HOUR), confirmBy: iso(now + 4 * HOUR), firstComeAt: iso(now + 5 * HOUR) };
    const res = await admin.client.post('/api/lottery/rounds', {
      poolId: fleet.poolId,
      periodStart: tokyoDatePlus(8),
      ...schedule,
      perUserCap: opts.perUserCap,
      perSectionCap: opts.perSectionCap,
    });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    const roundId = res.body.id as string;
    expect((await machine.advance(roundId, new Date(schedule.opensAt))).steps).toEqual(['open']);
    const at = (key: keyof typeof schedule) => new Date(schedule[key]);
    return { fleet, carIds, admin, roundId, at, day: (k: number) => tokyoDatePlus(8 + k) };
  }

  const requestBody = (options: Array<[string, string, string, string]>, extra: Record<string, unknown> = {}) => ({
    options: options.map(([classCode, date, from, to]) => ({ classCode, startsAt: jst(date, from), endsAt: jst(date, to) })),
    purpose: '現地調査',
    destination: '小倉南区役所',
    ...extra,
  });
  const count = async (sql: string, params: unknown[] = []) => (await ds.query(sql, params))[0].n as number;
  const notifications = (roundId: string, type: string) =>
    ds.query(`SELECT recipient_id, payload FROM notifications WHERE type = $1 AND payload->>'roundId' = $2 ORDER BY recipient_id`, [type, roundId]) as Promise<
      Array<{ recipient_id: string; payload: Record<string, unknown> }>
    >;

  describe('a full cycle over a small pool', () => {
    it('should take 30 users from requests through the draw, confirmation, voids and the waitlist to first-come, without double-booking anything', async () => {
      // First-come before the round exists (its policy then closes the pool's period): this booking
      // is pre-occupied capacity for the draw, and blocks its driver.
      let early: Staff | undefined;
      let earlyBooking = '';
      const r = await setupRound({
        cars: [{ classCode: 'kei', seats: 4 }, { classCode: 'kei', seats: 4 }, { classCode: 'regular' }, { classCode: 'regular' }, { classCode: 'wagon', seats: 8 }],
        perUserCap: 3,
        perSectionCap: 100,
        beforeRound: async (_fleet, carIds) => {
          early = await staff();
          const b = await early.client.post('/api/car-bookings', { carId: carIds[0], startsAt: jst(tokyoDatePlus(8), '10:00'), endsAt: jst(tokyoDatePlus(8), '12:00'), purpose: '打合せ', destination: '戸畑区役所' });
          expect(b.status).toBe(201);
          earlyBooking = b.body.id;
        },
      });
      const { roundId, admin, day, carIds } = r;

      // --- window open: priority reservation, requests, caps, bad input
      const prio = await admin.client.post(`/api/lottery/rounds/${roundId}/priority-reservations`, {
        carId: carIds[4],
        driverId: admin.user.id,
        startsAt: jst(day(1), '08:30'),
        endsAt: jst(day(1), '17:15'),
        category: 'disaster',
        reason: '大雨警報に備えた待機',
        purpose: '災害対応待機',
        destination: '本庁舎',
      });
      expect([prio.status, prio.body.category]).toEqual([201, 'disaster']);
      const [prioRow] = await ds.query(`SELECT source, priority_reason FROM car_bookings WHERE id = $1`, [prio.body.bookingId]);
      expect(prioRow).toEqual({ source: 'priority', priority_reason: '災害対応: 大雨警報に備えた待機' });
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'car_booking.create'`, [prio.body.bookingId])).toBe(1);

      const sections = [await makeSection(ds), await makeSection(ds), await makeSection(ds)];
      const users: Staff[] = [];
      for (let i = 0; i < 30; i++) users.push(await staff({ sectionId: sections[i % 3].id }));
      const rnd = seeded(20261122);
      const slots: Array<[string, string]> = [['09:00', '12:00'], ['13:00', '17:00'], ['10:00', '15:00'], ['09:00', '10:30'], ['08:30', '17:15']];
      const classes = ['kei', 'kei', 'regular', 'regular', 'wagon'];
      let made = 0;
      for (const [i, u] of users.entries()) {
        const n = 1 + rnd(3);
        for (let k = 0; k < n; k++) {
          const options = Array.from({ length: 1 + rnd(3) }, () => {
            const [from, to] = slots[rnd(slots.length)];
            return [classes[rnd(classes.length)], day(rnd(5)), from, to] as [string, string, string, string];
          });
          // Every seventh user books for a colleague of the same section (who drives).
          const driverId = i % 7 === 6 ? users[i - 3].user.id : undefined;
          const res = await u.client.post(`/api/lottery/rounds/${roundId}/requests`, requestBody(options, driverId ? { driverId } : {}));
          if (res.status === 409 && res.body.code === 'LOTTERY_OPTIONS_ALL_BUSY') continue;
          expect([res.status, res.body.code]).toEqual([201, undefined]);
          made++;
        }
      }
      expect(made).toBeGreaterThan(40);
      const [first] = (await users[0].client.get(`/api/lottery/rounds/${roundId}/requests/mine`)).body;
      expect(first).toMatchObject({ roundId, userId: users[0].user.id, status: 'active', result: 'pending', booking: null, canRespond: false });

      // Caps are counted under a lock: 6 concurrent requests of one user with a cap of 3.
      const greedy = await staff();
      const burst = await Promise.all(
        Array.from({ length: 6 }, (_, k) => greedy.client.post(`/api/lottery/rounds/${roundId}/requests`, requestBody([['regular', day(5), '09:00', `1${k}:00`]]))),
      );
      expect(burst.map((b) => b.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
      expect(burst.filter((b) => b.status === 409).every((b) => b.body.code === 'LOTTERY_USER_CAP')).toBe(true);

      // Editing, reordering and withdrawing, own requests only.
      const mine = (await greedy.client.get(`/api/lottery/rounds/${roundId}/requests/mine`)).body as Array<{ id: string; rank: number }>;
      const reordered = await greedy.client.put(`/api/lottery/rounds/${roundId}/requests/order`, { requestIds: [mine[2].id, mine[0].id, mine[1].id] });
      expect(reordered.body.map((x: { id: string; rank: number }) => [x.id, x.rank])).toEqual([[mine[2].id, 1], [mine[0].id, 2], [mine[1].id, 3]]);
      const edited = await greedy.client.patch(`/api/lottery/requests/${mine[0].id}`, { destination: '八幡西区役所', options: [{ classCode: 'kei', startsAt: jst(day(6), '09:00'), endsAt: jst(day(6), '11:00') }] });
      expect([edited.status, edited.body.destination, edited.body.options.length]).toEqual([200, '八幡西区役所', 1]);
      expect((await users[0].client.patch(`/api/lottery/requests/${mine[0].id}`, { purpose: 'x' })).body.code).toBe('LOTTERY_NOT_OWNER');
      expect((await greedy.client.post(`/api/lottery/requests/${mine[1].id}/withdraw`)).body.status).toBe('withdrawn');
      expect((await greedy.client.post(`/api/lottery/requests/${mine[1].id}/withdraw`)).status).toBe(404);
      // Withdrawing freed a place under the cap.
      expect((await greedy.client.post(`/api/lottery/rounds/${roundId}/requests`, requestBody([['wagon', day(5), '13:00', '15:00']]))).status).toBe(201);

      // --- bad input: coded 4xx, nothing written
      const outsider = await staff();
      const unapproved = await staff({ driver: 'unapproved' });
      const nonDriver = await staff({ driver: false });
      const bad: Array<[string, Staff, string, object, number, string]> = [
        ['more than 3 options', users[1], roundId, requestBody([['kei', day(0), '09:00', '10:00'], ['kei', day(1), '09:00', '10:00'], ['kei', day(2), '09:00', '10:00'], ['kei', day(3), '09:00', '10:00']]), 400, 'LOTTERY_TOO_MANY_OPTIONS'],
        ['end before start', users[1], roundId, requestBody([['kei', day(0), '12:00', '09:00']]), 400, 'CAR_TIME_INVALID_RANGE'],
        ['off the 15-minute grid', users[1], roundId, requestBody([['kei', day(0), '09:10', '10:00']]), 400, 'CAR_TIME_OFF_GRID'],
        ['outside the period', users[1], roundId, requestBody([['kei', day(7), '09:00', '10:00']]), 400, 'LOTTERY_OUTSIDE_PERIOD'],
        ['before 07:00', users[1], roundId, requestBody([['kei', day(0), '06:00', '10:00']]), 400, 'CAR_BOOKING_OUTSIDE_HOURS'],
        ['a class the pool does not have', users[1], roundId, requestBody([['truck', day(0), '09:00', '10:00']]), 400, 'LOTTERY_UNKNOWN_CLASS'],
        ['an unknown class', users[1], roundId, requestBody([['limousine', day(0), '09:00', '10:00']]), 400, 'LOTTERY_UNKNOWN_CLASS'],
        ['too many passengers for a kei', users[1], roundId, requestBody([['kei', day(0), '09:00', '10:00']], { passengers: 4 }), 400, 'CAR_TOO_MANY_PASSENGERS'],
        ['no options', users[1], roundId, { ...requestBody([]), options: [] }, 400, 'VALIDATION_FAILED'],
        ['an unknown field', users[1], roundId, requestBody([['kei', day(0), '09:00', '10:00']], { colour: 'red' }), 400, 'VALIDATION_FAILED'],
        ['a user over the cap', greedy, roundId, requestBody([['kei', day(0), '09:00', '10:00']]), 409, 'LOTTERY_USER_CAP'],
        ['a driver of another section', users[1], roundId, requestBody([['kei', day(0), '09:00', '10:00']], { driverId: outsider.user.id }), 403, 'CAR_BOOKING_DRIVER_OTHER_SECTION'],
        ['an unapproved driver', unapproved, roundId, requestBody([['kei', day(0), '09:00', '10:00']]), 403, 'CAR_DRIVER_NOT_ELIGIBLE'],
        ['someone who is not a driver', nonDriver, roundId, requestBody([['kei', day(0), '09:00', '10:00']]), 403, 'CAR_DRIVER_NOT_REGISTERED'],
        ['every option overlapping the driver’s booking', early!, roundId, requestBody([['kei', day(0), '09:00', '10:30'], ['regular', day(0), '11:00', '13:00']]), 409, 'LOTTERY_OPTIONS_ALL_BUSY'],
        ['an unknown round', users[1], '00000000-0000-4000-8000-000000000000', requestBody([['kei', day(0), '09:00', '10:00']]), 404, 'LOTTERY_ROUND_NOT_FOUND'],
        ['a malformed round id', users[1], 'nope', requestBody([['kei', day(0), '09:00', '10:00']]), 404, 'LOTTERY_ROUND_NOT_FOUND'],
      ];
      const before = await count(`SELECT count(*)::int AS n FROM car_lottery_requests`);
      for (const [label, who, id, body, status, code] of bad) {
        const res = await who.client.post(`/api/lottery/rounds/${id}/requests`, body);
        expect([label, res.status, res.body.code]).toEqual([label, status, code]);
        expect(typeof res.body.message).toBe('string');
      }
      expect(await count(`SELECT count(*)::int AS n FROM car_lottery_requests`)).toBe(before);
      const en = await users[1].client.post(`/api/lottery/rounds/${roundId}/requests`, requestBody([['kei', day(7), '09:00', '10:00']])).set('Accept-Language', 'en');
      expect(en.body.message).toContain('outside the lottery period');

      // --- freeze at the close
      const closed = await machine.advance(roundId, r.at('closesAt'));
      expect([closed.steps, closed.status]).toEqual([['freeze'], 'frozen']);
      const frozen = (await users[2].client.get(`/api/lottery/rounds/${roundId}`)).body;
      expect(frozen).toMatchObject({ status: 'frozen', windowOpen: false, seed: null, secret: null, resultDigest: null });
      expect(frozen.commitment).toMatch(/^[0-9a-f]{64}$/);
      expect(frozen.inputDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(frozen.ticketDigest).toMatch(/^[0-9a-f]{64}$/);
      const late = await users[1].client.post(`/api/lottery/rounds/${roundId}/requests`, requestBody([['kei', day(0), '09:00', '10:00']]));
      expect([late.status, late.body.code]).toEqual([409, 'LOTTERY_WINDOW_CLOSED']);
      expect((await users[0].client.post(`/api/lottery/requests/${first.id}/withdraw`)).body.code).toBe('LOTTERY_WINDOW_CLOSED');
      expect((await users[0].client.get(`/api/lottery/rounds/${roundId}/tickets`)).body.rows.length).toBe(frozen.applicantCount);

      // The external value, once, by an official.
      const ext = await admin.client.put(`/api/lottery/rounds/${roundId}/external-value`, { value: '全国自治宝くじ 第1234回 1等 12組 123456' });
      expect([ext.status, ext.body.externalValueSource]).toEqual([200, 'official']);
      expect((await admin.client.put(`/api/lottery/rounds/${roundId}/external-value`, { value: 'again' })).body.code).toBe('LOTTERY_EXTERNAL_VALUE_SET');
      expect((await users[0].client.put(`/api/lottery/rounds/${roundId}/external-value`, { value: 'x' })).status).toBe(403);

      // --- the draw, raced by three callers: it runs exactly once
      const raced = await Promise.all([machine.advance(roundId, r.at('drawAt')), machine.advance(roundId, r.at('drawAt')), machine.runStep('draw', roundId, r.at('drawAt'))]);
      expect(raced.flatMap((x) => (typeof x === 'boolean' ? (x ? ['draw'] : []) : x.steps)).filter((s) => s === 'draw')).toEqual(['draw']);
      await machine.advance(roundId, r.at('drawAt'));
      expect(await count(`SELECT count(*)::int AS n FROM car_lottery_draw_records WHERE round_id = $1`, [roundId])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'car_lottery_round.draw'`, [roundId])).toBe(1);
      const drawn = (await users[3].client.get(`/api/lottery/rounds/${roundId}`)).body;
      expect(drawn).toMatchObject({ status: 'confirming', inputChangedAfterFreeze: false, externalValueSource: 'official' });
      expect(drawn.drawInputDigest).toBe(frozen.inputDigest);
      expect(await overlappingPairs(ds)).toEqual({ car: 0, driver: 0 });

      // The record: exported to anyone signed in, verified by the same function as the CLI — and by the CLI.
      const exported = await users[4].client.get(`/api/lottery/rounds/${roundId}/record`);
      expect(exported.status).toBe(200);
      const record = exported.body as DrawRecord;
      expect(verifyDrawRecord(parseDrawRecord(record))).toEqual({ ok: true, digest: drawn.resultDigest });
      expect(record).toMatchObject({ roundId, seed: drawn.seed, secret: drawn.secret, commitment: frozen.commitment, externalValue: '全国自治宝くじ 第1234回 1等 12組 123456' });
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'rr-lottery-')), 'record.json');
      writeFileSync(file, JSON.stringify(record));
      const cli = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/lottery-verify.ts', file], { cwd: ROOT, encoding: 'utf8' });
      expect([cli.status, cli.stdout.trim()]).toEqual([0, `OK ${drawn.resultDigest}`]);
      expect((await users[4].client.post('/api/lottery/verify', record)).body).toEqual({ ok: true, digest: drawn.resultDigest, roundId, matchesStored: true });
      const lostIndex = record.outcome.findIndex((o) => o.option === 0);
      const tampered = { ...record, outcome: record.outcome.map((o, i) => (i === lostIndex ? { ...o, option: 1 } : o)) };
      const t = await users[4].client.post('/api/lottery/verify', tampered);
      expect([t.status, t.body.code, t.body.details.path]).toEqual([400, 'LOTTERY_RECORD_MISMATCH', `outcome[${lostIndex}].option`]);
      const garbage = await users[4].client.post('/api/lottery/verify', { format: 'rr-lottery-record/1', algorithm: 'x' });
      expect([garbage.status, garbage.body.code]).toEqual([400, 'LOTTERY_RECORD_INVALID']);

      // Every request got its outcome; the winners hold provisional lottery bookings on pool cars.
      const won = await ds.query(
        `SELECT q.id, q.user_id, q.driver_id, b.car_id, b.status, b.source, b.starts_at FROM car_lottery_requests q JOIN car_bookings b ON b.id = q.booking_id
          WHERE q.round_id = $1 AND q.result = 'won' ORDER BY q.id`,
        [roundId],
      );
      expect(won.length).toBe(record.assignment.length);
      expect(won.every((w: { status: string; source: string; car_id: string }) => w.status === 'provisional' && w.source === 'lottery' && carIds.includes(w.car_id))).toBe(true);
      expect(await count(`SELECT count(*)::int AS n FROM car_lottery_requests WHERE round_id = $1 AND status = 'active' AND result = 'pending'`, [roundId])).toBe(0);
      // The priority reservation and the first-come booking were honoured: nothing else on their car then.
      expect(await count(`SELECT count(*)::int AS n FROM car_bookings WHERE round_id = $1 AND car_id = $2 AND tstzrange(starts_at, ends_at) && tstzrange($3, $4)`, [roundId, carIds[4], jst(day(1), '08:30'), jst(day(1), '17:15')])).toBe(0);
      expect(record.input.bookings?.map((b) => b.id).sort()).toEqual([earlyBooking, prio.body.bookingId].sort());

      // Won / lost notifications, one per user, written with the draw.
      const winners = new Set<string>(won.map((w: { user_id: string }) => w.user_id));
      const applicants = new Set(record.tickets.map((x) => x.userId));
      expect((await notifications(roundId, 'lottery.won')).map((n) => n.recipient_id)).toEqual([...winners].sort());
      expect((await notifications(roundId, 'lottery.lost')).map((n) => n.recipient_id)).toEqual([...applicants].filter((u) => !winners.has(u)).sort());
      expect(winners.size).toBeGreaterThan(5);
      expect(applicants.size - winners.size).toBeGreaterThan(0);

      // Each user's key and place in the order, reproducible from the published seed.
      const someone = users.find((u) => applicants.has(u.user.id))!;
      const pos = (await someone.client.get(`/api/lottery/rounds/${roundId}/my-position`)).body;
      expect(pos.position).toBe(record.order.indexOf(someone.user.id) + 1);
      expect(pos.key).toBe(orderKey(record.seed, someone.user.id, pos.tickets));

      // Streaks: a win resets, a round applied to and won nothing adds one.
      const streaks = new Map<string, number>(
        (await ds.query(`SELECT user_id, zero_win_streak FROM lottery_streaks WHERE pool_id = $1`, [r.fleet.poolId])).map((x: { user_id: string; zero_win_streak: number }) => [x.user_id, x.zero_win_streak]),
      );
      for (const u of applicants) expect([u, streaks.get(u)]).toEqual([u, winners.has(u) ? 0 : 1]);

      // --- confirm some, decline some, leave the rest to be voided
      const byUser = new Map([...users, greedy].map((u) => [u.user.id, u] as const));
      const wonRequests = won as Array<{ id: string; user_id: string; driver_id: string }>;
      const confirmed = wonRequests.filter((_, i) => i % 3 === 0);
      const declined = wonRequests.filter((_, i) => i % 3 === 1);
      const untouched = wonRequests.filter((_, i) => i % 3 === 2);
      const foreign = users.find((u) => u.user.id !== confirmed[0].user_id && u.user.id !== confirmed[0].driver_id)!;
      const notMine = await foreign.client.post(`/api/lottery/requests/${confirmed[0].id}/confirm`);
      expect([notMine.status, notMine.body.code]).toEqual([403, 'LOTTERY_NOT_OWNER']);
      for (const w of confirmed) {
        const res = await byUser.get(w.user_id)!.client.post(`/api/lottery/requests/${w.id}/confirm`);
        expect([res.status, res.body.booking.status, res.body.canRespond]).toEqual([200, 'confirmed', false]);
      }
      expect((await byUser.get(confirmed[0].user_id)!.client.post(`/api/lottery/requests/${confirmed[0].id}/confirm`)).body.code).toBe('LOTTERY_NOT_A_WIN');
      for (const w of declined) {
        const res = await byUser.get(w.user_id)!.client.post(`/api/lottery/requests/${w.id}/decline`);
        expect([res.status, res.body.booking.status]).toEqual([200, 'cancelled']);
      }
      const [aLoser] = await ds.query(`SELECT id, user_id FROM car_lottery_requests WHERE round_id = $1 AND result = 'lost' AND user_id = ANY($2::uuid[]) LIMIT 1`, [roundId, users.map((u) => u.user.id)]);
      expect((await byUser.get(aLoser.user_id)!.client.post(`/api/lottery/requests/${aLoser.id}/confirm`)).body.code).toBe('LOTTERY_NOT_A_WIN');
      expect((await byUser.get(aLoser.user_id)!.client.post('/api/lottery/requests/nope/confirm')).status).toBe(404);

      // --- the deadline: voids, then the waitlist pass in lottery order
      const expected = waitlistPass(record, { requestIds: [...declined, ...untouched].map((w) => w.id) });
      const released = await machine.advance(roundId, r.at('confirmBy'));
      expect([released.steps, released.status]).toEqual([['release'], 'first_come']);
      const statuses = await ds.query(`SELECT b.status, count(*)::int AS n FROM car_bookings b WHERE b.round_id = $1 AND b.source = 'lottery' GROUP BY b.status ORDER BY b.status`, [roundId]);
      expect(statuses).toEqual(
        [
          ...(declined.length ? [{ status: 'cancelled', n: declined.length }] : []),
          ...(confirmed.length ? [{ status: 'confirmed', n: confirmed.length }] : []),
          ...(untouched.length ? [{ status: 'released', n: untouched.length }] : []),
        ],
      );
      const [pass] = await ds.query(`SELECT promotions, digest FROM car_lottery_waitlist_passes WHERE round_id = $1`, [roundId]);
      expect(pass).toEqual({ promotions: expected.promotions, digest: expected.digest });
      expect(expected.promotions.length).toBeGreaterThan(0);
      const promotedRows = await ds.query(
        `SELECT q.id, q.user_id, q.won_option, b.car_id, b.status, b.source FROM car_lottery_requests q JOIN car_bookings b ON b.id = q.booking_id
          WHERE q.round_id = $1 AND q.result = 'promoted'`,
        [roundId],
      );
      expect(promotedRows.map((p: { id: string; won_option: number; car_id: string }) => ({ requestId: p.id, option: p.won_option, resourceId: p.car_id })).sort((a: { requestId: string }, b: { requestId: string }) => (a.requestId < b.requestId ? -1 : 1))).toEqual(
        [...expected.promotions].sort((a, b) => (a.requestId < b.requestId ? -1 : 1)),
      );
      expect(promotedRows.every((p: { status: string; source: string }) => p.status === 'confirmed' && p.source === 'waitlist')).toBe(true);
      expect(await overlappingPairs(ds)).toEqual({ car: 0, driver: 0 });
      expect((await notifications(roundId, 'lottery.win_void')).length).toBe(untouched.length);
      expect(new Set((await notifications(roundId, 'lottery.promoted')).map((n) => n.recipient_id))).toEqual(new Set(promotedRows.map((p: { user_id: string }) => p.user_id)));
      for (const p of promotedRows) {
        const [s] = await ds.query(`SELECT zero_win_streak FROM lottery_streaks WHERE pool_id = $1 AND user_id = $2`, [r.fleet.poolId, p.user_id]);
        expect(s.zero_win_streak).toBe(0);
      }
      expect((await byUser.get(untouched[0]?.user_id ?? confirmed[0].user_id)!.client.post(`/api/lottery/requests/${(untouched[0] ?? confirmed[0]).id}/confirm`)).body.code).toMatch(/LOTTERY_CONFIRM_CLOSED|LOTTERY_NOT_A_WIN/);

      // --- first-come: closed before the round's first-come time, open after, still guarded
      const policy = app.get(LotteryFirstComePolicy);
      const trip = { carId: carIds[2], startsAt: jst(day(6), '18:00'), endsAt: jst(day(6), '19:00'), purpose: '夜間会議', destination: '市民会館' };
      const refused = await users[5].client.post('/api/car-bookings', trip);
      expect([refused.status, refused.body.code]).toEqual([403, 'CAR_BOOKING_CLOSED']);
      const ctx = { bookingId: null, carId: carIds[2], poolId: r.fleet.poolId, classCode: 'regular', driverId: users[5].user.id, bookedBy: users[5].user.id, sectionId: users[5].user.sectionId, startsAt: new Date(trip.startsAt), endsAt: new Date(trip.endsAt) };
      expect(await policy.checkFirstCome({ ...ctx, now: new Date(r.at('firstComeAt').getTime() - 60_000) })).not.toBeNull();
      expect(await policy.checkFirstCome({ ...ctx, now: r.at('firstComeAt') })).toBeNull();
      // Let the real clock pass the first-come time (the whole schedule moves into the past together).
      await ds.query(
        `UPDATE car_lottery_rounds SET opens_at = now() - interval '5 hours', closes_at = now() - interval '4 hours', draw_at = now() - interval '3 hours',
                confirm_by = now() - interval '2 hours', first_come_at = now() - interval '1 minute' WHERE id = $1`,
        [roundId],
      );
      const allowed = await users[5].client.post('/api/car-bookings', trip);
      expect([allowed.status, allowed.body.source]).toEqual([201, 'first_come']);
      const clash = await users[6].client.post('/api/car-bookings', { ...trip, startsAt: jst(day(6), '18:30') });
      expect(clash.body.code).toBe('CAR_BOOKING_CAR_TAKEN');
      expect((await users[5].client.get(`/api/lottery/rounds/${roundId}`)).body.firstComeOpen).toBe(true);

      // The administrators' dashboard.
      const dash = await admin.client.get(`/api/lottery/rounds/${roundId}/dashboard`);
      expect(dash.status).toBe(200);
      expect(dash.body.fairness.applicants).toBe(applicants.size);
      expect(dash.body.fairness.applicantsWithWin).toBe(new Set([...winners, ...promotedRows.map((p: { user_id: string }) => p.user_id)]).size);
      expect(dash.body.demand.length).toBe(7 * 3);
      expect(dash.body.outcome).toMatchObject({ won: won.length, promoted: promotedRows.length, confirmed: confirmed.length, declined: declined.length, void: untouched.length });
      expect((await users[0].client.get(`/api/lottery/rounds/${roundId}/dashboard`)).status).toBe(403);

      // Closed once the period is over; every step was audited.
      const period = await ds.query(`SELECT period_end FROM car_lottery_rounds WHERE id = $1`, [roundId]);
      expect((await machine.advance(roundId, period[0].period_end)).status).toBe('closed');
      const actions = (await ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'car_lottery_round.%' ORDER BY id`, [roundId])).map((x: { action: string }) => x.action);
      expect(actions).toEqual([
        'car_lottery_round.create',
        'car_lottery_round.open',
        'car_lottery_round.freeze',
        'car_lottery_round.external_value',
        'car_lottery_round.draw',
        'car_lottery_round.publish',
        'car_lottery_round.release',
        'car_lottery_round.close',
      ]);
    });
  });

  describe('the draw transaction', () => {
    it('should leave nothing behind — no record, booking, streak or notification — when the draw fails, and draw cleanly on the next attempt', async () => {
      const r = await setupRound({ cars: [{ classCode: 'regular' }] });
      const a = await staff();
      const b = await staff();
      for (const u of [a, b]) expect((await u.client.post(`/api/lottery/rounds/${r.roundId}/requests`, requestBody([['regular', r.day(2), '09:00', '12:00']]))).status).toBe(201);
      await machine.advance(r.roundId, r.at('closesAt'));

      const audit = app.get(AuditService);
      const original = audit.record.bind(audit);
      const spy = jest.spyOn(audit, 'record').mockImplementation(async (action, ...rest) => {
        if (action === 'car_lottery_round.draw') throw new Error('simulated crash after the notifications were written');
        return original(action, ...rest);
      });
      await expect(machine.advance(r.roundId, r.at('drawAt'))).rejects.toThrow('simulated crash');
      spy.mockRestore();

      expect((await ds.query(`SELECT status FROM car_lottery_rounds WHERE id = $1`, [r.roundId]))[0].status).toBe('frozen');
      expect(await count(`SELECT count(*)::int AS n FROM car_lottery_draw_records WHERE round_id = $1`, [r.roundId])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM car_bookings WHERE round_id = $1`, [r.roundId])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM lottery_streaks WHERE pool_id = $1`, [r.fleet.poolId])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE payload->>'roundId' = $1 AND type IN ('lottery.won','lottery.lost')`, [r.roundId])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM car_lottery_requests WHERE round_id = $1 AND result <> 'pending'`, [r.roundId])).toBe(0);

      const retried = await machine.advance(r.roundId, r.at('drawAt'));
      expect(retried.steps).toEqual(['draw', 'publish']);
      expect((await notifications(r.roundId, 'lottery.won')).length).toBe(1);
      expect((await notifications(r.roundId, 'lottery.lost')).length).toBe(1);
      const outbox = await count(
        `SELECT count(*)::int AS n FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.payload->>'roundId' = $1 AND d.channel = 'email'`,
        [r.roundId],
      );
      expect(outbox).toBe(2);
    });

    it('should refuse to change or delete a draw record (append-only)', async () => {
      const r = await setupRound({ cars: [{ classCode: 'regular' }] });
      const a = await staff();
      expect((await a.client.post(`/api/lottery/rounds/${r.roundId}/requests`, requestBody([['regular', r.day(1), '09:00', '10:00']]))).status).toBe(201);
      await machine.advance(r.roundId, r.at('drawAt'));
      await expect(ds.query(`UPDATE car_lottery_draw_records SET result_digest = 'x' WHERE round_id = $1`, [r.roundId])).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM car_lottery_draw_records WHERE round_id = $1`, [r.roundId])).rejects.toThrow(/append-only/);
      // No external value entered: the documented fallback, named in the record.
      const round = (await a.client.get(`/api/lottery/rounds/${r.roundId}`)).body;
      expect(round.externalValueSource).toBe('fallback');
      expect(round.externalValue).toBe(`fallback:no-previous-round;round=${r.roundId}`);
    });

    it('should see a priority reservation made after the freeze, flag the changed input and still never double-book', async () => {
      const r = await setupRound({ cars: [{ classCode: 'regular' }] });
      const a = await staff();
      expect((await a.client.post(`/api/lottery/rounds/${r.roundId}/requests`, requestBody([['regular', r.day(3), '09:00', '12:00']]))).status).toBe(201);
      await machine.advance(r.roundId, r.at('closesAt'));
      const prio = await r.admin.client.post(`/api/lottery/rounds/${r.roundId}/priority-reservations`, {
        carId: r.carIds[0],
        driverId: r.admin.user.id,
        startsAt: jst(r.day(3), '10:00'),
        endsAt: jst(r.day(3), '11:00'),
        category: 'mayor',
        reason: '市長の現地視察',
        purpose: '随行',
        destination: '門司港',
      });
      expect(prio.status).toBe(201);
      await machine.advance(r.roundId, r.at('drawAt'));
      const round = (await a.client.get(`/api/lottery/rounds/${r.roundId}`)).body;
      expect(round.inputChangedAfterFreeze).toBe(true);
      expect(round.drawInputDigest).not.toBe(round.inputDigest);
      const [q] = await ds.query(`SELECT result FROM car_lottery_requests WHERE round_id = $1`, [r.roundId]);
      expect(q.result).toBe('lost');
      expect(await overlappingPairs(ds)).toEqual({ car: 0, driver: 0 });
      // After the draw, priority reservations go through the cars API.
      const after = await r.admin.client.post(`/api/lottery/rounds/${r.roundId}/priority-reservations`, { carId: r.carIds[0], driverId: r.admin.user.id, startsAt: jst(r.day(4), '10:00'), endsAt: jst(r.day(4), '11:00'), category: 'assembly', reason: '本会議', purpose: '送迎', destination: '議会棟' });
      expect([after.status, after.body.code]).toEqual([409, 'LOTTERY_ALREADY_DRAWN']);
    });
  });

  describe('recovery', () => {
    it('should leave a due draw to the draw job, recover a round left behind by an outage, and still give winners time to confirm', async () => {
      const r = await setupRound({ cars: [{ classCode: 'regular' }] });
      const a = await staff();
      const b = await staff();
      for (const u of [a, b]) expect((await u.client.post(`/api/lottery/rounds/${r.roundId}/requests`, requestBody([['regular', r.day(2), '09:00', '12:00']]))).status).toBe(201);

      // What the tick does 30 s after the draw time: freeze inline, leave the draw to the job.
      const soon = await machine.advance(r.roundId, new Date(r.at('drawAt').getTime() + 30_000), { drawInline: false });
      expect([soon.steps, soon.status, soon.drawDeferred]).toEqual([['freeze'], 'frozen', true]);

      // The worker was then down until an hour after the confirmation deadline.
      const late = new Date(r.at('confirmBy').getTime() + HOUR);
      const recovered = await machine.advance(r.roundId, late);
      expect([recovered.steps, recovered.status]).toEqual([['draw', 'publish'], 'confirming']);
      const [row] = await ds.query(`SELECT confirm_by, first_come_at, reminder_at FROM car_lottery_rounds WHERE id = $1`, [r.roundId]);
      // The planned window was 5 h; winners keep at least min(5 h, 4 h) from the late draw.
      expect(row.confirm_by.getTime()).toBeGreaterThanOrEqual(late.getTime() + 4 * HOUR);
      expect(row.first_come_at.getTime()).toBeGreaterThanOrEqual(row.confirm_by.getTime());
      expect((await machine.advance(r.roundId, late)).steps).toEqual([]);

      // The reminder goes out once, to the holder of the unconfirmed win.
      const reminded = await machine.advance(r.roundId, row.reminder_at);
      expect(reminded.steps).toEqual(['remind']);
      expect((await machine.advance(r.roundId, row.reminder_at)).steps).toEqual([]);
      const [winner] = await ds.query(`SELECT id, user_id FROM car_lottery_requests WHERE round_id = $1 AND result = 'won'`, [r.roundId]);
      expect((await notifications(r.roundId, 'lottery.confirm_reminder')).map((n) => n.recipient_id)).toEqual([winner.user_id]);
      const holder = winner.user_id === a.user.id ? a : b;
      const confirmed = await holder.client.post(`/api/lottery/requests/${winner.id}/confirm`);
      expect([confirmed.status, confirmed.body.booking.status]).toEqual([200, 'confirmed']);
    });
  });

  describe('caps and rounds', () => {
    it('should enforce the per-section cap across users of one section', async () => {
      const r = await setupRound({ cars: [{ classCode: 'regular' }], perSectionCap: 2 });
      const section = await makeSection(ds);
      const [a, b] = [await staff({ sectionId: section.id }), await staff({ sectionId: section.id })];
      expect((await a.client.post(`/api/lottery/rounds/${r.roundId}/requests`, requestBody([['regular', r.day(0), '09:00', '10:00']]))).status).toBe(201);
      expect((await b.client.post(`/api/lottery/rounds/${r.roundId}/requests`, requestBody([['regular', r.day(0), '09:00', '10:00']]))).status).toBe(201);
      const third = await b.client.post(`/api/lottery/rounds/${r.roundId}/requests`, requestBody([['regular', r.day(1), '09:00', '10:00']]));
      expect([third.status, third.body.code, third.body.message]).toEqual([409, 'LOTTERY_SECTION_CAP', '申込上限: 1回の抽選で1つの課から申し込めるのは2件までです。']);
    });

    it('should refuse an overlapping round of the same pool, a bad schedule, and rounds from staff', async () => {
      const r = await setupRound({ cars: [{ classCode: 'regular' }] });
      const overlap = await r.admin.client.post('/api/lottery/rounds', { poolId: r.fleet.poolId, periodStart: r.day(3) });
      expect([overlap.status, overlap.body.code]).toEqual([409, 'LOTTERY_ROUND_OVERLAP']);
      const now = Date.now();
      const badOrder = await r.admin.client.post('/api/lottery/rounds', { poolId: r.fleet.poolId, periodStart: r.day(14), opensAt: iso(now + HOUR), closesAt: iso(now) });
      expect([badOrder.status, badOrder.body.code]).toEqual([400, 'LOTTERY_SCHEDULE_INVALID']);
      expect((await r.admin.client.post('/api/lottery/rounds', { poolId: '00000000-0000-4000-8000-000000000000', periodStart: r.day(14) })).body.code).toBe('CAR_POOL_NOT_FOUND');
      const { client } = await staff();
      expect((await client.post('/api/lottery/rounds', { poolId: r.fleet.poolId, periodStart: r.day(21) })).status).toBe(403);
      expect((await client.get(`/api/lottery/rounds/${r.roundId}`)).status).toBe(200);
      expect((await client.get(`/api/lottery/rounds/${r.roundId}/record`)).body.code).toBe('LOTTERY_NOT_DRAWN');
      expect((await request(app.getHttpServer()).get(`/api/lottery/rounds/${r.roundId}`)).status).toBe(401);
    });

    it('should create an enabled pool’s weekly rounds from its settings, once, whoever ticks', async () => {
      const fleet = await makeFleet(ds);
      await makeCar(ds, fleet);
      const admin = await staff({ roles: ['staff', 'garage_admin'] });
      const defaults = await admin.client.get(`/api/lottery/pools/${fleet.poolId}/settings`);
      expect(defaults.body).toMatchObject({ enabled: false, opens: { day: 0, time: '08:30' }, draw: { day: 3, time: '09:00' }, perUserCap: 5, perSectionCap: 30 });
      const invalid = await admin.client.patch(`/api/lottery/pools/${fleet.poolId}/settings`, { draw: { day: 1, time: '09:00' } });
      expect([invalid.status, invalid.body.code]).toEqual([400, 'LOTTERY_SETTINGS_INVALID']);
      expect((await admin.client.patch(`/api/lottery/pools/${fleet.poolId}/settings`, { enabled: true, createAheadDays: 14 })).body.enabled).toBe(true);
      const now = new Date('2026-06-03T03:00:00Z'); // Wed 12:00 JST
      const [x, y] = await Promise.all([machine.ensureUpcomingRounds(now), machine.ensureUpcomingRounds(now)]);
      const rounds = await ds.query(`SELECT period_start, opens_at, draw_at FROM car_lottery_rounds WHERE pool_id = $1 ORDER BY period_start`, [fleet.poolId]);
      expect(x + y).toBe(rounds.length);
      // This week's window is still open (closes Wed 17:15) and two more open within 14 days.
      expect(rounds.map((row: { period_start: Date }) => row.period_start.toISOString())).toEqual(['2026-06-14T15:00:00.000Z', '2026-06-21T15:00:00.000Z', '2026-06-28T15:00:00.000Z']);
      expect(rounds[0].draw_at.toISOString()).toBe('2026-06-04T00:00:00.000Z');
      expect(await machine.ensureUpcomingRounds(now)).toBe(0);
      await ds.query(`UPDATE car_lottery_settings SET enabled = false WHERE pool_id = $1`, [fleet.poolId]);
    });
  });
});
