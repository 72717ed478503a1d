import { Injectable } from '@nestjs/common';
import type { DrawRecord, Promotion } from '@rr/domain';
import { TransactionHost } from '@rr/server/persistence';
import type { BlockSpan, BookingSpan, CommitmentSpan, PoolCar } from './rules/lottery-input';

export interface PoolCarRow extends PoolCar {
  plateNumber: string;
  className: string;
}

const ACTIVE = `('provisional','confirmed','in_use')`;

/** A booking the draw or the waitlist pass writes (ids made by the caller, so rows map back to requests). */
export interface AllocatedBooking {
  id: string;
  requestId: string;
  carId: string;
  driverId: string;
  bookedBy: string;
  startsAt: Date;
  endsAt: Date;
  purpose: string;
  destination: string;
  passengers: number;
  outOfPrefecture: boolean;
  source: 'lottery' | 'waitlist';
  status: 'provisional' | 'confirmed';
}

/** A request of the round with its booking, as the waitlist pass and the notifications see it. */
export interface AllocationRow {
  requestId: string;
  userId: string;
  driverId: string;
  result: 'pending' | 'won' | 'lost' | 'promoted';
  wonOption: number | null;
  bookingId: string | null;
  bookingStatus: string | null;
  carId: string | null;
  plateNumber: string | null;
  className: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface WaitlistPassRow {
  passNo: number;
  releasedRequestIds: string[];
  releasedBookingIds: string[];
  prior: Promotion[];
  adjustments: Record<string, unknown>;
  promotions: Promotion[];
  digest: string;
  createdAt: Date;
}

/**
 * What the draw and the waitlist pass read and write: the pool's capacity under locks, the draw
 * record, the bookings they make, request outcomes and streaks. Only repositories touch SQL.
 */
@Injectable()
export class AllocationRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get q() {
    return this.tx.manager;
  }

