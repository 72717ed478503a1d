import { LOTTERY_MAX_CHOICES } from '@rr/contracts';
import { AppError, TOKYO, tokyoDate } from '@rr/domain';
import { checkInterval } from '@rr/server/cars';
import { DateTime } from 'luxon';
import { LotteryErrors } from '../car-lottery.errors';

// Pure checks of a request's options, in the order a user would fix them: how many, then per
// option class → interval shape and grid → inside the period → length and bookable hours → seats.

export interface OptionInput {
  classCode: string;
  startsAt: Date;
  endsAt: Date;
}

export interface OptionContext {
  periodStart: Date;
  periodEnd: Date;
  /** Classes with active cars in the pool, with the smallest seat count of each. */
  classes: ReadonlyMap<string, { minSeats: number }>;
  passengers: number;
  bookableFromMinute: number;
  bookableUntilMinute: number;
  maxDurationMinutes: number;
}

function minuteOfDay(instant: Date, asEnd: boolean): number {
  const dt = DateTime.fromJSDate(instant, { zone: TOKYO });
  const minute = dt.hour * 60 + dt.minute;
  return asEnd && minute === 0 ? 1440 : minute;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function checkOptions(options: readonly OptionInput[], ctx: OptionContext): void {
  if (options.length > LOTTERY_MAX_CHOICES) throw LotteryErrors.tooManyOptions();
  const lastDate = tokyoDate(new Date(ctx.periodEnd.getTime() - 1));
  options.forEach((o, i) => {
    const field = `options.${i}`;
    const cls = ctx.classes.get(o.classCode);
    if (!cls) throw LotteryErrors.unknownClass(o.classCode, `${field}.classCode`);
    try {
      checkInterval(o.startsAt, o.endsAt);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, error.kind, error.params, { field });
      throw error;
    }
    if (o.startsAt < ctx.periodStart || o.endsAt > ctx.periodEnd) throw LotteryErrors.outsidePeriod(tokyoDate(ctx.periodStart), lastDate, field);
    const minutes = (o.endsAt.getTime() - o.startsAt.getTime()) / 60_000;
    if (minutes > ctx.maxDurationMinutes) throw new AppError('CAR_BOOKING_TOO_LONG', 'validation', { hours: ctx.maxDurationMinutes / 60 }, { field });
    const start = minuteOfDay(o.startsAt, false);
    const end = minuteOfDay(o.endsAt, true);
    const { bookableFromMinute: from, bookableUntilMinute: until } = ctx;
    if (start < from || start >= until || end <= from || end > until) {
      throw new AppError('CAR_BOOKING_OUTSIDE_HOURS', 'validation', { from: hhmm(from), until: hhmm(until) }, { field });
    }
    if (ctx.passengers + 1 > cls.minSeats) throw LotteryErrors.tooManyPassengers(cls.minSeats);
  });
}
