import fc from 'fast-check';
import { buildDrawRecord, parseDrawRecord, verifyDrawRecord } from './draw-record';
import { LotteryError } from './lottery.errors';
import { EXAMPLE_PARAMS } from './lottery.fixtures';
import { lotteryInputArb } from './lottery.test-helpers';
import type { DrawRecord } from './lottery.types';

const genuine = buildDrawRecord(EXAMPLE_PARAMS);
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? Mutable<U>[] : T[K] extends object ? Mutable<T[K]> : T[K] };
const copy = (): Mutable<DrawRecord> => JSON.parse(JSON.stringify(genuine)) as Mutable<DrawRecord>;

describe(buildDrawRecord.name, () => {
  it('should reproduce every test vector of docs/lottery.md when given the example', () => {
    expect(genuine).toMatchObject({
      format: 'rr-lottery-record/1',
      algorithm: 'rr-lottery-snake/1',
      commitment: '6c86c6aac5fb24bcf5d9939cb7d7d5645ce39418f449e03b262dd4fa14b4b92b',
      inputDigest: '5a4b268dd60cb76118a44352f7ab93c8df6ec1618cdc31ef6b31a0bc21061c63',
      ticketDigest: '81cf552bafeb49867e6c83d64e031fd9823145b3f8d76af99953490def535192',
      seed: 'f45ea766923575f345f1488b0ab321150110de295184a74717a9f7a03b822a56',
      order: ['u-carol', 'u-alice', 'u-bob', 'u-dave'],
      outcome: [
        { requestId: 'r-a1', option: 1 },
        { requestId: 'r-a2', option: 0 },
        { requestId: 'r-b1', option: 2 },
        { requestId: 'r-c1', option: 0 },
        { requestId: 'r-d1', option: 0 },
      ],
      assignment: [
        { requestId: 'r-a1', resourceId: 'kei-01' },
        { requestId: 'r-b1', resourceId: 'van-01' },
      ],
      resultDigest: 'cf67a5e2625e1b58085926a73be685b17cb8489fc053d1d2661155266f4733c5',
    });
  });

  it('should store the input in canonical form', () => {
    expect(genuine.input.requests.map((r) => r.id)).toEqual(['r-a1', 'r-a2', 'r-b1', 'r-c1', 'r-d1']);
    expect(genuine.input.period).toEqual({ start: '2027-01-31T15:00:00Z', end: '2027-02-02T15:00:00Z' });
    expect(genuine.input.requests[0].driverId).toBe('u-alice');
  });
});

describe(verifyDrawRecord.name, () => {
  it('should report OK with the result digest when the record is genuine and went through JSON', () => {
    expect(verifyDrawRecord(parseDrawRecord(JSON.parse(JSON.stringify(genuine))))).toEqual({
      ok: true,
      digest: 'cf67a5e2625e1b58085926a73be685b17cb8489fc053d1d2661155266f4733c5',
    });
  });

  it.each<[string, (r: ReturnType<typeof copy>) => void, { path: string; expected: string; actual: string }]>([
    ['an outcome', (r) => (r.outcome[1].option = 1), { path: 'outcome[1].option', expected: '0', actual: '1' }],
    ['a ticket count', (r) => (r.tickets[0].tickets = 4), { path: 'tickets[0].tickets', expected: '1', actual: '4' }],
    ['a streak', (r) => (r.tickets[1].zeroWinStreak = 0), { path: 'tickets[1].tickets', expected: '1', actual: '3' }],
    ['the order', (r) => r.order.reverse(), { path: 'order[0]', expected: 'u-carol', actual: 'u-dave' }],
    ['an assignment', (r) => (r.assignment[0].resourceId = 'kei-02'), { path: 'assignment[0].resourceId', expected: 'kei-01', actual: 'kei-02' }],
    ['the result digest', (r) => (r.resultDigest = '0'.repeat(64)), { path: 'resultDigest', expected: genuine.resultDigest, actual: '0'.repeat(64) }],
    ['the secret', (r) => (r.secret = 'ff'.repeat(32)), { path: 'commitment', expected: expect.any(String), actual: genuine.commitment }],
  ])('should report the first difference when %s is changed', (_, tamper, difference) => {
    const record = copy();
    tamper(record);
    expect(verifyDrawRecord(parseDrawRecord(record))).toEqual({ ok: false, firstDifference: difference });
  });

  it('should report the input digest first when an input request is changed', () => {
    const record = copy();
    record.input.requests[0].options[0].end = '2027-02-01T02:15:00Z';
    expect(verifyDrawRecord(parseDrawRecord(record))).toEqual({
      ok: false,
      firstDifference: { path: 'inputDigest', expected: expect.not.stringMatching(genuine.inputDigest), actual: genuine.inputDigest },
    });
  });

  it('should throw LOTTERY_UNSUPPORTED_ALGORITHM when the record names another algorithm', () => {
    const record = copy();
    record.algorithm = 'rr-lottery-snake/0';
    expect(() => verifyDrawRecord(parseDrawRecord(record))).toThrow(expect.objectContaining({ code: 'LOTTERY_UNSUPPORTED_ALGORITHM' }));
  });

  it('should verify every genuine record when inputs are random', () => {
    fc.assert(
      fc.property(lotteryInputArb, (input) => {
        const record = buildDrawRecord({ input, streaks: [], secret: '3c'.repeat(32), externalValue: 'verify' });
        expect(verifyDrawRecord(parseDrawRecord(JSON.parse(JSON.stringify(record))))).toEqual({ ok: true, digest: record.resultDigest });
      }),
      { seed: 99, numRuns: 60 },
    );
  });
});

describe(parseDrawRecord.name, () => {
  it.each([
    ['not an object', 42],
    ['of another format', { ...copy(), format: 'x' }],
    ['missing the outcome', { ...copy(), outcome: undefined }],
    ['with a non-integer option', { ...copy(), outcome: [{ requestId: 'r-a1', option: '1' }] }],
  ])('should throw LOTTERY_INVALID_RECORD when the JSON is %s', (_, json) => {
    try {
      parseDrawRecord(json);
      throw new Error('expected a LotteryError');
    } catch (error) {
      expect(error).toBeInstanceOf(LotteryError);
      expect((error as LotteryError).code).toBe('LOTTERY_INVALID_RECORD');
    }
  });
});
