import { BusinessCalendar } from '../calendar/business-calendar';
import { IsoDate, isValidIsoDate } from '../calendar/iso-date';
import { acError } from './ac-extension.errors';
import { AcTimeRange, MinuteRange, parseRange } from './time-of-day';

/** Kitakyushu's standard hours (DOMAIN.md §0): the building AC follows them on business days. */
export const DEFAULT_AC_NORMAL_HOURS: AcNormalHours = Object.freeze({
  business: Object.freeze({ start: '08:30', end: '17:15' }),
  closed: null,
});

/** The seed report's figure for one zone for one hour (DOMAIN.md §0). */
export const DEFAULT_AC_YEN_PER_HOUR = 30_000;

/**
 * When the AC runs anyway, per day type. `business` = 開庁日 (including an administrator's 臨時開庁日),
 * `closed` = 閉庁日. null = the AC does not run at all that day, so every requested minute is extension.
 */
export interface AcNormalHours {
  readonly business: AcTimeRange | null;
  readonly closed: AcTimeRange | null;
}

/** One entry of a zone's price history: valid from `validFrom` (Tokyo date) until the next entry. */
export interface AcRate {
  readonly validFrom: IsoDate;
  /** Whole yen for running this zone for one hour outside normal hours. */
  readonly yenPerHour: number;
}

/** A floor or zone (対象区域) the building operator switches as one unit. */
export interface AcZone {
  readonly id: string;
  readonly name: string;
  readonly normalHours: AcNormalHours;
  /** Price history; order does not matter. A request is priced at the entry valid on its date. */
  readonly rates: readonly AcRate[];
}

export type AcDayType = 'business' | 'closed';

export function acDayType(date: IsoDate, calendar: BusinessCalendar): AcDayType {
  return calendar.isBusinessDay(date) ? 'business' : 'closed';
}

/** The zone's normal AC hours on that date, or null when it does not run at all. */
export function normalHoursOn(zone: AcZone, date: IsoDate, calendar: BusinessCalendar): MinuteRange | null {
  const hours = zone.normalHours[acDayType(date, calendar)];
  return hours ? parseRange(hours, `zones.${zone.id}.normalHours`) : null;
}

/**
 * The hourly rate valid on `date`: the entry with the latest `validFrom` ≤ date. A rate change
 * therefore never re-prices requests for earlier dates. No entry → AC_NO_RATE (a settings gap the
 * administrator must fix; guessing ¥30,000 would print a wrong figure on a 決裁 document).
 */
export function rateOn(zone: AcZone, date: IsoDate): number {
  let best: AcRate | null = null;
  for (const rate of zone.rates) {
    if (!isValidIsoDate(rate.validFrom) || !Number.isSafeInteger(rate.yenPerHour) || rate.yenPerHour < 0) {
      throw acError('AC_INVALID_SETTING', { zoneId: zone.id, field: 'rates', value: `${rate.validFrom}:${rate.yenPerHour}` });
    }
    if (rate.validFrom <= date && (!best || rate.validFrom > best.validFrom)) best = rate;
  }
  if (!best) throw acError('AC_NO_RATE', { zoneId: zone.id, date });
  return best.yenPerHour;
}

/** A zone with the defaults of the issue: weekdays 8:30–17:15, none on closed days, ¥30,000/h. */
export function defaultAcZone(id: string, name: string, rates: readonly AcRate[] = [{ validFrom: '2000-01-01', yenPerHour: DEFAULT_AC_YEN_PER_HOUR }]): AcZone {
  return { id, name, normalHours: DEFAULT_AC_NORMAL_HOURS, rates };
}
