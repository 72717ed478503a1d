import { Injectable } from '@nestjs/common';
import type { RoomsQuery, RoomTypeName } from '@rr/contracts';
import { RoomEntity, TransactionHost } from '@rr/server/persistence';

export type RoomValues = Pick<
  RoomEntity,
  | 'building'
  | 'floor'
  | 'zoneCode'
  | 'type'
  | 'name'
  | 'capacity'
  | 'hasMonitor'
  | 'hasCamera'
  | 'hasMicrophone'
  | 'hasWebMeeting'
  | 'bookableFromMinute'
  | 'bookableUntilMinute'
  | 'maxDurationMinutes'
  | 'horizonMonths'
  | 'highDemand'
  | 'notes'
  | 'active'
>;

export interface RoomRow {
  id: string;
  building: string;
  floor: number;
  zone_code: string;
  type: RoomTypeName;
  name: string;
  capacity: number;
  has_monitor: boolean;
  has_camera: boolean;
  has_microphone: boolean;
  has_web_meeting: boolean;
  bookable_from_minute: number;
  bookable_until_minute: number;
  max_duration_minutes: number;
  horizon_months: number;
  high_demand: boolean;
  notes: string;
  active: boolean;
}

const ROOM_COLUMNS = `r.id, r.building, r.floor, r.zone_code, r.type, r.name, r.capacity, r.has_monitor, r.has_camera, r.has_microphone,
  r.has_web_meeting, r.bookable_from_minute, r.bookable_until_minute, r.max_duration_minutes, r.horizon_months, r.high_demand, r.notes, r.active`;

/** Listing order: building, floor, then name in code-unit order (stable, not the locale's). */
const ROOM_ORDER = `ORDER BY r.building COLLATE "C", r.floor, r.name COLLATE "C", r.id`;

const EQUIPMENT_COLUMNS = { monitor: 'has_monitor', camera: 'has_camera', microphone: 'has_microphone', web_meeting: 'has_web_meeting' } as const;

export interface FreeRoomFilter {
  startsAt: Date;
  endsAt: Date;
  minCapacity: number;
  equipment: Array<keyof typeof EQUIPMENT_COLUMNS>;
  building?: string;
  floor?: number;
  type?: RoomTypeName;
}

@Injectable()
export class RoomsRepository {
  constructor(private readonly tx: TransactionHost) {}

  list(query: Partial<RoomsQuery> & { ids?: string[] }): Promise<RoomRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.building) add('r.building = ?', query.building);
    if (query.floor !== undefined) add('r.floor = ?', query.floor);
    if (query.type) add('r.type = ?', query.type);
    if (query.ids) add('r.id = ANY(?::uuid[])', query.ids);
    if (!query.includeInactive) where.push('r.active');
    return this.tx.manager.query(`SELECT ${ROOM_COLUMNS} FROM rooms r ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${ROOM_ORDER}`, params);
  }

  async findRow(id: string): Promise<RoomRow | null> {
    const rows: RoomRow[] = await this.tx.manager.query(`SELECT ${ROOM_COLUMNS} FROM rooms r WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Locks the room row FOR NO KEY UPDATE and returns it. Writers of one room's bookings thus queue
   * instead of inserting concurrently into the exclusion constraint, where PostgreSQL makes
   * conflicting inserters wait on each other until the 1 s deadlock detector breaks the cycle
   * (ADR 0007, ADR 0012). The constraint still decides; the lock only orders the contenders. It
   * also conflicts with the FOR UPDATE a block or a room change takes, so neither can slip between
   * the "active, not blocked" checks and the booking's commit.
   */
  async lockForBooking(id: string): Promise<RoomRow | null> {
    const rows: RoomRow[] = await this.tx.manager.query(`SELECT ${ROOM_COLUMNS} FROM rooms r WHERE r.id = $1 FOR NO KEY UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** FOR UPDATE: room changes and blocks serialise against bookings of the room (see lockForBooking). */
  async lockForChange(id: string): Promise<RoomRow | null> {
    const rows: RoomRow[] = await this.tx.manager.query(`SELECT ${ROOM_COLUMNS} FROM rooms r WHERE r.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async isBlocked(roomId: string, startsAt: Date, endsAt: Date): Promise<boolean> {
    const rows = await this.tx.manager.query(
      `SELECT 1 FROM room_blocks WHERE room_id = $1 AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) LIMIT 1`,
      [roomId, startsAt, endsAt],
    );
    return rows.length > 0;
  }

  /**
   * Active rooms that look free over the whole [startsAt, endsAt): big enough, with every piece of
   * equipment asked for, no block and no active booking overlapping; best fit first (smallest
   * capacity that fits, then name). A snapshot: the exclusion constraint decides at booking time.
   */
  free(f: FreeRoomFilter): Promise<RoomRow[]> {
    const params: unknown[] = [f.startsAt, f.endsAt, f.minCapacity];
    const where = [
      'r.active',
      'r.capacity >= $3',
      `NOT EXISTS (SELECT 1 FROM room_blocks k WHERE k.room_id = r.id AND tstzrange(k.starts_at, k.ends_at) && tstzrange($1, $2))`,
      `NOT EXISTS (SELECT 1 FROM room_bookings b WHERE b.room_id = r.id AND b.status = 'active' AND tstzrange(b.starts_at, b.ends_at) && tstzrange($1, $2))`,
      ...f.equipment.map((e) => `r.${EQUIPMENT_COLUMNS[e]}`),
    ];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.building) add('r.building = ?', f.building);
    if (f.floor !== undefined) add('r.floor = ?', f.floor);
    if (f.type) add('r.type = ?', f.type);
    return this.tx.manager.query(`SELECT ${ROOM_COLUMNS} FROM rooms r WHERE ${where.join(' AND ')} ORDER BY r.capacity, r.name COLLATE "C", r.id`, params);
  }

  /**
   * Bumps the room's version (updated_at) inside a change of its rules or blocks: the booking fast
   * path books only against the version its checks used (RoomBookingFastPath).
   */
  async touch(id: string): Promise<void> {
    await this.tx.manager.query(`UPDATE rooms SET updated_at = clock_timestamp() WHERE id = $1`, [id]);
  }

  async hasBookings(id: string): Promise<boolean> {
    return (await this.tx.manager.query(`SELECT 1 FROM room_bookings WHERE room_id = $1 LIMIT 1`, [id])).length > 0;
  }

  async insert(values: RoomValues): Promise<string> {
    const result = await this.tx.manager.insert(RoomEntity, values);
    return result.identifiers[0].id as string;
  }

  async update(id: string, patch: Partial<RoomValues>): Promise<void> {
    await this.tx.manager.update(RoomEntity, { id }, patch);
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.delete(RoomEntity, { id });
  }
}
