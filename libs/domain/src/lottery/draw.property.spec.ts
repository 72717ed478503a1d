import fc from 'fast-check';
import { drawRound } from './draw';
import { clashes, holdings, lotteryInputArb, permuted, seededRandom, wonMap } from './lottery.test-helpers';
import type { DrawResult, LotteryInput } from './lottery.types';
import { parseInstantMinutes } from './time-grid';

const SECRET = '5e'.repeat(32);
const run = (input: LotteryInput): DrawResult =>
  drawRound({ input, streaks: [{ userId: 'u1', zeroWinStreak: 2 }], secret: SECRET, externalValue: 'property' });
const OPTIONS = { seed: 20270201, numRuns: 150 };

describe(`${drawRound.name} properties`, () => {
  it('should never double-book a car and never fail an assignment when the draw admitted by count', () => {
    fc.assert(
      fc.property(lotteryInputArb, (input) => {
        const result = run(input);
        expect(result.assignFailures).toBe(0);
        result.requestIds.forEach((_, i) => expect(result.wonOption[i] === 0).toBe(result.assignedResource[i] === null));
        expect(clashes(holdings(input, wonMap(result)).byResource)).toEqual([]);
      }),
      OPTIONS,
    );
  });

  it('should never give a driver two overlapping wins, nor a win overlapping their bookings', () => {
    fc.assert(
      fc.property(lotteryInputArb, (input) => {
        expect(clashes(holdings(input, wonMap(run(input))).byDriver)).toEqual([]);
      }),
      OPTIONS,
    );
  });

  it('should give a winning request exactly one of its own options, on a resource of that option’s class', () => {
    fc.assert(
      fc.property(lotteryInputArb, (input) => {
        const result = run(input);
        const classOf = new Map(input.classes.flatMap((c) => c.resources.map((r) => [r, c.id] as const)));
        for (const q of input.requests) {
          const i = result.requestIds.indexOf(q.id);
          expect(result.wonOption[i]).toBeLessThanOrEqual(q.options.length);
          if (result.wonOption[i] > 0) expect(classOf.get(result.assignedResource[i] as string)).toBe(q.options[result.wonOption[i] - 1].classId);
        }
      }),
      OPTIONS,
    );
  });

  it('should produce the same digests and outcome when the input lists come in any order', () => {
    fc.assert(
      fc.property(lotteryInputArb, fc.integer({ min: 1, max: 1 << 30 }), (input, seed) => {
        const a = run(input);
        const b = run(permuted(input, seededRandom(seed)));
        expect(b.inputDigest).toBe(a.inputDigest);
        expect(b.resultDigest).toBe(a.resultDigest);
      }),
      OPTIONS,
    );
  });

  it('should leave no losing option that still fits a free car and a free driver at the end (no waste)', () => {
    fc.assert(
      fc.property(lotteryInputArb, (input) => {
        const result = run(input);
        const held = holdings(input, wonMap(result));
        const free = (list: readonly { start: number; end: number }[] | undefined, s: number, e: number) =>
          (list ?? []).every((h) => h.end <= s || e <= h.start);
        for (const q of input.requests) {
          if (result.wonOption[result.requestIds.indexOf(q.id)] !== 0) continue;
          for (const o of q.options) {
            const s = parseInstantMinutes(o.start);
            const e = parseInstantMinutes(o.end);
            const cars = input.classes.find((c) => c.id === o.classId)?.resources ?? [];
            const fits = free(held.byDriver.get(q.driverId ?? q.userId), s, e) && cars.some((r) => free(held.byResource.get(r), s, e));
            expect({ request: q.id, fits }).toEqual({ request: q.id, fits: false });
          }
        }
      }),
      OPTIONS,
    );
  });
});