  /**
   * The pool's active cars and which of `driverIds` are (still) registered drivers. With `lock`,
   * the driver rows and then the car rows are locked FOR NO KEY UPDATE in id order — the same order
   * (driver, then car) as a first-come booking takes its two locks (ADR 0007), so they queue instead
   * of deadlocking. Until commit, no booking of these drivers or cars, no block and no retirement
   * can slip between what the draw (or the waitlist pass) reads and what it writes.
   */
  async poolState(poolId: string, driverIds: string[], lock: boolean): Promise<{ cars: PoolCarRow[]; registered: Set<string> }> {
    const drivers: Array<{ user_id: string }> = await this.q.query(
      `SELECT user_id FROM drivers WHERE user_id = ANY($1::uuid[]) ORDER BY user_id ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [driverIds],
    );
    const cars: Array<{ id: string; class_code: string; plate_number: string; name_ja: string }> = await this.q.query(
      `SELECT c.id, c.class_code, c.plate_number, cc.name_ja FROM cars c JOIN car_classes cc ON cc.code = c.class_code
        WHERE c.pool_id = $1 AND c.status = 'active' ORDER BY c.id ${lock ? 'FOR NO KEY UPDATE OF c' : ''}`,
      [poolId],
    );
    return {
      cars: cars.map((c) => ({ id: c.id, classCode: c.class_code, plateNumber: c.plate_number, className: c.name_ja })),
      registered: new Set(drivers.map((d) => d.user_id)),
    };
  }

  /** Plate and class name of cars (for notifications), whatever their pool or status. */
  async carLabels(carIds: string[]): Promise<Map<string, { plateNumber: string; className: string }>> {
    const rows: Array<{ id: string; plate_number: string; name_ja: string }> = await this.q.query(
      `SELECT c.id, c.plate_number, cc.name_ja FROM cars c JOIN car_classes cc ON cc.code = c.class_code WHERE c.id = ANY($1::uuid[])`,
      [carIds],
    );
    return new Map(rows.map((r) => [r.id, { plateNumber: r.plate_number, className: r.name_ja }]));
  }

  async bookingsByIds(ids: string[]): Promise<Map<string, BookingSpan & { status: string }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; car_id: string; driver_id: string; starts_at: Date; ends_at: Date; status: string }> = await this.q.query(
      `SELECT id, car_id, driver_id, starts_at, ends_at, status FROM car_bookings WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, carId: r.car_id, driverId: r.driver_id, startsAt: r.starts_at, endsAt: r.ends_at, status: r.status }]));
  }

  async blocks(carIds: string[], from: Date, to: Date): Promise<BlockSpan[]> {
    const rows: Array<{ car_id: string; starts_at: Date; ends_at: Date }> = await this.q.query(
      `SELECT car_id, starts_at, ends_at FROM car_blocks WHERE car_id = ANY($1::uuid[]) AND tstzrange(starts_at, ends_at) && tstzrange($2, $3)
        ORDER BY car_id, starts_at`,
      [carIds, from, to],
    );
    return rows.map((r) => ({ carId: r.car_id, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  /** Active bookings on the cars over the period, except those `excludeRoundId` allocated (lottery or waitlist). */
  async bookingsOnCars(carIds: string[], from: Date, to: Date, excludeRoundId?: string): Promise<BookingSpan[]> {
    const rows: Array<{ id: string; car_id: string; driver_id: string; starts_at: Date; ends_at: Date }> = await this.q.query(
      `SELECT id, car_id, driver_id, starts_at, ends_at FROM car_bookings
        WHERE car_id = ANY($1::uuid[]) AND status IN ${ACTIVE} AND tstzrange(starts_at, ends_at) && tstzrange($2, $3)
          AND NOT ($4::uuid IS NOT NULL AND round_id = $4 AND source IN ('lottery','waitlist'))
        ORDER BY id`,
      [carIds, from, to, excludeRoundId ?? null],
    );
    return rows.map((r) => ({ id: r.id, carId: r.car_id, driverId: r.driver_id, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  /** The drivers' active bookings on other cars (other pools, retired cars) overlapping the period. */
  async commitmentsElsewhere(driverIds: string[], carIds: string[], from: Date, to: Date, excludeRoundId?: string): Promise<CommitmentSpan[]> {
    const rows: Array<{ driver_id: string; starts_at: Date; ends_at: Date }> = await this.q.query(
      `SELECT driver_id, starts_at, ends_at FROM car_bookings
        WHERE driver_id = ANY($1::uuid[]) AND NOT (car_id = ANY($2::uuid[])) AND status IN ${ACTIVE}
          AND tstzrange(starts_at, ends_at) && tstzrange($3, $4)
          AND NOT ($5::uuid IS NOT NULL AND round_id = $5 AND source IN ('lottery','waitlist'))
        ORDER BY driver_id, starts_at, ends_at`,
      [driverIds, carIds, from, to, excludeRoundId ?? null],
    );
    return rows.map((r) => ({ driverId: r.driver_id, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  async streaks(poolId: string, userIds: string[]): Promise<Map<string, number>> {
    const rows: Array<{ user_id: string; zero_win_streak: number }> = await this.q.query(
      `SELECT user_id, zero_win_streak FROM lottery_streaks WHERE pool_id = $1 AND user_id = ANY($2::uuid[])`,
      [poolId, userIds],
    );
    return new Map(rows.map((r) => [r.user_id, r.zero_win_streak]));
  }

  async setStreaks(poolId: string, roundId: string, rows: Array<{ userId: string; zeroWinStreak: number }>): Promise<void> {
    if (rows.length === 0) return;
    await this.q.query(
      `INSERT INTO lottery_streaks (user_id, pool_id, zero_win_streak, last_round_id)
       SELECT x.u, $1, x.z, $2 FROM unnest($3::uuid[], $4::int[]) AS x(u, z)
       ON CONFLICT (user_id, pool_id) DO UPDATE SET zero_win_streak = EXCLUDED.zero_win_streak, last_round_id = EXCLUDED.last_round_id, updated_at = now()`,
      [poolId, roundId, rows.map((r) => r.userId), rows.map((r) => r.zeroWinStreak)],
    );
  }

  async insertDrawRecord(record: DrawRecord): Promise<void> {
    await this.q.query(
      `INSERT INTO car_lottery_draw_records (round_id, algorithm, record, input_digest, ticket_digest, seed, result_digest)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
      [record.roundId, record.algorithm, JSON.stringify(record), record.inputDigest, record.ticketDigest, record.seed, record.resultDigest],
    );
  }

  async drawRecord(roundId: string): Promise<DrawRecord | null> {
    const rows: Array<{ record: DrawRecord }> = await this.q.query(`SELECT record FROM car_lottery_draw_records WHERE round_id = $1`, [roundId]);
    return rows[0]?.record ?? null;
  }

  /**
   * One INSERT for all of them. The exclusion constraints are the final judge even here: the draw
   * placed every trip on a car and a driver it knew to be free under locks, so a 23P01 means a bug
   * and aborts the whole draw (nothing is half-written).
   */
  async insertBookings(rows: AllocatedBooking[], roundId: string): Promise<void> {
    if (rows.length === 0) return;
    await this.q.query(
      `INSERT INTO car_bookings (id, car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, passengers,
                                 out_of_prefecture, source, round_id, status)
       SELECT x.id, x.car, x.driver, x.booker, u.section_id, x.s, x.e, x.purpose, x.dest, x.pax, x.oop, x.src, $1, x.st
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[], $8::varchar[], $9::varchar[],
                     $10::smallint[], $11::boolean[], $12::varchar[], $13::varchar[])
              AS x(id, car, driver, booker, s, e, purpose, dest, pax, oop, src, st)
         JOIN users u ON u.id = x.driver`,
      [
        roundId,
        rows.map((r) => r.id),
        rows.map((r) => r.carId),
        rows.map((r) => r.driverId),
        rows.map((r) => r.bookedBy),
        rows.map((r) => r.startsAt),
        rows.map((r) => r.endsAt),
        rows.map((r) => r.purpose),
        rows.map((r) => r.destination),
        rows.map((r) => r.passengers),
        rows.map((r) => r.outOfPrefecture),
        rows.map((r) => r.source),
        rows.map((r) => r.status),
      ],
    );
  }

  /** Outcome of every listed request: result, won option (0 = lost) and its booking. */
  async setOutcomes(rows: Array<{ requestId: string; result: 'won' | 'lost' | 'promoted'; wonOption: number; bookingId: string | null }>): Promise<void> {
    if (rows.length === 0) return;
    await this.q.query(
      `UPDATE car_lottery_requests q SET result = x.res, won_option = x.opt, booking_id = x.bid, updated_at = now()
         FROM unnest($1::uuid[], $2::varchar[], $3::smallint[], $4::uuid[]) AS x(id, res, opt, bid) WHERE q.id = x.id`,
      [rows.map((r) => r.requestId), rows.map((r) => r.result), rows.map((r) => r.wonOption), rows.map((r) => r.bookingId)],
    );
  }

  /** Every active request of the round with its booking (if any). */
  async allocations(roundId: string): Promise<AllocationRow[]> {
    const rows: Array<Record<string, unknown>> = await this.q.query(
      `SELECT q.id, q.user_id, q.driver_id, q.result, q.won_option, q.booking_id, b.status AS booking_status, b.car_id, c.plate_number,
              cc.name_ja AS class_name, b.starts_at, b.ends_at
         FROM car_lottery_requests q
         LEFT JOIN car_bookings b ON b.id = q.booking_id
         LEFT JOIN cars c ON c.id = b.car_id
         LEFT JOIN car_classes cc ON cc.code = c.class_code
        WHERE q.round_id = $1 AND q.status = 'active'
        ORDER BY q.id`,
      [roundId],
    );
    return rows.map((r) => ({
      requestId: r['id'] as string,
      userId: r['user_id'] as string,
      driverId: r['driver_id'] as string,
      result: r['result'] as AllocationRow['result'],
      wonOption: r['won_option'] as number | null,
      bookingId: r['booking_id'] as string | null,
      bookingStatus: r['booking_status'] as string | null,
      carId: r['car_id'] as string | null,
      plateNumber: r['plate_number'] as string | null,
      className: r['class_name'] as string | null,
      startsAt: r['starts_at'] as Date | null,
      endsAt: r['ends_at'] as Date | null,
    }));
  }

  /** 当選無効: the round's unconfirmed lottery wins become `released`; returns them. */
  async voidUnconfirmed(roundId: string, at: Date): Promise<Array<{ id: string; bookedBy: string; startsAt: Date; endsAt: Date }>> {
    const [rows] = await this.q.query(
      `UPDATE car_bookings SET status = 'released', status_changed_at = $2, updated_at = now()
        WHERE round_id = $1 AND source = 'lottery' AND status = 'provisional'
        RETURNING id, booked_by, starts_at, ends_at`,
      [roundId, at],
    );
    return (rows as Array<{ id: string; booked_by: string; starts_at: Date; ends_at: Date }>).map((r) => ({ id: r.id, bookedBy: r.booked_by, startsAt: r.starts_at, endsAt: r.ends_at }));
  }

  /** The status of the listed bookings (missing ids are absent from the map). */
  async bookingStatuses(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; status: string }> = await this.q.query(`SELECT id, status FROM car_bookings WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  async waitlistPasses(roundId: string): Promise<WaitlistPassRow[]> {
    const rows: Array<Record<string, unknown>> = await this.q.query(`SELECT * FROM car_lottery_waitlist_passes WHERE round_id = $1 ORDER BY pass_no`, [roundId]);
    return rows.map((r) => ({
      passNo: r['pass_no'] as number,
      releasedRequestIds: r['released_request_ids'] as string[],
      releasedBookingIds: r['released_booking_ids'] as string[],
      prior: r['prior'] as Promotion[],
      adjustments: r['adjustments'] as Record<string, unknown>,
      promotions: r['promotions'] as Promotion[],
      digest: r['digest'] as string,
      createdAt: r['created_at'] as Date,
    }));
  }

  async insertWaitlistPass(roundId: string, pass: Omit<WaitlistPassRow, 'createdAt'>): Promise<void> {
    await this.q.query(
      `INSERT INTO car_lottery_waitlist_passes (round_id, pass_no, released_request_ids, released_booking_ids, prior, adjustments, promotions, digest)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, $8)`,
      [
        roundId,
        pass.passNo,
        JSON.stringify(pass.releasedRequestIds),
        JSON.stringify(pass.releasedBookingIds),
        JSON.stringify(pass.prior),
        JSON.stringify(pass.adjustments),
        JSON.stringify(pass.promotions),
        pass.digest,
      ],
    );
  }

  async lockBooking(id: string): Promise<{ id: string; status: string; source: string; roundId: string | null } | null> {
    const rows: Array<{ id: string; status: string; source: string; round_id: string | null }> = await this.q.query(
      `SELECT id, status, source, round_id FROM car_bookings WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ? { id: rows[0].id, status: rows[0].status, source: rows[0].source, roundId: rows[0].round_id } : null;
  }

  async setBookingStatus(id: string, status: 'confirmed' | 'cancelled', at: Date): Promise<void> {
    await this.q.query(`UPDATE car_bookings SET status = $2, status_changed_at = $3, updated_at = now() WHERE id = $1`, [id, status, at]);
  }

  /** Active staff with an approved driver registration: who hears that a round opened. */
  async approvedDriverIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.q.query(
      `SELECT u.id FROM users u JOIN drivers d ON d.user_id = u.id WHERE u.is_active AND d.approved ORDER BY u.id`,
    );
    return rows.map((r) => r.id);
  }

  /** Holders of the round's provisional wins with how many each (the confirmation reminder). */
  async provisionalHolders(roundId: string): Promise<Array<{ userId: string; pending: number }>> {
    const rows: Array<{ booked_by: string; n: number }> = await this.q.query(
      `SELECT booked_by, count(*)::int AS n FROM car_bookings WHERE round_id = $1 AND source = 'lottery' AND status = 'provisional'
        GROUP BY booked_by ORDER BY booked_by`,
      [roundId],
    );
    return rows.map((r) => ({ userId: r.booked_by, pending: r.n }));
  }
}
