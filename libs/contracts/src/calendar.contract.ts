import { z } from 'zod';

/** Longest span GET /api/calendar/days answers in one call (a year view plus margins). */
export const CALENDAR_MAX_RANGE_DAYS = 400;

const DAY_MS = 86_400_000;

/** A real calendar date 'YYYY-MM-DD' (2026-02-30 is refused), as a day number for range maths; null if invalid. */
function dayNumber(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d);
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return Math.round(probe.getTime() / DAY_MS);
}

/** A Tokyo calendar date 'YYYY-MM-DD' in 2000–2099 (the range the city's calendar is kept for). */
export const isoDateSchema = z
  .string()
  .regex(/^20\d{2}-\d{2}-\d{2}$/, { message: 'expected a date YYYY-MM-DD (2000–2099)' })
  .refine((v) => dayNumber(v) !== null, { message: 'not a real calendar date' });

export const closedDaySchema = z.object({ date: z.string(), reason: z.string() });
export type ClosedDay = z.infer<typeof closedDaySchema>;

export const createClosedDaySchema = z.strictObject({
  date: isoDateSchema,
  reason: z.string().trim().min(1).max(200),
});
export type CreateClosedDay = z.infer<typeof createClosedDaySchema>;

export const closedDaysQuerySchema = z.strictObject({
  year: z.string().regex(/^20\d{2}$/, { message: 'expected a year YYYY (2000–2099)' }).transform(Number),
});
export type ClosedDaysQuery = z.output<typeof closedDaysQuerySchema>;

export const calendarDaysQuerySchema = z
  .strictObject({ from: isoDateSchema, to: isoDateSchema })
  .superRefine((v, ctx) => {
    const from = dayNumber(v.from);
    const to = dayNumber(v.to);
    if (from === null || to === null) return;
    if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: "'to' is before 'from'" });
    else if (to - from + 1 > CALENDAR_MAX_RANGE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${CALENDAR_MAX_RANGE_DAYS} days per request` });
    }
  });
export type CalendarDaysQuery = z.output<typeof calendarDaysQuerySchema>;

export const closedReasonCodeSchema = z.enum(['weekend', 'holiday', 'year_end', 'extra']);

/** One day of the business calendar (開庁日 or 閉庁日 with its reason) for calendar views. */
export const calendarDaySchema = z.object({
  date: z.string(),
  businessDay: z.boolean(),
  closedReason: z.object({ code: closedReasonCodeSchema, name: z.string() }).nullable(),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;
