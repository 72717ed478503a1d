import { Inject, Injectable } from '@nestjs/common';
import type { RoomBooking, RoomNoShow, RoomNoShowsQuery } from '@rr/contracts';
import { AppError, Clock, tokyoDate, tokyoInstant } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { NotificationsService } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { RoomAcNeedsRepository } from './room-ac-needs.repository';
import { RoomBookingsRepository } from './room-bookings.repository';
import { RoomBookingsService } from './room-bookings.service';
import { RoomSettingsService } from './room-settings.service';
import { runRoomTransaction } from './room-transaction';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomErrors } from './rooms.errors';
import { bookingSnapshot } from './rooms.mappers';
import { checkInOpen } from './rules/check-in-window';
import { datePlus, tokyoDayAfter } from './rules/tokyo-days';

/** How far back the release scan looks: a booking the worker missed for a day is history, not a no-show to announce. */
const RELEASE_LOOKBACK_MS = 24 * 3_600_000;
/** Bookings released per transaction (the job loops until none is left). */
const RELEASE_BATCH = 200;

export interface ReleaseOutcome {
  released: string[];
}

/**
 * Check-in (チェックイン) and the no-show release (ADR 0017). A booking is checked in by a holder
 * from the booking, or through the room's QR code by the signed-in user whose booking of that room
 * is in its window now. The worker releases active bookings not checked in by start + N minutes
 * (`released`), notifies the organiser, and the released rows are the no-show count.
 */
