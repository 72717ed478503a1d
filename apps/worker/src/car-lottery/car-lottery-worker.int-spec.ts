import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TOKYO } from '@rr/domain';
import { RoundMachine } from '@rr/server/car-lottery';
import { bullJobId, QueueService } from '@rr/server/queue';
import { eventually, makeUser } from '@rr/testing';
import type { Job } from 'bullmq';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../worker.module';
import { LotteryDrawHandler } from './lottery-draw.handler';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

/** Two worker processes' worth of Nest contexts in one test process: two replicas racing. */
describe('Car lottery in the worker (two instances, real PostgreSQL and Redis)', () => {
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

  const tokyoDay = (days: number) => DateTime.now().setZone(TOKYO).startOf('day').plus({ days });

  /** A pool with `cars` regular cars, `users` applicants each asking for the same morning, and a round with the given schedule. */
  async function seedRound(schedule: { opensAt: number; closesAt: number; drawAt: number; confirmBy: number; firstComeAt: number }, cars: number, users: number) {
    const tag = randomUUID().slice(0, 8);
    const [garage] = await ds.query(`INSERT INTO garages (code, name) VALUES ($1, '抽選ワーカー試験') RETURNING id`, [`GW${tag}`]);
    const [pool] = await ds.query(`INSERT INTO car_pools (code, name) VALUES ($1, '抽選ワーカー試験') RETURNING id`, [`PW${tag}`]);
    for (let i = 0; i < cars; i++) {
      await ds.query(`INSERT INTO cars (plate_number, class_code, seats, fuel, garage_id, pool_id) VALUES ($1, 'regular', 5, 'hybrid', $2, $3)`, [`ワーカー ${tag} ${i}`, garage.id, pool.id]);
    }
    const periodStart = tokyoDay(8);
    const [round] = await ds.query(
      `INSERT INTO car_lottery_rounds (pool_id, period_start, period_end, opens_at, closes_at, draw_at, confirm_by, first_come_at, per_user_cap, per_section_cap)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 5, 30) RETURNING id`,
      [pool.id, periodStart.toJSDate(), periodStart.plus({ days: 7 }).toJSDate(), ...Object.values(schedule).map((ms) => new Date(ms))],
    );
    const morning = periodStart.plus({ days: 1 });
    for (let i = 0; i < users; i++) {
      const { user } = await makeUser(ds);
      await ds.query(`INSERT INTO drivers (user_id, licence_expires_on, approved, approved_at) VALUES ($1, $2, true, now())`, [user.id, tokyoDay(700).toISODate()]);
      const [request] = await ds.query(
        `INSERT INTO car_lottery_requests (round_id, user_id, driver_id, section_id, rank, purpose, destination) VALUES ($1, $2, $2, $3, 1, '出張', '福岡市') RETURNING id`,
        [round.id, user.id, user.sectionId],
      );
      await ds.query(`INSERT INTO car_lottery_request_options (request_id, position, class_code, starts_at, ends_at) VALUES ($1, 1, 'regular', $2, $3)`, [
        request.id,
        morning.set({ hour: 9 }).toJSDate(),
        morning.set({ hour: 12 }).toJSDate(),
      ]);
    }
    return { roundId: round.id as string, poolId: pool.id as string };
  }

  const status = async (roundId: string) => (await ds.query(`SELECT status FROM car_lottery_rounds WHERE id = $1`, [roundId]))[0].status as string;
  const count = async (sql: string, params: unknown[]) => (await ds.query(sql, params))[0].n as number;

  it('should draw exactly once when two worker instances run the same round at the same moment', async () => {
    // All in the future by the real clock, so the workers' own schedules leave it alone; the race is
    // driven with explicit instants.
    const now = Date.now();
    const s = { opensAt: now + HOUR, closesAt: now + 2 * HOUR, drawAt: now + 3 * HOUR, confirmBy: now + 9 * HOUR, firstComeAt: now + 10 * HOUR };
    const { roundId } = await seedRound(s, 2, 6);
    const prepared = await a.get(RoundMachine).advance(roundId, new Date(s.drawAt), { drawInline: false });
    expect([prepared.steps, prepared.drawDeferred]).toEqual([['open', 'freeze'], true]);

    const results = await Promise.all([
      a.get(RoundMachine).advance(roundId, new Date(s.drawAt)),
      b.get(RoundMachine).advance(roundId, new Date(s.drawAt)),
      a.get(RoundMachine).runStep('draw', roundId, new Date(s.drawAt)),
      b.get(RoundMachine).runStep('draw', roundId, new Date(s.drawAt)),
    ]);
    const draws = results.flatMap((r) => (typeof r === 'boolean' ? (r ? ['draw'] : []) : r.steps.filter((x) => x === 'draw')));
    expect(draws).toEqual(['draw']);
    expect(await count(`SELECT count(*)::int AS n FROM car_lottery_draw_records WHERE round_id = $1`, [roundId])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'car_lottery_round.draw'`, [roundId])).toBe(1);
    // Two cars, six people wanting the same morning: two provisional wins, four losers, one notification each.
    expect(await count(`SELECT count(*)::int AS n FROM car_bookings WHERE round_id = $1 AND status = 'provisional'`, [roundId])).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE payload->>'roundId' = $1 AND type = 'lottery.won'`, [roundId])).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE payload->>'roundId' = $1 AND type = 'lottery.lost'`, [roundId])).toBe(4);

    // A redelivered draw job changes nothing.
    const again = await a.get(LotteryDrawHandler).handle({ data: { roundId } } as Job<{ roundId: string }>);
    expect(again.steps.filter((x) => x === 'draw')).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM car_bookings WHERE round_id = $1`, [roundId])).toBe(2);
  });

  it('should advance an overdue round through the repeatable tick job, and hand a just-due draw to the draw job (draw:<roundId>)', async () => {
    const now = Date.now();
    // Overdue by an hour (the worker was down): the tick draws it itself.
    const overdue = await seedRound({ opensAt: now - 3 * HOUR, closesAt: now - 2 * HOUR, drawAt: now - HOUR, confirmBy: now + 6 * HOUR, firstComeAt: now + 7 * HOUR }, 1, 3);
    // Due a moment ago: the tick enqueues lottery.draw under a deterministic id, and the draw job runs it.
    const due = await seedRound({ opensAt: now - 3 * HOUR, closesAt: now - 2 * HOUR, drawAt: now - 5_000, confirmBy: now + 6 * HOUR, firstComeAt: now + 7 * HOUR }, 1, 3);

    await a.get(QueueService).enqueue('lottery.tick', {}, { jobId: `tick:test:${randomUUID()}` });
    await eventually(async () => (await status(overdue.roundId)) === 'confirming', 30_000, 100);
    await eventually(async () => (await status(due.roundId)) === 'confirming', 30_000, 100);

    const job = await a.get(QueueService).queue('lottery').getJob(bullJobId(`draw:${due.roundId}`));
    expect(job?.name).toBe('lottery.draw');
    for (const r of [overdue, due]) {
      expect(await count(`SELECT count(*)::int AS n FROM car_lottery_draw_records WHERE round_id = $1`, [r.roundId])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM car_bookings WHERE round_id = $1`, [r.roundId])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM lottery_streaks WHERE pool_id = $1`, [r.poolId])).toBe(3);
    }
  });
});
