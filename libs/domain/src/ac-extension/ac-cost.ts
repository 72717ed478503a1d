import { BusinessCalendar } from '../calendar/business-calendar';
import { IsoDate } from '../calendar/iso-date';
import { acDayType, AcDayType, AcZone, rateOn } from './ac-zones';
import { acExtensionLines, AcRequestInput, validateAcRequest, zoneMap } from './ac-request';
import { AcTimeRange, formatTimeOfDay, Minutes, MinuteRange, totalMinutes } from './time-of-day';

export interface AcCostLine {
  readonly date: IsoDate;
  readonly zoneId: string;
  readonly dayType: AcDayType;
  /** The billed part of the requested range (normal hours cut out), 'HH:mm'. */
  readonly segments: readonly AcTimeRange[];
  readonly minutes: Minutes;
  /** The rate valid on `date` for this zone. */
  readonly yenPerHour: number;
  readonly yen: number;
}

export interface AcCostEstimate {
  readonly lines: readonly AcCostLine[];
  /** Zone-minutes over all dates (2 zones × 1.75 h = 210). */
  readonly totalMinutes: Minutes;
  readonly totalYen: number;
}

/**
 * Whole yen for `minutes` at `yenPerHour`, rounded half up. Exact integer arithmetic; with the
 * default ¥30,000/h and quarter-hour boundaries no rounding ever happens.
 */
export function yenFor(minutes: Minutes, yenPerHour: number): number {
  return Math.floor((minutes * yenPerHour + 30) / 60);
}

export function toTimeRanges(ranges: readonly MinuteRange[]): AcTimeRange[] {
  return ranges.map((r) => ({ start: formatTimeOfDay(r.start), end: formatTimeOfDay(r.end) }));
}

/**
 * 概算費用 = extension hours × zones × rate, per (date, zone) at the rate valid on that date.
 * Validates the request first (same errors as `validateAcRequest`). This is what one section would
 * pay alone; once requests are merged its share (see `mergeAcOperations`) is never more than this,
 * give or take one yen of rounding.
 */
export function estimateAcCost(input: AcRequestInput, zones: readonly AcZone[], calendar: BusinessCalendar): AcCostEstimate {
  const request = validateAcRequest(input, zones, calendar);
  const byId = zoneMap(zones);
  const lines: AcCostLine[] = acExtensionLines(request, zones, calendar).map((line) => {
    const zone = byId.get(line.zoneId) as AcZone;
    const minutes = totalMinutes(line.segments);
    const yenPerHour = rateOn(zone, line.date);
    return {
      date: line.date,
      zoneId: line.zoneId,
      dayType: acDayType(line.date, calendar),
      segments: toTimeRanges(line.segments),
      minutes,
      yenPerHour,
      yen: yenFor(minutes, yenPerHour),
    };
  });
  return {
    lines,
    totalMinutes: lines.reduce((s, l) => s + l.minutes, 0),
    totalYen: lines.reduce((s, l) => s + l.yen, 0),
  };
}
