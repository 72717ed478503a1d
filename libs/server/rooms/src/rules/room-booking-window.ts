import { AppError, tokyoDate } from '@rr/domain';
import { BookingWindowSettings, checkBookingWindow, checkInterval } from '@rr/server/cars';
import { minuteToHhmm } from './minutes';

// Pure checks of a room booking's interval against the grid and the room's own rules. The grid,
// past, length, hours and horizon rules are the cars feature's (one implementation, one set of
// tests); only the codes differ, and a room booking must also stay within one Tokyo day.

/** A room's booking rules (per room: a Web会議ブース may allow 1 h, the large hall 8 h). */
export type RoomWindowSettings = BookingWindowSettings;

/** The cars rule's codes → ours; params ({hours}, {from}/{until}, {months}/{lastDate}) carry over. */
const ROOM_CODES: Readonly<Record<string, string>> = {
  CAR_TIME_INVALID_RANGE: 'ROOM_TIME_INVALID_RANGE',
  CAR_TIME_OFF_GRID: 'ROOM_TIME_OFF_GRID',
  CAR_BOOKING_IN_PAST: 'ROOM_BOOKING_IN_PAST',
  CAR_BOOKING_TOO_LONG: 'ROOM_BOOKING_TOO_LONG',
  CAR_BOOKING_OUTSIDE_HOURS: 'ROOM_BOOKING_OUTSIDE_HOURS',
  CAR_BOOKING_BEYOND_HORIZON: 'ROOM_BOOKING_BEYOND_HORIZON',
};

function asRoomError(error: unknown): unknown {
  if (error instanceof AppError && ROOM_CODES[error.code]) return new AppError(ROOM_CODES[error.code], error.kind, error.params, error.details);
  return error;
}

/**
 * Checks a booking, in the order a user would fix them: shape (end after start, 15-minute grid),
 * past, length, hours (start and end within the room's hours of one Tokyo day), horizon. Throws
 * the first failure as a coded AppError (all 400).
 */
export function checkRoomBookingWindow(startsAt: Date, endsAt: Date, settings: RoomWindowSettings, now: Date): void {
  try {
    checkBookingWindow(startsAt, endsAt, settings, now);
  } catch (error) {
    throw asRoomError(error);
  }
  // An end at 24:00 belongs to the day it ends, so compare with the last millisecond booked.
  if (tokyoDate(startsAt) !== tokyoDate(new Date(endsAt.getTime() - 1))) {
    throw new AppError('ROOM_BOOKING_OUTSIDE_HOURS', 'validation', {
      from: minuteToHhmm(settings.bookableFromMinute),
      until: minuteToHhmm(settings.bookableUntilMinute),
    });
  }
}

/** Interval shape only (search ranges and blocks): end after start, both on the 15-minute grid. */
export function checkRoomInterval(startsAt: Date, endsAt: Date): void {
  try {
    checkInterval(startsAt, endsAt);
  } catch (error) {
    throw asRoomError(error);
  }
}

/** Whether a room's rules accept the interval (the free-room search hides rooms that would refuse). */
export function roomAccepts(startsAt: Date, endsAt: Date, settings: RoomWindowSettings, now: Date): boolean {
  try {
    checkRoomBookingWindow(startsAt, endsAt, settings, now);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}
