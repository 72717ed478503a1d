import { TOKYO } from '@rr/domain';
import { RoomEntity, UserEntity } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Demo meeting spaces (会議室・会議スペース): the renovated 3rd floor of the main building
 * (本庁舎3階) — meeting rooms, open collaboration spaces and Web会議ブース in two air-conditioning
 * zones (3F-east, 3F-west) — plus a few rooms on other floors, one block and some bookings.
 *
 * Idempotent: rooms are upserted by (building, name); the block and bookings have fixed ids and are
 * inserted with ON CONFLICT DO NOTHING (which also skips one that would now overlap something booked
 * through the UI). Dates are relative to the day of loading.
 */

const MAIN = '本庁舎';
type Equipment = Pick<RoomEntity, 'hasMonitor' | 'hasCamera' | 'hasMicrophone' | 'hasWebMeeting'>;
const NONE: Equipment = { hasMonitor: false, hasCamera: false, hasMicrophone: false, hasWebMeeting: false };
const MONITOR: Equipment = { ...NONE, hasMonitor: true };
const WEB: Equipment = { hasMonitor: true, hasCamera: true, hasMicrophone: true, hasWebMeeting: true };

type DemoRoom = Pick<RoomEntity, 'building' | 'floor' | 'zoneCode' | 'type' | 'name' | 'capacity' | 'notes'> &
  Equipment &
  Partial<Pick<RoomEntity, 'maxDurationMinutes' | 'highDemand' | 'bookableFromMinute' | 'bookableUntilMinute'>>;

export const DEMO_ROOMS: DemoRoom[] = [
  // 本庁舎3階 east (3F-east)
  { building: MAIN, floor: 3, zoneCode: '3F-east', type: 'meeting_room', name: '3階 大会議室', capacity: 40, ...WEB, highDemand: true, maxDurationMinutes: 480, notes: '可動間仕切りで2室に分割可。' },
  { building: MAIN, floor: 3, zoneCode: '3F-east', type: 'meeting_room', name: '3階 第1会議室', capacity: 12, ...WEB, notes: '' },
  { building: MAIN, floor: 3, zoneCode: '3F-east', type: 'meeting_room', name: '3階 第2会議室', capacity: 8, ...MONITOR, notes: '' },
  { building: MAIN, floor: 3, zoneCode: '3F-east', type: 'open_space', name: '3階 コラボスペースA', capacity: 6, ...MONITOR, notes: '窓側のオープンスペース。会話は周囲に聞こえます。' },
  { building: MAIN, floor: 3, zoneCode: '3F-east', type: 'web_booth', name: '3階 Web会議ブース1', capacity: 1, ...WEB, maxDurationMinutes: 120, notes: '防音ブース。' },
  { building: MAIN, floor: 3, zoneCode: '3F-east', type: 'web_booth', name: '3階 Web会議ブース2', capacity: 1, ...WEB, maxDurationMinutes: 120, notes: '防音ブース。' },
  // 本庁舎3階 west (3F-west)
  { building: MAIN, floor: 3, zoneCode: '3F-west', type: 'meeting_room', name: '3階 第3会議室', capacity: 10, ...WEB, notes: '' },
  { building: MAIN, floor: 3, zoneCode: '3F-west', type: 'meeting_room', name: '3階 第4会議室', capacity: 6, ...NONE, notes: 'ホワイトボードあり。' },
  { building: MAIN, floor: 3, zoneCode: '3F-west', type: 'open_space', name: '3階 コラボスペースB', capacity: 8, ...NONE, notes: '' },
  { building: MAIN, floor: 3, zoneCode: '3F-west', type: 'open_space', name: '3階 打合せコーナー', capacity: 4, ...NONE, notes: '' },
  { building: MAIN, floor: 3, zoneCode: '3F-west', type: 'web_booth', name: '3階 Web会議ブース3', capacity: 2, ...WEB, maxDurationMinutes: 120, notes: '2人用。' },
  // Other floors
  { building: MAIN, floor: 5, zoneCode: '5F-east', type: 'meeting_room', name: '5階 特別会議室', capacity: 24, ...WEB, highDemand: true, notes: '庁議・記者会見に使用。' },
  { building: MAIN, floor: 2, zoneCode: '2F-west', type: 'meeting_room', name: '2階 相談室', capacity: 4, ...NONE, notes: '' },
  { building: '別館', floor: 1, zoneCode: 'A1F', type: 'meeting_room', name: '別館 研修室', capacity: 30, ...MONITOR, bookableFromMinute: 510, bookableUntilMinute: 1080, notes: '研修優先。' },
];

