import { Injectable } from '@nestjs/common';
import { RoomSeriesEntity, TransactionHost } from '@rr/server/persistence';
import { BOOKING_VIEW, RoomBookingRow } from './room-bookings.repository';

export type NewRoomSeries = Pick<
  RoomSeriesEntity,
  'roomId' | 'title' | 'organiserId' | 'bookedBy' | 'attendees' | 'rrule' | 'firstDate' | 'startMinute' | 'endMinute' | 'skipClosedDays'
>;

export interface RoomSeriesRow {
  id: string;
  room_id: string;
  room_name: string;
  title: string;
  organiser_id: string;
  organiser_name: string;
  booked_by: string;
  attendees: number;
  rrule: string;
  first_date: string;
  start_minute: number;
  end_minute: number;
  skip_closed_days: boolean;
  created_at: Date;
}

/** The active booking that holds (part of) a slot: what an occurrence conflicts with. */
export interface ConflictRow {
  id: string;
  title: string;
  organiser_name: string;
  starts_at: Date;
  ends_at: Date;
}

const SERIES_VIEW = `
  SELECT s.id, s.room_id, r.name AS room_name, s.title, s.organiser_id, u.display_name AS organiser_name, s.booked_by, s.attendees, s.rrule,
         s.first_date::text AS first_date, s.start_minute, s.end_minute, s.skip_closed_days, s.created_at
    FROM room_series s JOIN rooms r ON r.id = s.room_id JOIN users u ON u.id = s.organiser_id`;

/** Which writes of an occurrence may fail on the exclusion constraint without losing the transaction. */
const SAVEPOINT = 'room_occurrence';

@Injectable()
export class RoomSeriesRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(values: NewRoomSeries): Promise<string> {
    const result = await this.tx.manager.insert(RoomSeriesEntity, values);
    return result.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<NewRoomSeries>): Promise<void> {
    await this.tx.manager.update(RoomSeriesEntity, { id }, patch);
  }

  async findView(id: string, lock = false): Promise<RoomSeriesRow | null> {
    const rows: RoomSeriesRow[] = await this.tx.manager.query(`${SERIES_VIEW} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`, [id]);
    return rows[0] ?? null;
  }

  occurrences(seriesId: string): Promise<RoomBookingRow[]> {
    return this.tx.manager.query(`${BOOKING_VIEW} WHERE b.series_id = $1 ORDER BY b.occurrence_date, b.starts_at, b.id`, [seriesId]);
  }

  /** Active occurrences on or after `fromDate`, locked FOR UPDATE (of the booking rows) in date order. */
  async lockFollowing(seriesId: string, fromDate: string): Promise<Array<{ id: string; occurrence_date: string; starts_at: Date; ends_at: Date }>> {
    return this.tx.manager.query(
      `SELECT id, occurrence_date::text AS occurrence_date, starts_at, ends_at FROM room_bookings
        WHERE series_id = $1 AND occurrence_date >= $2::date AND status = 'active' ORDER BY occurrence_date, id FOR UPDATE`,
      [seriesId, fromDate],
    );
  }

  /**
   * Inserts one occurrence unless an active booking of the room overlaps it: the exclusion
   * constraint is the arbiter of ON CONFLICT DO NOTHING, so a taken slot yields null instead of
   * aborting the series' transaction. (room_bookings has no other unique or exclusion constraint.)
   */
  async insertIfFree(v: {
    roomId: string;
    title: string;
    organiserId: string;
    bookedBy: string;
    attendees: number;
    startsAt: Date;
    endsAt: Date;
    seriesId: string;
    occurrenceDate: string;
    acExtensionNeeded: boolean;
  }): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `INSERT INTO room_bookings (room_id, title, organiser_id, booked_by, attendees, starts_at, ends_at, status, series_id, occurrence_date, ac_extension_needed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
      [v.roomId, v.title, v.organiserId, v.bookedBy, v.attendees, v.startsAt, v.endsAt, v.seriesId, v.occurrenceDate, v.acExtensionNeeded],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Moves one occurrence inside a savepoint: true when moved, false when the exclusion constraint
   * refused it (the savepoint is rolled back and the transaction goes on). Other errors propagate.
   */
  async moveIfFree(id: string, startsAt: Date, endsAt: Date, acExtensionNeeded: boolean): Promise<boolean> {
    const m = this.tx.manager;
    await m.query(`SAVEPOINT ${SAVEPOINT}`);
    try {
      await m.query(`UPDATE room_bookings SET starts_at = $2, ends_at = $3, ac_extension_needed = $4, updated_at = now() WHERE id = $1`, [id, startsAt, endsAt, acExtensionNeeded]);
    } catch (error) {
      await m.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23P01') return false;
      throw error;
    }
    await m.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    return true;
  }

  /** The first active booking of the room overlapping [startsAt, endsAt), other than `exceptId`. */
  async conflictWith(roomId: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<ConflictRow | null> {
    const rows: ConflictRow[] = await this.tx.manager.query(
      `SELECT b.id, b.title, u.display_name AS organiser_name, b.starts_at, b.ends_at FROM room_bookings b JOIN users u ON u.id = b.organiser_id
        WHERE b.room_id = $1 AND b.status = 'active' AND tstzrange(b.starts_at, b.ends_at) && tstzrange($2, $3) AND b.id IS DISTINCT FROM $4::uuid
        ORDER BY b.starts_at LIMIT 1`,
      [roomId, startsAt, endsAt, exceptId ?? null],
    );
    return rows[0] ?? null;
  }
}
