import { Injectable } from '@nestjs/common';
import { requestContext } from '@rr/server/http';
import { TransactionHost } from '@rr/server/persistence';
import type { RoomBookingRow } from './room-bookings.repository';
import type { RoomRow } from './rooms.repository';
import type { AcNeed } from './rules/ac-need';

/** A room row with its version (updated_at in microseconds since the epoch, as text: exact), as cached for the fast path. */
export type VersionedRoom = RoomRow & { version: string };

const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 5_000;

export interface FastBooking {
  room: VersionedRoom;
  title: string;
  organiserId: string;
  bookedBy: string;
  attendees: number;
  startsAt: Date;
  endsAt: Date;
  need: AcNeed | null;
}

/** 'stale': the room row is not the cached version any more (changed, blocked or unblocked since, gone) — redo it the careful way. */
export type FastOutcome = { kind: 'created'; row: RoomBookingRow } | { kind: 'blocked' } | { kind: 'stale' };

/**
 * The first-come booking in ONE statement (ADR 0017 §Benchmark). Under load the booking path was
 * bound by round trips (BEGIN, lock, insert, audit, COMMIT, read back: six statements, each a
 * socket write and wake-up on both sides); this does the same work in one, as one implicit
 * transaction:
 *
 * - the room is locked FOR NO KEY UPDATE only if it still has the version (updated_at) the
 *   caller's checks were made against — every room change, block creation and block removal bumps
 *   it, and a row lock wait re-checks the condition on the new version (EvalPlanQual), so a change
 *   committed while waiting makes the statement find no room ('stale') instead of booking against
 *   old rules or a new block;
 * - the booking is inserted unless a block overlaps, and the exclusion constraint still decides
 *   overlaps (23P01 → 409 ROOM_BOOKING_CONFLICT as before);
 * - the AC need and the audit entry are written by the same statement: the audit row is exactly
 *   what AuditService.record writes (actor and request id from the request context).
 *
 * Anything unusual (no cached version, on-behalf bookings, 'stale') goes through the ordinary
 * transaction in RoomBookingsService, which remains the reference implementation.
 */
@Injectable()
export class RoomBookingFastPath {
  private readonly rooms = new Map<string, { room: VersionedRoom; at: number }>();

  constructor(private readonly tx: TransactionHost) {}

  /** The room as last read (≤ 30 s old): its rules drive the checks, its version guards the write. */
  async room(id: string): Promise<VersionedRoom | null> {
    const hit = this.rooms.get(id);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.room;
    const rows: VersionedRoom[] = await this.tx.manager.query(
      `SELECT r.id, r.building, r.floor, r.zone_code, r.type, r.name, r.capacity, r.has_monitor, r.has_camera, r.has_microphone, r.has_web_meeting,
              r.bookable_from_minute, r.bookable_until_minute, r.max_duration_minutes, r.horizon_months, r.high_demand, r.notes, r.active,
              (extract(epoch FROM r.updated_at) * 1000000)::bigint::text AS version
         FROM rooms r WHERE r.id = $1`,
      [id],
    );
    if (!rows[0]) {
      this.rooms.delete(id);
      return null;
    }
    if (this.rooms.size >= CACHE_MAX) this.rooms.clear();
    this.rooms.set(id, { room: rows[0], at: Date.now() });
    return rows[0];
  }

  forget(id: string): void {
    this.rooms.delete(id);
  }

  async create(b: FastBooking): Promise<FastOutcome> {
    const ctx = requestContext.get();
    const rows: Array<RoomBookingRow & { room_ok: boolean }> = await this.tx.manager.query(
      `WITH r AS (
         SELECT id, zone_code FROM rooms WHERE id = $1 AND (extract(epoch FROM updated_at) * 1000000)::bigint = $2::bigint AND active FOR NO KEY UPDATE
       ), b AS (
         INSERT INTO room_bookings (room_id, title, organiser_id, booked_by, attendees, starts_at, ends_at, status, ac_extension_needed)
         SELECT r.id, $3, $4, $5, $6, $7, $8, 'active', $9 FROM r
          WHERE NOT EXISTS (SELECT 1 FROM room_blocks k WHERE k.room_id = r.id AND tstzrange(k.starts_at, k.ends_at) && tstzrange($7, $8))
         RETURNING *
       ), n AS (
         INSERT INTO room_ac_needs (booking_id, zone_code, date, start_minute, end_minute)
         SELECT b.id, r.zone_code, $10::date, $11, $12 FROM b, r WHERE $10::date IS NOT NULL
       ), a AS (
         INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, before, after, request_id)
         SELECT $13, $14, 'room_booking.create', 'room_booking', b.id::text, NULL,
                jsonb_build_object('roomId', b.room_id, 'title', b.title, 'organiserId', b.organiser_id, 'bookedBy', b.booked_by,
                                   'attendees', b.attendees, 'startsAt', $15::text, 'endsAt', $16::text, 'status', b.status), $17
           FROM b
       )
       SELECT EXISTS (SELECT 1 FROM r) AS room_ok, b.id, b.room_id, rr.name AS room_name, rr.building, rr.floor, b.title, b.organiser_id,
              ou.display_name AS organiser_name, b.booked_by, bu.display_name AS booked_by_name, b.attendees, b.starts_at, b.ends_at, b.status,
              b.created_at, b.updated_at, b.series_id, b.occurrence_date::text AS occurrence_date, b.checked_in_at, b.check_in_required,
              b.ac_extension_needed, rr.zone_code
         FROM (SELECT 1) one
         LEFT JOIN b ON true
         LEFT JOIN rooms rr ON rr.id = b.room_id
         LEFT JOIN users ou ON ou.id = b.organiser_id
         LEFT JOIN users bu ON bu.id = b.booked_by`,
      [
        b.room.id,
        b.room.version,
        b.title,
        b.organiserId,
        b.bookedBy,
        b.attendees,
        b.startsAt,
        b.endsAt,
        b.need !== null,
        b.need?.date ?? null,
        b.need?.startMinute ?? null,
        b.need?.endMinute ?? null,
        ctx?.actor?.id ?? null,
        ctx?.actor?.displayName ?? 'system',
        b.startsAt.toISOString(),
        b.endsAt.toISOString(),
        ctx?.requestId ?? null,
      ],
    );
    const row = rows[0];
    if (!row.room_ok) {
      this.forget(b.room.id);
      return { kind: 'stale' };
    }
    if (!row.id) return { kind: 'blocked' };
    const { room_ok: _ok, ...view } = row;
    return {
      kind: 'created',
      row: {
        ...view,
        ac_date: b.need?.date ?? null,
        ac_start_minute: b.need?.startMinute ?? null,
        ac_end_minute: b.need?.endMinute ?? null,
        ac_status: b.need ? 'open' : null,
      },
    };
  }
}
