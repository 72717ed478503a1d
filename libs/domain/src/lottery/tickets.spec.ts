import { EXAMPLE_INPUT } from './lottery.fixtures';
import { computeTickets, nextZeroWinStreak, ticketDigest, ticketsFor } from './tickets';

describe(ticketsFor.name, () => {
  it.each([
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 4],
    [40, 4],
  ])('should give min(1 + z, 4) tickets when the zero-win streak is %i', (z, tickets) => {
    expect(ticketsFor(z)).toBe(tickets);
  });
});

describe(nextZeroWinStreak.name, () => {
  it('should grow by one when the user applied and won nothing', () => {
    expect(nextZeroWinStreak(2, { applied: true, won: false })).toBe(3);
  });

  it('should reset to zero when the user won anything', () => {
    expect(nextZeroWinStreak(3, { applied: true, won: true })).toBe(0);
  });

  it('should reset to zero when a win was declined, not confirmed or a no-show', () => {
    expect(nextZeroWinStreak(3, { applied: true, won: false, forfeited: true })).toBe(0);
    expect(nextZeroWinStreak(3, { applied: true, won: true, forfeited: true })).toBe(0);
  });

  it('should stay unchanged when the user did not apply', () => {
    expect(nextZeroWinStreak(2, { applied: false, won: false })).toBe(2);
  });
});

describe(computeTickets.name, () => {
  it('should list every applicant sorted by id and ignore streaks of users who did not apply', () => {
    const rows = computeTickets(EXAMPLE_INPUT, [
      { userId: 'u-zed', zeroWinStreak: 9 },
      { userId: 'u-carol', zeroWinStreak: 5 },
      { userId: 'u-bob', zeroWinStreak: 2 },
    ]);
    expect(rows).toEqual([
      { userId: 'u-alice', zeroWinStreak: 0, tickets: 1 },
      { userId: 'u-bob', zeroWinStreak: 2, tickets: 3 },
      { userId: 'u-carol', zeroWinStreak: 5, tickets: 4 },
      { userId: 'u-dave', zeroWinStreak: 0, tickets: 1 },
    ]);
  });
});

describe(ticketDigest.name, () => {
  it('should match the test vector when given the example ticket table', () => {
    // printf 'rr-lottery-tickets/1\nround|2027-02-w1\nticket|u-alice|0|1\n…' | sha256sum
    const rows = computeTickets(EXAMPLE_INPUT, [
      { userId: 'u-carol', zeroWinStreak: 5 },
      { userId: 'u-bob', zeroWinStreak: 2 },
    ]);
    expect(ticketDigest('2027-02-w1', rows)).toBe('81cf552bafeb49867e6c83d64e031fd9823145b3f8d76af99953490def535192');
  });
});
