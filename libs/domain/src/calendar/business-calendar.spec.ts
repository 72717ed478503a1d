import { BusinessCalendar, HOLIDAY_DATA_YEARS } from './business-calendar';

// Lists from DOMAIN.md §5.2 (checked against @holiday-jp/holiday_jp 2.5.1 and a weekday check).
const HOLIDAYS_2025: Array<[string, string]> = [
  ['2025-01-01', '元日'],
  ['2025-01-13', '成人の日'],
  ['2025-02-11', '建国記念の日'],
  ['2025-02-23', '天皇誕生日'],
  ['2025-02-24', '振替休日'],
  ['2025-03-20', '春分の日'],
  ['2025-04-29', '昭和の日'],
  ['2025-05-03', '憲法記念日'],
  ['2025-05-04', 'みどりの日'],
  ['2025-05-05', 'こどもの日'],
  ['2025-05-06', '振替休日'],
  ['2025-07-21', '海の日'],
  ['2025-08-11', '山の日'],
  ['2025-09-15', '敬老の日'],
  ['2025-09-23', '秋分の日'],
  ['2025-10-13', 'スポーツの日'],
  ['2025-11-03', '文化の日'],
  ['2025-11-23', '勤労感謝の日'],
  ['2025-11-24', '振替休日'],
];
const HOLIDAYS_2026: Array<[string, string]> = [
  ['2026-01-01', '元日'],
  ['2026-01-12', '成人の日'],
  ['2026-02-11', '建国記念の日'],
  ['2026-02-23', '天皇誕生日'],
  ['2026-03-20', '春分の日'],
  ['2026-04-29', '昭和の日'],
  ['2026-05-03', '憲法記念日'],
  ['2026-05-04', 'みどりの日'],
  ['2026-05-05', 'こどもの日'],
  ['2026-05-06', '振替休日'],
  ['2026-07-20', '海の日'],
  ['2026-08-11', '山の日'],
  ['2026-09-21', '敬老の日'],
  ['2026-09-22', '国民の休日'],
  ['2026-09-23', '秋分の日'],
  ['2026-10-12', 'スポーツの日'],
  ['2026-11-03', '文化の日'],
  ['2026-11-23', '勤労感謝の日'],
];

