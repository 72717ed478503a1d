import { AppError, TOKYO, tokyoDate } from '@rr/domain';
import { DateTime } from 'luxon';

// Pure checks of a trip's interval against the grid and the booking settings (設定値).

export const SLOT_MINUTES = 15;
const SLOT_MS = SLOT_MINUTES * 60_000;

export interface BookingWindowSettings {
  /** Tokyo minute of day a trip may start from (default 420 = 07:00). */
  bookableFromMinute: number;
  /** Tokyo minute of day a trip must end by (default 1320 = 22:00; 1440 = midnight). */
  bookableUntilMinute: number;
  /** Longest trip in minutes (default 4,320 = 3 days). */
  maxDurationMinutes: number;
  /** A trip may start up to this many months ahead of today (Tokyo; default 1). */
  horizonMonths: number;
}

export function minuteToHhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function hhmmToMinute(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}

export function isOnGrid(instant: Date): boolean {
  // Asia/Tokyo is UTC+9 with no DST, so the Tokyo quarter-hours are the UTC quarter-hours.
  return instant.getTime() % SLOT_MS === 0;
}

/** Tokyo minute of day of an instant; `asEnd` reads 00:00 as 24:00 of the previous day. */
function tokyoMinuteOfDay(instant: Date, asEnd: boolean): number {
  const dt = DateTime.fromJSDate(instant, { zone: TOKYO });
  const minute = dt.hour * 60 + dt.minute;
  return asEnd && minute === 0 ? 1440 : minute;
}

/** The last Tokyo date on which a trip may start: today + horizon months (Jan 31 + 1 month = Feb 28/29). */
export function horizonLastDate(now: Date, horizonMonths: number): string {
  return DateTime.fromJSDate(now, { zone: TOKYO }).startOf('day').plus({ months: horizonMonths }).toISODate() as string;
}

/** Interval shape only (blocks and bookings): end after start, both on the 15-minute grid. */
export function checkInterval(startsAt: Date, endsAt: Date): void {
  if (!(endsAt.getTime() > startsAt.getTime())) throw new AppError('CAR_TIME_INVALID_RANGE', 'validation');
  if (!isOnGrid(startsAt) || !isOnGrid(endsAt)) throw new AppError('CAR_TIME_OFF_GRID', 'validation');
}

/**
 * Checks a first-come trip, in the order a user would fix them: shape, past, length, hours,
 * horizon. Throws the first failure as a coded AppError (all 400). Multi-day trips are allowed
 * (出張): the start and the end must each fall within the bookable hours of their own day.
 */
export function checkBookingWindow(startsAt: Date, endsAt: Date, settings: BookingWindowSettings, now: Date): void {
  checkInterval(startsAt, endsAt);
  if (startsAt.getTime() < now.getTime()) throw new AppError('CAR_BOOKING_IN_PAST', 'validation');
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (minutes > settings.maxDurationMinutes) {
    throw new AppError('CAR_BOOKING_TOO_LONG', 'validation', { hours: settings.maxDurationMinutes / 60 });
  }
  const from = settings.bookableFromMinute;
  const until = settings.bookableUntilMinute;
  const startMinute = tokyoMinuteOfDay(startsAt, false);
  const endMinute = tokyoMinuteOfDay(endsAt, true);
  if (startMinute < from || startMinute >= until || endMinute <= from || endMinute > until) {
    throw new AppError('CAR_BOOKING_OUTSIDE_HOURS', 'validation', { from: minuteToHhmm(from), until: minuteToHhmm(until) });
  }
  const lastDate = horizonLastDate(now, settings.horizonMonths);
  if (tokyoDate(startsAt) > lastDate) {
    throw new AppError('CAR_BOOKING_BEYOND_HORIZON', 'validation', { months: settings.horizonMonths, lastDate });
  }
}
