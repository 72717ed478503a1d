import { drawRound, snakeDraft } from './draw';
import { LotteryError } from './lottery.errors';
import type { LotteryInput, LotteryOption, LotteryRequest } from './lottery.types';

// Wall-clock times on Monday 2027-02-01 (and the next day) in Tokyo.
const t = (hhmm: string, day = 1) => `2027-02-0${day}T${hhmm}:00+09:00`;
const opt = (classId: string, from: string, to: string, day = 1): LotteryOption => ({ classId, start: t(from, day), end: t(to, day) });
const req = (id: string, userId: string, rank: number, options: LotteryOption[], driverId?: string): LotteryRequest => ({
  id,
  userId,
  rank,
  options,
  driverId,
});

function pool(requests: LotteryRequest[], extra: Partial<LotteryInput> = {}): LotteryInput {
  return {
    roundId: 'unit',
    period: { start: t('00:00'), end: t('00:00', 3) },
    classes: [
      { id: 'kei', resources: ['kei-1'] },
      { id: 'van', resources: ['van-1', 'van-2'] },
    ],
    requests,
    ...extra,
  };
}

function outcome(input: LotteryInput, order: string[]): Record<string, string> {
  const a = snakeDraft(input, order);
  return Object.fromEntries(a.requestIds.map((id, i) => [id, a.wonOption[i] === 0 ? '-' : `${a.wonOption[i]}@${a.assignedResource[i]}`]));
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof LotteryError) return error.code;
    throw error;
  }
  return 'no error';
}

