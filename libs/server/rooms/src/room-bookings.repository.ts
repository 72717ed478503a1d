import { Injectable } from '@nestjs/common';
import { RoomAcNeedStatus, RoomBookingEntity, RoomBookingStatus, TransactionHost } from '@rr/server/persistence';

export type NewRoomBooking = Pick<RoomBookingEntity, 'roomId' | 'title' | 'organiserId' | 'bookedBy' | 'attendees' | 'startsAt' | 'endsAt' | 'status'> &
  Partial<Pick<RoomBookingEntity, 'seriesId' | 'occurrenceDate' | 'acExtensionNeeded'>>;
export type RoomBookingPatch = Partial<
  Pick<RoomBookingEntity, 'roomId' | 'title' | 'organiserId' | 'attendees' | 'startsAt' | 'endsAt' | 'status' | 'statusChangedAt' | 'acExtensionNeeded' | 'checkedInAt' | 'checkedInBy'>
>;

/** A booking with the names the API shows next to it. */
export interface RoomBookingRow {
  id: string;
  room_id: string;
  room_name: string;
  building: string;
  floor: number;
  title: string;
  organiser_id: string;
  organiser_name: string;
  booked_by: string;
  booked_by_name: string;
  attendees: number;
  starts_at: Date;
  ends_at: Date;
  status: RoomBookingStatus;
  created_at: Date;
  updated_at: Date;
  series_id: string | null;
  occurrence_date: string | null;
  checked_in_at: Date | null;
  check_in_required: boolean;
  ac_extension_needed: boolean;
  zone_code: string;
  /** The booking's room_ac_needs row, when there is one. */
  ac_date: string | null;
  ac_start_minute: number | null;
  ac_end_minute: number | null;
  ac_status: RoomAcNeedStatus | null;
}

export const BOOKING_VIEW = `
  SELECT b.id, b.room_id, r.name AS room_name, r.building, r.floor, b.title, b.organiser_id, ou.display_name AS organiser_name,
         b.booked_by, bu.display_name AS booked_by_name, b.attendees, b.starts_at, b.ends_at, b.status, b.created_at, b.updated_at,
         b.series_id, b.occurrence_date::text AS occurrence_date, b.checked_in_at, b.check_in_required, b.ac_extension_needed, r.zone_code,
         n.date::text AS ac_date, n.start_minute AS ac_start_minute, n.end_minute AS ac_end_minute, n.status AS ac_status
    FROM room_bookings b
    JOIN rooms r ON r.id = b.room_id
    JOIN users ou ON ou.id = b.organiser_id
    JOIN users bu ON bu.id = b.booked_by
    LEFT JOIN room_ac_needs n ON n.booking_id = b.id`;

export interface RoomBookingFilter {
  /** Bookings the user organises or booked. */
  holderId?: string;
  roomIds?: string[];
  activeOnly?: boolean;
  /** Overlapping [from, to). */
  from?: Date;
  to?: Date;
  /** Not ended at this instant. */
  endsAfter?: Date;
  limit?: number;
}

@Injectable()
export class RoomBookingsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(values: NewRoomBooking): Promise<string> {
    const result = await this.tx.manager.insert(RoomBookingEntity, values);
    return result.identifiers[0].id as string;
  }

  async update(id: string, patch: RoomBookingPatch): Promise<void> {
    await this.tx.manager.update(RoomBookingEntity, { id }, patch);
  }

  /**
   * INSERT unless a room block overlaps, and read back the API view, in one statement (the booking
   * hot path: no extra round trips, no ORM work). null = a block covers the interval. The block test
   * runs in this statement's snapshot, taken after the caller's room lock was granted, so a block
   * committed while the caller waited for the lock is seen. The AC-need columns come back empty;
   * the caller fills them from what it wrote.
   */
  async insertUnlessBlocked(v: NewRoomBooking): Promise<RoomBookingRow | null> {
    const rows: RoomBookingRow[] = await this.tx.manager.query(
      `WITH b AS (
         INSERT INTO room_bookings (room_id, title, organiser_id, booked_by, attendees, starts_at, ends_at, status, ac_extension_needed)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
          WHERE NOT EXISTS (SELECT 1 FROM room_blocks k WHERE k.room_id = $1 AND tstzrange(k.starts_at, k.ends_at) && tstzrange($6, $7))
         RETURNING *)
       SELECT b.id, b.room_id, r.name AS room_name, r.building, r.floor, b.title, b.organiser_id, ou.display_name AS organiser_name,
              b.booked_by, bu.display_name AS booked_by_name, b.attendees, b.starts_at, b.ends_at, b.status, b.created_at, b.updated_at,
              b.series_id, b.occurrence_date::text AS occurrence_date, b.checked_in_at, b.check_in_required, b.ac_extension_needed, r.zone_code,
              NULL::text AS ac_date, NULL::int AS ac_start_minute, NULL::int AS ac_end_minute, NULL::text AS ac_status
         FROM b JOIN rooms r ON r.id = b.room_id JOIN users ou ON ou.id = b.organiser_id JOIN users bu ON bu.id = b.booked_by`,
      [v.roomId, v.title, v.organiserId, v.bookedBy, v.attendees, v.startsAt, v.endsAt, v.status, v.acExtensionNeeded ?? false],
    );
    return rows[0] ?? null;
  }

  findById(id: string, lock = false): Promise<RoomBookingEntity | null> {
    return this.tx.manager.findOne(RoomBookingEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async findView(id: string): Promise<RoomBookingRow | null> {
    const rows: RoomBookingRow[] = await this.tx.manager.query(`${BOOKING_VIEW} WHERE b.id = $1`, [id]);
    return rows[0] ?? null;
  }

  list(f: RoomBookingFilter): Promise<RoomBookingRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.holderId) {
      const me = p(f.holderId);
      where.push(`(b.organiser_id = ${me} OR b.booked_by = ${me})`);
    }
    if (f.roomIds) where.push(`b.room_id = ANY(${p(f.roomIds)}::uuid[])`);
    if (f.activeOnly) where.push(`b.status = 'active'`);
    if (f.from && f.to) where.push(`tstzrange(b.starts_at, b.ends_at) && tstzrange(${p(f.from)}, ${p(f.to)})`);
    if (f.endsAfter) where.push(`b.ends_at > ${p(f.endsAfter)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = f.limit !== undefined ? `LIMIT ${p(f.limit)}` : '';
    return this.tx.manager.query(`${BOOKING_VIEW} ${clause} ORDER BY b.starts_at, r.name COLLATE "C", b.id ${limit}`, params);
  }

  /** Users who may organise a meeting: existing and not disabled. */
  async isActiveUser(userId: string): Promise<boolean> {
    return (await this.tx.manager.query(`SELECT 1 FROM users WHERE id = $1 AND is_active`, [userId])).length > 0;
  }
}
