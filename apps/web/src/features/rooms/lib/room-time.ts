import type { Room, RoomEquipment } from '@rr/contracts';
import { addMonths, formatDate, lastDayOfMonth, toTokyoLocalInput } from '../../../shared/time/tokyo';

// Tokyo wall-clock helpers of the meeting-room screens (UTC+09:00, no DST; see shared/time/tokyo).

type Lang = 'ja' | 'en';

/** Bookings sit on a 15-minute grid (CK_room_bookings_grid). */
export const ROOM_SLOT_MINUTES = 15;
export const EQUIPMENT: readonly RoomEquipment[] = ['monitor', 'camera', 'microphone', 'web_meeting'];

/** 'HH:mm' → minute of day (24:00 → 1440). */
export function hhmmToMinute(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}

/** Minute of day → 'HH:mm' (1440 → '24:00'). */
export function minuteToHhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** 'HH:mm' values every 15 minutes from `fromMinute` to `untilMinute` inclusive. */
export function quarterHours(fromMinute: number, untilMinute: number): string[] {
  const out: string[] = [];
  for (let m = fromMinute; m <= untilMinute; m += ROOM_SLOT_MINUTES) out.push(minuteToHhmm(m));
  return out;
}

/** The instant of a Tokyo date and 'HH:mm' as ISO 8601 with +09:00 ('24:00' = next midnight). */
export function tokyoInstant(date: string, hhmm: string): string {
  if (hhmm === '24:00') {
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return `${next.toISOString().slice(0, 10)}T00:00:00+09:00`;
  }
  return `${date}T${hhmm}:00+09:00`;
}

/** "HH:mm" of an instant in Tokyo. */
export function tokyoTime(value: string): string {
  return toTokyoLocalInput(value).slice(11, 16);
}

/** "YYYY-MM-DD" of an instant in Tokyo. */
export function tokyoDateOf(value: string): string {
  return toTokyoLocalInput(value).slice(0, 10);
}

/** A booking's Tokyo date and times; an end at the next midnight reads as 24:00. */
export function splitRange(startsAt: string, endsAt: string): { date: string; start: string; end: string } {
  const date = tokyoDateOf(startsAt);
  const end = tokyoDateOf(endsAt) !== date && tokyoTime(endsAt) === '00:00' ? '24:00' : tokyoTime(endsAt);
  return { date, start: tokyoTime(startsAt), end };
}

/** "2026年5月1日(金) 10:00〜11:00" (both dates when the range spans days, e.g. a block). */
export function formatRange(startsAt: string, endsAt: string, lang: Lang): string {
  const { date, start, end } = splitRange(startsAt, endsAt);
  const endDate = tokyoDateOf(endsAt);
  if (endDate === date || end === '24:00') return `${formatDate(date, lang)} ${start}〜${end}`;
  return `${formatDate(date, lang)} ${start}〜${formatDate(endDate, lang)} ${end}`;
}

/** The last Tokyo date a booking may start on: today + n months, clamped to the month's end. */
export function horizonLastDate(today: string, months: number): string {
  const target = addMonths(today.slice(0, 7), months);
  const last = lastDayOfMonth(target);
  const candidate = `${target}-${today.slice(8, 10)}`;
  return candidate > last ? last : candidate;
}

/** Half-open ranges [a, b) and [c, d) overlap. */
export function overlaps(aStart: string | Date, aEnd: string | Date, bStart: string | Date, bEnd: string | Date): boolean {
  return new Date(aStart).getTime() < new Date(bEnd).getTime() && new Date(bStart).getTime() < new Date(aEnd).getTime();
}

/** "本庁舎 3階" / "Main 3F"-style location; basements are negative floors (B1). */
export function floorLabel(floor: number, lang: Lang): string {
  if (floor < 0) return lang === 'ja' ? `地下${-floor}階` : `B${-floor}`;
  return lang === 'ja' ? `${floor}階` : `${floor}F`;
}

/** Distinct (building, floor) pairs of the rooms, in building then floor order. */
export function floorsOf(rooms: readonly Room[]): { building: string; floor: number }[] {
  const seen = new Map<string, { building: string; floor: number }>();
  for (const r of rooms) seen.set(`${r.building}\u0000${r.floor}`, { building: r.building, floor: r.floor });
  return [...seen.values()].sort((a, b) => (a.building === b.building ? a.floor - b.floor : a.building < b.building ? -1 : 1));
}

/** The widest bookable hours over some rooms (for the calendar's visible range). */
export function hoursSpan(rooms: readonly Room[]): { from: number; until: number } {
  if (rooms.length === 0) return { from: 8 * 60, until: 20 * 60 };
  return {
    from: Math.min(...rooms.map((r) => hhmmToMinute(r.bookableFrom))),
    until: Math.max(...rooms.map((r) => hhmmToMinute(r.bookableUntil))),
  };
}