describe(snakeDraft.name, () => {
  it('should take rank-1 requests forward, rank-2 backward and rank-3 forward again when users compete for one car', () => {
    const slot = (k: number) => opt('kei', `${8 + k}:00`.padStart(5, '0'), `${8 + k}:30`.padStart(5, '0'));
    const requests = ['a', 'b', 'c'].flatMap((u) => [1, 2, 3].map((k) => req(`${u}${k}`, u, k, [slot(k)])));
    const won = outcome(pool(requests), ['a', 'b', 'c']);
    expect(Object.entries(won).filter(([, v]) => v !== '-').map(([id]) => id)).toEqual(['a1', 'a3', 'c2']);
  });

  it("should try a request's later options at its own turn when its first option is taken", () => {
    const input = pool([
      req('a1', 'a', 1, [opt('kei', '09:00', '10:00')]),
      req('b1', 'b', 1, [opt('kei', '09:00', '10:00'), opt('kei', '10:00', '11:00')]),
      req('c1', 'c', 1, [opt('kei', '10:00', '11:00')]),
    ]);
    // Not "all first choices first": b's fallback beats c's first choice because b's turn comes first.
    expect(outcome(input, ['a', 'b', 'c'])).toEqual({ a1: '1@kei-1', b1: '2@kei-1', c1: '-' });
  });

  it('should order a user\'s requests by rank and then id whatever the input order', () => {
    const input = pool([
      req('z', 'a', 1, [opt('kei', '09:00', '10:00')]),
      req('y', 'a', 2, [opt('kei', '09:00', '10:00')]),
      req('x', 'a', 2, [opt('kei', '10:00', '11:00')]),
    ]);
    expect(outcome(input, ['a'])).toEqual({ z: '1@kei-1', x: '1@kei-1', y: '-' });
  });

  it('should reject a trip that passes the count but fits no single car when two cars have partial downtime', () => {
    const input = pool(
      [
        req('whole-day', 'a', 1, [opt('van', '08:00', '18:00')]),
        req('noon', 'b', 1, [opt('van', '12:00', '13:00')]),
        req('morning', 'c', 1, [opt('van', '09:00', '12:00')]),
      ],
      {
        downtime: [
          { resourceId: 'van-1', start: t('09:00'), end: t('12:00') },
          { resourceId: 'van-2', start: t('13:00'), end: t('17:00') },
        ],
      },
    );
    expect(outcome(input, ['a', 'b', 'c'])).toEqual({ 'whole-day': '-', noon: '1@van-1', morning: '1@van-2' });
  });

  it('should give the car whose previous occupation ended latest when several constrained cars fit', () => {
    const input = pool([req('late', 'a', 1, [opt('van', '13:00', '14:00')])], {
      downtime: [
        { resourceId: 'van-1', start: t('08:00'), end: t('09:00') },
        { resourceId: 'van-2', start: t('11:00'), end: t('12:00') },
      ],
    });
    expect(outcome(input, ['a'])).toEqual({ late: '1@van-2' });
  });

  it('should skip options that overlap the driver’s earlier win, booking or commitment', () => {
    const input = pool(
      [
        req('a1', 'a', 1, [opt('van', '09:00', '11:00')]),
        req('a2', 'a', 2, [opt('van', '10:00', '12:00'), opt('van', '11:00', '12:00')]),
        req('b1', 'b', 1, [opt('van', '09:00', '10:00'), opt('van', '13:00', '14:00')], 'd'),
        req('c1', 'c', 1, [opt('kei', '15:00', '16:00'), opt('kei', '16:00', '17:00')]),
      ],
      {
        bookings: [{ id: 'prio', resourceId: 'van-2', driverId: 'd', start: t('08:30'), end: t('10:30') }],
        driverCommitments: [{ driverId: 'c', start: t('15:00'), end: t('15:30') }],
      },
    );
    expect(outcome(input, ['a', 'b', 'c'])).toEqual({ a1: '1@van-1', a2: '2@van-2', b1: '2@van-2', c1: '2@kei-1' });
  });

  it('should treat a priority booking as occupied capacity when it sits on a concrete car', () => {
    const input = pool([req('a1', 'a', 1, [opt('kei', '10:00', '11:00')]), req('b1', 'b', 1, [opt('kei', '12:00', '13:00')])], {
      bookings: [{ id: 'gikai', resourceId: 'kei-1', start: t('09:00'), end: t('12:00') }],
    });
    expect(outcome(input, ['a', 'b'])).toEqual({ a1: '-', b1: '1@kei-1' });
  });

  it('should allocate rooms as classes of size one and keep multi-day trips on one timeline', () => {
    const input: LotteryInput = {
      ...pool([]),
      classes: [
        { id: 'room-7a', resources: ['room-7a'] },
        { id: 'room-7b', resources: ['room-7b'] },
      ],
      requests: [
        req('a1', 'a', 1, [{ classId: 'room-7a', start: t('16:00'), end: t('10:00', 2) }]),
        req('b1', 'b', 1, [opt('room-7a', '09:00', '09:30', 2), opt('room-7b', '09:00', '09:30', 2)]),
      ],
    };
    expect(outcome(input, ['a', 'b'])).toEqual({ a1: '1@room-7a', b1: '2@room-7b' });
  });

  it('should refuse an order that does not list every applicant exactly once', () => {
    const input = pool([req('a1', 'a', 1, [opt('kei', '09:00', '10:00')]), req('b1', 'b', 1, [opt('kei', '09:00', '10:00')])]);
    expect(codeOf(() => snakeDraft(input, ['a']))).toBe('LOTTERY_INVALID_INPUT');
    expect(codeOf(() => snakeDraft(input, ['a', 'a', 'b']))).toBe('LOTTERY_INVALID_INPUT');
  });
});

