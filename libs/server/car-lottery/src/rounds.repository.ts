import { Injectable } from '@nestjs/common';
import type { LotteryRoundStatus } from '@rr/contracts';
import { CarLotterySettingsEntity, TransactionHost } from '@rr/server/persistence';

/** A round row as the services use it (the secret included: never map it out before the draw). */
export interface RoundRow {
  id: string;
  poolId: string;
  poolCode: string;
  poolName: string;
  periodStart: Date;
  periodEnd: Date;
  opensAt: Date;
  closesAt: Date;
  drawAt: Date;
  confirmBy: Date;
  firstComeAt: Date;
  reminderAt: Date | null;
  perUserCap: number;
  perSectionCap: number;
  status: LotteryRoundStatus;
  statusChangedAt: Date;
  secret: string | null;
  commitment: string | null;
  externalValue: string | null;
  externalValueSource: 'official' | 'fallback' | null;
  externalValueSetAt: Date | null;
  frozenAt: Date | null;
  inputDigest: string | null;
  ticketDigest: string | null;
  drawnAt: Date | null;
  seed: string | null;
  drawInputDigest: string | null;
  inputChangedAfterFreeze: boolean | null;
  resultDigest: string | null;
  reminderSentAt: Date | null;
  waitlistDigest: string | null;
  createdAt: Date;
}

export interface RoundCounts {
  requestCount: number;
  applicantCount: number;
}

export type SettingsValues = Omit<CarLotterySettingsEntity, 'pool' | 'updater' | 'updatedBy' | 'updatedAt' | 'poolId'>;

export interface NewRound {
  poolId: string;
  periodStart: Date;
  periodEnd: Date;
  opensAt: Date;
  closesAt: Date;
  drawAt: Date;
  confirmBy: Date;
  firstComeAt: Date;
  reminderAt: Date | null;
  perUserCap: number;
  perSectionCap: number;
  createdBy: string | null;
}

/** Columns a step may set besides the status. */
export interface RoundPatch {
  secret?: string;
  commitment?: string;
  externalValue?: string;
  externalValueSource?: 'official' | 'fallback';
  externalValueSetBy?: string | null;
  externalValueSetAt?: Date;
  frozenAt?: Date;
  frozenInput?: object;
  inputDigest?: string;
  ticketTable?: object;
  ticketDigest?: string;
  drawnAt?: Date;
  seed?: string;
  drawInputDigest?: string;
  inputChangedAfterFreeze?: boolean;
  resultDigest?: string;
  confirmBy?: Date;
  firstComeAt?: Date;
  reminderAt?: Date | null;
  reminderSentAt?: Date;
  waitlistDigest?: string;
  closedAt?: Date;
}

const COLUMN: Record<keyof RoundPatch, string> = {
  secret: 'secret',
  commitment: 'commitment',
  externalValue: 'external_value',
  externalValueSource: 'external_value_source',
  externalValueSetBy: 'external_value_set_by',
  externalValueSetAt: 'external_value_set_at',
  frozenAt: 'frozen_at',
  frozenInput: 'frozen_input',
  inputDigest: 'input_digest',
  ticketTable: 'ticket_table',
  ticketDigest: 'ticket_digest',
  drawnAt: 'drawn_at',
  seed: 'seed',
  drawInputDigest: 'draw_input_digest',
  inputChangedAfterFreeze: 'input_changed_after_freeze',
  resultDigest: 'result_digest',
  confirmBy: 'confirm_by',
  firstComeAt: 'first_come_at',
  reminderAt: 'reminder_at',
  reminderSentAt: 'reminder_sent_at',
  waitlistDigest: 'waitlist_digest',
  closedAt: 'closed_at',
};
const JSON_COLUMNS = new Set<keyof RoundPatch>(['frozenInput', 'ticketTable']);

const ROUND_SELECT = `
  SELECT r.id, r.pool_id, p.code AS pool_code, p.name AS pool_name, r.period_start, r.period_end, r.opens_at, r.closes_at, r.draw_at,
         r.confirm_by, r.first_come_at, r.reminder_at, r.per_user_cap, r.per_section_cap, r.status, r.status_changed_at, r.secret,
         r.commitment, r.external_value, r.external_value_source, r.external_value_set_at, r.frozen_at, r.input_digest, r.ticket_digest,
         r.drawn_at, r.seed, r.draw_input_digest, r.input_changed_after_freeze, r.result_digest, r.reminder_sent_at, r.waitlist_digest, r.created_at
    FROM car_lottery_rounds r JOIN car_pools p ON p.id = r.pool_id`;

type Raw = Record<string, unknown>;

