import { BusinessCalendar, commitmentOf, TOKYO, tokyoDate } from '@rr/domain';
import { computeRoundSchedule, DEFAULT_CYCLE, type RoundSchedule } from '@rr/server/car-lottery';
import { CarPoolEntity, UserEntity } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEMO_POOL } from './cars.data';

/**
 * Demo car lottery (抽選): one round of the Katsuyama pool whose application window is open now, for
 * the trips of the week after next, with a few requests so the screens have something to show.
 *
 * - The schedule is this week's default cycle (Mon 08:30 → Wed 17:15, draw Thu 09:00, confirm by
 *   Fri 17:15, first-come next Mon 08:30, shifted by the business calendar) when its window is open
 *   at load time; otherwise a window open from yesterday for two more days, with the draw the next
 *   morning, so the demo works any day of the week.
 * - Requests: staff1 (two, ranked), staff2, staff-en, and chief1 applying for subchief1 as driver.
 * - The pool's automatic weekly rounds stay off (enable them in the lottery settings): automatic
 *   rounds close first-come booking of their periods until their first-come time.
 *
 * Idempotent: the round's id is derived from its period; if that period already has a round (made
 * by the worker or by an administrator) nothing is written.
 */

function demoId(key: string): string {
  const h = createHash('sha256').update(`chonai-rr demo lottery ${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const HOUR = 3_600_000;

function demoSchedule(now: Date): RoundSchedule {
  const today = DateTime.fromJSDate(now, { zone: TOKYO }).startOf('day');
  const monday = today.minus({ days: today.weekday - 1 }).toISODate() as string;
  const weekly = computeRoundSchedule(monday, DEFAULT_CYCLE, new BusinessCalendar());
  if (weekly.opensAt <= now && now < weekly.closesAt) return weekly;
  // Out of this week's window: open now anyway, for the trips of the week starting 8–14 days ahead.
  const periodStart = today.plus({ days: 14 - (today.weekday - 1) }).startOf('day');
  const t = now.getTime();
  return {
    periodStart: periodStart.toJSDate(),
    periodEnd: periodStart.plus({ days: 7 }).toJSDate(),
    opensAt: new Date(t - 24 * HOUR),
    closesAt: new Date(t + 48 * HOUR),
    drawAt: new Date(t + 64 * HOUR),
    confirmBy: new Date(t + 96 * HOUR),
    firstComeAt: new Date(t + 112 * HOUR),
    reminderAt: null,
  };
}

interface DemoRequest {
  key: string;
  applicant: string;
  driver?: string;
  rank: number;
  purpose: string;
  destination: string;
  passengers?: number;
  /** [class, day of the period (0 = Monday), from, to] */
  options: Array<[string, number, string, string]>;
}

export const DEMO_LOTTERY_REQUESTS: DemoRequest[] = [
  { key: 'q1', applicant: 'staff1', rank: 1, purpose: '環境学習施設の現地確認', destination: '響灘ビオトープ（若松区）', passengers: 1, options: [['regular', 1, '09:00', '12:00'], ['regular', 2, '09:00', '12:00'], ['kei', 1, '09:00', '12:00']] },
  { key: 'q2', applicant: 'staff1', rank: 2, purpose: '出前講座', destination: '小倉北区 市民センター', options: [['wagon', 3, '13:00', '17:00']] },
  { key: 'q3', applicant: 'staff2', rank: 1, purpose: '関係機関との協議', destination: '福岡県庁', options: [['ev', 2, '08:30', '17:15'], ['regular', 2, '08:30', '17:15']] },
  { key: 'q4', applicant: 'staff-en', rank: 1, purpose: 'Site visit', destination: '北九州学術研究都市（若松区）', options: [['ev', 1, '10:00', '12:00']] },
  { key: 'q5', applicant: 'chief1', driver: 'subchief1', rank: 1, purpose: '現場立会い', destination: '門司区 風師山周辺', passengers: 2, options: [['wagon', 0, '09:00', '15:00'], ['wagon', 4, '09:00', '15:00']] },
];

/** Loads the demo round and its requests (after the demo organisation and cars). */
export async function loadLotteryDemoData(ds: DataSource, now = new Date()): Promise<{ round: string | null; requests: number }> {
  const s = demoSchedule(now);
  const firstDate = tokyoDate(s.periodStart);
  const roundId = demoId(`round:${firstDate}`);
  return ds.transaction(async (m) => {
    const pool = await m.findOneByOrFail(CarPoolEntity, { code: DEMO_POOL.code });
    const secret = randomBytes(32).toString('hex');
    const inserted: Array<{ id: string }> = await m.query(
      `INSERT INTO car_lottery_rounds (id, pool_id, period_start, period_end, opens_at, closes_at, draw_at, confirm_by, first_come_at, reminder_at,
                                       per_user_cap, per_section_cap, status, secret, commitment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 5, 30, 'open', $11, $12) ON CONFLICT DO NOTHING RETURNING id`,
      [roundId, pool.id, s.periodStart, s.periodEnd, s.opensAt, s.closesAt, s.drawAt, s.confirmBy, s.firstComeAt, s.reminderAt, secret, commitmentOf(secret)],
    );
    if (inserted.length === 0) return { round: null, requests: 0 };
    const users = new Map((await m.find(UserEntity)).map((u) => [u.username, u]));
    const day = (k: number, hhmm: string) => DateTime.fromJSDate(s.periodStart, { zone: TOKYO }).plus({ days: k }).set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3)) }).toJSDate();
    let requests = 0;
    for (const q of DEMO_LOTTERY_REQUESTS) {
      const applicant = users.get(q.applicant);
      const driver = users.get(q.driver ?? q.applicant);
      if (!applicant || !driver) continue;
      const id = demoId(`request:${firstDate}:${q.key}`);
      await m.query(
        `INSERT INTO car_lottery_requests (id, round_id, user_id, driver_id, section_id, rank, purpose, destination, passengers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, roundId, applicant.id, driver.id, applicant.sectionId, q.rank, q.purpose, q.destination, q.passengers ?? 0],
      );
      for (const [i, [classCode, k, from, to]] of q.options.entries()) {
        await m.query(`INSERT INTO car_lottery_request_options (request_id, position, class_code, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`, [
          id,
          i + 1,
          classCode,
          day(k, from),
          day(k, to),
        ]);
      }
      requests++;
    }
    return { round: roundId, requests };
  });
}
