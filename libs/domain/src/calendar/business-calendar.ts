import holidayJp from '@holiday-jp/holiday_jp';
import {
  DateInput,
  fromDayNumber,
  IsoDate,
  parseHhMm,
  parseIsoDate,
  toDayNumber,
  tokyoDateTime,
  tokyoWallClock,
  weekdayOf,
} from './iso-date';

/** A day an administrator marks as closed (臨時閉庁日) or open (臨時開庁日), with the reason shown to users. */
export interface CalendarDayNote {
  date: IsoDate;
  reason: string;
}

export interface BusinessCalendarOptions {
  /** 臨時閉庁日 managed by an administrator (e.g. building power inspection). */
  extraClosedDays?: Iterable<CalendarDayNote>;
  /**
   * 臨時開庁日 / 休日開庁: a weekend, holiday or year-end day the city decides to run as a working
   * day (e.g. a Sunday counter opening). They count as business days for internal cutoffs and
   * schedules, but NOT for `rollForwardDeadline`: opening the counter does not change the
   * ordinance's 休日, and 地方自治法 第4条の2 extends deadlines that fall on those 休日.
   */
  extraOpenDays?: Iterable<CalendarDayNote>;
}

export type ClosedReasonCode = 'weekend' | 'holiday' | 'year_end' | 'extra';

export interface ClosedReason {
  code: ClosedReasonCode;
  /** Japanese label for the UI: the holiday's name, 年末年始, 土曜日/日曜日, or the admin's reason. */
  name: string;
}

export interface ClosedDayInfo extends ClosedReason {
  date: IsoDate;
}

export interface DeadlineRule {
  /** How many business days before the target date (0 = on the target date, or the last business day before it if closed). */
  businessDays: number;
  /** Tokyo wall-clock cutoff 'HH:mm', e.g. '17:00'. Required so every rule states its own time. */
  time: string;
}

const HOLIDAYS: Readonly<Record<string, { name: string }>> = holidayJp.holidays;
const HOLIDAY_YEARS = Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4)));
/** Years the bundled 祝日 table covers. Beyond it "no holiday" would be a silent lie, so we throw. */
export const HOLIDAY_DATA_YEARS = Object.freeze({ first: Math.min(...HOLIDAY_YEARS), last: Math.max(...HOLIDAY_YEARS) });

/** Scan limit: real runs of closed days are ≤ 10 days (year end + weekend); a year means broken admin lists. */
const MAX_SCAN_DAYS = 366;

/**
 * The city's business-day (開庁日) calendar, in Asia/Tokyo (DOMAIN.md §5.2).
 *
 * Closed (閉庁日) = Saturday, Sunday, a national holiday (祝日, 振替休日, 国民の休日), 12/29–1/3, or an
 * administrator's extra closed day — unless an administrator marked it as an extra open day.
 * Pure and immutable: build a new instance when the administrator's lists change.
 *
 * Counting conventions (so `addBusinessDays(a, businessDaysBetween(a, b)) === b` for any business day b):
 * - `addBusinessDays(d, n)` steps over n business days strictly after d (n > 0) or before d (n < 0);
 *   n = 0 returns d unchanged, even if closed (use the roll helpers to roll).
 * - `businessDaysBetween(a, b)` counts business days in (a, b] when b > a, and minus those in [b, a)
 *   when b < a.
 */
export class BusinessCalendar {
  private readonly extraClosed: ReadonlyMap<IsoDate, string>;
  private readonly extraOpen: ReadonlyMap<IsoDate, string>;

  constructor(options: BusinessCalendarOptions = {}) {
    this.extraClosed = toNoteMap(options.extraClosedDays ?? [], 'extraClosedDays');
    this.extraOpen = toNoteMap(options.extraOpenDays ?? [], 'extraOpenDays');
    for (const date of this.extraOpen.keys()) {
      if (this.extraClosed.has(date)) {
        throw new RangeError(`${date} is listed both as an extra closed day and an extra open day`);
      }
    }
  }

  /** 国民の祝日, 振替休日 or 国民の休日, looked up by the Tokyo date string (never a Date: TZ trap). */
  isHoliday(date: DateInput): boolean {
    return this.holidayName(date) !== null;
  }

