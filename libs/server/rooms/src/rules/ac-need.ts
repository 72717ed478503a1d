import { minuteToHhmm } from './minutes';

/**
 * Asia/Tokyo is UTC+9 all year (no DST since 1951), so the Tokyo wall clock of an instant is plain
 * arithmetic here: this runs on every booking, and luxon's zone lookups were a visible share of the
 * booking path's CPU in the benchmark. (The same fact makes the UTC 15-minute grid the Tokyo grid.)
 */
const TOKYO_OFFSET_MS = 9 * 3_600_000;

/** The Tokyo date 'YYYY-MM-DD' and minute of day of an instant. */
export function tokyoWallClock(instant: Date): { date: string; minute: number } {
  const shifted = new Date(instant.getTime() + TOKYO_OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

/** The AC feature's grid: request boundaries on :00/:30, or equal to a normal-hours boundary (ADR 0011). */
const AC_UNIT = 30;

export interface AcNeed {
  /** Tokyo date of the booking. */
  date: string;
  /** Minutes of the Tokyo day, [start, end). */
  startMinute: number;
  endMinute: number;
}

/**
 * The after-hours AC extension a room booking needs (ADR 0017), or null. On a business day the AC
 * runs until `acEndMinute` (default 17:15): a booking ending later needs [max(start, acEnd), end).
 * On a closed day (閉庁日) the AC does not run, so the whole booking needs it. Boundaries are
 * widened to the AC grid (start down to :00/:30 but never before acEnd, end up to :00/:30), so the
 * link pre-fills a request the AC form accepts. Bookings never cross midnight (one Tokyo day).
 */
export function acNeedFor(startsAt: Date, endsAt: Date, acEndMinute: number, businessDay: boolean): AcNeed | null {
  const { date, minute: startMinute } = tokyoWallClock(startsAt);
  const endMinute = startMinute + Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  if (businessDay && endMinute <= acEndMinute) return null;
  const from = businessDay ? Math.max(Math.floor(Math.max(startMinute, acEndMinute) / AC_UNIT) * AC_UNIT, acEndMinute) : Math.floor(startMinute / AC_UNIT) * AC_UNIT;
  const to = Math.min(Math.ceil(endMinute / AC_UNIT) * AC_UNIT, 1440);
  return { date, startMinute: from, endMinute: to };
}

/** The web's pre-filled AC request form (the AC feature reads these query parameters). */
export function acRequestLink(zoneCode: string, need: AcNeed): string {
  const q = new URLSearchParams({ zone: zoneCode, date: need.date, start: minuteToHhmm(need.startMinute), end: minuteToHhmm(need.endMinute) });
  return `/ac/new?${q.toString()}`;
}
