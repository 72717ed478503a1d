import { tokyoInstant } from '@rr/domain';
import { DateTime } from 'luxon';

/** 00:00 Tokyo of the day after a 'YYYY-MM-DD' date (the exclusive end of date-range filters). */
export function tokyoDayAfter(date: string): Date {
  return tokyoInstant(DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() as string);
}

/** The Tokyo date `days` after a 'YYYY-MM-DD' date. */
export function datePlus(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}
