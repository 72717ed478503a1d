import type { DrawParams, LotteryInput } from './lottery.types';

// The worked example of docs/lottery.md §Test vectors. Times are given in Tokyo time on purpose:
// the canonical form must turn them into UTC.
export const EXAMPLE_INPUT: LotteryInput = {
  roundId: '2027-02-w1',
  period: { start: '2027-02-01T00:00:00+09:00', end: '2027-02-03T00:00:00+09:00' },
  slotMinutes: 15,
  classes: [
    { id: 'van', resources: ['van-01'] },
    { id: 'kei', resources: ['kei-02', 'kei-01'] },
  ],
  downtime: [{ resourceId: 'kei-02', start: '2027-02-01T09:00:00+09:00', end: '2027-02-01T12:00:00+09:00' }],
  bookings: [{ id: 'prio-1', resourceId: 'van-01', driverId: 'u-carol', start: '2027-02-02T08:30:00+09:00', end: '2027-02-02T17:15:00+09:00' }],
  driverCommitments: [],
  requests: [
    {
      id: 'r-d1',
      userId: 'u-dave',
      driverId: 'u-alice',
      rank: 1,
      options: [{ classId: 'kei', start: '2027-02-01T10:00:00+09:00', end: '2027-02-01T11:00:00+09:00' }],
    },
    {
      id: 'r-a1',
      userId: 'u-alice',
      rank: 1,
      options: [
        { classId: 'kei', start: '2027-02-01T09:00:00+09:00', end: '2027-02-01T11:00:00+09:00' },
        { classId: 'kei', start: '2027-02-02T09:00:00+09:00', end: '2027-02-02T11:00:00+09:00' },
      ],
    },
    {
      id: 'r-a2',
      userId: 'u-alice',
      rank: 2,
      options: [{ classId: 'van', start: '2027-02-01T13:00:00+09:00', end: '2027-02-01T15:00:00+09:00' }],
    },
    {
      id: 'r-b1',
      userId: 'u-bob',
      rank: 1,
      options: [
        { classId: 'kei', start: '2027-02-01T08:30:00+09:00', end: '2027-02-01T17:15:00+09:00' },
        { classId: 'van', start: '2027-02-01T08:30:00+09:00', end: '2027-02-01T17:15:00+09:00' },
      ],
    },
    {
      id: 'r-c1',
      userId: 'u-carol',
      rank: 1,
      options: [
        { classId: 'van', start: '2027-02-02T10:00:00+09:00', end: '2027-02-02T12:00:00+09:00' },
        { classId: 'kei', start: '2027-02-02T10:00:00+09:00', end: '2027-02-02T12:00:00+09:00' },
      ],
    },
  ],
};

export const EXAMPLE_PARAMS: DrawParams = {
  input: EXAMPLE_INPUT,
  streaks: [
    { userId: 'u-carol', zeroWinStreak: 5 },
    { userId: 'u-bob', zeroWinStreak: 2 },
  ],
  secret: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  externalValue: 'drand quicknet round 1234567: 8f2c…',
};
