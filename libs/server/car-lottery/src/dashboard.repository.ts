import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@rr/server/persistence';

/** Read-only aggregates for the administrators' round dashboard. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get q() {
    return this.tx.manager;
  }

  async entries(roundId: string): Promise<{ requests: number; withdrawn: number; applicants: number; sections: number }> {
    const [row] = await this.q.query(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS requests, count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
              count(DISTINCT user_id) FILTER (WHERE status = 'active')::int AS applicants,
              count(DISTINCT section_id) FILTER (WHERE status = 'active')::int AS sections
         FROM car_lottery_requests WHERE round_id = $1`,
      [roundId],
    );
    return row;
  }

  /** Requests by their place in the applicant's own order (1st, 2nd…), and by number of choices. */
  async shapes(roundId: string): Promise<{ byRank: Array<{ rank: number; requests: number }>; byChoices: Array<{ choices: number; requests: number }> }> {
    const byRank = await this.q.query(
      `SELECT place AS rank, count(*)::int AS requests FROM (
         SELECT row_number() OVER (PARTITION BY user_id ORDER BY rank, id)::int AS place FROM car_lottery_requests WHERE round_id = $1 AND status = 'active'
       ) x GROUP BY place ORDER BY place`,
      [roundId],
    );
    const byChoices = await this.q.query(
      `SELECT n AS choices, count(*)::int AS requests FROM (
         SELECT (SELECT count(*)::int FROM car_lottery_request_options o WHERE o.request_id = q.id) AS n
           FROM car_lottery_requests q WHERE q.round_id = $1 AND q.status = 'active'
       ) x GROUP BY n ORDER BY n`,
      [roundId],
    );
    return { byRank, byChoices };
  }

  async firstChoices(roundId: string): Promise<Array<{ classCode: string; startsAt: Date; endsAt: Date }>> {
    const rows: Array<{ class_code: string; starts_at: Date; ends_at: Date }> = await this.q.query(
      `SELECT o.class_code, o.starts_at, o.ends_at FROM car_lottery_request_options o JOIN car_lottery_requests q ON q.id = o.request_id
        WHERE q.round_id = $1 AND q.status = 'active' AND o.position = 1`,
      [roundId],
    );
    return rows.map((r) => ({ classCode: r.class_code, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  /** The round's allocations that hold (or held and were used) a car. */
  async heldAllocations(roundId: string): Promise<Array<{ classCode: string; startsAt: Date; endsAt: Date }>> {
    const rows: Array<{ class_code: string; starts_at: Date; ends_at: Date }> = await this.q.query(
      `SELECT c.class_code, b.starts_at, b.ends_at FROM car_bookings b JOIN cars c ON c.id = b.car_id
        WHERE b.round_id = $1 AND b.source IN ('lottery','waitlist') AND b.status IN ('provisional','confirmed','in_use','completed')`,
      [roundId],
    );
    return rows.map((r) => ({ classCode: r.class_code, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  async poolClasses(poolId: string): Promise<Array<{ classCode: string; className: string; cars: number }>> {
    const rows: Array<{ class_code: string; name_ja: string; cars: number }> = await this.q.query(
      `SELECT c.class_code, cc.name_ja, count(*)::int AS cars FROM cars c JOIN car_classes cc ON cc.code = c.class_code
        WHERE c.pool_id = $1 AND c.status = 'active' GROUP BY c.class_code, cc.name_ja, cc.sort_order ORDER BY cc.sort_order, c.class_code`,
      [poolId],
    );
    return rows.map((r) => ({ classCode: r.class_code, className: r.name_ja, cars: r.cars }));
  }

  async outcome(roundId: string): Promise<{ won: number; lost: number; promoted: number; provisional: number; confirmed: number; declined: number; void: number }> {
    const [q] = await this.q.query(
      `SELECT count(*) FILTER (WHERE result = 'won')::int AS won, count(*) FILTER (WHERE result = 'lost')::int AS lost,
              count(*) FILTER (WHERE result = 'promoted')::int AS promoted
         FROM car_lottery_requests WHERE round_id = $1 AND status = 'active'`,
      [roundId],
    );
    const [b] = await this.q.query(
      `SELECT count(*) FILTER (WHERE status = 'provisional')::int AS provisional,
              count(*) FILTER (WHERE status IN ('confirmed','in_use','completed','no_show'))::int AS confirmed,
              count(*) FILTER (WHERE status = 'cancelled')::int AS declined, count(*) FILTER (WHERE status = 'released')::int AS void
         FROM car_bookings WHERE round_id = $1 AND source = 'lottery'`,
      [roundId],
    );
    return { ...q, ...b };
  }

  async winners(roundId: string): Promise<number> {
    const [row] = await this.q.query(
      `SELECT count(DISTINCT user_id)::int AS n FROM car_lottery_requests WHERE round_id = $1 AND status = 'active' AND result IN ('won','promoted')`,
      [roundId],
    );
    return row.n as number;
  }

  async streaksNow(poolId: string, userIds: string[]): Promise<Array<{ zeroWinStreak: number; users: number }>> {
    const rows: Array<{ z: number; n: number }> = await this.q.query(
      `SELECT COALESCE(s.zero_win_streak, 0) AS z, count(*)::int AS n FROM unnest($2::uuid[]) AS u(id)
         LEFT JOIN lottery_streaks s ON s.user_id = u.id AND s.pool_id = $1 GROUP BY 1 ORDER BY 1`,
      [poolId, userIds],
    );
    return rows.map((r) => ({ zeroWinStreak: r.z, users: r.n }));
  }
}
