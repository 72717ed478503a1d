import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@rr/server/persistence';

export interface RoundRow {
  id: string;
  name: string;
  pool_key: string;
  room_ids: string[];
  period_start: Date;
  period_end: Date;
  opens_at: Date;
  closes_at: Date;
  draw_at: Date;
  confirm_by: Date;
  first_come_at: Date;
  status: 'scheduled' | 'open' | 'closed' | 'drawn' | 'done';
  commitment: string;
  secret: string;
  external_value: string | null;
  seed: string | null;
  input_digest: string | null;
  result_digest: string | null;
  drawn_at: Date | null;
  request_count?: number;
}

export interface StoredOption {
  roomId: string;
  startsAt: string;
  endsAt: string;
}

export interface RequestRow {
  id: string;
  round_id: string;
  user_id: string;
  user_name: string;
  rank: number;
  title: string;
  attendees: number;
  options: StoredOption[];
  status: 'pending' | 'won' | 'lost' | 'confirmed' | 'declined' | 'void';
  won_option: number | null;
  booking_id: string | null;
  created_at: Date;
}

export interface RoomInfo {
  id: string;
  name: string;
  building: string;
  floor: number;
  capacity: number;
  high_demand: boolean;
  active: boolean;
  bookable_from_minute: number;
  bookable_until_minute: number;
  max_duration_minutes: number;
  horizon_months: number;
}

const ROUND_COLUMNS = `r.id, r.name, r.pool_key, r.room_ids, r.period_start, r.period_end, r.opens_at, r.closes_at, r.draw_at, r.confirm_by, r.first_come_at,
  r.status, r.commitment, r.secret, r.external_value, r.seed, r.input_digest, r.result_digest, r.drawn_at`;
const REQUEST_COLUMNS = `q.id, q.round_id, q.user_id, u.display_name AS user_name, q.rank, q.title, q.attendees, q.options, q.status, q.won_option, q.booking_id, q.created_at`;

