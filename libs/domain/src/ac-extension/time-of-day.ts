import { acError } from './ac-extension.errors';

/**
 * Tokyo wall-clock times inside one date, as minutes since 00:00 (0…1440). '24:00' is accepted as an
 * end so an extension may run to midnight; ranges never cross midnight (one request line = one date).
 */
export type Minutes = number;

/** A half-open range [start, end) in minutes of the day. */
export interface MinuteRange {
  readonly start: Minutes;
  readonly end: Minutes;
}

/** The same range as the user and the building operator read it: 'HH:mm' Tokyo wall clock. */
export interface AcTimeRange {
  readonly start: string;
  readonly end: string;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

export function parseTimeOfDay(text: string, field: string): Minutes {
  const m = typeof text === 'string' ? HH_MM.exec(text) : null;
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!m || minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) {
    throw acError('AC_INVALID_TIME', { field, value: String(text) });
  }
  return hour * 60 + minute;
}

export function formatTimeOfDay(minutes: Minutes): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Parses a range and insists end > start (a zero-length or reversed range is a typing mistake). */
export function parseRange(range: AcTimeRange, field: string): MinuteRange {
  const start = parseTimeOfDay(range.start, `${field}.start`);
  const end = parseTimeOfDay(range.end, `${field}.end`);
  if (start === 24 * 60) throw acError('AC_INVALID_TIME', { field: `${field}.start`, value: range.start });
  if (end <= start) throw acError('AC_INVALID_RANGE', { field, start: range.start, end: range.end });
  return { start, end };
}

/** `range` minus `cut`: zero, one or two pieces, in order. */
export function subtractRange(range: MinuteRange, cut: MinuteRange | null): MinuteRange[] {
  if (!cut || cut.end <= range.start || cut.start >= range.end) return [range];
  const pieces: MinuteRange[] = [];
  if (range.start < cut.start) pieces.push({ start: range.start, end: cut.start });
  if (cut.end < range.end) pieces.push({ start: cut.end, end: range.end });
  return pieces;
}

/**
 * Union of ranges, sorted. Ranges that merely touch (18:00–19:00 and 19:00–20:00) are joined: the
 * plant simply keeps running, so the operator gets one instruction, not a stop and a restart.
 */
export function unionRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: MinuteRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      if (r.end > last.end) out[out.length - 1] = { start: last.start, end: r.end };
    } else {
      out.push({ start: r.start, end: r.end });
    }
  }
  return out;
}

export function totalMinutes(ranges: readonly MinuteRange[]): Minutes {
  return ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
}

/** Minutes of `ranges` (already disjoint) that fall inside `window`. */
export function minutesWithin(ranges: readonly MinuteRange[], window: MinuteRange): Minutes {
  let sum = 0;
  for (const r of ranges) sum += Math.max(0, Math.min(r.end, window.end) - Math.max(r.start, window.start));
  return sum;
}