function toRound(r: Raw): RoundRow {
  return {
    id: r['id'] as string,
    poolId: r['pool_id'] as string,
    poolCode: r['pool_code'] as string,
    poolName: r['pool_name'] as string,
    periodStart: r['period_start'] as Date,
    periodEnd: r['period_end'] as Date,
    opensAt: r['opens_at'] as Date,
    closesAt: r['closes_at'] as Date,
    drawAt: r['draw_at'] as Date,
    confirmBy: r['confirm_by'] as Date,
    firstComeAt: r['first_come_at'] as Date,
    reminderAt: r['reminder_at'] as Date | null,
    perUserCap: r['per_user_cap'] as number,
    perSectionCap: r['per_section_cap'] as number,
    status: r['status'] as LotteryRoundStatus,
    statusChangedAt: r['status_changed_at'] as Date,
    secret: r['secret'] as string | null,
    commitment: r['commitment'] as string | null,
    externalValue: r['external_value'] as string | null,
    externalValueSource: r['external_value_source'] as 'official' | 'fallback' | null,
    externalValueSetAt: r['external_value_set_at'] as Date | null,
    frozenAt: r['frozen_at'] as Date | null,
    inputDigest: r['input_digest'] as string | null,
    ticketDigest: r['ticket_digest'] as string | null,
    drawnAt: r['drawn_at'] as Date | null,
    seed: r['seed'] as string | null,
    drawInputDigest: r['draw_input_digest'] as string | null,
    inputChangedAfterFreeze: r['input_changed_after_freeze'] as boolean | null,
    resultDigest: r['result_digest'] as string | null,
    reminderSentAt: r['reminder_sent_at'] as Date | null,
    waitlistDigest: r['waitlist_digest'] as string | null,
    createdAt: r['created_at'] as Date,
  };
}

