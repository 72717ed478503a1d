import { DateTime } from 'luxon';
import { TOKYO, tokyoDate } from '../time/tokyo';

/** A calendar date in Asia/Tokyo, written 'YYYY-MM-DD'. */
export type IsoDate = string;

/**
 * What the calendar accepts as "a day": a 'YYYY-MM-DD' string (already a Tokyo date), or an instant,
 * which is read on the Tokyo wall clock (never the server's zone: DESIGN.md §3, TOOLCHAIN.md).
 */
export type DateInput = IsoDate | Date;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' is false). */
export function isValidIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && dayNumberOrNull(value) !== null;
}

/**
 * Internal day arithmetic works on "day numbers" (days since 1970-01-01) computed with UTC
 * methods: a pure calendar count that no process TZ or DST rule can shift.
 */
export function toDayNumber(input: DateInput, what = 'date'): number {
  return parseIsoDate(toIsoDate(input, what), what);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 (day 0) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Normalises an input to a Tokyo 'YYYY-MM-DD', throwing RangeError on anything invalid. */
export function toIsoDate(input: DateInput, what = 'date'): IsoDate {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError(`${what}: invalid Date instant`);
    return tokyoDate(input);
  }
  parseIsoDate(input, what);
  return input;
}

export function parseIsoDate(value: unknown, what = 'date'): number {
  const day = typeof value === 'string' ? dayNumberOrNull(value) : null;
  if (day === null) {
    throw new RangeError(`${what}: expected a real calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  }
  return day;
}

/** Validates a Tokyo wall-clock time 'HH:mm' (00:00–23:59) and returns [hour, minute]. */
export function parseHhMm(value: unknown, what = 'time'): [number, number] {
  const m = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!m) throw new RangeError(`${what}: expected a Tokyo wall-clock time 'HH:mm' (00:00–23:59), got ${JSON.stringify(value)}`);
  return [Number(m[1]), Number(m[2])];
}

/** The Tokyo wall-clock parts of an instant (Japan has had no DST since 1951, so this round-trips). */
export function tokyoWallClock(at: Date): { date: IsoDate; hour: number; minute: number; second: number; millisecond: number } {
  if (Number.isNaN(at.getTime())) throw new RangeError('instant: invalid Date');
  const dt = DateTime.fromJSDate(at, { zone: TOKYO });
  return { date: dt.toISODate() as string, hour: dt.hour, minute: dt.minute, second: dt.second, millisecond: dt.millisecond };
}

export function tokyoDateTime(date: IsoDate, hour: number, minute: number, second = 0, millisecond = 0): Date {
  return DateTime.fromObject(
    { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)), hour, minute, second, millisecond },
    { zone: TOKYO },
  ).toJSDate();
}

function dayNumberOrNull(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d);
  // Round-trip check rejects overflowed dates such as 2026-02-30 (which Date would make 03-02).
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return Math.round(probe.getTime() / DAY_MS);
}
