import { BusinessCalendar } from '../calendar/business-calendar';
import { IsoDate, isValidIsoDate } from '../calendar/iso-date';
import { acError } from './ac-extension.errors';
import { AcZone, normalHoursOn } from './ac-zones';
import { AcTimeRange, MinuteRange, parseRange, subtractRange } from './time-of-day';

/** Requested boundaries sit on this grid (DOMAIN.md §4.4: 30- or 60-minute units). */
export const AC_TIME_UNIT_MINUTES = 30;
export const AC_MAX_HEADCOUNT = 9_999;
export const AC_REASON_TEXT_MAX = 500;

/** 申請理由 categories (DOMAIN.md §4.3). Codes are stable; labels are for the UI. */
export const AC_REASON_CATEGORIES = {
  council: '議会対応',
  disaster: '災害対応',
  public_meeting: '市民参加の会議',
  deadline_work: '締切業務',
  busy_season: '繁忙期',
  holiday_work: '休日出勤',
  other: 'その他',
} as const;

export type AcReasonCategory = keyof typeof AC_REASON_CATEGORIES;

export interface AcReason {
  readonly category: AcReasonCategory;
  /** Always required: 総務課 approves on a 合理的な理由, and the category alone does not give one. */
  readonly text: string;
}

/** What the form sends: one time range applied to every date and every zone. */
export interface AcRequestInput {
  readonly sectionId: string;
  readonly dates: readonly IsoDate[];
  readonly zoneIds: readonly string[];
  readonly time: AcTimeRange;
  readonly headcount: number;
  readonly reason: AcReason;
}

/** A checked request: dates and zones sorted and unique, reason text trimmed. */
export interface AcRequest extends AcRequestInput {
  readonly dates: readonly IsoDate[];
  readonly zoneIds: readonly string[];
}

/** The part of one (date, zone) that is billed and run: the request minus the zone's normal hours. */
export interface AcExtensionLine {
  readonly date: IsoDate;
  readonly zoneId: string;
  readonly segments: readonly MinuteRange[];
}

function uniqueSorted(values: readonly string[], duplicateCode: 'AC_DUPLICATE_DATE' | 'AC_DUPLICATE_ZONE'): string[] {
  const sorted = [...values].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw acError(duplicateCode, { value: sorted[i] });
  }
  return sorted;
}

/**
 * Checks a request against the zones and the calendar and returns it normalised. Throws AppError
 * with an AC_* validation code on the first problem found.
 */
export function validateAcRequest(input: AcRequestInput, zones: readonly AcZone[], calendar: BusinessCalendar): AcRequest {
  if (!Array.isArray(input.dates) || input.dates.length === 0) throw acError('AC_NO_DATES');
  for (const date of input.dates) if (!isValidIsoDate(date)) throw acError('AC_INVALID_DATE', { value: String(date) });
  const dates = uniqueSorted(input.dates, 'AC_DUPLICATE_DATE');
  if (!Array.isArray(input.zoneIds) || input.zoneIds.length === 0) throw acError('AC_NO_ZONES');
  const zoneIds = uniqueSorted(input.zoneIds, 'AC_DUPLICATE_ZONE');
  const byId = zoneMap(zones);
  for (const id of zoneIds) if (!byId.has(id)) throw acError('AC_UNKNOWN_ZONE', { zoneId: String(id) });
  if (!Number.isSafeInteger(input.headcount) || input.headcount < 1 || input.headcount > AC_MAX_HEADCOUNT) {
    throw acError('AC_INVALID_HEADCOUNT', { value: String(input.headcount), max: AC_MAX_HEADCOUNT });
  }
  const category = input.reason?.category;
  if (!Object.prototype.hasOwnProperty.call(AC_REASON_CATEGORIES, category)) throw acError('AC_INVALID_REASON', { value: String(category) });
  const text = typeof input.reason.text === 'string' ? input.reason.text.trim() : '';
  if (text.length === 0 || text.length > AC_REASON_TEXT_MAX) throw acError('AC_REASON_TEXT_REQUIRED', { max: AC_REASON_TEXT_MAX });

  const request: AcRequest = { ...input, dates, zoneIds, reason: { category, text } };
  // Every (date, zone) must be on the grid and leave something to extend; computing the lines checks both.
  acExtensionLines(request, zones, calendar);
  return request;
}

/**
 * Splits a request into what the building actually has to run, per date and zone.
 *
 * Decision (ADR 0011) — a range that overlaps normal hours is accepted and only its extension part
 * counts. Staff describe the meeting they hold ("16:00–19:00, 市民説明会"), not the plant's schedule;
 * refusing such a form would only make them retype 17:15. The form shows the clipped part and its
 * cost, so nobody is billed for hours the AC runs anyway. A range entirely inside normal hours has
 * nothing to extend → AC_NO_EXTENSION.
 *
 * Grid: each boundary must be on the 30-minute grid (:00/:30) OR equal one of that zone's normal-
 * hours boundaries on that date (so 17:15–19:00 is fine on a weekday, but not on a Saturday, which
 * has no 17:15 boundary). Billing is by the exact minutes that result (17:15–19:00 = 1.75 h), not
 * rounded up to whole units.
 */
export function acExtensionLines(
  request: Pick<AcRequest, 'dates' | 'zoneIds' | 'time'>,
  zones: readonly AcZone[],
  calendar: BusinessCalendar,
): AcExtensionLine[] {
  const range = parseRange(request.time, 'time');
  const byId = zoneMap(zones);
  const lines: AcExtensionLine[] = [];
  for (const date of request.dates) {
    for (const zoneId of request.zoneIds) {
      const zone = byId.get(zoneId);
      if (!zone) throw acError('AC_UNKNOWN_ZONE', { zoneId });
      const normal = normalHoursOn(zone, date, calendar);
      for (const [field, value] of [['time.start', range.start], ['time.end', range.end]] as const) {
        const onGrid = value % AC_TIME_UNIT_MINUTES === 0 || (normal !== null && (value === normal.start || value === normal.end));
        if (!onGrid) throw acError('AC_OFF_GRID', { field, value: request.time[field === 'time.start' ? 'start' : 'end'], date, zoneId, unit: AC_TIME_UNIT_MINUTES });
      }
      const segments = subtractRange(range, normal);
      if (segments.length === 0) throw acError('AC_NO_EXTENSION', { date, zoneId, start: request.time.start, end: request.time.end });
      lines.push({ date, zoneId, segments });
    }
  }
  return lines;
}

export function zoneMap(zones: readonly AcZone[]): Map<string, AcZone> {
  const map = new Map<string, AcZone>();
  for (const zone of zones) {
    if (map.has(zone.id)) throw acError('AC_INVALID_SETTING', { field: 'zones', value: zone.id });
    map.set(zone.id, zone);
  }
  return map;
}
