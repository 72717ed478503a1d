import { TOKYO } from '@rr/domain';
import { RoomEntity } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

// Test fixtures for the rooms integration specs: rows written straight through the DataSource.
// Each test makes its own building, so searches and floor calendars never see another test's rooms.

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${randomUUID().slice(0, 4)}`;

/** A building name no other test uses. */
export const makeBuilding = () => `試験庁舎${unique()}`;

export async function makeRoom(ds: DataSource, overrides: Partial<RoomEntity> = {}): Promise<RoomEntity> {
  return ds.getRepository(RoomEntity).save({
    building: overrides.building ?? makeBuilding(),
    floor: 3,
    zoneCode: '3F-east',
    type: 'meeting_room',
    name: `会議室${unique()}`,
    capacity: 10,
    ...overrides,
  } as RoomEntity);
}

/** A Tokyo date `days` from today, 'YYYY-MM-DD'. */
export function tokyoDatePlus(days: number): string {
  return DateTime.now().setZone(TOKYO).startOf('day').plus({ days }).toISODate() as string;
}

/** An ISO instant with +09:00 for a Tokyo wall-clock time `days` from today. */
export function tokyoAt(days: number, hhmm: string): string {
  return `${tokyoDatePlus(days)}T${hhmm}:00+09:00`;
}

/** Pairs of active bookings of one room that overlap: must always be 0. */
export async function overlappingRoomPairs(ds: DataSource): Promise<number> {
  const [row] = await ds.query(
    `SELECT count(*)::int AS n FROM room_bookings a JOIN room_bookings b
        ON a.id < b.id AND a.room_id = b.room_id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
     WHERE a.status = 'active' AND b.status = 'active'`,
  );
  return row.n as number;
}