/** Rounds, their per-pool settings and the round-level locks. Only this file writes car_lottery_rounds. */
@Injectable()
export class RoundsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get q() {
    return this.tx.manager;
  }

  // ------------------------------------------------------------------ settings

  findSettings(poolId: string, lock = false): Promise<CarLotterySettingsEntity | null> {
    return this.q.findOne(CarLotterySettingsEntity, { where: { poolId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async upsertSettings(poolId: string, values: Partial<SettingsValues>, updatedBy: string | null): Promise<void> {
    await this.q.query(`INSERT INTO car_lottery_settings (pool_id) VALUES ($1) ON CONFLICT (pool_id) DO NOTHING`, [poolId]);
    await this.q.update(CarLotterySettingsEntity, { poolId }, { ...values, updatedBy });
  }

  enabledSettings(): Promise<CarLotterySettingsEntity[]> {
    return this.q.find(CarLotterySettingsEntity, { where: { enabled: true } });
  }

  async poolExists(poolId: string): Promise<boolean> {
    return (await this.q.query(`SELECT 1 FROM car_pools WHERE id = $1`, [poolId])).length > 0;
  }

  // ------------------------------------------------------------------ rounds

  async insert(values: NewRound, ifAbsent = false): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.q.query(
      `INSERT INTO car_lottery_rounds (pool_id, period_start, period_end, opens_at, closes_at, draw_at, confirm_by, first_come_at, reminder_at,
                                       per_user_cap, per_section_cap, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ${ifAbsent ? 'ON CONFLICT DO NOTHING' : ''}
       RETURNING id`,
      [
        values.poolId,
        values.periodStart,
        values.periodEnd,
        values.opensAt,
        values.closesAt,
        values.drawAt,
        values.confirmBy,
        values.firstComeAt,
        values.reminderAt,
        values.perUserCap,
        values.perSectionCap,
        values.createdBy,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** `share`: the window/confirmation checks of requests and wins; a state change (UPDATE) waits for them. */
  async findById(id: string, lock?: 'share' | 'update'): Promise<RoundRow | null> {
    const suffix = lock === 'share' ? 'FOR SHARE OF r' : lock === 'update' ? 'FOR UPDATE OF r' : '';
    const rows: Raw[] = await this.q.query(`${ROUND_SELECT} WHERE r.id = $1 ${suffix}`, [id]);
    return rows[0] ? toRound(rows[0]) : null;
  }

  async counts(ids: string[]): Promise<Map<string, RoundCounts>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ round_id: string; requests: number; applicants: number }> = await this.q.query(
      `SELECT round_id, count(*)::int AS requests, count(DISTINCT user_id)::int AS applicants
         FROM car_lottery_requests WHERE round_id = ANY($1::uuid[]) AND status = 'active' GROUP BY round_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.round_id, { requestCount: r.requests, applicantCount: r.applicants }]));
  }

  async list(f: { poolId?: string; status?: LotteryRoundStatus; limit: number; offset: number }): Promise<{ items: RoundRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.poolId) where.push(`r.pool_id = $${params.push(f.poolId)}`);
    if (f.status) where.push(`r.status = $${params.push(f.status)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.q.query(`SELECT count(*)::int AS n FROM car_lottery_rounds r ${clause}`, params);
    const rows: Raw[] = await this.q.query(
      `${ROUND_SELECT} ${clause} ORDER BY r.period_start DESC, p.code COLLATE "C" LIMIT $${params.push(f.limit)} OFFSET $${params.push(f.offset)}`,
      params,
    );
    return { items: rows.map(toRound), total: n as number };
  }

  /** Rounds with a step due at `now` (ADR 0010: the tick's work list). */
  async dueIds(now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.q.query(
      `SELECT id FROM car_lottery_rounds
        WHERE (status = 'scheduled' AND opens_at <= $1) OR (status = 'open' AND closes_at <= $1) OR (status = 'frozen' AND draw_at <= $1)
           OR status = 'drawn' OR (status = 'confirming' AND (confirm_by <= $1 OR (reminder_at <= $1 AND reminder_sent_at IS NULL)))
           OR (status = 'first_come' AND period_end <= $1)
        ORDER BY period_start, id`,
      [now],
    );
    return rows.map((r) => r.id);
  }

  /**
   * One holder per round at a time, for the transaction: two workers (or a worker and an
   * administrator's "advance") never run a step of the same round at once. Non-blocking: the loser
   * skips and the next tick looks again.
   */
  async tryLock(roundId: string): Promise<boolean> {
    const [row] = await this.q.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS ok`, [`car-lottery-round:${roundId}`]);
    return row.ok === true;
  }

  /**
   * The state machine's only write of `status`: conditional on the expected status, so a step that
   * lost a race (or re-runs after a crash) changes nothing and reports false.
   */
  async transition(id: string, from: LotteryRoundStatus, to: LotteryRoundStatus, at: Date, patch: RoundPatch = {}): Promise<boolean> {
    const params: unknown[] = [id, from, to, at];
    const sets = ['status = $3', 'status_changed_at = $4', 'updated_at = now()'];
    for (const [key, value] of Object.entries(patch) as Array<[keyof RoundPatch, unknown]>) {
      if (value === undefined) continue;
      params.push(JSON_COLUMNS.has(key) ? JSON.stringify(value) : value);
      sets.push(`${COLUMN[key]} = $${params.length}`);
    }
    const [rows] = await this.q.query(`UPDATE car_lottery_rounds SET ${sets.join(', ')} WHERE id = $1 AND status = $2 RETURNING id`, params);
    return (rows as unknown[]).length === 1;
  }

  /** Sets fields without a status change (external value, reminder flag); conditional on `where`. */
  async patch(id: string, patch: RoundPatch, where: { status?: LotteryRoundStatus[]; externalValueIsNull?: boolean; reminderUnsent?: boolean } = {}): Promise<boolean> {
    const params: unknown[] = [id];
    const sets = ['updated_at = now()'];
    for (const [key, value] of Object.entries(patch) as Array<[keyof RoundPatch, unknown]>) {
      if (value === undefined) continue;
      params.push(JSON_COLUMNS.has(key) ? JSON.stringify(value) : value);
      sets.push(`${COLUMN[key]} = $${params.length}`);
    }
    const conds = ['id = $1'];
    if (where.status) conds.push(`status = ANY($${params.push(where.status)}::text[])`);
    if (where.externalValueIsNull) conds.push('external_value IS NULL');
    if (where.reminderUnsent) conds.push('reminder_sent_at IS NULL');
    const [rows] = await this.q.query(`UPDATE car_lottery_rounds SET ${sets.join(', ')} WHERE ${conds.join(' AND ')} RETURNING id`, params);
    return (rows as unknown[]).length === 1;
  }

  async frozenState(id: string): Promise<{ frozenInput: Record<string, unknown> | null; ticketTable: Array<{ userId: string; zeroWinStreak: number; tickets: number }> | null }> {
    const [row] = await this.q.query(`SELECT frozen_input, ticket_table FROM car_lottery_rounds WHERE id = $1`, [id]);
    return { frozenInput: row?.frozen_input ?? null, ticketTable: row?.ticket_table ?? null };
  }

  /** Earlier rounds of the pool not drawn yet: a round freezes only after them (its tickets need their streaks). */
  async earlierUndrawn(poolId: string, periodStart: Date): Promise<number> {
    const [row] = await this.q.query(
      `SELECT count(*)::int AS n FROM car_lottery_rounds WHERE pool_id = $1 AND period_start < $2 AND status IN ('scheduled','open','frozen')`,
      [poolId, periodStart],
    );
    return row.n as number;
  }

  /** The pool's latest drawn round before this one (the external value fallback). */
  async previousDrawn(poolId: string, periodStart: Date): Promise<{ roundId: string; resultDigest: string } | null> {
    const rows: Array<{ id: string; result_digest: string }> = await this.q.query(
      `SELECT id, result_digest FROM car_lottery_rounds
        WHERE pool_id = $1 AND period_start < $2 AND result_digest IS NOT NULL ORDER BY period_start DESC LIMIT 1`,
      [poolId, periodStart],
    );
    return rows[0] ? { roundId: rows[0].id, resultDigest: rows[0].result_digest } : null;
  }

  /** The latest first-come opening of rounds of `poolId` overlapping [startsAt, endsAt) still in the future, or null. */
  async firstComeClosedUntil(poolId: string, startsAt: Date, endsAt: Date, now: Date): Promise<Date | null> {
    const rows: Array<{ first_come_at: Date }> = await this.q.query(
      `SELECT first_come_at FROM car_lottery_rounds
        WHERE pool_id = $1 AND tstzrange(period_start, period_end) && tstzrange($2, $3) AND first_come_at > $4
        ORDER BY first_come_at DESC LIMIT 1`,
      [poolId, startsAt, endsAt, now],
    );
    return rows[0]?.first_come_at ?? null;
  }
}
