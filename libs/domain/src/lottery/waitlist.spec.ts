import fc from 'fast-check';
import { buildDrawRecord } from './draw-record';
import { LotteryError } from './lottery.errors';
import { EXAMPLE_PARAMS } from './lottery.fixtures';
import { clashes, holdings, lotteryInputArb } from './lottery.test-helpers';
import type { DrawRecord, LotteryInput, Promotion } from './lottery.types';
import { parseInstantMinutes } from './time-grid';
import { waitlistPass } from './waitlist';

const record = buildDrawRecord(EXAMPLE_PARAMS);

describe(waitlistPass.name, () => {
  it('should promote a losing request in lottery order when a winner declines', () => {
    // Order carol, alice, bob, dave. Bob releases the van; alice's rank-2 request (pass 2) takes it.
    expect(waitlistPass(record, { requestIds: ['r-b1'] })).toEqual({
      promotions: [{ requestId: 'r-a2', option: 1, resourceId: 'van-01' }],
      // printf 'rr-lottery-waitlist/1\nround|2027-02-w1\nresult|cf67…\nreleased-request|r-b1\npromotion|r-a2|1|van-01\n' | sha256sum
      digest: 'ae439defd4707f5c5b954350cdf61561bd69f683eca47f7f5d9ffb152016cd3e',
    });
  });

  it('should promote in pass order when several releases free several requests', () => {
    // Alice's win released too: dave (driving as alice) now fits in pass 1, before alice's pass-2 request.
    expect(waitlistPass(record, { requestIds: ['r-a1', 'r-b1'] }).promotions).toEqual([
      { requestId: 'r-d1', option: 1, resourceId: 'kei-01' },
      { requestId: 'r-a2', option: 1, resourceId: 'van-01' },
    ]);
  });

  it('should free the driver and the car when a priority booking is cancelled', () => {
    expect(waitlistPass(record, { bookingIds: ['prio-1'] }).promotions).toEqual([{ requestId: 'r-c1', option: 1, resourceId: 'van-01' }]);
  });

  it('should continue from earlier promotions when run again with more releases', () => {
    const first = waitlistPass(record, { requestIds: ['r-b1'] });
    const second = waitlistPass(record, { requestIds: ['r-b1', 'r-a2'], bookingIds: ['prio-1'] }, first.promotions);
    expect(second.promotions).toEqual([{ requestId: 'r-c1', option: 1, resourceId: 'van-01' }]);
    expect(second.digest).not.toBe(first.digest);
  });

  it('should be a pure function of the record and the releases', () => {
    const a = waitlistPass(record, { requestIds: ['r-b1'] });
    const b = waitlistPass(JSON.parse(JSON.stringify(record)) as DrawRecord, { requestIds: ['r-b1', 'r-b1'] });
    expect(b).toEqual(a);
  });

  it.each([
    ['a losing request', { requestIds: ['r-c1'] }],
    ['an unknown request', { requestIds: ['r-zz'] }],
    ['an unknown booking', { bookingIds: ['prio-9'] }],
  ])('should throw LOTTERY_INVALID_RELEASE when releasing %s', (_, release) => {
    expect(() => waitlistPass(record, release)).toThrow(LotteryError);
    try {
      waitlistPass(record, release);
    } catch (error) {
      expect((error as LotteryError).code).toBe('LOTTERY_INVALID_RELEASE');
    }
  });

  it('should never over-allocate a car or a driver, and leave no fitting loser, whatever is released', () => {
    fc.assert(
      fc.property(lotteryInputArb, fc.array(fc.boolean(), { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 3 }), (input, dropWin, dropBooking) => {
        const rec = buildDrawRecord({ input, streaks: [], secret: '7a'.repeat(32), externalValue: 'waitlist' });
        const releasedRequests = rec.assignment.filter((_, k) => dropWin[k]).map((a) => a.requestId);
        const releasedBookings = (rec.input.bookings ?? []).filter((_, k) => dropBooking[k]).map((b) => b.id);
        const { promotions } = waitlistPass(rec, { requestIds: releasedRequests, bookingIds: releasedBookings });

        const after: LotteryInput = { ...input, bookings: (input.bookings ?? []).filter((b) => !releasedBookings.includes(b.id)) };
        const won = new Map<string, { option: number; resourceId: string | null }>();
        for (const a of rec.assignment) {
          if (!releasedRequests.includes(a.requestId)) won.set(a.requestId, { option: rec.outcome.find((o) => o.requestId === a.requestId)!.option, resourceId: a.resourceId });
        }
        for (const p of promotions) {
          expect(rec.outcome.find((o) => o.requestId === p.requestId)?.option).toBe(0);
          expect(won.has(p.requestId)).toBe(false);
          won.set(p.requestId, { option: p.option, resourceId: p.resourceId });
        }
        const held = holdings(after, won);
        expect(clashes(held.byResource)).toEqual([]);
        expect(clashes(held.byDriver)).toEqual([]);
        expectNoFittingLoser(after, rec, promotions, held);
      }),
      { seed: 1203, numRuns: 120 },
    );
  });
});

function expectNoFittingLoser(input: LotteryInput, rec: DrawRecord, promotions: readonly Promotion[], held: ReturnType<typeof holdings>): void {
  const free = (list: readonly { start: number; end: number }[] | undefined, s: number, e: number) => (list ?? []).every((h) => h.end <= s || e <= h.start);
  for (const q of input.requests) {
    if (rec.outcome.find((o) => o.requestId === q.id)?.option !== 0 || promotions.some((p) => p.requestId === q.id)) continue;
    for (const o of q.options) {
      const s = parseInstantMinutes(o.start);
      const e = parseInstantMinutes(o.end);
      const cars = input.classes.find((c) => c.id === o.classId)?.resources ?? [];
      const fits = free(held.byDriver.get(q.driverId ?? q.userId), s, e) && cars.some((r) => free(held.byResource.get(r), s, e));
      expect({ request: q.id, fits }).toEqual({ request: q.id, fits: false });
    }
  }
}
