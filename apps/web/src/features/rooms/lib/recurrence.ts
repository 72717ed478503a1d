import { ROOM_SERIES_MAX_OCCURRENCES } from '@rr/contracts';

// The recurring-booking builder's common cases, as an RFC 5545 RRULE body without DTSTART (the API
// takes `firstDate` separately): weekly (or every n weeks) on chosen weekdays, ending after a count
// of occurrences or on a date. See createRoomSeriesSchema.

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Recurrence {
  /** Every `interval` weeks (1 = every week). */
  interval: number;
  days: Weekday[];
  end: 'count' | 'until';
  count: number;
  /** Last date (Tokyo, inclusive) when `end` is 'until'. */
  until: string;
}

/** ISO weekday code of a Tokyo date 'YYYY-MM-DD'. */
export function weekdayCode(isoDate: string): Weekday {
  const sundayFirst = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7];
}

/** `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10` (INTERVAL omitted when 1; days in week order). */
export function buildRrule(r: Recurrence): string {
  const parts = ['FREQ=WEEKLY'];
  if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
  const days = WEEKDAYS.filter((d) => r.days.includes(d));
  if (days.length > 0) parts.push(`BYDAY=${days.join(',')}`);
  parts.push(r.end === 'count' ? `COUNT=${r.count}` : `UNTIL=${r.until.replaceAll('-', '')}`);
  return parts.join(';');
}

function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The dates the rule produces from `firstDate` (before the server skips closed days and reports
 * conflicts), capped at `limit`. Weeks start on Monday (RRULE's default WKST=MO); like RRULE,
 * `firstDate` itself counts only when it is one of the chosen days.
 */
export function occurrenceDates(firstDate: string, r: Recurrence, limit = ROOM_SERIES_MAX_OCCURRENCES + 1): string[] {
  const days = r.days.length > 0 ? r.days : [weekdayCode(firstDate)];
  const out: string[] = [];
  const mondayOffset = WEEKDAYS.indexOf(weekdayCode(firstDate));
  let weekStart = addDays(firstDate, -mondayOffset);
  // Enough weeks for any rule the API accepts (≤ 100 occurrences, ≤ 12 months ahead).
  for (let week = 0; week < 600 && out.length < limit; week += 1) {
    for (let i = 0; i < 7; i += 1) {
      const date = addDays(weekStart, i);
      if (date < firstDate || !days.includes(WEEKDAYS[i])) continue;
      if (r.end === 'until' && date > r.until) return out;
      if (r.end === 'count' && out.length >= r.count) return out;
      out.push(date);
      if (out.length >= limit) return out;
    }
    weekStart = addDays(weekStart, 7 * Math.max(1, r.interval));
  }
  return out;
}

/** What is wrong with the rule before asking the server, or null. */
export function recurrenceProblem(firstDate: string, r: Recurrence): 'days' | 'count' | 'until' | 'tooMany' | null {
  if (r.days.length === 0) return 'days';
  if (r.end === 'count' && (!Number.isInteger(r.count) || r.count < 1 || r.count > ROOM_SERIES_MAX_OCCURRENCES)) return 'count';
  if (r.end === 'until' && (!/^\d{4}-\d{2}-\d{2}$/.test(r.until) || r.until < firstDate)) return 'until';
  if (occurrenceDates(firstDate, r).length > ROOM_SERIES_MAX_OCCURRENCES) return 'tooMany';
  return null;
}
