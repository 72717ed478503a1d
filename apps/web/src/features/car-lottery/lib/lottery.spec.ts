import { checkOptionDrafts, moved, requestState, turnSequence, waitlistPlaces } from './lottery';

describe('turnSequence (docs/lottery.md §6 snake order)', () => {
  // Users a, b, c in lottery order c, a, b; a has three requests, b one, c two.
  const record = {
    order: ['c', 'a', 'b'],
    input: {
      requests: [
        { id: 'a1', userId: 'a' },
        { id: 'a2', userId: 'a' },
        { id: 'a3', userId: 'a' },
        { id: 'b1', userId: 'b' },
        { id: 'c1', userId: 'c' },
        { id: 'c2', userId: 'c' },
      ],
    },
    outcome: [
      { requestId: 'a1', option: 1 },
      { requestId: 'a2', option: 0 },
      { requestId: 'a3', option: 0 },
      { requestId: 'b1', option: 0 },
      { requestId: 'c1', option: 2 },
      { requestId: 'c2', option: 0 },
    ],
  };

  it('should walk pass 1 forward, pass 2 backward and pass 3 forward again', () => {
    expect(turnSequence(record)).toEqual(['c1', 'a1', 'b1', 'a2', 'c2', 'a3']);
  });

  it('should number the losing requests in turn order as waitlist places', () => {
    const places = waitlistPlaces(record);
    expect(places.get('b1')).toEqual({ place: 1, of: 4 });
    expect(places.get('a2')).toEqual({ place: 2, of: 4 });
    expect(places.get('c2')).toEqual({ place: 3, of: 4 });
    expect(places.get('a3')).toEqual({ place: 4, of: 4 });
    expect(places.has('a1')).toBe(false);
  });
});

describe('requestState', () => {
  const booking = (status: string) => ({ id: 'x', status, carId: 'c', plateNumber: 'p', startsAt: '', endsAt: '' });
  it('should tell an unconfirmed, confirmed, declined and void win apart', () => {
    expect(requestState({ status: 'active', result: 'won', booking: booking('provisional') })).toBe('won_unconfirmed');
    expect(requestState({ status: 'active', result: 'won', booking: booking('confirmed') })).toBe('won_confirmed');
    expect(requestState({ status: 'active', result: 'won', booking: booking('cancelled') })).toBe('won_declined');
    expect(requestState({ status: 'active', result: 'won', booking: booking('released') })).toBe('won_void');
    expect(requestState({ status: 'active', result: 'promoted', booking: booking('confirmed') })).toBe('promoted');
    expect(requestState({ status: 'active', result: 'lost', booking: null })).toBe('lost');
    expect(requestState({ status: 'withdrawn', result: 'pending', booking: null })).toBe('withdrawn');
  });
});

describe('checkOptionDrafts', () => {
  const period = { periodStart: '2026-12-14T00:00:00+09:00', periodEnd: '2026-12-21T00:00:00+09:00' };

  it('should convert valid drafts (including a multi-day trip) to Tokyo instants', () => {
    const result = checkOptionDrafts(
      [
        { classCode: 'regular', startsAt: '2026-12-15T09:00', endsAt: '2026-12-15T12:00' },
        { classCode: 'wagon', startsAt: '2026-12-16T08:30', endsAt: '2026-12-18T17:15' },
      ],
      period,
    );
    expect(result.options).toEqual([
      { classCode: 'regular', startsAt: '2026-12-15T09:00:00+09:00', endsAt: '2026-12-15T12:00:00+09:00' },
      { classCode: 'wagon', startsAt: '2026-12-16T08:30:00+09:00', endsAt: '2026-12-18T17:15:00+09:00' },
    ]);
  });

  it('should report a missing class, an off-grid time, an end before the start and a time outside the period', () => {
    const result = checkOptionDrafts(
      [
        { classCode: '', startsAt: '2026-12-15T09:00', endsAt: '2026-12-15T10:00' },
        { classCode: 'regular', startsAt: '2026-12-15T09:10', endsAt: '2026-12-15T10:00' },
        { classCode: 'regular', startsAt: '2026-12-15T11:00', endsAt: '2026-12-15T10:00' },
        { classCode: 'regular', startsAt: '2026-12-21T09:00', endsAt: '2026-12-21T10:00' },
      ],
      period,
    );
    expect(result.options).toBeNull();
    expect(result.problems).toEqual([{ classCode: 'class' }, { startsAt: 'grid' }, { endsAt: 'order' }, { startsAt: 'period' }]);
  });

  it('should refuse the same choice twice', () => {
    const same = { classCode: 'regular', startsAt: '2026-12-15T09:00', endsAt: '2026-12-15T10:00' };
    expect(checkOptionDrafts([same, same], period).problems[1]).toEqual({ startsAt: 'duplicate' });
  });
});

describe('moved', () => {
  it('should move an element up or down and ignore moves past the ends', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