function allDays(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

describe(BusinessCalendar.name, () => {
  const calendar = new BusinessCalendar();

  describe('isHoliday', () => {
    it.each([
      [2025, HOLIDAYS_2025],
      [2026, HOLIDAYS_2026],
    ])('should match exactly the DOMAIN.md list when listing every day of %i', (year, expected) => {
      const found = allDays(year).filter((d) => calendar.isHoliday(d));
      expect(found).toEqual(expected.map(([d]) => d));
    });

    it('should be false when the day is a year-end closure day but not a national holiday', () => {
      expect(calendar.isHoliday('2025-12-31')).toBe(false);
      expect(calendar.isHoliday('2026-01-02')).toBe(false);
      expect(calendar.isHoliday('2026-01-01')).toBe(true);
    });

    it('should be false when the day is a plain weekday or a plain weekend', () => {
      expect(calendar.isHoliday('2026-05-07')).toBe(false);
      expect(calendar.isHoliday('2026-05-09')).toBe(false);
    });

    it('should throw RangeError when the year is outside the bundled holiday data', () => {
      expect(HOLIDAY_DATA_YEARS).toEqual({ first: 1970, last: 2050 });
      expect(() => calendar.isHoliday('2051-01-02')).toThrow(/covers only 1970–2050/);
      expect(() => calendar.isHoliday('1969-12-31')).toThrow(RangeError);
    });
  });

  describe('holidayName', () => {
    it.each([...HOLIDAYS_2025, ...HOLIDAYS_2026])('should name %s as %s', (date, name) => {
      expect(calendar.holidayName(date)).toBe(name);
    });

    it('should return null when the day is not a holiday', () => {
      expect(calendar.holidayName('2025-12-29')).toBeNull();
    });
  });

  describe('isYearEndClosure', () => {
    it.each(['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03'])(
      'should be true when the date is %s',
      (date) => expect(calendar.isYearEndClosure(date)).toBe(true),
    );

    it.each(['2025-12-28', '2026-01-04', '2026-06-29', '2026-12-03'])('should be false when the date is %s', (date) => {
      expect(calendar.isYearEndClosure(date)).toBe(false);
    });
  });

  describe('isClosedDay', () => {
    it('should close every day from 12/29 to 1/3 when they fall on weekdays', () => {
      // 2026-12-29 (Tue) … 2027-01-03 (Sun): the weekday ones are closed only by the ordinance.
      for (const d of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
        expect(calendar.isClosedDay(d)).toBe(true);
      }
      expect(calendar.isClosedDay('2026-12-28')).toBe(false);
      expect(calendar.isClosedDay('2027-01-04')).toBe(false);
    });

    it('should close Saturdays and Sundays when they are not holidays', () => {
      expect(calendar.isClosedDay('2026-06-13')).toBe(true);
      expect(calendar.isClosedDay('2026-06-14')).toBe(true);
      expect(calendar.isClosedDay('2026-06-15')).toBe(false);
    });

    it('should count 240 business days in 2026 when only statutory closures apply', () => {
      // Worked out by hand: 261 weekdays − 17 weekday holidays (only 5/3 falls on a Sunday)
      // − 4 weekday year-end days that are not holidays (1/2 Fri, 12/29 Tue, 12/30 Wed, 12/31 Thu).
      const open = allDays(2026).filter((d) => calendar.isBusinessDay(d));
      expect(open).toHaveLength(240);
    });
  });

  describe('closedReason', () => {
    it('should return null when the day is a business day', () => {
      expect(calendar.closedReason('2026-05-07')).toBeNull();
    });

    it.each([
      ['2026-06-13', { code: 'weekend', name: '土曜日' }],
      ['2026-06-14', { code: 'weekend', name: '日曜日' }],
      ['2026-09-22', { code: 'holiday', name: '国民の休日' }],
      ['2026-05-03', { code: 'holiday', name: '憲法記念日' }],
      ['2026-01-01', { code: 'holiday', name: '元日' }],
      ['2025-12-31', { code: 'year_end', name: '年末年始' }],
      ['2027-01-02', { code: 'year_end', name: '年末年始' }],
    ])('should explain %s as %o', (date, reason) => {
      expect(calendar.closedReason(date)).toEqual(reason);
    });

    it('should prefer the administrator reason when an extra closed day is also a weekend', () => {
      const cal = new BusinessCalendar({ extraClosedDays: [{ date: '2026-06-13', reason: '庁舎停電' }] });
      expect(cal.closedReason('2026-06-13')).toEqual({ code: 'extra', name: '庁舎停電' });
    });
  });

  describe('constructor', () => {
    const extra = new BusinessCalendar({ extraClosedDays: [{ date: '2026-06-15', reason: ' 電気設備点検に伴う臨時閉庁 ' }] });

    it('should close an extra closed day when it is otherwise a business day', () => {
      expect(extra.isBusinessDay('2026-06-15')).toBe(false);
      expect(extra.closedReason('2026-06-15')).toEqual({ code: 'extra', name: '電気設備点検に伴う臨時閉庁' });
      expect(extra.isHoliday('2026-06-15')).toBe(false);
      expect(calendar.isBusinessDay('2026-06-15')).toBe(true);
    });

    it('should open an extra open day when it is otherwise a weekend', () => {
      const cal = new BusinessCalendar({ extraOpenDays: [{ date: '2026-06-14', reason: '休日開庁' }] });
      expect(cal.isBusinessDay('2026-06-14')).toBe(true);
      expect(cal.closedReason('2026-06-14')).toBeNull();
      expect(cal.isWeekend('2026-06-14')).toBe(true);
    });

    it('should not be affected when the caller mutates its input list afterwards', () => {
      const list = [{ date: '2026-06-16', reason: '臨時閉庁' }];
      const cal = new BusinessCalendar({ extraClosedDays: list });
      list.push({ date: '2026-06-17', reason: 'later' });
      expect(cal.isBusinessDay('2026-06-17')).toBe(true);
    });

    it.each([
      [{ extraClosedDays: [{ date: '2026-02-30', reason: 'x' }] }, /extraClosedDays\.date: expected a real calendar date/],
      [{ extraClosedDays: [{ date: '2026-06-15', reason: '  ' }] }, /non-empty reason/],
      [
        {
          extraClosedDays: [
            { date: '2026-06-15', reason: 'a' },
            { date: '2026-06-15', reason: 'b' },
          ],
        },
        /listed twice/,
      ],
      [
        { extraClosedDays: [{ date: '2026-06-15', reason: 'a' }], extraOpenDays: [{ date: '2026-06-15', reason: 'b' }] },
        /both as an extra closed day and an extra open day/,
      ],
    ])('should throw RangeError when the administrator lists are invalid (%#)', (options, message) => {
      expect(() => new BusinessCalendar(options)).toThrow(RangeError);
      expect(() => new BusinessCalendar(options)).toThrow(message);
    });
  });

  describe('input validation', () => {
    it.each(['2026-2-3', '2026-02-30', '2025-02-29', '20260203', '2026-13-01', '2026-01-01T00:00', '', 'tomorrow'])(
      'should throw RangeError when the date string is %p',
      (bad) => {
        expect(() => calendar.isBusinessDay(bad)).toThrow(RangeError);
        expect(() => calendar.isBusinessDay(bad)).toThrow(/expected a real calendar date 'YYYY-MM-DD'/);
      },
    );

    it('should accept 2028-02-29 when the year is a leap year', () => {
      expect(calendar.isBusinessDay('2028-02-29')).toBe(true);
    });

    it('should throw RangeError when the Date instant is invalid', () => {
      expect(() => calendar.isHoliday(new Date('nope'))).toThrow(/invalid Date instant/);
    });

    it('should throw RangeError when a non-string slips past the type checker', () => {
      expect(() => calendar.isHoliday(20260101 as unknown as string)).toThrow(RangeError);
    });
  });
});
