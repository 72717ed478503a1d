import { Inject, Injectable } from '@nestjs/common';
import type { CalendarFeed } from '@rr/contracts';
import { AppError, Clock, TOKYO } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { CalendarFeedTokenEntity, PG, pgErrorCode, TransactionHost } from '@rr/server/persistence';
import ical, { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { currentActor } from './actor';
import { runRoomTransaction } from './room-transaction';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomErrors } from './rooms.errors';

type FeedKind = 'user' | 'room';

/** What a feed shows: from 30 days back to 6 months ahead (a calendar client re-reads it every few hours). */
const PAST_DAYS = 30;
const AHEAD_DAYS = 190;

/** Asia/Tokyo has had no DST since 1951: one fixed STANDARD block is the whole VTIMEZONE. */
const TOKYO_VTIMEZONE = ['BEGIN:VTIMEZONE', 'TZID:Asia/Tokyo', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'TZNAME:JST', 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n');

const feedNotFound = () => new AppError('ROOM_FEED_NOT_FOUND', 'not_found');

interface FeedEventRow {
  id: string;
  title: string;
  room_name: string;
  building: string;
  floor: number;
  organiser_name: string;
  attendees: number;
  starts_at: Date;
  ends_at: Date;
  updated_at: Date;
  kind: 'booking' | 'block';
}

/**
 * Private calendar feeds (ICS, ADR 0017): a revocable bearer token per user (their bookings as
 * organiser or booker) and per room (its bookings and blocks), so Outlook / Google show them. The
 * token is the only key of the public GET, so it is long (192 bits from node:crypto), one live per
 * owner, and rotating revokes the old one at once. Events are written in Asia/Tokyo with a VTIMEZONE.
 */
@Injectable()
export class RoomFeedsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ tokens

  myFeed(): Promise<CalendarFeed> {
    return this.liveOrCreate('user', currentActor().id);
  }

  async roomFeed(roomId: string): Promise<CalendarFeed> {
    await this.checkRoom(roomId);
    return this.liveOrCreate('room', roomId);
  }

  rotateMine(): Promise<CalendarFeed> {
    return this.rotate('user', currentActor().id);
  }

  async rotateRoom(roomId: string): Promise<CalendarFeed> {
    await this.checkRoom(roomId);
    return this.rotate('room', roomId);
  }

  revokeMine(): Promise<void> {
    return this.revoke('user', currentActor().id);
  }

  async revokeRoom(roomId: string): Promise<void> {
    await this.checkRoom(roomId);
    return this.revoke('room', roomId);
  }

  // ------------------------------------------------------------------ feeds

  /** The ICS text of a live user token; 404 ROOM_FEED_NOT_FOUND for an unknown, rotated or revoked one. */
  async userIcs(token: string): Promise<string> {
    const owner = await this.ownerOf('user', token);
    const [user]: Array<{ display_name: string }> = await this.tx.manager.query(`SELECT display_name FROM users WHERE id = $1 AND is_active`, [owner]);
    if (!user) throw feedNotFound();
    const { from, to } = this.range();
    const rows: FeedEventRow[] = await this.tx.manager.query(
      `SELECT b.id, b.title, r.name AS room_name, r.building, r.floor, u.display_name AS organiser_name, b.attendees, b.starts_at, b.ends_at, b.updated_at, 'booking' AS kind
         FROM room_bookings b JOIN rooms r ON r.id = b.room_id JOIN users u ON u.id = b.organiser_id
        WHERE (b.organiser_id = $1 OR b.booked_by = $1) AND b.status = 'active' AND b.ends_at > $2 AND b.starts_at < $3
        ORDER BY b.starts_at, b.id LIMIT 2000`,
      [owner, from, to],
    );
    return this.render(`会議室予約（${user.display_name}）`, rows);
  }

  async roomIcs(token: string): Promise<string> {
    const roomId = await this.ownerOf('room', token);
    const [room]: Array<{ name: string; building: string }> = await this.tx.manager.query(`SELECT name, building FROM rooms WHERE id = $1`, [roomId]);
    if (!room) throw feedNotFound();
    const { from, to } = this.range();
    const rows: FeedEventRow[] = await this.tx.manager.query(
      `SELECT b.id, b.title, r.name AS room_name, r.building, r.floor, u.display_name AS organiser_name, b.attendees, b.starts_at, b.ends_at, b.updated_at, 'booking' AS kind
         FROM room_bookings b JOIN rooms r ON r.id = b.room_id JOIN users u ON u.id = b.organiser_id
        WHERE b.room_id = $1 AND b.status = 'active' AND b.ends_at > $2 AND b.starts_at < $3
       UNION ALL
       SELECT k.id, k.reason, r.name, r.building, r.floor, '', 0, k.starts_at, k.ends_at, k.updated_at, 'block'
         FROM room_blocks k JOIN rooms r ON r.id = k.room_id
        WHERE k.room_id = $1 AND k.ends_at > $2 AND k.starts_at < $3
        ORDER BY 8, 1 LIMIT 4000`,
      [roomId, from, to],
    );
    return this.render(`${room.building} ${room.name}`, rows);
  }

  // ------------------------------------------------------------------ helpers

  private range(): { from: Date; to: Date } {
    const now = this.clock.now().getTime();
    return { from: new Date(now - PAST_DAYS * 86_400_000), to: new Date(now + AHEAD_DAYS * 86_400_000) };
  }

  private render(name: string, rows: FeedEventRow[]): string {
    const calendar: ICalCalendar = ical({ name, prodId: { company: 'chonai-rr', product: 'rooms', language: 'JA' }, timezone: { name: TOKYO, generator: () => TOKYO_VTIMEZONE }, ttl: 60 * 60 });
    const tokyo = (d: Date) => DateTime.fromJSDate(d, { zone: TOKYO });
    for (const r of rows) {
      const where = `${r.building} ${r.floor}F ${r.room_name}`;
      calendar.createEvent({
        id: `${r.kind}-${r.id}@rooms.chonai-rr`,
        start: tokyo(r.starts_at),
        end: tokyo(r.ends_at),
        timezone: TOKYO,
        stamp: tokyo(r.updated_at),
        summary: r.kind === 'block' ? `【利用停止】${r.title}` : r.title,
        location: where,
        description: r.kind === 'block' ? `${where} 利用停止: ${r.title}` : `${where}\n利用責任者: ${r.organiser_name}\n参加人数: ${r.attendees}`,
        status: ICalEventStatus.CONFIRMED,
      });
    }
    return calendar.toString();
  }

  private async ownerOf(kind: FeedKind, token: string): Promise<string> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw feedNotFound();
    const row = await this.tx.manager.findOne(CalendarFeedTokenEntity, { where: { token, kind } });
    if (!row || row.revokedAt) throw feedNotFound();
    return (kind === 'user' ? row.userId : row.roomId) as string;
  }

  private async checkRoom(roomId: string): Promise<void> {
    const rows = await this.tx.manager.query(`SELECT 1 FROM rooms WHERE id = $1`, [roomId]);
    if (rows.length === 0) throw RoomErrors.roomNotFound();
  }

  private async liveOrCreate(kind: FeedKind, ownerId: string): Promise<CalendarFeed> {
    const existing = await this.liveToken(kind, ownerId);
    if (existing) return toFeed(existing);
    try {
      return toFeed(await runRoomTransaction(this.tx, () => this.insertToken(kind, ownerId)));
    } catch (error) {
      // Two first requests at once: the partial unique index lets one win; read the winner's.
      if (pgErrorCode(error) !== PG.uniqueViolation) throw error;
      const winner = await this.liveToken(kind, ownerId);
      if (!winner) throw error;
      return toFeed(winner);
    }
  }

  private async rotate(kind: FeedKind, ownerId: string): Promise<CalendarFeed> {
    return toFeed(
      await runRoomTransaction(this.tx, async () => {
        await this.revokeLive(kind, ownerId);
        const created = await this.insertToken(kind, ownerId);
        await this.audit.record('calendar_feed.rotate', 'calendar_feed', created.id, null, { kind, ownerId });
        return created;
      }),
    );
  }

  private async revoke(kind: FeedKind, ownerId: string): Promise<void> {
    await runRoomTransaction(this.tx, async () => {
      const revoked = await this.revokeLive(kind, ownerId);
      for (const id of revoked) await this.audit.record('calendar_feed.revoke', 'calendar_feed', id, { kind, ownerId }, null);
    });
  }

  private async liveToken(kind: FeedKind, ownerId: string): Promise<CalendarFeedTokenEntity | null> {
    const column = kind === 'user' ? 'user_id' : 'room_id';
    const rows: Array<{ id: string }> = await this.tx.manager.query(`SELECT id FROM calendar_feed_tokens WHERE kind = $1 AND ${column} = $2 AND revoked_at IS NULL`, [kind, ownerId]);
    return rows[0] ? this.tx.manager.findOne(CalendarFeedTokenEntity, { where: { id: rows[0].id } }) : null;
  }

  private async revokeLive(kind: FeedKind, ownerId: string): Promise<string[]> {
    const column = kind === 'user' ? 'user_id' : 'room_id';
    const result = await this.tx.manager.query(
      `UPDATE calendar_feed_tokens SET revoked_at = $3 WHERE kind = $1 AND ${column} = $2 AND revoked_at IS NULL RETURNING id`,
      [kind, ownerId, this.clock.now()],
    );
    const rows: Array<{ id: string }> = Array.isArray(result[0]) ? result[0] : result;
    return rows.map((r) => r.id);
  }

  private async insertToken(kind: FeedKind, ownerId: string): Promise<CalendarFeedTokenEntity> {
    const token = randomBytes(24).toString('base64url');
    const actor = currentActor();
    const values = { kind, token, userId: kind === 'user' ? ownerId : null, roomId: kind === 'room' ? ownerId : null, createdBy: actor.id, revokedAt: null };
    const result = await this.tx.manager.insert(CalendarFeedTokenEntity, values);
    return (await this.tx.manager.findOne(CalendarFeedTokenEntity, { where: { id: result.identifiers[0].id as string } }))!;
  }
}

function toFeed(t: CalendarFeedTokenEntity): CalendarFeed {
  const path = t.kind === 'user' ? `/api/ical/users/${t.token}.ics` : `/api/ical/rooms/${t.token}.ics`;
  return { kind: t.kind, token: t.token, path, createdAt: t.createdAt.toISOString() };
}
