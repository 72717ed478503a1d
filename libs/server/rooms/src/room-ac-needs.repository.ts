import { Injectable } from '@nestjs/common';
import type { RoomAcNeedsQuery } from '@rr/contracts';
import { RoomAcNeedStatus, TransactionHost } from '@rr/server/persistence';
import type { AcNeed } from './rules/ac-need';

export interface RoomAcNeedRow {
  id: string;
  booking_id: string;
  room_name: string;
  title: string;
  organiser_id: string;
  organiser_name: string;
  zone_code: string;
  date: string;
  start_minute: number;
  end_minute: number;
  status: RoomAcNeedStatus;
}

/**
 * room_ac_needs: the after-hours AC extension each booking needs (ADR 0017). Kept in step with
 * the booking in the booking's own transaction: written on create, rewritten or voided on edit,
 * voided on cancel and release. A row the AC feature has turned into a request (`requested`) is
 * left alone by edits (the request is the AC feature's to change).
 */
@Injectable()
export class RoomAcNeedsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** The end of the AC zone's normal hours on business days (ac_zones, ADR 0015), or null when the zone is not registered. */
  async zoneBusinessEnd(zoneCode: string): Promise<number | null> {
    const rows: Array<{ end: number | null }> = await this.tx.manager.query(`SELECT business_end_minute AS end FROM ac_zones WHERE code = $1 AND active`, [zoneCode]);
    return rows[0]?.end ?? null;
  }

  async insert(bookingId: string, zoneCode: string, need: AcNeed): Promise<void> {
    await this.tx.manager.query(`INSERT INTO room_ac_needs (booking_id, zone_code, date, start_minute, end_minute) VALUES ($1, $2, $3, $4, $5)`, [
      bookingId,
      zoneCode,
      need.date,
      need.startMinute,
      need.endMinute,
    ]);
  }

  /** After an edit: the need now (reopened if it had been voided), or void when there is none any more. */
  async sync(bookingId: string, zoneCode: string, need: AcNeed | null): Promise<void> {
    if (!need) {
      await this.voidFor([bookingId]);
      return;
    }
    await this.tx.manager.query(
      `INSERT INTO room_ac_needs (booking_id, zone_code, date, start_minute, end_minute) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (booking_id) DO UPDATE SET zone_code = EXCLUDED.zone_code, date = EXCLUDED.date, start_minute = EXCLUDED.start_minute,
         end_minute = EXCLUDED.end_minute, status = 'open', updated_at = now()
       WHERE room_ac_needs.status <> 'requested'`,
      [bookingId, zoneCode, need.date, need.startMinute, need.endMinute],
    );
  }

  async voidFor(bookingIds: string[]): Promise<void> {
    if (bookingIds.length === 0) return;
    await this.tx.manager.query(`UPDATE room_ac_needs SET status = 'void', updated_at = now() WHERE booking_id = ANY($1::uuid[]) AND status = 'open'`, [bookingIds]);
  }

  list(q: RoomAcNeedsQuery): Promise<RoomAcNeedRow[]> {
    const params: unknown[] = [q.status];
    const where = ['n.status = $1'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.zoneCode) add('n.zone_code = ?', q.zoneCode);
    if (q.from) add('n.date >= ?::date', q.from);
    if (q.to) add('n.date <= ?::date', q.to);
    return this.tx.manager.query(
      `SELECT n.id, n.booking_id, r.name AS room_name, b.title, b.organiser_id, u.display_name AS organiser_name, n.zone_code, n.date::text AS date,
              n.start_minute, n.end_minute, n.status
         FROM room_ac_needs n JOIN room_bookings b ON b.id = n.booking_id JOIN rooms r ON r.id = b.room_id JOIN users u ON u.id = b.organiser_id
        WHERE ${where.join(' AND ')} ORDER BY n.date, n.zone_code, n.start_minute, n.id LIMIT 1000`,
      params,
    );
  }

  /** For the AC feature: the need became request `acRequestId`. False when it was not open. */
  async markRequested(bookingId: string, acRequestId: string): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `UPDATE room_ac_needs SET status = 'requested', ac_request_id = $2, updated_at = now() WHERE booking_id = $1 AND status = 'open' RETURNING id`,
      [bookingId, acRequestId],
    );
    return (rows[0]?.length ?? rows.length) > 0;
  }
}