  /**
   * The holiday's name, or null. The library labels substitute days oddly (2026-05-06 is
   * 「こどもの日 振替休日」, though it replaces 憲法記念日), so they are shown as 振替休日; its bare
   * 「休日」 is the 国民の休日 of 祝日法 第3条第3項.
   */
  holidayName(date: DateInput): string | null {
    const day = toDayNumber(date);
    const iso = fromDayNumber(day);
    const year = Number(iso.slice(0, 4));
    if (year < HOLIDAY_DATA_YEARS.first || year > HOLIDAY_DATA_YEARS.last) {
      throw new RangeError(
        `${iso}: national holiday data (@holiday-jp/holiday_jp ${holidayJp.VERSION}) covers only ` +
          `${HOLIDAY_DATA_YEARS.first}–${HOLIDAY_DATA_YEARS.last}`,
      );
    }
    const raw = Object.prototype.hasOwnProperty.call(HOLIDAYS, iso) ? HOLIDAYS[iso].name : null;
    if (raw === null) return null;
    if (raw.endsWith('振替休日')) return '振替休日';
    if (raw === '休日') return '国民の休日';
    return raw;
  }

  /** 年末年始 12/29–1/3 (条例). 12/29–12/31 and 1/2–1/3 are not national holidays, so the library misses them. */
  isYearEndClosure(date: DateInput): boolean {
    const iso = fromDayNumber(toDayNumber(date));
    const monthDay = iso.slice(5);
    return monthDay >= '12-29' || monthDay <= '01-03';
  }

  isWeekend(date: DateInput): boolean {
    const wd = weekdayOf(toDayNumber(date));
    return wd === 0 || wd === 6;
  }

  isClosedDay(date: DateInput): boolean {
    return this.closedReason(date) !== null;
  }

  isBusinessDay(date: DateInput): boolean {
    return this.closedReason(date) === null;
  }

  /**
   * Why the office is closed, or null on a business day. When several reasons apply, the most
   * specific wins: the administrator's note, then the holiday name (1/1 shows 元日), then 年末年始,
   * then the weekday.
   */
  closedReason(date: DateInput): ClosedReason | null {
    const iso = fromDayNumber(toDayNumber(date));
    const extra = this.extraClosed.get(iso);
    if (extra !== undefined) return { code: 'extra', name: extra };
    if (this.extraOpen.has(iso)) return null;
    return this.statutoryClosedReason(iso);
  }

  /** The first business day strictly after the date. */
  nextBusinessDay(date: DateInput): IsoDate {
    return this.addBusinessDays(date, 1);
  }

  /** The last business day strictly before the date. */
  previousBusinessDay(date: DateInput): IsoDate {
    return this.addBusinessDays(date, -1);
  }

  /** The date itself if it is a business day, else the next one. */
  businessDayOnOrAfter(date: DateInput): IsoDate {
    return fromDayNumber(this.roll(toDayNumber(date), 1, (iso) => this.isBusinessDay(iso)));
  }

  /** The date itself if it is a business day, else the previous one (internal cutoffs roll back). */
  businessDayOnOrBefore(date: DateInput): IsoDate {
    return fromDayNumber(this.roll(toDayNumber(date), -1, (iso) => this.isBusinessDay(iso)));
  }

  addBusinessDays(date: DateInput, n: number): IsoDate {
    if (!Number.isSafeInteger(n)) throw new RangeError(`n: expected an integer number of business days, got ${n}`);
    let day = toDayNumber(date);
    const step = Math.sign(n);
    for (let left = Math.abs(n); left > 0; left--) {
      day = this.roll(day + step, step, (iso) => this.isBusinessDay(iso));
    }
    return fromDayNumber(day);
  }

  businessDaysBetween(a: DateInput, b: DateInput): number {
    const from = toDayNumber(a, 'a');
    const to = toDayNumber(b, 'b');
    if (to >= from) return this.countBusinessDays(from + 1, to);
    return -this.countBusinessDays(to, from - 1);
  }

  /** Business days in [from, to], both inclusive, oldest first. */
  businessDaysInRange(from: DateInput, to: DateInput): IsoDate[] {
    const [start, end] = this.range(from, to);
    const days: IsoDate[] = [];
    for (let day = start; day <= end; day++) {
      const iso = fromDayNumber(day);
      if (this.isBusinessDay(iso)) days.push(iso);
    }
    return days;
  }

  /** Closed days in [from, to] with their reason, for calendar views and the admin screen. */
  closedDaysInRange(from: DateInput, to: DateInput): ClosedDayInfo[] {
    const [start, end] = this.range(from, to);
    const days: ClosedDayInfo[] = [];
    for (let day = start; day <= end; day++) {
      const date = fromDayNumber(day);
      const reason = this.closedReason(date);
      if (reason) days.push({ date, ...reason });
    }
    return days;
  }

