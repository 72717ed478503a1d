import { BusinessCalendar } from '@rr/domain';
import { computeRoundSchedule, DEFAULT_CYCLE, extendForLateDraw, mondayOf, scheduleProblem, shiftAfter, windowMondayFor } from './round-schedule';

/** Tokyo wall clock → ISO instant with the offset, for readable expectations. */
const jst = (date: string, time: string) => new Date(`${date}T${time}:00+09:00`);
const plain = new BusinessCalendar();

function expectSchedule(monday: string, calendar: BusinessCalendar, expected: Record<string, [string, string]>) {
  const s = computeRoundSchedule(monday, DEFAULT_CYCLE, calendar);
  for (const [key, [date, time]] of Object.entries(expected)) {
    expect([key, (s as unknown as Record<string, Date>)[key].toISOString()]).toEqual([key, jst(date, time).toISOString()]);
  }
  return s;
}

describe(computeRoundSchedule.name, () => {
  it('should give the default cycle for an ordinary week: Mon 08:30 → Wed 17:15, draw Thu 09:00, confirm Fri 17:15, first-come next Mon 08:30, trips the week after next', () => {
    const s = expectSchedule('2026-06-08', plain, {
      opensAt: ['2026-06-08', '08:30'],
      closesAt: ['2026-06-10', '17:15'],
      drawAt: ['2026-06-11', '09:00'],
      confirmBy: ['2026-06-12', '17:15'],
      firstComeAt: ['2026-06-15', '08:30'],
      periodStart: ['2026-06-22', '00:00'],
      periodEnd: ['2026-06-29', '00:00'],
    });
    expect(s.reminderAt?.toISOString()).toBe(jst('2026-06-12', '09:15').toISOString());
  });

  it('should move a draw that falls on a Thursday holiday to Friday, keeping 09:00 (2027-02-11 建国記念の日)', () => {
    expectSchedule('2027-02-08', plain, {
      closesAt: ['2027-02-10', '17:15'],
      drawAt: ['2027-02-12', '09:00'],
      confirmBy: ['2027-02-12', '17:15'],
      firstComeAt: ['2027-02-15', '08:30'],
    });
  });

  it('should also move it for 春分の日 on a Thursday (2025-03-20)', () => {
    expectSchedule('2025-03-17', plain, { drawAt: ['2025-03-21', '09:00'], confirmBy: ['2025-03-21', '17:15'] });
  });

  it('should keep the steps in order across Golden Week (2026-05-04〜06 closed): open Thu, close Thu, draw Fri', () => {
    expectSchedule('2026-05-04', plain, {
      opensAt: ['2026-05-07', '08:30'],
      closesAt: ['2026-05-07', '17:15'],
      // Thursday 09:00 would be before the close: the draw moves to the next business day.
      drawAt: ['2026-05-08', '09:00'],
      confirmBy: ['2026-05-08', '17:15'],
      firstComeAt: ['2026-05-11', '08:30'],
      periodStart: ['2026-05-18', '00:00'],
    });
  });

  it('should roll every step over the year-end closure (12/29〜1/3) and keep them in order', () => {
    expectSchedule('2026-12-28', plain, {
      opensAt: ['2026-12-28', '08:30'],
      closesAt: ['2027-01-04', '17:15'],
      drawAt: ['2027-01-05', '09:00'],
      confirmBy: ['2027-01-05', '17:15'],
      firstComeAt: ['2027-01-06', '08:30'],
      periodStart: ['2027-01-11', '00:00'],
      periodEnd: ['2027-01-18', '00:00'],
    });
  });

  it('should honour an administrator’s extra closed day (臨時閉庁日) on the draw day', () => {
    const calendar = new BusinessCalendar({ extraClosedDays: [{ date: '2026-06-11', reason: '庁舎電気設備点検' }] });
    expectSchedule('2026-06-08', calendar, { drawAt: ['2026-06-12', '09:00'], confirmBy: ['2026-06-12', '17:15'] });
  });

  it('should push the draw past a long closure in 2028 (5/3〜5/5 holidays: close Mon 5/8, draw Tue 5/9)', () => {
    expectSchedule('2028-05-01', plain, {
      closesAt: ['2028-05-08', '17:15'],
      drawAt: ['2028-05-09', '09:00'],
      confirmBy: ['2028-05-09', '17:15'],
      firstComeAt: ['2028-05-10', '08:30'],
    });
  });

  it('should give instants the database order check accepts, for every week of two years', () => {
    let monday = '2026-01-05';
    for (let k = 0; k < 104; k++) {
      const s = computeRoundSchedule(monday, DEFAULT_CYCLE, plain);
      expect([monday, scheduleProblem(s)]).toEqual([monday, null]);
      monday = new Date(new Date(`${monday}T00:00:00Z`).getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    }
  });
});

describe(shiftAfter.name, () => {
  it('should leave a business-day instant after the previous one unchanged', () => {
    expect(shiftAfter(plain, jst('2026-06-11', '09:00'), jst('2026-06-10', '17:15')).toISOString()).toBe(jst('2026-06-11', '09:00').toISOString());
  });

  it('should accept an equal instant only when allowed', () => {
    const at = jst('2026-06-11', '09:00');
    expect(shiftAfter(plain, at, at, true).toISOString()).toBe(at.toISOString());
    expect(shiftAfter(plain, at, at).toISOString()).toBe(jst('2026-06-12', '09:00').toISOString());
  });
});

describe(windowMondayFor.name, () => {
  it('should find the window week two weeks before the period, from any day of that week', () => {
    expect(windowMondayFor('2026-06-22', 14)).toBe('2026-06-08');
    expect(windowMondayFor('2026-06-24', 14)).toBe('2026-06-08');
    expect(mondayOf('2026-06-14')).toBe('2026-06-08');
  });
});

describe(extendForLateDraw.name, () => {
  const schedule = { drawAt: jst('2026-06-11', '09:00'), confirmBy: jst('2026-06-12', '17:15'), firstComeAt: jst('2026-06-15', '08:30') };

  it('should keep the deadline when the draw runs on time', () => {
    expect(extendForLateDraw(plain, jst('2026-06-11', '09:00'), schedule)).toBeNull();
  });

  it('should keep a short planned confirmation window when the draw is on time', () => {
    const short = { drawAt: jst('2026-06-11', '09:00'), confirmBy: jst('2026-06-11', '11:00'), firstComeAt: jst('2026-06-11', '12:00') };
    expect(extendForLateDraw(plain, jst('2026-06-11', '09:00'), short)).toBeNull();
    // An hour late: the two planned hours are given again, on the next business day at 11:00.
    expect(extendForLateDraw(plain, jst('2026-06-11', '10:00'), short)).toEqual({ confirmBy: jst('2026-06-12', '11:00'), firstComeAt: jst('2026-06-12', '12:00') });
  });

  it('should move the deadline by business days when the draw ran too late for winners to confirm', () => {
    // The worker was down from Thursday to Friday 15:00: the deadline moves to Monday 17:15 and
    // first-come follows to Tuesday 08:30.
    expect(extendForLateDraw(plain, jst('2026-06-12', '15:00'), schedule)).toEqual({
      confirmBy: jst('2026-06-15', '17:15'),
      firstComeAt: jst('2026-06-16', '08:30'),
    });
  });
});
