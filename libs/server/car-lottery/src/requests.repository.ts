import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@rr/server/persistence';
import type { RequestRowInput } from './rules/lottery-input';

export interface OptionValues {
  classCode: string;
  startsAt: Date;
  endsAt: Date;
}

export interface RequestValues {
  roundId: string;
  userId: string;
  driverId: string;
  sectionId: string;
  rank: number;
  purpose: string;
  destination: string;
  passengers: number;
  outOfPrefecture: boolean;
}

export interface RequestRecord extends RequestValues {
  id: string;
  status: 'active' | 'withdrawn';
  result: 'pending' | 'won' | 'lost' | 'promoted';
  wonOption: number | null;
  bookingId: string | null;
}

/** A request with names, options and its booking, as the API shows it. */
export interface RequestView extends RequestRecord {
  driverName: string;
  options: Array<{ position: number; classCode: string; className: string; startsAt: Date; endsAt: Date }>;
  booking: { id: string; status: string; carId: string; plateNumber: string; startsAt: Date; endsAt: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RequestForAllocation extends RequestRowInput {
  purpose: string;
  destination: string;
  passengers: number;
  outOfPrefecture: boolean;
}

export interface DriverFactsRow {
  userId: string;
  sectionId: string;
  active: boolean;
  approved: boolean;
  licenceExpiresOn: string;
}

export interface PoolClassRow {
  classCode: string;
  className: string;
  cars: number;
  minSeats: number;
}

type Raw = Record<string, unknown>;

function toRecord(r: Raw): RequestRecord {
  return {
    id: r['id'] as string,
    roundId: r['round_id'] as string,
    userId: r['user_id'] as string,
    driverId: r['driver_id'] as string,
    sectionId: r['section_id'] as string,
    rank: r['rank'] as number,
    purpose: r['purpose'] as string,
    destination: r['destination'] as string,
    passengers: r['passengers'] as number,
    outOfPrefecture: r['out_of_prefecture'] as boolean,
    status: r['status'] as 'active' | 'withdrawn',
    result: r['result'] as RequestRecord['result'],
    wonOption: r['won_option'] as number | null,
    bookingId: r['booking_id'] as string | null,
  };
}

const VIEW = `
  SELECT q.*, du.display_name AS driver_name,
         COALESCE((SELECT json_agg(json_build_object('position', o.position, 'classCode', o.class_code, 'className', cc.name_ja,
                                                     'startsAt', o.starts_at, 'endsAt', o.ends_at) ORDER BY o.position)
                     FROM car_lottery_request_options o JOIN car_classes cc ON cc.code = o.class_code WHERE o.request_id = q.id), '[]') AS options,
         CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('id', b.id, 'status', b.status, 'carId', b.car_id, 'plateNumber', c.plate_number,
                                                                 'startsAt', b.starts_at, 'endsAt', b.ends_at) END AS booking
    FROM car_lottery_requests q
    JOIN users du ON du.id = q.driver_id
    LEFT JOIN car_bookings b ON b.id = q.booking_id
    LEFT JOIN cars c ON c.id = b.car_id`;

function toView(r: Raw): RequestView {
  const options = (r['options'] as Array<{ position: number; classCode: string; className: string; startsAt: string; endsAt: string }>).map((o) => ({
    ...o,
    startsAt: new Date(o.startsAt),
    endsAt: new Date(o.endsAt),
  }));
  const b = r['booking'] as { id: string; status: string; carId: string; plateNumber: string; startsAt: string; endsAt: string } | null;
  return {
    ...toRecord(r),
    driverName: r['driver_name'] as string,
    options,
    booking: b ? { ...b, startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) } : null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

/** Requests (抽選申込) and their options; the checks a request needs about drivers and the pool. */
@Injectable()
export class RequestsRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get q() {
    return this.tx.manager;
  }

  async insert(values: RequestValues, options: OptionValues[]): Promise<string> {
    const [{ id }] = await this.q.query(
      `INSERT INTO car_lottery_requests (round_id, user_id, driver_id, section_id, rank, purpose, destination, passengers, out_of_prefecture)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [values.roundId, values.userId, values.driverId, values.sectionId, values.rank, values.purpose, values.destination, values.passengers, values.outOfPrefecture],
    );
    await this.replaceOptions(id as string, options);
    return id as string;
  }

  async replaceOptions(requestId: string, options: OptionValues[]): Promise<void> {
    await this.q.query(`DELETE FROM car_lottery_request_options WHERE request_id = $1`, [requestId]);
    await this.q.query(
      `INSERT INTO car_lottery_request_options (request_id, position, class_code, starts_at, ends_at)
       SELECT $1, x.pos, x.cls, x.s, x.e FROM unnest($2::int[], $3::varchar[], $4::timestamptz[], $5::timestamptz[]) AS x(pos, cls, s, e)`,
      [requestId, options.map((_, i) => i + 1), options.map((o) => o.classCode), options.map((o) => o.startsAt), options.map((o) => o.endsAt)],
    );
  }

  async update(id: string, patch: Partial<Pick<RequestValues, 'rank' | 'driverId' | 'purpose' | 'destination' | 'passengers' | 'outOfPrefecture'>> & { status?: 'withdrawn'; withdrawnAt?: Date }): Promise<void> {
    const columns: Record<string, string> = {
      rank: 'rank',
      driverId: 'driver_id',
      purpose: 'purpose',
      destination: 'destination',
      passengers: 'passengers',
      outOfPrefecture: 'out_of_prefecture',
      status: 'status',
      withdrawnAt: 'withdrawn_at',
    };
    const params: unknown[] = [id];
    const sets = ['updated_at = now()'];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      sets.push(`${columns[key]} = $${params.push(value)}`);
    }
    await this.q.query(`UPDATE car_lottery_requests SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async findById(id: string, lock = false): Promise<RequestRecord | null> {
    const rows: Raw[] = await this.q.query(`SELECT * FROM car_lottery_requests WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findView(id: string): Promise<RequestView | null> {
    const rows: Raw[] = await this.q.query(`${VIEW} WHERE q.id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The caller's requests of a round (as applicant or as named driver), by rank. */
  async listMine(roundId: string, userId: string, includeWithdrawn: boolean): Promise<RequestView[]> {
    const rows: Raw[] = await this.q.query(
      `${VIEW} WHERE q.round_id = $1 AND (q.user_id = $2 OR q.driver_id = $2) ${includeWithdrawn ? '' : `AND q.status = 'active'`}
        ORDER BY (q.user_id = $2) DESC, q.rank, q.id`,
      [roundId, userId],
    );
    return rows.map(toView);
  }

  async activeOfUser(roundId: string, userId: string): Promise<Array<{ id: string; rank: number }>> {
    return this.q.query(`SELECT id, rank FROM car_lottery_requests WHERE round_id = $1 AND user_id = $2 AND status = 'active' ORDER BY rank, id`, [roundId, userId]);
  }

  async countActive(roundId: string, by: { userId?: string; sectionId?: string }): Promise<number> {
    const [row] = by.userId
      ? await this.q.query(`SELECT count(*)::int AS n FROM car_lottery_requests WHERE round_id = $1 AND user_id = $2 AND status = 'active'`, [roundId, by.userId])
      : await this.q.query(`SELECT count(*)::int AS n FROM car_lottery_requests WHERE round_id = $1 AND section_id = $2 AND status = 'active'`, [roundId, by.sectionId]);
    return row.n as number;
  }

  /**
   * Serialises the cap checks: the section row, then the user row, FOR NO KEY UPDATE until commit.
   * Two concurrent submissions of one user (or one section) thus count one after the other, and
   * neither lock blocks foreign-key checks (FOR KEY SHARE) on those rows.
   */
  async lockCapScopes(sectionId: string, userId: string): Promise<void> {
    await this.q.query(`SELECT 1 FROM sections WHERE id = $1 FOR NO KEY UPDATE`, [sectionId]);
    await this.q.query(`SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
  }

  async maxRank(roundId: string, userId: string): Promise<number> {
    const [row] = await this.q.query(`SELECT COALESCE(max(rank), 0)::int AS r FROM car_lottery_requests WHERE round_id = $1 AND user_id = $2 AND status = 'active'`, [roundId, userId]);
    return row.r as number;
  }

  /** FOR SHARE of the driver row (a revocation waits for the submission to commit). */
  async driverFacts(userId: string): Promise<DriverFactsRow | null> {
    const rows: Array<{ user_id: string; section_id: string; is_active: boolean; approved: boolean; licence_expires_on: string }> = await this.q.query(
      `SELECT d.user_id, u.section_id, u.is_active, d.approved, d.licence_expires_on::text AS licence_expires_on
         FROM drivers d JOIN users u ON u.id = d.user_id WHERE d.user_id = $1 FOR SHARE OF d`,
      [userId],
    );
    const r = rows[0];
    return r ? { userId: r.user_id, sectionId: r.section_id, active: r.is_active, approved: r.approved, licenceExpiresOn: r.licence_expires_on } : null;
  }

  /** For each interval: does the driver hold an active booking overlapping it? */
  async driverBusy(driverId: string, intervals: Array<{ startsAt: Date; endsAt: Date }>): Promise<boolean[]> {
    const rows: Array<{ i: number }> = await this.q.query(
      `SELECT x.i FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS x(s, e, i)
        WHERE EXISTS (SELECT 1 FROM car_bookings b WHERE b.driver_id = $1 AND b.status IN ('provisional','confirmed','in_use')
                        AND tstzrange(b.starts_at, b.ends_at) && tstzrange(x.s, x.e))`,
      [driverId, intervals.map((i) => i.startsAt), intervals.map((i) => i.endsAt)],
    );
    const busy = new Set(rows.map((r) => Number(r.i)));
    return intervals.map((_, k) => busy.has(k + 1));
  }

  /** Classes with active cars in the pool: how many and the smallest seat count (every car must seat the party). */
  async poolClasses(poolId: string): Promise<PoolClassRow[]> {
    const rows: Array<{ class_code: string; name_ja: string; cars: number; min_seats: number }> = await this.q.query(
      `SELECT c.class_code, cc.name_ja, count(*)::int AS cars, min(c.seats)::int AS min_seats
         FROM cars c JOIN car_classes cc ON cc.code = c.class_code
        WHERE c.pool_id = $1 AND c.status = 'active' GROUP BY c.class_code, cc.name_ja, cc.sort_order ORDER BY cc.sort_order, c.class_code`,
      [poolId],
    );
    return rows.map((r) => ({ classCode: r.class_code, className: r.name_ja, cars: r.cars, minSeats: r.min_seats }));
  }

  /** The round's active requests with their options (for the engine) and trip details (for the bookings). */
  async activeForInput(roundId: string): Promise<RequestForAllocation[]> {
    const rows: Array<Record<string, unknown>> = await this.q.query(
      `SELECT q.id, q.user_id, q.driver_id, q.rank, q.purpose, q.destination, q.passengers, q.out_of_prefecture,
              (SELECT json_agg(json_build_object('classCode', o.class_code, 'startsAt', o.starts_at, 'endsAt', o.ends_at) ORDER BY o.position)
                 FROM car_lottery_request_options o WHERE o.request_id = q.id) AS options
         FROM car_lottery_requests q WHERE q.round_id = $1 AND q.status = 'active' ORDER BY q.id`,
      [roundId],
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      userId: r['user_id'] as string,
      driverId: r['driver_id'] as string,
      rank: r['rank'] as number,
      purpose: r['purpose'] as string,
      destination: r['destination'] as string,
      passengers: r['passengers'] as number,
      outOfPrefecture: r['out_of_prefecture'] as boolean,
      options: (r['options'] as Array<{ classCode: string; startsAt: string; endsAt: string }>).map((o) => ({
        classCode: o.classCode,
        startsAt: new Date(o.startsAt),
        endsAt: new Date(o.endsAt),
      })),
    }));
  }
}
