import { canonicalInputOf } from './canonical-encoding';
import { compileInput } from './compiled-input';
import { drawRound } from './draw';
import { LotteryError } from './lottery.errors';
import type { AssignmentRow, DrawParams, DrawRecord, DrawResult, OutcomeRow, RecordDifference, VerifyResult } from './lottery.types';
import { LOTTERY_ALGORITHM_ID, LOTTERY_RECORD_FORMAT } from './lottery.types';
import { commitmentOf } from './order-keys';

function outcomeRows(result: DrawResult): OutcomeRow[] {
  return result.requestIds.map((requestId, i) => ({ requestId, option: result.wonOption[i] }));
}

function assignmentRows(result: DrawResult): AssignmentRow[] {
  const rows: AssignmentRow[] = [];
  result.requestIds.forEach((requestId, i) => {
    const resourceId = result.assignedResource[i];
    if (resourceId !== null) rows.push({ requestId, resourceId });
  });
  return rows;
}

/** The exportable record of a draw; pass the result if the draw has already been run. */
export function buildDrawRecord(params: DrawParams, result: DrawResult = drawRound(params)): DrawRecord {
  return {
    format: LOTTERY_RECORD_FORMAT,
    algorithm: result.algorithm,
    roundId: result.roundId,
    commitment: result.commitment,
    secret: params.secret,
    externalValue: params.externalValue,
    seed: result.seed,
    inputDigest: result.inputDigest,
    input: canonicalInputOf(compileInput(params.input)),
    ticketDigest: result.ticketDigest,
    tickets: result.tickets,
    order: result.order,
    outcome: outcomeRows(result),
    assignment: assignmentRows(result),
    resultDigest: result.resultDigest,
  };
}

function invalid(path: string, what: string): never {
  throw new LotteryError('LOTTERY_INVALID_RECORD', `${path} must be ${what}`, { field: path });
}

function str(o: Record<string, unknown>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') invalid(`${path}${key}`, 'a string');
  return v;
}

function int(o: Record<string, unknown>, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) invalid(`${path}${key}`, 'a whole number');
  return v;
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid(path, 'an object');
  return v as Record<string, unknown>;
}

function list<T>(o: Record<string, unknown>, key: string, row: (v: unknown, path: string) => T): T[] {
  const v = o[key];
  if (!Array.isArray(v)) invalid(key, 'an array');
  return v.map((item, i) => row(item, `${key}[${i}]`));
}

/** Checks the shape of parsed JSON (not its truth: that is `verifyDrawRecord`'s job). */
export function parseDrawRecord(json: unknown): DrawRecord {
  const o = obj(json, 'record');
  if (o['format'] !== LOTTERY_RECORD_FORMAT) invalid('format', `"${LOTTERY_RECORD_FORMAT}"`);
  return {
    format: LOTTERY_RECORD_FORMAT,
    algorithm: str(o, 'algorithm', ''),
    roundId: str(o, 'roundId', ''),
    commitment: str(o, 'commitment', ''),
    secret: str(o, 'secret', ''),
    externalValue: str(o, 'externalValue', ''),
    seed: str(o, 'seed', ''),
    inputDigest: str(o, 'inputDigest', ''),
    input: obj(o['input'], 'input') as unknown as DrawRecord['input'],
    ticketDigest: str(o, 'ticketDigest', ''),
    tickets: list(o, 'tickets', (v, p) => {
      const row = obj(v, p);
      return { userId: str(row, 'userId', `${p}.`), zeroWinStreak: int(row, 'zeroWinStreak', `${p}.`), tickets: int(row, 'tickets', `${p}.`) };
    }),
    order: list(o, 'order', (v, p) => (typeof v === 'string' ? v : invalid(p, 'a string'))),
    outcome: list(o, 'outcome', (v, p) => {
      const row = obj(v, p);
      return { requestId: str(row, 'requestId', `${p}.`), option: int(row, 'option', `${p}.`) };
    }),
    assignment: list(o, 'assignment', (v, p) => {
      const row = obj(v, p);
      return { requestId: str(row, 'requestId', `${p}.`), resourceId: str(row, 'resourceId', `${p}.`) };
    }),
    resultDigest: str(o, 'resultDigest', ''),
  };
}

type Field<T> = [string, (row: T) => string | number];

/** First differing row/field of two row lists, or the length when one is a prefix of the other. */
function firstRowDifference<T>(name: string, expected: readonly T[], actual: readonly T[], fields: Field<T>[]): RecordDifference | null {
  const common = Math.min(expected.length, actual.length);
  for (let i = 0; i < common; i++) {
    for (const [field, get] of fields) {
      const e = String(get(expected[i]));
      const a = String(get(actual[i]));
      if (e !== a) return { path: `${name}[${i}]${field ? `.${field}` : ''}`, expected: e, actual: a };
    }
  }
  if (expected.length !== actual.length) {
    return { path: `${name}.length`, expected: String(expected.length), actual: String(actual.length) };
  }
  return null;
}

/**
 * Re-runs a record from its own input, ticket streaks, secret and external value, and compares
 * every published value in the order they were fixed (commitment → input → tickets → seed →
 * order → outcome → assignment → result digest). Throws LotteryError if the record cannot be
 * re-run at all (unknown algorithm, invalid input).
 */
export function verifyDrawRecord(record: DrawRecord): VerifyResult {
  if (record.algorithm !== LOTTERY_ALGORITHM_ID) {
    throw new LotteryError('LOTTERY_UNSUPPORTED_ALGORITHM', `this verifier implements ${LOTTERY_ALGORITHM_ID}, not ${record.algorithm}`, {
      field: 'algorithm',
    });
  }
  const differ = (path: string, expected: string, actual: string): VerifyResult | null =>
    expected === actual ? null : { ok: false, firstDifference: { path, expected, actual } };
  const early = differ('commitment', commitmentOf(record.secret), record.commitment);
  if (early) return early;
  const result = drawRound({
    input: record.input,
    streaks: record.tickets.map((t) => ({ userId: t.userId, zeroWinStreak: t.zeroWinStreak })),
    secret: record.secret,
    externalValue: record.externalValue,
  });
  const scalar =
    differ('roundId', result.roundId, record.roundId) ??
    differ('inputDigest', result.inputDigest, record.inputDigest);
  if (scalar) return scalar;
  const rows =
    firstRowDifference('tickets', result.tickets, record.tickets, [
      ['userId', (r) => r.userId],
      ['zeroWinStreak', (r) => r.zeroWinStreak],
      ['tickets', (r) => r.tickets],
    ]) ??
    (result.ticketDigest !== record.ticketDigest ? { path: 'ticketDigest', expected: result.ticketDigest, actual: record.ticketDigest } : null) ??
    (result.seed !== record.seed ? { path: 'seed', expected: result.seed, actual: record.seed } : null) ??
    firstRowDifference('order', result.order, record.order, [['', (r) => r]]) ??
    firstRowDifference('outcome', outcomeRows(result), record.outcome, [
      ['requestId', (r) => r.requestId],
      ['option', (r) => r.option],
    ]) ??
    firstRowDifference('assignment', assignmentRows(result), record.assignment, [
      ['requestId', (r) => r.requestId],
      ['resourceId', (r) => r.resourceId],
    ]) ??
    (result.resultDigest !== record.resultDigest ? { path: 'resultDigest', expected: result.resultDigest, actual: record.resultDigest } : null);
  return rows ? { ok: false, firstDifference: rows } : { ok: true, digest: result.resultDigest };
}