/** SQL of the room lottery (ADR 0021). Every call runs in the caller's transaction when there is one. */
@Injectable()
export class RoomLotteryRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get q() {
    return this.tx.manager;
  }

  async rooms(ids: readonly string[], lock = false): Promise<RoomInfo[]> {
    return this.q.query(
      `SELECT id, name, building, floor, capacity, high_demand, active, bookable_from_minute, bookable_until_minute, max_duration_minutes, horizon_months
         FROM rooms WHERE id = ANY($1::uuid[]) ORDER BY id${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [ids],
    );
  }

  async insertRound(r: Omit<RoundRow, 'id' | 'status' | 'external_value' | 'seed' | 'input_digest' | 'result_digest' | 'drawn_at'> & { status: RoundRow['status'] }, createdBy: string): Promise<string> {
    const [row] = await this.q.query(
      `INSERT INTO room_lottery_rounds (name, pool_key, room_ids, period_start, period_end, opens_at, closes_at, draw_at, confirm_by, first_come_at, status, commitment, secret, created_by)
       VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [r.name, r.pool_key, r.room_ids, r.period_start, r.period_end, r.opens_at, r.closes_at, r.draw_at, r.confirm_by, r.first_come_at, r.status, r.commitment, r.secret, createdBy],
    );
    return row.id;
  }

  async findRound(id: string, lock = false): Promise<RoundRow | null> {
    const rows: RoundRow[] = await this.q.query(`SELECT ${ROUND_COLUMNS} FROM room_lottery_rounds r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async listRounds(openOnly: boolean, now: Date): Promise<RoundRow[]> {
    return this.q.query(
      `SELECT ${ROUND_COLUMNS}, (SELECT count(*)::int FROM room_lottery_requests q WHERE q.round_id = r.id) AS request_count
         FROM room_lottery_rounds r ${openOnly ? 'WHERE r.opens_at <= $1 AND r.closes_at > $1' : 'WHERE $1::timestamptz IS NOT NULL'}
        ORDER BY r.period_start DESC, r.id LIMIT 200`,
      [now],
    );
  }

  async countRequests(roundId: string): Promise<number> {
    const [row] = await this.q.query(`SELECT count(*)::int AS n FROM room_lottery_requests WHERE round_id = $1`, [roundId]);
    return row.n;
  }

  /** Rounds with a step due at `now` (the tick advances each under its advisory lock). */
  async dueRoundIds(now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.q.query(
      `SELECT id FROM room_lottery_rounds
        WHERE (status = 'scheduled' AND opens_at <= $1) OR (status = 'open' AND closes_at <= $1)
           OR (status = 'closed' AND draw_at <= $1) OR (status = 'drawn' AND first_come_at <= $1)
        ORDER BY draw_at, id`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  /** pg_try_advisory_xact_lock: a second worker skips the round instead of waiting for it. */
  async tryLock(roundId: string): Promise<boolean> {
    const [row] = await this.q.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS ok`, [`room-lottery-round:${roundId}`]);
    return row.ok === true;
  }

  async transition(id: string, from: RoundRow['status'], to: RoundRow['status'], patch: Partial<Pick<RoundRow, 'external_value' | 'seed' | 'input_digest' | 'result_digest' | 'drawn_at'>> = {}): Promise<boolean> {
    const rows = await this.q.query(
      `WITH u AS (UPDATE room_lottery_rounds SET status = $3, updated_at = now(),
              external_value = COALESCE($4, external_value), seed = COALESCE($5, seed), input_digest = COALESCE($6, input_digest),
              result_digest = COALESCE($7, result_digest), drawn_at = COALESCE($8, drawn_at)
        WHERE id = $1 AND status = $2 RETURNING id) SELECT id FROM u`,
      [id, from, to, patch.external_value ?? null, patch.seed ?? null, patch.input_digest ?? null, patch.result_digest ?? null, patch.drawn_at ?? null],
    );
    return rows.length === 1;
  }

  async previousDrawn(poolKey: string, before: Date): Promise<{ id: string; result_digest: string } | null> {
    const rows = await this.q.query(
      `SELECT id, result_digest FROM room_lottery_rounds WHERE pool_key = $1 AND result_digest IS NOT NULL AND period_start < $2 ORDER BY period_start DESC, id LIMIT 1`,
      [poolKey, before],
    );
    return rows[0] ?? null;
  }

  // ------------------------------------------------------------------ requests

  async requests(roundId: string, userId?: string): Promise<RequestRow[]> {
    return this.q.query(
      `SELECT ${REQUEST_COLUMNS} FROM room_lottery_requests q JOIN users u ON u.id = q.user_id
        WHERE q.round_id = $1 AND ($2::uuid IS NULL OR q.user_id = $2) ORDER BY q.user_id, q.rank, q.id`,
      [roundId, userId ?? null],
    );
  }

  async myRequests(userId: string): Promise<RequestRow[]> {
    return this.q.query(
      `SELECT ${REQUEST_COLUMNS} FROM room_lottery_requests q JOIN users u ON u.id = q.user_id
        WHERE q.user_id = $1 ORDER BY q.created_at DESC, q.id LIMIT 200`,
      [userId],
    );
  }

  async findRequest(id: string, lock = false): Promise<RequestRow | null> {
    const rows: RequestRow[] = await this.q.query(
      `SELECT ${REQUEST_COLUMNS} FROM room_lottery_requests q JOIN users u ON u.id = q.user_id WHERE q.id = $1${lock ? ' FOR UPDATE OF q' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async nextRank(roundId: string, userId: string): Promise<number> {
    const [row] = await this.q.query(`SELECT COALESCE(max(rank), 0)::int + 1 AS n FROM room_lottery_requests WHERE round_id = $1 AND user_id = $2`, [roundId, userId]);
    return row.n;
  }

  async insertRequest(r: { roundId: string; userId: string; rank: number; title: string; attendees: number; options: StoredOption[] }): Promise<string> {
    const [row] = await this.q.query(
      `INSERT INTO room_lottery_requests (round_id, user_id, rank, title, attendees, options) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
      [r.roundId, r.userId, r.rank, r.title, r.attendees, JSON.stringify(r.options)],
    );
    return row.id;
  }

  async updateRequest(id: string, r: { rank: number; title: string; attendees: number; options: StoredOption[] }): Promise<void> {
    await this.q.query(`UPDATE room_lottery_requests SET rank = $2, title = $3, attendees = $4, options = $5::jsonb, updated_at = now() WHERE id = $1`, [
      id,
      r.rank,
      r.title,
      r.attendees,
      JSON.stringify(r.options),
    ]);
  }

  async deleteRequest(id: string): Promise<void> {
    await this.q.query(`DELETE FROM room_lottery_requests WHERE id = $1`, [id]);
  }

  async setOutcome(id: string, status: RequestRow['status'], wonOption: number | null, bookingId: string | null): Promise<void> {
    await this.q.query(`UPDATE room_lottery_requests SET status = $2, won_option = $3, booking_id = COALESCE($4, booking_id), updated_at = now() WHERE id = $1`, [
      id,
      status,
      wonOption,
      bookingId,
    ]);
  }

  // ------------------------------------------------------------------ draw

  /** Active bookings of the round's rooms within its period (pre-occupied capacity) and the applicants' other bookings (their commitments). */
  async occupancy(round: RoundRow, applicants: readonly string[]): Promise<{
    bookings: Array<{ id: string; room_id: string; organiser_id: string; starts_at: Date; ends_at: Date }>;
    commitments: Array<{ organiser_id: string; starts_at: Date; ends_at: Date }>;
  }> {
    const bookings = await this.q.query(
      `SELECT id, room_id, organiser_id, starts_at, ends_at FROM room_bookings
        WHERE status = 'active' AND room_id = ANY($1::uuid[]) AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) ORDER BY id`,
      [round.room_ids, round.period_start, round.period_end],
    );
    const commitments = await this.q.query(
      `SELECT organiser_id, starts_at, ends_at FROM room_bookings
        WHERE status = 'active' AND organiser_id = ANY($1::uuid[]) AND NOT (room_id = ANY($2::uuid[])) AND tstzrange(starts_at, ends_at) && tstzrange($3, $4) ORDER BY id`,
      [applicants, round.room_ids, round.period_start, round.period_end],
    );
    return { bookings, commitments };
  }

  async streaks(poolKey: string, userIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; zero_win_streak: number }> = await this.q.query(
      `SELECT user_id, zero_win_streak FROM room_lottery_streaks WHERE pool_key = $1 AND user_id = ANY($2::uuid[])`,
      [poolKey, userIds],
    );
    return new Map(rows.map((r) => [r.user_id, r.zero_win_streak]));
  }

  async setStreaks(poolKey: string, roundId: string, rows: Array<{ userId: string; zeroWinStreak: number }>): Promise<void> {
    if (rows.length === 0) return;
    await this.q.query(
      `INSERT INTO room_lottery_streaks (user_id, pool_key, zero_win_streak, last_round_id)
       SELECT u, $1, z, $2 FROM unnest($3::uuid[], $4::int[]) AS t(u, z)
       ON CONFLICT (user_id, pool_key) DO UPDATE SET zero_win_streak = EXCLUDED.zero_win_streak, last_round_id = EXCLUDED.last_round_id, updated_at = now()`,
      [poolKey, roundId, rows.map((r) => r.userId), rows.map((r) => r.zeroWinStreak)],
    );
  }

  async insertDrawRecord(roundId: string, algorithm: string, record: unknown, seed: string, resultDigest: string): Promise<void> {
    await this.q.query(`INSERT INTO room_lottery_draw_records (round_id, algorithm, record, seed, result_digest) VALUES ($1, $2, $3::jsonb, $4, $5)`, [
      roundId,
      algorithm,
      JSON.stringify(record),
      seed,
      resultDigest,
    ]);
  }

  async drawRecord(roundId: string): Promise<unknown | null> {
    const rows = await this.q.query(`SELECT record FROM room_lottery_draw_records WHERE round_id = $1`, [roundId]);
    return rows[0]?.record ?? null;
  }

  async insertBooking(b: { id: string; roomId: string; title: string; userId: string; attendees: number; startsAt: string; endsAt: string }): Promise<void> {
    await this.q.query(
      `INSERT INTO room_bookings (id, room_id, title, organiser_id, booked_by, attendees, starts_at, ends_at, status) VALUES ($1, $2, $3, $4, $4, $5, $6, $7, 'active')`,
      [b.id, b.roomId, b.title, b.userId, b.attendees, b.startsAt, b.endsAt],
    );
  }

  /** Frees a lottery booking (declined or not confirmed in time); only if still active. */
  async cancelBooking(id: string, now: Date): Promise<void> {
    await this.q.query(`UPDATE room_bookings SET status = 'cancelled', status_changed_at = $2, updated_at = now() WHERE id = $1 AND status = 'active'`, [id, now]);
  }

  async unconfirmedWins(roundId: string): Promise<Array<{ id: string; booking_id: string | null; won_option: number }>> {
    return this.q.query(`SELECT id, booking_id, won_option FROM room_lottery_requests WHERE round_id = $1 AND status = 'won' ORDER BY id FOR UPDATE`, [roundId]);
  }
}