@Injectable()
export class RoomCheckInService {
  constructor(
    private readonly repo: RoomBookingsRepository,
    private readonly bookings: RoomBookingsService,
    private readonly settings: RoomSettingsService,
    private readonly acNeedRows: RoomAcNeedsRepository,
    private readonly notifications: NotificationsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  /** From the booking: a holder (organiser or booker) or an administrator. Idempotent. */
  async checkIn(bookingId: string): Promise<RoomBooking> {
    const actor = currentActor();
    const now = this.clock.now();
    const settings = await this.settings.get();
    await runRoomTransaction(this.tx, async () => {
      const before = await this.repo.findById(bookingId, true);
      if (!before) throw RoomErrors.bookingNotFound();
      if (before.organiserId !== actor.id && before.bookedBy !== actor.id && !actor.isAdmin) throw RoomErrors.notHolder();
      if (before.checkedInAt) return;
      if (before.status !== 'active') throw new AppError('ROOM_CHECK_IN_NOT_ACTIVE', 'conflict');
      if (!checkInOpen(before.startsAt, settings, now)) {
        throw new AppError('ROOM_CHECK_IN_NOT_OPEN', 'conflict', { before: settings.checkInOpensMinutes, after: settings.releaseAfterMinutes });
      }
      await this.repo.update(bookingId, { checkedInAt: now, checkedInBy: actor.id });
      await this.audit.record('room_booking.check_in', 'room_booking', bookingId, bookingSnapshot(before), { ...bookingSnapshot(before), checkedInAt: now.toISOString() });
    });
    return this.bookings.view(bookingId);
  }

  /**
   * Through the room's QR code: the caller's active booking of this room (as organiser or booker)
   * whose check-in window contains now; the earliest if two qualify. 409 ROOM_CHECK_IN_NO_BOOKING when none.
   */
  async checkInAtRoom(roomId: string): Promise<RoomBooking> {
    const actor = currentActor();
    const now = this.clock.now();
    const settings = await this.settings.get();
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT id FROM room_bookings
        WHERE room_id = $1 AND (organiser_id = $2 OR booked_by = $2) AND status = 'active'
          AND starts_at <= $3::timestamptz + make_interval(mins => $4) AND starts_at > $3::timestamptz - make_interval(mins => $5)
        ORDER BY (checked_in_at IS NULL) DESC, starts_at LIMIT 1`,
      [roomId, actor.id, now, settings.checkInOpensMinutes, settings.releaseAfterMinutes],
    );
    if (rows.length === 0) {
      const room: Array<{ id: string }> = await this.tx.manager.query(`SELECT id FROM rooms WHERE id = $1`, [roomId]);
      if (room.length === 0) throw RoomErrors.roomNotFound();
      throw new AppError('ROOM_CHECK_IN_NO_BOOKING', 'conflict');
    }
    return this.checkIn(rows[0].id);
  }

  /**
   * The worker's scan: releases every active booking that needed a check-in and did not get one by
   * start + releaseAfterMinutes, in batches of one transaction each (status, AC need voided, audit,
   * notification to the organiser together). Safe with two workers: rows are claimed FOR UPDATE
   * SKIP LOCKED and the UPDATE re-checks the status, so each booking is released exactly once;
   * a check-in racing the release holds the row lock, and whichever commits first wins.
   */
  async releaseDue(now: Date = this.clock.now()): Promise<ReleaseOutcome> {
    const settings = await this.settings.load();
    const cutoff = new Date(now.getTime() - settings.releaseAfterMinutes * 60_000);
    const since = new Date(cutoff.getTime() - RELEASE_LOOKBACK_MS);
    const released: string[] = [];
    for (;;) {
      const batch = await runRoomTransaction(this.tx, async () => {
        const rows: Array<{ id: string; room_name: string; title: string; organiser_id: string; starts_at: Date; ends_at: Date; room_id: string; attendees: number; booked_by: string }> =
          await this.tx.manager.query(
            `WITH due AS (
               SELECT id FROM room_bookings
                WHERE status = 'active' AND check_in_required AND checked_in_at IS NULL AND starts_at <= $1 AND starts_at > $2
                ORDER BY starts_at, id LIMIT ${RELEASE_BATCH} FOR UPDATE SKIP LOCKED)
             UPDATE room_bookings b SET status = 'released', status_changed_at = $3, updated_at = now()
               FROM due, rooms r
              WHERE b.id = due.id AND r.id = b.room_id AND b.status = 'active' AND b.checked_in_at IS NULL
             RETURNING b.id, r.name AS room_name, b.title, b.organiser_id, b.starts_at, b.ends_at, b.room_id, b.attendees, b.booked_by`,
            [cutoff, since, now],
          ).then((r: unknown[]) => (Array.isArray(r[0]) ? (r[0] as never) : (r as never)));
        await this.acNeedRows.voidFor(rows.map((r) => r.id));
        for (const r of rows) {
          await this.audit.record('room_booking.release', 'room_booking', r.id, { status: 'active' }, { status: 'released', reason: 'no_show', releasedAt: now.toISOString() });
          await this.notifications.notify(r.organiser_id, 'room.released', {
            bookingId: r.id,
            roomName: r.room_name,
            title: r.title,
            startsAt: r.starts_at.toISOString(),
            endsAt: r.ends_at.toISOString(),
            releaseAfterMinutes: settings.releaseAfterMinutes,
          });
        }
        return rows.map((r) => r.id);
      });
      released.push(...batch);
      if (batch.length < RELEASE_BATCH) return { released };
    }
  }

  /** No-shows (released bookings) per organiser over Tokyo dates, most first. */
  async noShows(query: RoomNoShowsQuery): Promise<RoomNoShow[]> {
    const today = tokyoDate(this.clock.now());
    const from = tokyoInstant(query.from ?? datePlus(today, -90));
    const to = tokyoDayAfter(query.to ?? today);
    const rows: Array<{ user_id: string; display_name: string; count: number; last_at: Date }> = await this.tx.manager.query(
      `SELECT b.organiser_id AS user_id, u.display_name, count(*)::int AS count, max(b.starts_at) AS last_at
         FROM room_bookings b JOIN users u ON u.id = b.organiser_id
        WHERE b.status = 'released' AND b.starts_at >= $1 AND b.starts_at < $2
        GROUP BY b.organiser_id, u.display_name ORDER BY count(*) DESC, u.display_name, b.organiser_id LIMIT 500`,
      [from, to],
    );
    return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, count: r.count, lastAt: r.last_at.toISOString() }));
  }
}
