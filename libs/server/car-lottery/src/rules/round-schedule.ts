import { BusinessCalendar, TOKYO } from '@rr/domain';
import { DateTime } from 'luxon';

// Pure schedule arithmetic for lottery rounds (no Nest, no I/O): where each step of a round's
// weekly cycle falls, given the pool's settings and the city's business calendar.

const DAY_MS = 86_400_000;

/** A point of the cycle: `day` days after the window week's Monday, `minute` Tokyo minutes into that day. */
export interface CyclePoint {
  day: number;
  minute: number;
}

export interface CycleSettings {
  opens: CyclePoint;
  closes: CyclePoint;
  draw: CyclePoint;
  confirmBy: CyclePoint;
  firstCome: CyclePoint;
  /** The target period starts this many days after the window Monday (14 = the week after next). */
  periodOffsetDays: number;
  periodDays: number;
  /** The confirmation reminder goes out this long before the deadline; 0 = no reminder. */
  reminderMinutesBefore: number;
}

/** The defaults of LOTTERY.md / DOMAIN.md §3.6, before the business calendar shifts them. */
export const DEFAULT_CYCLE: CycleSettings = {
  opens: { day: 0, minute: 8 * 60 + 30 },
  closes: { day: 2, minute: 17 * 60 + 15 },
  draw: { day: 3, minute: 9 * 60 },
  confirmBy: { day: 4, minute: 17 * 60 + 15 },
  firstCome: { day: 7, minute: 8 * 60 + 30 },
  periodOffsetDays: 14,
  periodDays: 7,
  reminderMinutesBefore: 480,
};

export interface RoundSchedule {
  /** [periodStart, periodEnd): Tokyo midnights. */
  periodStart: Date;
  periodEnd: Date;
  opensAt: Date;
  closesAt: Date;
  drawAt: Date;
  confirmBy: Date;
  firstComeAt: Date;
  reminderAt: Date | null;
}

export function minuteToHhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function hhmmToMinute(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: TOKYO }).plus({ days }).toISODate() as string;
}

/** The Monday of the Tokyo week (Monday–Sunday) containing `date`. */
export function mondayOf(date: string): string {
  const dt = DateTime.fromISO(date, { zone: TOKYO });
  return dt.minus({ days: dt.weekday - 1 }).toISODate() as string;
}

/** The instant of a Tokyo date at a minute of the day. */
export function tokyoAtMinute(date: string, minute: number): Date {
  return DateTime.fromISO(date, { zone: TOKYO }).startOf('day').plus({ minutes: minute }).toJSDate();
}

/**
 * The instant `at`, moved to the same Tokyo wall-clock time on the next business day when its date
 * is closed (BusinessCalendar.shiftToBusinessDay), and then on by whole business days until it is
 * after `previous` (or not before it, when `allowEqual`). Shifting each step on its own could put a
 * draw before the window closes (Wednesday and Thursday both closed: the close moves to Friday
 * 17:15, the draw to Friday 09:00); this keeps the steps in order and keeps each one's time of day.
 */
export function shiftAfter(calendar: BusinessCalendar, at: Date, previous: Date | null, allowEqual = false): Date {
  let t = calendar.shiftToBusinessDay(at);
  const tooEarly = (x: Date) => previous !== null && (allowEqual ? x.getTime() < previous.getTime() : x.getTime() <= previous.getTime());
  // No DST in Tokyo: +24 h keeps the wall-clock time.
  while (tooEarly(t)) t = calendar.shiftToBusinessDay(new Date(t.getTime() + DAY_MS));
  return t;
}

/**
 * Every instant of the round whose application window starts in the week of `windowMonday`.
 * Steps are shifted in order: opening, close, draw, confirmation deadline, first-come; the target
 * period is calendar days (trips happen on any day) and is not shifted.
 */
