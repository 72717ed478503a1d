import { quietHoursEnd } from './quiet-hours';

// Instants are written in Japan time (+09:00); Asia/Tokyo has no DST, the server's TZ must not matter.
const at = (iso: string) => new Date(iso);

describe(quietHoursEnd.name, () => {
  const night = { start: '22:00', end: '07:00' };

  it('should return null when there are no quiet hours or the instant is outside them', () => {
    expect(quietHoursEnd(at('2026-12-03T12:00:00+09:00'), null)).toBeNull();
    expect(quietHoursEnd(at('2026-12-03T21:59:00+09:00'), night)).toBeNull();
    expect(quietHoursEnd(at('2026-12-03T07:00:00+09:00'), night)).toBeNull();
  });

  it('should hold until the next morning when quiet hours cross midnight and it is evening', () => {
    expect(quietHoursEnd(at('2026-12-03T22:00:00+09:00'), night)?.toISOString()).toBe(at('2026-12-04T07:00:00+09:00').toISOString());
    expect(quietHoursEnd(at('2026-12-03T23:59:59+09:00'), night)?.toISOString()).toBe(at('2026-12-04T07:00:00+09:00').toISOString());
  });

  it('should hold until the same morning after midnight, across a month and a year boundary', () => {
    expect(quietHoursEnd(at('2026-12-31T23:30:00+09:00'), night)?.toISOString()).toBe(at('2027-01-01T07:00:00+09:00').toISOString());
    expect(quietHoursEnd(at('2027-01-01T00:10:00+09:00'), night)?.toISOString()).toBe(at('2027-01-01T07:00:00+09:00').toISOString());
  });

  it('should use Tokyo wall clock, not UTC: 23:30 JST is 14:30 UTC', () => {
    expect(quietHoursEnd(at('2026-06-15T14:30:00Z'), night)?.toISOString()).toBe('2026-06-15T22:00:00.000Z');
  });

  it('should handle a daytime window that does not cross midnight', () => {
    const lunch = { start: '12:00', end: '13:00' };
    expect(quietHoursEnd(at('2026-12-03T12:30:00+09:00'), lunch)?.toISOString()).toBe(at('2026-12-03T13:00:00+09:00').toISOString());
    expect(quietHoursEnd(at('2026-12-03T13:00:00+09:00'), lunch)).toBeNull();
    expect(quietHoursEnd(at('2026-12-03T11:59:00+09:00'), lunch)).toBeNull();
  });

  it('should treat equal start and end as no quiet hours', () => {
    expect(quietHoursEnd(at('2026-12-03T12:00:00+09:00'), { start: '12:00', end: '12:00' })).toBeNull();
  });
});