  /**
   * Internal cutoff 「N開庁日前の HH:mm まで」: the instant of `time` (Tokyo) N business days before
   * the target date, counting back over closed days only. E.g. for a request on Monday 2027-01-04,
   * N = 1 at 17:00 gives 2026-12-28 17:00 JST (the year-end closure is skipped).
   */
  deadlineBefore(targetDate: DateInput, rule: DeadlineRule): Date {
    const { businessDays, time } = rule;
    if (!Number.isSafeInteger(businessDays) || businessDays < 0) {
      throw new RangeError(`businessDays: expected an integer ≥ 0, got ${businessDays}`);
    }
    const [hour, minute] = parseHhMm(time);
    const date = businessDays === 0 ? this.businessDayOnOrBefore(targetDate) : this.addBusinessDays(targetDate, -businessDays);
    return tokyoDateTime(date, hour, minute);
  }

  /**
   * 期限の特例 (地方自治法 第4条の2 第4項 and the 休日条例): a deadline for an application to the city
   * that falls on a 休日 moves to the next day that is not one. Extra closed days also roll (the
   * office cannot receive anything; the reading in the resident's favour). Extra open days do not
   * stop the roll: the ordinance's 休日 is unchanged by a counter opening.
   */
  rollForwardDeadline(date: DateInput): IsoDate {
    const isOpenByOrdinance = (iso: IsoDate) => !this.extraClosed.has(iso) && this.statutoryClosedReason(iso) === null;
    return fromDayNumber(this.roll(toDayNumber(date), 1, isOpenByOrdinance));
  }

  /**
   * Moves a scheduled event (e.g. a lottery draw, Thursday 09:00) to the same Tokyo wall-clock time
   * on the next business day when its Tokyo date is closed; returns it unchanged otherwise.
   */
  shiftToBusinessDay(scheduledAt: Date): Date {
    const at = tokyoWallClock(scheduledAt);
    const date = this.businessDayOnOrAfter(at.date);
    if (date === at.date) return new Date(scheduledAt.getTime());
    return tokyoDateTime(date, at.hour, at.minute, at.second, at.millisecond);
  }

  /** Closed by ordinance, ignoring the administrator's lists. */
  private statutoryClosedReason(iso: IsoDate): ClosedReason | null {
    const holiday = this.holidayName(iso);
    if (holiday !== null) return { code: 'holiday', name: holiday };
    if (this.isYearEndClosure(iso)) return { code: 'year_end', name: '年末年始' };
    const wd = weekdayOf(parseIsoDate(iso));
    if (wd === 0) return { code: 'weekend', name: '日曜日' };
    if (wd === 6) return { code: 'weekend', name: '土曜日' };
    return null;
  }

  /** The first day number from `start` (inclusive) in direction `step` that is accepted. */
  private roll(start: number, step: number, accept: (iso: IsoDate) => boolean): number {
    for (let i = 0, day = start; i < MAX_SCAN_DAYS; i++, day += step) {
      if (accept(fromDayNumber(day))) return day;
    }
    throw new RangeError(`no business day within ${MAX_SCAN_DAYS} days of ${fromDayNumber(start)}`);
  }

  private countBusinessDays(start: number, end: number): number {
    let count = 0;
    for (let day = start; day <= end; day++) if (this.isBusinessDay(fromDayNumber(day))) count++;
    return count;
  }

  private range(from: DateInput, to: DateInput): [number, number] {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    if (end < start) throw new RangeError(`range: 'to' (${fromDayNumber(end)}) is before 'from' (${fromDayNumber(start)})`);
    return [start, end];
  }
}

function toNoteMap(notes: Iterable<CalendarDayNote>, what: string): Map<IsoDate, string> {
  const map = new Map<IsoDate, string>();
  for (const note of notes) {
    parseIsoDate(note?.date, `${what}.date`);
    if (typeof note.reason !== 'string' || note.reason.trim() === '') {
      throw new RangeError(`${what}: ${note.date} needs a non-empty reason (it is shown to users)`);
    }
    if (map.has(note.date)) throw new RangeError(`${what}: ${note.date} is listed twice`);
    map.set(note.date, note.reason.trim());
  }
  return map;
}