export function computeRoundSchedule(windowMonday: string, settings: CycleSettings, calendar: BusinessCalendar): RoundSchedule {
  const point = (p: CyclePoint) => tokyoAtMinute(addDays(windowMonday, p.day), p.minute);
  const opensAt = shiftAfter(calendar, point(settings.opens), null);
  const closesAt = shiftAfter(calendar, point(settings.closes), opensAt);
  const drawAt = shiftAfter(calendar, point(settings.draw), closesAt, true);
  const confirmBy = shiftAfter(calendar, point(settings.confirmBy), drawAt);
  const firstComeAt = shiftAfter(calendar, point(settings.firstCome), confirmBy, true);
  const periodStartDate = addDays(windowMonday, settings.periodOffsetDays);
  return {
    periodStart: tokyoAtMinute(periodStartDate, 0),
    periodEnd: tokyoAtMinute(addDays(periodStartDate, settings.periodDays), 0),
    opensAt,
    closesAt,
    drawAt,
    confirmBy,
    firstComeAt,
    reminderAt: reminderFor(confirmBy, drawAt, settings.reminderMinutesBefore),
  };
}

/** The confirmation reminder: `minutesBefore` before the deadline, if that is after the draw. */
export function reminderFor(confirmBy: Date, drawAt: Date, minutesBefore: number): Date | null {
  if (minutesBefore <= 0) return null;
  const at = new Date(confirmBy.getTime() - minutesBefore * 60_000);
  return at.getTime() > drawAt.getTime() ? at : null;
}

/** The window Monday of the round whose target period starts on `periodStart` (a Tokyo date). */
export function windowMondayFor(periodStart: string, periodOffsetDays: number): string {
  return mondayOf(addDays(periodStart, -periodOffsetDays));
}

/** Winners always get at least this long to confirm, even after a late (recovered) draw. */
export const MIN_CONFIRM_WINDOW_MS = 4 * 3_600_000;

/**
 * After a late draw (the worker was down at draw time and the next tick recovered it), the
 * deadline may be too close or already past: winners would be voided before they could read the
 * result. Winners keep at least the planned confirmation time, capped at MIN_CONFIRM_WINDOW_MS; if
 * less is left, the deadline moves on by whole business days (same time of day) until enough is,
 * and first-come opening follows if it would come first. An on-time draw never moves anything.
 */
export function extendForLateDraw(
  calendar: BusinessCalendar,
  drawnAt: Date,
  schedule: { drawAt: Date; confirmBy: Date; firstComeAt: Date },
): { confirmBy: Date; firstComeAt: Date } | null {
  const planned = schedule.confirmBy.getTime() - schedule.drawAt.getTime();
  const earliest = new Date(drawnAt.getTime() + Math.min(planned, MIN_CONFIRM_WINDOW_MS));
  if (schedule.confirmBy.getTime() >= earliest.getTime()) return null;
  let confirmBy = schedule.confirmBy;
  while (confirmBy.getTime() < earliest.getTime()) confirmBy = calendar.shiftToBusinessDay(new Date(confirmBy.getTime() + DAY_MS));
  const firstComeAt = shiftAfter(calendar, schedule.firstComeAt, confirmBy, true);
  return { confirmBy, firstComeAt };
}

/** Orders a hand-made schedule must respect (the database checks them again). Null when fine. */
export function scheduleProblem(s: { opensAt: Date; closesAt: Date; drawAt: Date; confirmBy: Date; firstComeAt: Date; periodStart: Date; periodEnd: Date }): string | null {
  if (!(s.periodEnd > s.periodStart)) return 'the period must end after it starts';
  if (!(s.closesAt > s.opensAt)) return 'the window must close after it opens';
  if (s.drawAt < s.closesAt) return 'the draw must not be before the window closes';
  if (!(s.confirmBy > s.drawAt)) return 'the confirmation deadline must be after the draw';
  if (s.firstComeAt < s.confirmBy) return 'first-come booking must not open before the confirmation deadline';
  if (!(s.drawAt < s.periodStart)) return 'the draw must be before the period starts';
  return null;
}
