import { Injectable } from '@nestjs/common';
import { ACTIVE_CAR_BOOKING_STATUSES, CarBookingEntity, CarBookingSource, CarBookingStatus, TransactionHost } from '@rr/server/persistence';

export type NewCarBooking = Pick<
  CarBookingEntity,
  | 'carId'
  | 'driverId'
  | 'bookedBy'
  | 'sectionId'
  | 'startsAt'
  | 'endsAt'
  | 'purpose'
  | 'destination'
  | 'passengers'
  | 'outOfPrefecture'
  | 'source'
  | 'priorityReason'
  | 'status'
>;
export type CarBookingPatch = Partial<
  Pick<
    CarBookingEntity,
    'carId' | 'driverId' | 'sectionId' | 'startsAt' | 'endsAt' | 'purpose' | 'destination' | 'passengers' | 'outOfPrefecture' | 'status' | 'statusChangedAt' | 'needsReassignment'
  >
>;

/** A booking with the names the API shows next to it. */
export interface CarBookingRow {
  id: string;
  car_id: string;
  plate_number: string;
  car_model: string;
  class_code: string;
  class_name: string;
  garage_name: string;
  bay: string;
  pool_id: string;
  driver_id: string;
  driver_name: string;
  booked_by: string;
  booked_by_name: string;
  section_id: string;
  section_name: string;
  starts_at: Date;
  ends_at: Date;
  purpose: string;
  destination: string;
  passengers: number;
  out_of_prefecture: boolean;
  source: CarBookingSource;
  round_id: string | null;
  priority_reason: string | null;
  status: CarBookingStatus;
  needs_reassignment: boolean;
  created_at: Date;
  updated_at: Date;
}

const BOOKING_VIEW = `
  SELECT b.id, b.car_id, c.plate_number, c.model AS car_model, c.class_code, cc.name_ja AS class_name, g.name AS garage_name, c.bay, c.pool_id,
         b.driver_id, du.display_name AS driver_name, b.booked_by, bu.display_name AS booked_by_name, b.section_id, s.name AS section_name,
         b.starts_at, b.ends_at, b.purpose, b.destination, b.passengers, b.out_of_prefecture, b.source, b.round_id, b.priority_reason,
         b.status, b.needs_reassignment, b.created_at, b.updated_at
    FROM car_bookings b
    JOIN cars c ON c.id = b.car_id
    JOIN car_classes cc ON cc.code = c.class_code
    JOIN garages g ON g.id = c.garage_id
    JOIN users du ON du.id = b.driver_id
    JOIN users bu ON bu.id = b.booked_by
    JOIN sections s ON s.id = b.section_id`;

export const ACTIVE_SQL = `(${ACTIVE_CAR_BOOKING_STATUSES.map((s) => `'${s}'`).join(',')})`;

export interface BookingFilter {
  /** Bookings the user drives or booked. */
  holderId?: string;
  carId?: string;
  carIds?: string[];
  driverId?: string;
  status?: CarBookingStatus;
  activeOnly?: boolean;
  needsReassignment?: boolean;
  /** Overlapping [from, to). */
  from?: Date;
  to?: Date;
  /** Not ended at this instant. */
  endsAfter?: Date;
  limit?: number;
  offset?: number;
}

let savepointSeq = 0;

@Injectable()
export class CarBookingsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Runs `fn` under a savepoint of the current transaction: if it fails (say, an exclusion
   * violation on one car), only its statements are undone and the transaction can try the next
   * car. PostgreSQL would otherwise refuse every later statement of the aborted transaction.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.tx.inTransaction) throw new Error('savepoint() needs an open transaction');
    const name = `car_sp_${++savepointSeq}`;
    await this.tx.manager.query(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      await this.tx.manager.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (error) {
      await this.tx.manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  }

  async insert(values: NewCarBooking): Promise<string> {
    const result = await this.tx.manager.insert(CarBookingEntity, values);
    return result.identifiers[0].id as string;
  }

  async update(id: string, patch: CarBookingPatch): Promise<void> {
    await this.tx.manager.update(CarBookingEntity, { id }, patch);
  }

  findById(id: string, lock = false): Promise<CarBookingEntity | null> {
    return this.tx.manager.findOne(CarBookingEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async findView(id: string): Promise<CarBookingRow | null> {
    const rows: CarBookingRow[] = await this.tx.manager.query(`${BOOKING_VIEW} WHERE b.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(f: BookingFilter): Promise<{ items: CarBookingRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.holderId) {
      const me = p(f.holderId);
      where.push(`(b.driver_id = ${me} OR b.booked_by = ${me})`);
    }
    if (f.carId) where.push(`b.car_id = ${p(f.carId)}`);
    if (f.carIds) where.push(`b.car_id = ANY(${p(f.carIds)}::uuid[])`);
    if (f.driverId) where.push(`b.driver_id = ${p(f.driverId)}`);
    if (f.status) where.push(`b.status = ${p(f.status)}`);
    if (f.activeOnly) where.push(`b.status IN ${ACTIVE_SQL}`);
    if (f.needsReassignment !== undefined) where.push(`b.needs_reassignment = ${p(f.needsReassignment)}`);
    if (f.from && f.to) where.push(`tstzrange(b.starts_at, b.ends_at) && tstzrange(${p(f.from)}, ${p(f.to)})`);
    if (f.endsAfter) where.push(`b.ends_at > ${p(f.endsAfter)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.tx.manager.query(`SELECT count(*)::int AS n FROM car_bookings b ${clause}`, params);
    const page = f.limit !== undefined ? `LIMIT ${p(f.limit)} OFFSET ${p(f.offset ?? 0)}` : '';
    const items: CarBookingRow[] = await this.tx.manager.query(`${BOOKING_VIEW} ${clause} ORDER BY b.starts_at, c.plate_number COLLATE "C", b.id ${page}`, params);
    return { items, total: n as number };
  }

  /** Active bookings of a car overlapping [startsAt, endsAt), earliest first; locked FOR UPDATE. */
  async lockActiveOverlapping(carId: string, startsAt: Date, endsAt: Date): Promise<CarBookingEntity[]> {
    return this.tx.manager
      .createQueryBuilder(CarBookingEntity, 'b')
      .where('b.car_id = :carId', { carId })
      .andWhere(`b.status IN ${ACTIVE_SQL}`)
      .andWhere('tstzrange(b.starts_at, b.ends_at) && tstzrange(:startsAt, :endsAt)', { startsAt, endsAt })
      .orderBy('b.starts_at', 'ASC')
      .addOrderBy('b.ends_at', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Clears the flag on the car's bookings that no block overlaps any more; returns their ids. */
  async clearResolvedFlags(carId: string): Promise<string[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
    const [rows]: [Array<{ id: string }>, number] = await this.tx.manager.query(
      `UPDATE car_bookings b SET needs_reassignment = false, updated_at = now()
        WHERE b.car_id = $1 AND b.needs_reassignment
          AND NOT EXISTS (SELECT 1 FROM car_blocks k WHERE k.car_id = b.car_id AND tstzrange(k.starts_at, k.ends_at) && tstzrange(b.starts_at, b.ends_at))
        RETURNING b.id`,
      [carId],
    );
    return rows.map((r) => r.id);
  }
}