describe(drawRound.name, () => {
  const secret = 'ab'.repeat(32);
  const draw = (input: LotteryInput, extra: object = {}) => drawRound({ input, streaks: [], secret, externalValue: 'x', ...extra });
  const one = (options: LotteryOption[]) => pool([req('a1', 'a', 1, options)]);

  it.each([
    ['LOTTERY_TOO_MANY_OPTIONS', one([1, 2, 3, 4].map((h) => opt('kei', `1${h}:00`, `1${h}:30`)))],
    ['LOTTERY_NO_OPTIONS', one([])],
    ['LOTTERY_INVALID_INTERVAL', one([opt('kei', '10:00', '10:00')])],
    ['LOTTERY_INVALID_INTERVAL', one([opt('kei', '11:00', '10:00')])],
    ['LOTTERY_OUTSIDE_PERIOD', one([opt('kei', '10:00', '11:00', 4)])],
    ['LOTTERY_UNKNOWN_CLASS', one([opt('bus', '10:00', '11:00')])],
    ['LOTTERY_OFF_GRID', one([opt('kei', '10:05', '11:00')])],
    ['LOTTERY_INVALID_TIME', one([{ classId: 'kei', start: '2027-02-30T10:00:00Z', end: t('11:00') }])],
    ['LOTTERY_INVALID_TIME', one([{ classId: 'kei', start: '2027-02-01 10:00', end: t('11:00') }])],
    ['LOTTERY_DUPLICATE_ID', pool([req('a1', 'a', 1, [opt('kei', '09:00', '10:00')]), req('a1', 'b', 1, [opt('kei', '09:00', '10:00')])])],
    ['LOTTERY_INVALID_ID', pool([req('a|1', 'a', 1, [opt('kei', '09:00', '10:00')])])],
    ['LOTTERY_INVALID_RANK', pool([req('a1', 'a', 0, [opt('kei', '09:00', '10:00')])])],
    ['LOTTERY_UNKNOWN_RESOURCE', pool([], { downtime: [{ resourceId: 'kei-9', start: t('09:00'), end: t('10:00') }] })],
    ['LOTTERY_DUPLICATE_ID', pool([], { classes: [{ id: 'kei', resources: ['kei-1', 'kei-1'] }] })],
    ['LOTTERY_INVALID_PERIOD', pool([], { period: { start: t('10:00'), end: t('10:00') } })],
    ['LOTTERY_INVALID_PERIOD', pool([], { slotMinutes: 7 })],
  ])('should throw %s when the input is invalid (case %#)', (code, input) => {
    expect(codeOf(() => draw(input))).toBe(code);
  });

  it('should throw typed errors for bad parameters when secret, commitment, external value or streaks are wrong', () => {
    const input = one([opt('kei', '09:00', '10:00')]);
    expect(codeOf(() => draw(input, { secret: 'AB'.repeat(32) }))).toBe('LOTTERY_INVALID_SECRET');
    expect(codeOf(() => draw(input, { commitment: '00'.repeat(32) }))).toBe('LOTTERY_COMMITMENT_MISMATCH');
    expect(codeOf(() => draw(input, { externalValue: '' }))).toBe('LOTTERY_INVALID_EXTERNAL_VALUE');
    expect(codeOf(() => draw(input, { externalValue: 'x\uD800' }))).toBe('LOTTERY_INVALID_EXTERNAL_VALUE');
    expect(codeOf(() => draw(input, { streaks: [{ userId: 'a', zeroWinStreak: -1 }] }))).toBe('LOTTERY_INVALID_STREAK');
    expect(codeOf(() => draw(input, { streaks: [{ userId: 'a', zeroWinStreak: 1 }, { userId: 'a', zeroWinStreak: 2 }] }))).toBe('LOTTERY_DUPLICATE_ID');
  });

  it('should name the offending request and field when an option is invalid', () => {
    try {
      draw(one([opt('kei', '09:00', '10:00'), opt('bus', '10:00', '11:00')]));
      throw new Error('expected a LotteryError');
    } catch (error) {
      expect(error).toMatchObject({ code: 'LOTTERY_UNKNOWN_CLASS', details: { requestId: 'a1', field: 'options[1].classId' } });
    }
  });

  it('should accept the same instant in any offset when the grid is anchored in UTC', () => {
    const inTokyo = draw(one([opt('kei', '09:00', '10:00')]));
    const inUtc = draw(one([{ classId: 'kei', start: '2027-02-01T00:00:00.000Z', end: '2027-02-01T01:00Z' }]));
    expect(inUtc.inputDigest).toBe(inTokyo.inputDigest);
    expect(inUtc.resultDigest).toBe(inTokyo.resultDigest);
  });

  it('should let the commitment be checked when the published one is passed in', () => {
    const input = one([opt('kei', '09:00', '10:00')]);
    const result = draw(input);
    expect(draw(input, { commitment: result.commitment }).resultDigest).toBe(result.resultDigest);
  });
});
