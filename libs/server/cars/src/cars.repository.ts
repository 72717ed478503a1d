import { Injectable } from '@nestjs/common';
import type { CarsQuery } from '@rr/contracts';
import { ACTIVE_CAR_BOOKING_STATUSES, CarEntity, CarFuel, CarStatus, TransactionHost } from '@rr/server/persistence';
import type { CarCandidate } from './rules/car-choice';

export type CarValues = Pick<CarEntity, 'plateNumber' | 'model' | 'classCode' | 'seats' | 'fuel' | 'garageId' | 'bay' | 'poolId' | 'status' | 'notes'>;

/** A car with the names the API shows next to it. */
export interface CarRow {
  id: string;
  plate_number: string;
  model: string;
  class_code: string;
  class_name: string;
  class_name_en: string;
  class_sort: number;
  seats: number;
  fuel: CarFuel;
  garage_id: string;
  garage_name: string;
  bay: string;
  pool_id: string;
  pool_code: string;
  pool_name: string;
  status: CarStatus;
  notes: string;
}

const CAR_VIEW = `
  SELECT c.id, c.plate_number, c.model, c.class_code, cc.name_ja AS class_name, cc.name_en AS class_name_en, cc.sort_order AS class_sort,
         c.seats, c.fuel, c.garage_id, g.name AS garage_name, c.bay, c.pool_id, p.code AS pool_code, p.name AS pool_name, c.status, c.notes
    FROM cars c
    JOIN car_classes cc ON cc.code = c.class_code
    JOIN garages g ON g.id = c.garage_id
    JOIN car_pools p ON p.id = c.pool_id`;

/** Grid order everywhere: class, then bay, then plate (code-unit order, not the locale's). */
const CAR_ORDER = `ORDER BY cc.sort_order, c.class_code, c.bay COLLATE "C", c.plate_number COLLATE "C", c.id`;

const ACTIVE = `(${ACTIVE_CAR_BOOKING_STATUSES.map((s) => `'${s}'`).join(',')})`;

@Injectable()
export class CarsRepository {
  constructor(private readonly tx: TransactionHost) {}

  list(query: Partial<CarsQuery>): Promise<CarRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.poolId) add('c.pool_id = ?', query.poolId);
    if (query.garageId) add('c.garage_id = ?', query.garageId);
    if (query.classCode) add('c.class_code = ?', query.classCode);
    if (query.status && query.status !== 'all') add('c.status = ?', query.status);
    return this.tx.manager.query(`${CAR_VIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${CAR_ORDER}`, params);
  }

  async findView(id: string): Promise<CarRow | null> {
    const rows: CarRow[] = await this.tx.manager.query(`${CAR_VIEW} WHERE c.id = $1`, [id]);
    return rows[0] ?? null;
  }

  findById(id: string, lock = false): Promise<CarEntity | null> {
    return this.tx.manager.findOne(CarEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /**
   * Locks the car row FOR NO KEY UPDATE (until the transaction, or the enclosing savepoint, ends)
   * and returns what a booking needs. Writers of one car's bookings thus queue one after another
   * instead of inserting concurrently: PostgreSQL makes concurrent conflicting inserters into an
   * exclusion constraint wait on each other, and only its 1 s deadlock detector breaks the cycle,
   * which under a rush of identical requests degrades into seconds per request (ADR 0007). The
   * constraint still decides; the lock only orders the contenders. It also conflicts with the
   * FOR UPDATE a maintenance block takes and with retiring the car (an UPDATE), so neither can
   * slip between the "not blocked, still active" check and the booking's commit.
   */
  async lockForBooking(id: string): Promise<{ id: string; status: CarStatus; seats: number; classCode: string; poolId: string } | null> {
    const rows = await this.tx.manager.query(`SELECT id, status, seats, class_code, pool_id FROM cars WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    const row = rows[0] as { id: string; status: CarStatus; seats: number; class_code: string; pool_id: string } | undefined;
    return row ? { id: row.id, status: row.status, seats: row.seats, classCode: row.class_code, poolId: row.pool_id } : null;
  }

  /** FOR UPDATE: block changes and retirement serialise against bookings of the car (see lockForBooking). */
  async lockForMaintenance(id: string): Promise<boolean> {
    const rows = await this.tx.manager.query(`SELECT id FROM cars WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length > 0;
  }

  async isBlocked(carId: string, startsAt: Date, endsAt: Date): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `SELECT 1 FROM car_blocks WHERE car_id = $1 AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) LIMIT 1`,
      [carId, startsAt, endsAt],
    );
    return rows.length > 0;
  }

  /**
   * Active cars of a class (optionally of one pool) that look free over [startsAt, endsAt): not
   * blocked, no overlapping active booking (other than `excludeBookingId`), enough seats. A
   * pre-filter only: the exclusion constraint decides when the row is written.
   */
  async freeCandidates(args: {
    classCode: string;
    poolId?: string;
    startsAt: Date;
    endsAt: Date;
    minSeats: number;
    excludeBookingId?: string;
    excludeCarId?: string;
  }): Promise<CarCandidate[]> {
    const rows: Array<{ id: string; plate_number: string; last_end: Date | null }> = await this.tx.manager.query(
      `SELECT c.id, c.plate_number,
              (SELECT max(p.ends_at) FROM car_bookings p
                WHERE p.car_id = c.id AND p.status IN ${ACTIVE} AND p.ends_at <= $3
                  AND ($6::uuid IS NULL OR p.id <> $6)) AS last_end
         FROM cars c
        WHERE c.class_code = $1 AND c.status = 'active' AND ($2::uuid IS NULL OR c.pool_id = $2) AND c.seats >= $5
          AND ($7::uuid IS NULL OR c.id <> $7)
          AND NOT EXISTS (SELECT 1 FROM car_blocks k WHERE k.car_id = c.id AND tstzrange(k.starts_at, k.ends_at) && tstzrange($3, $4))
          AND NOT EXISTS (SELECT 1 FROM car_bookings b WHERE b.car_id = c.id AND b.status IN ${ACTIVE}
                            AND tstzrange(b.starts_at, b.ends_at) && tstzrange($3, $4) AND ($6::uuid IS NULL OR b.id <> $6))`,
      [args.classCode, args.poolId ?? null, args.startsAt, args.endsAt, args.minSeats, args.excludeBookingId ?? null, args.excludeCarId ?? null],
    );
    return rows.map((r) => ({ carId: r.id, plateNumber: r.plate_number, lastEndBefore: r.last_end }));
  }

  async insert(values: CarValues): Promise<string> {
    const result = await this.tx.manager.insert(CarEntity, values);
    return result.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<CarValues>): Promise<void> {
    await this.tx.manager.update(CarEntity, { id }, patch);
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(CarEntity, { id });
  }
}
