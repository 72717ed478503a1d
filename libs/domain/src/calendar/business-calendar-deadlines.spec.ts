import { BusinessCalendar } from './business-calendar';

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

describe(BusinessCalendar.name, () => {
  const calendar = new BusinessCalendar();
  // Monday 2026-06-15 closed by the administrator; Sunday 2026-06-14 opened (休日開庁).
  const adminCalendar = new BusinessCalendar({
    extraClosedDays: [{ date: '2026-06-15', reason: '電気設備点検' }],
    extraOpenDays: [{ date: '2026-06-14', reason: '休日開庁' }],
  });

  describe('nextBusinessDay', () => {
    it('should skip Golden Week when starting from the Friday before it', () => {
      // 2026: 5/2 Sat, 5/3 Sun 憲法記念日, 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日.
      expect(calendar.nextBusinessDay('2026-05-01')).toBe('2026-05-07');
    });

    it('should return the following day when the date itself is a business day', () => {
      expect(calendar.nextBusinessDay('2026-05-07')).toBe('2026-05-08');
    });

    it('should skip the whole 12/29–1/3 closure when starting from the last day before it', () => {
      expect(calendar.nextBusinessDay('2026-12-28')).toBe('2027-01-04');
    });

    it('should read a Date input on the Tokyo calendar when it is late evening in UTC', () => {
      // 2026-12-28T20:00Z is 2026-12-29 05:00 in Tokyo.
      expect(calendar.nextBusinessDay(new Date('2026-12-28T20:00:00Z'))).toBe('2027-01-04');
    });

    it('should skip an extra closed day when the administrator added one', () => {
      expect(adminCalendar.nextBusinessDay('2026-06-12')).toBe('2026-06-14');
      expect(adminCalendar.nextBusinessDay('2026-06-14')).toBe('2026-06-16');
    });
  });

  describe('previousBusinessDay', () => {
    it.each([
      ['2027-01-04', '2026-12-28'],
      ['2026-05-07', '2026-05-01'],
      ['2025-11-25', '2025-11-21'],
      ['2025-05-07', '2025-05-02'],
      ['2026-09-24', '2026-09-18'],
    ])('should return the last business day before %s when closed days precede it', (date, expected) => {
      expect(calendar.previousBusinessDay(date)).toBe(expected);
    });
  });

  describe('businessDayOnOrAfter', () => {
    it('should return the date itself when it is a business day, else the next one', () => {
      expect(calendar.businessDayOnOrAfter('2026-05-07')).toBe('2026-05-07');
      expect(calendar.businessDayOnOrAfter('2026-05-03')).toBe('2026-05-07');
    });
  });

  describe('businessDayOnOrBefore', () => {
    it('should return the date itself when it is a business day, else the previous one', () => {
      expect(calendar.businessDayOnOrBefore('2026-05-01')).toBe('2026-05-01');
      expect(calendar.businessDayOnOrBefore('2027-01-03')).toBe('2026-12-28');
    });
  });

  describe('addBusinessDays', () => {
    it('should step forward over Golden Week when n is positive', () => {
      expect(calendar.addBusinessDays('2026-04-28', 3)).toBe('2026-05-07');
    });

    it('should step backward over Golden Week when n is negative', () => {
      expect(calendar.addBusinessDays('2026-05-07', -3)).toBe('2026-04-28');
      expect(calendar.addBusinessDays('2027-01-05', -2)).toBe('2026-12-28');
    });

    it('should return the date unchanged when n is 0, even on a closed day', () => {
      expect(calendar.addBusinessDays('2026-05-04', 0)).toBe('2026-05-04');
    });

    it('should undo itself when every business day of 2026 moves by ±1…±7', () => {
      for (const d of eachDay('2026-01-01', '2026-12-31').filter((x) => calendar.isBusinessDay(x))) {
        for (const n of [1, 2, 3, 5, 7]) {
          expect(calendar.addBusinessDays(calendar.addBusinessDays(d, n), -n)).toBe(d);
          expect(calendar.addBusinessDays(calendar.addBusinessDays(d, -n), n)).toBe(d);
        }
      }
    });

    it('should throw RangeError instead of looping when the administrator closed a whole year', () => {
      const closedYear = Array.from({ length: 400 }, (_, i) => ({
        date: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10),
        reason: '誤登録',
      }));
      const broken = new BusinessCalendar({ extraClosedDays: closedYear });
      expect(() => broken.addBusinessDays('2029-12-31', 1)).toThrow(/no business day within 366 days of 2030-01-01/);
    });

    it.each([1.5, Number.NaN, Infinity])('should throw RangeError when n is %p', (n) => {
      expect(() => calendar.addBusinessDays('2026-05-07', n)).toThrow(RangeError);
    });
  });

  describe('businessDaysBetween', () => {
    it.each([
      ['2026-05-01', '2026-05-07', 1],
      ['2026-05-07', '2026-05-01', -1],
      ['2026-04-28', '2026-05-07', 3],
      ['2026-12-28', '2027-01-04', 1],
      ['2026-05-07', '2026-05-07', 0],
      ['2026-05-02', '2026-05-06', 0],
    ])('should count from %s to %s as %i', (a, b, expected) => {
      expect(calendar.businessDaysBetween(a, b)).toBe(expected);
    });

    it('should invert addBusinessDays when b is a business day, in either direction', () => {
      const a = '2026-12-25';
      for (const b of eachDay('2026-11-20', '2027-01-31').filter((x) => calendar.isBusinessDay(x))) {
        expect(calendar.addBusinessDays(a, calendar.businessDaysBetween(a, b))).toBe(b);
      }
    });
  });

  describe('businessDaysInRange', () => {
    it('should list only business days, both ends inclusive, when the range spans Golden Week', () => {
      expect(calendar.businessDaysInRange('2026-04-27', '2026-05-08')).toEqual([
        '2026-04-27',
        '2026-04-28',
        '2026-04-30',
        '2026-05-01',
        '2026-05-07',
        '2026-05-08',
      ]);
    });

    it('should return an empty list when every day in the range is closed', () => {
      expect(calendar.businessDaysInRange('2026-12-29', '2027-01-03')).toEqual([]);
    });

    it('should throw RangeError when to is before from', () => {
      expect(() => calendar.businessDaysInRange('2026-05-08', '2026-05-07')).toThrow(/'to' \(2026-05-07\) is before 'from'/);
    });
  });

  describe('closedDaysInRange', () => {
    it('should give each closed day its reason when the range covers the year end', () => {
      expect(calendar.closedDaysInRange('2026-12-26', '2027-01-04')).toEqual([
        { date: '2026-12-26', code: 'weekend', name: '土曜日' },
        { date: '2026-12-27', code: 'weekend', name: '日曜日' },
        { date: '2026-12-29', code: 'year_end', name: '年末年始' },
        { date: '2026-12-30', code: 'year_end', name: '年末年始' },
        { date: '2026-12-31', code: 'year_end', name: '年末年始' },
        { date: '2027-01-01', code: 'holiday', name: '元日' },
        { date: '2027-01-02', code: 'year_end', name: '年末年始' },
        { date: '2027-01-03', code: 'year_end', name: '年末年始' },
      ]);
    });
  });

  describe('deadlineBefore', () => {
    it('should give 2026-12-28 17:00 JST when the target is 2027-01-04 and the rule is the previous business day', () => {
      const deadline = calendar.deadlineBefore('2027-01-04', { businessDays: 1, time: '17:00' });
      expect(deadline.toISOString()).toBe('2026-12-28T08:00:00.000Z');
    });

    it.each([
      ['2026-05-07', 1, '2026-05-01T08:00:00.000Z'],
      ['2026-05-07', 2, '2026-04-30T08:00:00.000Z'],
      ['2026-05-07', 3, '2026-04-28T08:00:00.000Z'],
      ['2025-05-07', 1, '2025-05-02T08:00:00.000Z'],
      ['2025-05-07', 4, '2025-04-28T08:00:00.000Z'],
    ])('should count back over Golden Week when the target is %s and N is %i', (target, n, expected) => {
      expect(calendar.deadlineBefore(target, { businessDays: n, time: '17:00' }).toISOString()).toBe(expected);
    });

    it('should land on the previous UTC date when the Tokyo cutoff is in the morning', () => {
      const deadline = calendar.deadlineBefore('2027-01-04', { businessDays: 1, time: '08:30' });
      expect(deadline.toISOString()).toBe('2026-12-27T23:30:00.000Z');
    });

    it('should roll back to the last business day when N is 0 and the target is closed', () => {
      expect(calendar.deadlineBefore('2026-05-05', { businessDays: 0, time: '17:15' }).toISOString()).toBe('2026-05-01T08:15:00.000Z');
      expect(calendar.deadlineBefore('2026-05-07', { businessDays: 0, time: '17:15' }).toISOString()).toBe('2026-05-07T08:15:00.000Z');
    });

    it('should skip an extra closed day when the administrator added one', () => {
      expect(adminCalendar.deadlineBefore('2026-06-16', { businessDays: 1, time: '17:00' }).toISOString()).toBe(
        '2026-06-14T08:00:00.000Z',
      );
      expect(calendar.deadlineBefore('2026-06-16', { businessDays: 1, time: '17:00' }).toISOString()).toBe('2026-06-15T08:00:00.000Z');
    });

    it('should read the target on the Tokyo calendar when given an instant', () => {
      // 2027-01-03T15:30Z is 2027-01-04 00:30 in Tokyo.
      const deadline = calendar.deadlineBefore(new Date('2027-01-03T15:30:00Z'), { businessDays: 1, time: '17:00' });
      expect(deadline.toISOString()).toBe('2026-12-28T08:00:00.000Z');
    });

    it.each([
      [{ businessDays: 1, time: '24:00' }, /'HH:mm'/],
      [{ businessDays: 1, time: '17:0' }, /'HH:mm'/],
      [{ businessDays: 1, time: '5pm' }, /'HH:mm'/],
      [{ businessDays: -1, time: '17:00' }, /integer ≥ 0/],
      [{ businessDays: 0.5, time: '17:00' }, /integer ≥ 0/],
    ])('should throw RangeError when the rule is %o', (rule, message) => {
      expect(() => calendar.deadlineBefore('2026-05-07', rule)).toThrow(RangeError);
      expect(() => calendar.deadlineBefore('2026-05-07', rule)).toThrow(message);
    });
  });

  describe('rollForwardDeadline', () => {
    it.each([
      ['2025-11-22', '2025-11-25'], // Sat → Sun 勤労感謝の日 → Mon 振替休日 → Tue
      ['2026-12-29', '2027-01-04'], // 年末年始 through Sunday 1/3
      ['2026-05-02', '2026-05-07'], // Golden Week
      ['2026-09-19', '2026-09-24'], // Sat, Sun, 敬老の日, 国民の休日, 秋分の日
      ['2026-05-07', '2026-05-07'], // already a business day
    ])('should move a statutory deadline on %s to %s', (date, expected) => {
      expect(calendar.rollForwardDeadline(date)).toBe(expected);
    });

    it('should roll over an extra closed day when the administrator closed the office', () => {
      expect(adminCalendar.rollForwardDeadline('2026-06-15')).toBe('2026-06-16');
    });

    it('should not stop on an extra open day when that day is still a 休日 under the ordinance', () => {
      expect(adminCalendar.rollForwardDeadline('2026-06-13')).toBe('2026-06-16');
      expect(adminCalendar.businessDayOnOrAfter('2026-06-13')).toBe('2026-06-14');
    });
  });

  describe('shiftToBusinessDay', () => {
    it('should keep a Thursday 09:00 draw when that Thursday is a business day', () => {
      const draw = new Date('2026-05-07T00:00:00Z'); // Thu 09:00 JST
      const shifted = calendar.shiftToBusinessDay(draw);
      expect(shifted.toISOString()).toBe('2026-05-07T00:00:00.000Z');
      expect(shifted).not.toBe(draw);
    });

    it('should move a Thursday 09:00 draw to Monday 09:00 when the Thursday is 12/31', () => {
      expect(calendar.shiftToBusinessDay(new Date('2026-12-31T00:00:00Z')).toISOString()).toBe('2027-01-04T00:00:00.000Z');
    });

    it('should move a Thursday 09:00 draw to Friday 09:00 when the Thursday is 建国記念の日', () => {
      expect(calendar.shiftToBusinessDay(new Date('2027-02-11T00:00:00Z')).toISOString()).toBe('2027-02-12T00:00:00.000Z');
    });

    it('should keep the Tokyo wall-clock time to the millisecond when the event is just after Tokyo midnight', () => {
      // 2026-01-01 00:30:15.250 JST (元日) → Monday 2026-01-05 00:30:15.250 JST.
      expect(calendar.shiftToBusinessDay(new Date('2025-12-31T15:30:15.250Z')).toISOString()).toBe('2026-01-04T15:30:15.250Z');
    });

    it('should throw RangeError when the instant is invalid', () => {
      expect(() => calendar.shiftToBusinessDay(new Date(Number.NaN))).toThrow(RangeError);
    });
  });
});
