import { LotteryError, type LotteryErrorCode } from './lottery.errors';
import { LOTTERY_SLOT_MINUTES } from './lottery.types';
import { parseInstantMinutes } from './time-grid';

// Ids are restricted to printable ASCII without the `|` field separator, so canonical lines need
// no escaping and "sorted by id" means the same byte order in every language.
const ID_CHARS = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@+-') {
  ID_CHARS[ch.charCodeAt(0)] = 1;
}
export const MAX_ID_LENGTH = 128;

export function isLotteryId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128 || ID_CHARS[c] === 0) return false;
  }
  return true;
}

export function fail(code: LotteryErrorCode, message: string, requestId?: string, field?: string): never {
  throw new LotteryError(code, message, { requestId, field });
}

export function requireId(value: unknown, field: string, requestId?: string): string {
  if (!isLotteryId(value)) {
    fail('LOTTERY_INVALID_ID', `${field} must be 1–${MAX_ID_LENGTH} characters of A–Z a–z 0–9 . _ : @ + -`, requestId, field);
  }
  return value;
}

export function requireArray<T>(value: unknown, field: string, optional = false): readonly T[] {
  if (value === undefined && optional) return [];
  if (!Array.isArray(value)) fail('LOTTERY_INVALID_INPUT', `${field} must be an array`, undefined, field);
  return value as readonly T[];
}

export function requireObject(value: unknown, field: string, requestId?: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('LOTTERY_INVALID_INPUT', `${field} must be an object`, requestId, field);
  }
  return value as Record<string, unknown>;
}

/** Grid geometry shared by every time check. */
export interface Grid {
  readonly startMinutes: number;
  readonly endMinutes: number;
  readonly slotMinutes: number;
}

/** Parses an instant and checks it lies on the grid (anchored at the Unix epoch). */
export function requireGridInstant(value: unknown, grid: Grid, field: string, requestId?: string): number {
  const minutes = parseInstantMinutes(value as string);
  if (Number.isNaN(minutes)) {
    fail('LOTTERY_INVALID_TIME', `${field} must be an RFC 3339 time on a whole minute, e.g. 2027-02-01T08:30:00+09:00`, requestId, field);
  }
  if (minutes % grid.slotMinutes !== 0) {
    fail('LOTTERY_OFF_GRID', `${field} is not on the ${grid.slotMinutes}-minute grid`, requestId, field);
  }
  return minutes;
}

/** A [start, end) span in minutes with end after start; may reach outside the period. */
export function requireSpan(
  item: Record<string, unknown>,
  grid: Grid,
  field: string,
  requestId?: string,
): { start: number; end: number } {
  const start = requireGridInstant(item['start'], grid, `${field}.start`, requestId);
  const end = requireGridInstant(item['end'], grid, `${field}.end`, requestId);
  if (end <= start) fail('LOTTERY_INVALID_INTERVAL', `${field}.end must be after ${field}.start`, requestId, field);
  return { start, end };
}

const MAX_SLOTS = 100_000;

export function requireGrid(period: unknown, slotMinutes: unknown): Grid {
  const step = slotMinutes === undefined ? LOTTERY_SLOT_MINUTES : slotMinutes;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 1 || step > 1440 || 1440 % step !== 0) {
    fail('LOTTERY_INVALID_PERIOD', 'slotMinutes must be a whole divisor of 1440', undefined, 'slotMinutes');
  }
  const p = requireObject(period, 'period');
  const probe: Grid = { startMinutes: 0, endMinutes: 0, slotMinutes: step };
  const start = requireGridInstant(p['start'], probe, 'period.start');
  const end = requireGridInstant(p['end'], probe, 'period.end');
  if (end <= start || (end - start) / step > MAX_SLOTS) {
    fail('LOTTERY_INVALID_PERIOD', `period must be non-empty and at most ${MAX_SLOTS} slots long`, undefined, 'period');
  }
  return { startMinutes: start, endMinutes: end, slotMinutes: step };
}

export function requireRank(value: unknown, requestId: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000_000) {
    fail('LOTTERY_INVALID_RANK', 'rank must be a whole number from 1 to 1000000', requestId, 'rank');
  }
  return value;
}
