import { DateTime } from 'luxon';

/** The only zone the product displays and reasons in (DESIGN.md §3: never rely on the server's TZ). */
export const TOKYO = 'Asia/Tokyo';

/** An injected clock, so domain rules and services are testable at any instant. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A fixed clock for tests and replays. */
export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === 'string' ? new Date(at) : at;
  return { now: () => new Date(instant.getTime()) };
}

/** The Asia/Tokyo calendar date (YYYY-MM-DD) of an instant. */
export function tokyoDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: TOKYO }).toISODate() as string;
}

/** The instant of a Tokyo wall-clock time on a Tokyo date. */
export function tokyoInstant(date: string, time = '00:00'): Date {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: TOKYO });
  if (!dt.isValid) throw new RangeError(`invalid Tokyo date/time: ${date} ${time}`);
  return dt.toJSDate();
}