interface DemoBooking {
  key: string;
  room: string;
  organiser: string;
  bookedBy?: string;
  title: string;
  attendees: number;
  day: number;
  from: string;
  to: string;
}

const DEMO_BOOKINGS: DemoBooking[] = [
  { key: 'b1', room: '3階 第1会議室', organiser: 'chief1', bookedBy: 'staff1', title: '環境学習課 定例会議', attendees: 8, day: 1, from: '10:00', to: '11:30' },
  { key: 'b2', room: '3階 第1会議室', organiser: 'staff1', title: '委託業者打合せ', attendees: 4, day: 1, from: '13:00', to: '14:00' },
  { key: 'b3', room: '3階 Web会議ブース1', organiser: 'staff-en', title: 'Online meeting with partner city', attendees: 1, day: 1, from: '09:00', to: '10:00' },
  { key: 'b4', room: '3階 大会議室', organiser: 'ga1', title: '庁舎管理説明会', attendees: 35, day: 2, from: '14:00', to: '16:00' },
  { key: 'b5', room: '3階 コラボスペースA', organiser: 'subchief1', title: 'ワークショップ準備', attendees: 5, day: 3, from: '15:00', to: '17:00' },
  { key: 'b6', room: '5階 特別会議室', organiser: 'admin1', title: 'DX推進会議', attendees: 18, day: 4, from: '17:00', to: '19:00' },
];

function demoId(key: string): string {
  const h = createHash('sha256').update(`chonai-rr demo rooms ${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function tokyoAt(day: number, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  return DateTime.now().setZone(TOKYO).startOf('day').plus({ days: day }).set({ hour: h, minute: m }).toJSDate();
}

export async function loadRoomDemoData(ds: DataSource): Promise<{ rooms: number; blocks: number; bookings: number }> {
  const inserted = { blocks: 0, bookings: 0 };
  await ds.transaction(async (m) => {
    for (const r of DEMO_ROOMS) await m.upsert(RoomEntity, r, ['building', 'name']);
    const rooms = new Map((await m.find(RoomEntity, { where: DEMO_ROOMS.map((r) => ({ building: r.building, name: r.name })) })).map((r) => [r.name, r.id]));
    const users = new Map((await m.find(UserEntity)).map((u) => [u.username, u.id]));
    const block = await m.query(
      `INSERT INTO room_blocks (id, room_id, starts_at, ends_at, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [demoId('block-1'), rooms.get('3階 第3会議室'), tokyoAt(2, '08:00'), tokyoAt(2, '12:00'), '空調設備点検', users.get('ga1') ?? null],
    );
    inserted.blocks += block.length;
    for (const b of DEMO_BOOKINGS) {
      const result = await m.query(
        `INSERT INTO room_bookings (id, room_id, title, organiser_id, booked_by, attendees, starts_at, ends_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active') ON CONFLICT DO NOTHING RETURNING id`,
        [demoId(b.key), rooms.get(b.room), b.title, users.get(b.organiser), users.get(b.bookedBy ?? b.organiser), b.attendees, tokyoAt(b.day, b.from), tokyoAt(b.day, b.to)],
      );
      inserted.bookings += result.length;
    }
  });
  return { rooms: DEMO_ROOMS.length, ...inserted };
}
