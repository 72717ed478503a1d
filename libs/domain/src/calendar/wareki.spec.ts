import { formatWareki, toWareki } from './wareki';

describe('formatWareki', () => {
  it.each([
    ['2026-01-05', '令和8年1月5日(月)'],
    ['2025-10-01', '令和7年10月1日(水)'],
    ['2019-05-01', '令和元年5月1日(水)'],
    ['2019-04-30', '平成31年4月30日(火)'],
    ['1989-01-08', '平成元年1月8日(日)'],
    ['1989-01-07', '昭和64年1月7日(土)'],
    ['1926-12-25', '昭和元年12月25日(土)'],
    ['1912-07-30', '大正元年7月30日(火)'],
    ['1873-01-01', '明治6年1月1日(水)'],
  ])('should format %s as %s', (date, expected) => {
    expect(formatWareki(date)).toBe(expected);
  });

  it('should omit the weekday when asked to', () => {
    expect(formatWareki('2026-01-05', { weekday: false })).toBe('令和8年1月5日');
  });

  it('should use the Tokyo date when given an instant late in the UTC evening', () => {
    // 2026-01-04T15:30Z is Monday 2026-01-05 00:30 in Tokyo.
    expect(formatWareki(new Date('2026-01-04T15:30:00Z'))).toBe('令和8年1月5日(月)');
  });

  it('should agree with Intl japanese calendar on the first of every month from 1989 to 2030 when ICU is full', () => {
    const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
      timeZone: 'Asia/Tokyo',
    });
    if (!intl.resolvedOptions().calendar.startsWith('japanese')) return; // small-icu build: nothing to compare
    for (let year = 1989; year <= 2030; year++) {
      for (let month = 1; month <= 12; month++) {
        const date = `${year}-${String(month).padStart(2, '0')}-01`;
        expect(formatWareki(date)).toBe(intl.format(new Date(`${date}T00:00:00+09:00`)));
      }
    }
  });

  it('should throw RangeError when the date is before the Gregorian calendar in Japan', () => {
    expect(() => formatWareki('1872-12-31')).toThrow(/明治6年/);
  });

  it('should throw RangeError when the date string is invalid', () => {
    expect(() => formatWareki('2026-02-29')).toThrow(RangeError);
  });
});

describe('toWareki', () => {
  it('should split a date into era, era year, month, day and weekday', () => {
    expect(toWareki('2026-12-28')).toEqual({ era: '令和', year: 8, month: 12, day: 28, weekday: '月' });
  });
});
