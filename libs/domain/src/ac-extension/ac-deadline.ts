import { BusinessCalendar, DeadlineRule } from '../calendar/business-calendar';
import { IsoDate } from '../calendar/iso-date';
import { tokyoInstant } from '../time/tokyo';
import { acError } from './ac-extension.errors';
import { AcReasonCategory, AcRequest } from './ac-request';
import { parseRange } from './time-of-day';

export interface AcDeadlineSettings {
  /** 「N開庁日前の HH:mm まで」, counted back over business days (an internal cutoff rolls back). */
  readonly rule: DeadlineRule;
  /** Categories that may still be filed after the cutoff (当日申請), flagged as late. */
  readonly urgentReasons: readonly AcReasonCategory[];
}

/** 「利用日の前開庁日 17:00まで」; late filing only for council work and disasters. */
export const DEFAULT_AC_DEADLINE_SETTINGS: AcDeadlineSettings = Object.freeze({
  rule: Object.freeze({ businessDays: 1, time: '17:00' }),
  urgentReasons: Object.freeze(['council', 'disaster'] as AcReasonCategory[]),
});

export interface AcDeadlineCheck {
  /** Cutoff for the earliest requested date. */
  readonly deadline: Date;
  /** Filed after the cutoff with an urgent reason: shown to 総務課 and kept on the record. */
  readonly late: boolean;
}

/**
 * The application deadline for a request: the cutoff of its earliest date, since one form is one
 * 決裁 and cannot be half on time. E.g. for Monday 2027-01-04 the previous business day is
 * 2026-12-28 (年末年始 skipped), so the deadline is 2026-12-28 17:00 JST.
 */
export function acRequestDeadline(dates: readonly IsoDate[], calendar: BusinessCalendar, rule: DeadlineRule = DEFAULT_AC_DEADLINE_SETTINGS.rule): Date {
  if (dates.length === 0) throw acError('AC_NO_DATES');
  const earliest = [...dates].sort()[0];
  try {
    return calendar.deadlineBefore(earliest, rule);
  } catch (error) {
    if (error instanceof RangeError) throw acError('AC_INVALID_SETTING', { field: 'deadline', value: `${rule.businessDays} ${rule.time}` });
    throw error;
  }
}

/**
 * Decides whether a request may be submitted at `submittedAt` (the injected clock's now):
 * - on or before the deadline → allowed, not late (the deadline minute itself is on time);
 * - after it with an urgent reason → allowed, `late: true`;
 * - after it otherwise → AC_DEADLINE_PASSED;
 * - when the requested time of the earliest date is already over → AC_ALREADY_OVER, whatever the
 *   reason (an extension cannot be ordered in the past; an after-the-fact report is another process).
 */
export function checkAcDeadline(
  request: Pick<AcRequest, 'dates' | 'time' | 'reason'>,
  submittedAt: Date,
  calendar: BusinessCalendar,
  settings: AcDeadlineSettings = DEFAULT_AC_DEADLINE_SETTINGS,
): AcDeadlineCheck {
  const deadline = acRequestDeadline(request.dates, calendar, settings.rule);
  const earliest = [...request.dates].sort()[0];
  const range = parseRange(request.time, 'time');
  const endOfEarliest = tokyoInstant(earliest, '00:00').getTime() + range.end * 60_000;
  if (submittedAt.getTime() >= endOfEarliest) throw acError('AC_ALREADY_OVER', { date: earliest, end: request.time.end });
  if (submittedAt.getTime() <= deadline.getTime()) return { deadline, late: false };
  if (settings.urgentReasons.includes(request.reason.category)) return { deadline, late: true };
  throw acError('AC_DEADLINE_PASSED', { deadline: deadline.toISOString(), category: request.reason.category });
}
