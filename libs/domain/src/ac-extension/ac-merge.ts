import { BusinessCalendar } from '../calendar/business-calendar';
import { IsoDate } from '../calendar/iso-date';
import { acError } from './ac-extension.errors';
import { AcZone, rateOn } from './ac-zones';
import { acExtensionLines, AcRequest, zoneMap } from './ac-request';
import { formatTimeOfDay, MinuteRange, Minutes, minutesWithin, unionRanges } from './time-of-day';
import { yenFor } from './ac-cost';

/** An approved request as the merge needs it. The caller passes approved requests only. */
export interface AcApprovedRequest extends Pick<AcRequest, 'sectionId' | 'dates' | 'zoneIds' | 'time'> {
  readonly id: string;
}

export interface AcCostShare {
  readonly sectionId: string;
  /** The section's requested minutes inside the block (its own overlapping requests counted once). */
  readonly minutes: Minutes;
  readonly yen: number;
  readonly requestIds: readonly string[];
}

/** 運転指示: run `zoneId` on `date` from `start` to `end`, plus what it costs and who pays. */
export interface AcOperatingInstruction {
  readonly date: IsoDate;
  readonly zoneId: string;
  readonly start: string;
  readonly end: string;
  readonly minutes: Minutes;
  readonly yenPerHour: number;
  readonly yen: number;
  /** Sorted by sectionId; the yen add up exactly to `yen`. */
  readonly shares: readonly AcCostShare[];
}

export interface AcSectionTotal {
  readonly sectionId: string;
  readonly minutes: Minutes;
  readonly yen: number;
}

export interface AcOperatingPlan {
  /** Sorted by date, zoneId, start. */
  readonly instructions: readonly AcOperatingInstruction[];
  readonly sectionTotals: readonly AcSectionTotal[];
  readonly totalYen: number;
}

/**
 * Splits `total` whole yen in proportion to `weights` by the largest-remainder (Hamilton) method:
 * everyone gets floor(total × w / W); the yen left over go one each to the largest remainders, ties
 * to the earlier index. The parts always sum to `total`, and no part is off its exact quota by a
 * whole yen or more. Exact integer arithmetic (total × W stays far below 2^53 for real inputs).
 */
export function splitLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw acError('AC_INVALID_SETTING', { field: 'total', value: String(total) });
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0) || sum <= 0) {
    throw acError('AC_INVALID_SETTING', { field: 'weights', value: weights.join(',') });
  }
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = weights.map((w, i) => ({ i, rem: (total * w) % sum })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

interface Piece {
  readonly requestId: string;
  readonly sectionId: string;
  readonly segment: MinuteRange;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Merges approved requests into operating instructions and splits the cost.
 *
 * - Per (date, zone) only: zones are switched separately, so nothing merges across zones or dates.
 * - Only extension parts count (normal hours are cut out exactly as in the estimate).
 * - Overlapping or touching parts become one block (the union); its cost is minutes × the zone's
 *   rate on that date, rounded half up to whole yen, once per block.
 * - The block's yen are split between sections in proportion to each section's requested minutes
 *   inside the block, by largest remainder (ties by sectionId), so the shares sum to the block.
 *   Example: 17:15–19:00 and 18:00–20:00 → 17:15–20:00 = 2.75 h × ¥30,000 = ¥82,500, split
 *   105 : 120 min → ¥38,500 + ¥44,000.
 */
export function mergeAcOperations(requests: readonly AcApprovedRequest[], zones: readonly AcZone[], calendar: BusinessCalendar): AcOperatingPlan {
  const byId = zoneMap(zones);
  const groups = new Map<string, { date: IsoDate; zoneId: string; pieces: Piece[] }>();
  const seen = new Set<string>();
  for (const request of requests) {
    if (seen.has(request.id)) throw acError('AC_INVALID_SETTING', { field: 'requests', value: request.id });
    seen.add(request.id);
    for (const line of acExtensionLines(request, zones, calendar)) {
      const key = `${line.date}\u0000${line.zoneId}`;
      const group = groups.get(key) ?? { date: line.date, zoneId: line.zoneId, pieces: [] };
      groups.set(key, group);
      for (const segment of line.segments) group.pieces.push({ requestId: request.id, sectionId: request.sectionId, segment });
    }
  }

  const instructions: AcOperatingInstruction[] = [];
  for (const { date, zoneId, pieces } of groups.values()) {
    const yenPerHour = rateOn(byId.get(zoneId) as AcZone, date);
    for (const block of unionRanges(pieces.map((p) => p.segment))) {
      const inBlock = pieces.filter((p) => p.segment.start < block.end && p.segment.end > block.start);
      const sectionIds = [...new Set(inBlock.map((p) => p.sectionId))].sort(byCodeUnit);
      const weights = sectionIds.map((s) =>
        minutesWithin(
          unionRanges(inBlock.filter((p) => p.sectionId === s).map((p) => p.segment)),
          block,
        ),
      );
      const minutes = block.end - block.start;
      const yen = yenFor(minutes, yenPerHour);
      const split = splitLargestRemainder(yen, weights);
      instructions.push({
        date,
        zoneId,
        start: formatTimeOfDay(block.start),
        end: formatTimeOfDay(block.end),
        minutes,
        yenPerHour,
        yen,
        shares: sectionIds.map((sectionId, i) => ({
          sectionId,
          minutes: weights[i],
          yen: split[i],
          requestIds: [...new Set(inBlock.filter((p) => p.sectionId === sectionId).map((p) => p.requestId))].sort(byCodeUnit),
        })),
      });
    }
  }
  instructions.sort((a, b) => byCodeUnit(a.date, b.date) || byCodeUnit(a.zoneId, b.zoneId) || byCodeUnit(a.start, b.start));

  const totals = new Map<string, { minutes: number; yen: number }>();
  for (const instruction of instructions) {
    for (const share of instruction.shares) {
      const t = totals.get(share.sectionId) ?? { minutes: 0, yen: 0 };
      totals.set(share.sectionId, { minutes: t.minutes + share.minutes, yen: t.yen + share.yen });
    }
  }
  return {
    instructions,
    sectionTotals: [...totals.entries()].sort(([a], [b]) => byCodeUnit(a, b)).map(([sectionId, t]) => ({ sectionId, ...t })),
    totalYen: instructions.reduce((s, i) => s + i.yen, 0),
  };
}
