import { garageError } from './garage.errors';

/** 運転日誌 (DOMAIN.md §2.3): odometer readings in whole km. */
export const MAX_ODOMETER_KM = 9_999_999;

/**
 * At check-out: the start reading may not be below the car's last recorded return (the meter never
 * runs backwards). At return: the end reading may not be below the start, nor below the car's
 * previous return.
 */
export function checkOdometer(reading: number, facts: { start?: number | null; previousReturn?: number | null }): void {
  if (!Number.isInteger(reading) || reading < 0 || reading > MAX_ODOMETER_KM) throw garageError('GARAGE_ODOMETER_INVALID', { max: MAX_ODOMETER_KM });
  if (facts.start != null && reading < facts.start) throw garageError('GARAGE_ODOMETER_BELOW_START', { start: facts.start });
  if (facts.previousReturn != null && reading < facts.previousReturn) throw garageError('GARAGE_ODOMETER_BELOW_PREVIOUS', { previous: facts.previousReturn });
}

export const DEFAULT_NO_SHOW_MINUTES = 30;

/** The instant after which a booking whose key was not taken is released (無断キャンセル). */
export function noShowDueAt(startsAt: Date, noShowMinutes = DEFAULT_NO_SHOW_MINUTES): Date {
  return new Date(startsAt.getTime() + noShowMinutes * 60_000);
}

export function isNoShow(b: { status: string; startsAt: Date; checkedOut: boolean }, now: Date, noShowMinutes = DEFAULT_NO_SHOW_MINUTES): boolean {
  return b.status === 'confirmed' && !b.checkedOut && noShowDueAt(b.startsAt, noShowMinutes).getTime() <= now.getTime();
}

/** An in-use trip is late once its end plus the grace minutes has passed. */
export function isLateReturn(b: { status: string; endsAt: Date }, now: Date, graceMinutes: number): boolean {
  return b.status === 'in_use' && b.endsAt.getTime() + graceMinutes * 60_000 <= now.getTime();
}

/** What the manager's board shows for one of today's bookings. */
export type BoardState = 'waiting' | 'late_pickup' | 'out' | 'due_back' | 'overdue' | 'returned' | 'no_show' | 'cancelled';

/** "Due back" is the last hour before the planned return. */
export const DUE_BACK_WINDOW_MINUTES = 60;

export function boardState(b: { status: string; startsAt: Date; endsAt: Date }, now: Date, graceMinutes: number): BoardState {
  switch (b.status) {
    case 'completed':
      return 'returned';
    case 'no_show':
      return 'no_show';
    case 'cancelled':
    case 'released':
      return 'cancelled';
    case 'in_use':
      if (isLateReturn(b, now, graceMinutes)) return 'overdue';
      return b.endsAt.getTime() - now.getTime() <= DUE_BACK_WINDOW_MINUTES * 60_000 ? 'due_back' : 'out';
    default:
      return b.startsAt.getTime() < now.getTime() ? 'late_pickup' : 'waiting';
  }
}

/** A Tokyo month 'YYYY-MM' → its first day and the first day of the next month (YYYY-MM-DD). */
export function monthBounds(month: string): { first: string; next: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw garageError('GARAGE_PERIOD_INVALID');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) throw garageError('GARAGE_PERIOD_INVALID');
  const pad = (n: number) => String(n).padStart(2, '0');
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01`;
  return { first: `${y}-${pad(mo)}-01`, next };
}
