import { BusinessCalendar } from '@rr/domain';
import { nextDigestAt } from './digest-slot';

describe(nextDigestAt.name, () => {
  const calendar = new BusinessCalendar({ extraClosedDays: [{ date: '2026-12-07', reason: '電気設備点検' }] });
  const iso = (s: string) => new Date(s).toISOString();

  it('should be today at the digest time when today is a business day and the time is still ahead', () => {
    expect(nextDigestAt(new Date('2026-12-03T08:00:00+09:00'), '08:30', calendar).toISOString()).toBe(iso('2026-12-03T08:30:00+09:00'));
  });

  it('should be the next business day once today’s time has passed (strictly after)', () => {
    expect(nextDigestAt(new Date('2026-12-03T08:30:00+09:00'), '08:30', calendar).toISOString()).toBe(iso('2026-12-04T08:30:00+09:00'));
  });

  it('should skip a weekend and an administrator’s extra closed day', () => {
    // Friday evening → Monday 7 Dec is closed (点検) → Tuesday.
    expect(nextDigestAt(new Date('2026-12-04T18:00:00+09:00'), '08:30', calendar).toISOString()).toBe(iso('2026-12-08T08:30:00+09:00'));
  });

  it('should skip the year-end closure (12/29–1/3) and the following weekend', () => {
    expect(nextDigestAt(new Date('2026-12-28T09:00:00+09:00'), '08:30', calendar).toISOString()).toBe(iso('2027-01-04T08:30:00+09:00'));
  });

  it('should reason in Tokyo: 23:30 UTC on Thursday is already Friday morning in Japan', () => {
    expect(nextDigestAt(new Date('2026-12-03T23:00:00Z'), '08:30', calendar).toISOString()).toBe(iso('2026-12-04T08:30:00+09:00'));
  });
});
