import { buildRrule, occurrenceDates, recurrenceProblem, weekdayCode, type Recurrence } from './recurrence';

const weekly = (over: Partial<Recurrence> = {}): Recurrence => ({ interval: 1, days: ['MO'], end: 'count', count: 3, until: '', ...over });

describe('recurrence (RRULE builder of the room booking form)', () => {
  it('should name weekdays of Tokyo dates', () => {
    expect(weekdayCode('2026-12-07')).toBe('MO');
    expect(weekdayCode('2026-12-13')).toBe('SU');
  });

  it('should build weekly rules with days in week order, interval only when > 1, and COUNT or UNTIL', () => {
    expect(buildRrule(weekly({ days: ['WE', 'MO'], count: 10 }))).toBe('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10');
    expect(buildRrule(weekly({ interval: 2, days: ['FR'], end: 'until', until: '2027-03-31' }))).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20270331');
  });

  it('should list the dates a rule produces from the first date, skipping chosen days before it', () => {
    // 2026-12-09 is a Wednesday: Monday the 7th is before the start and does not count.
    expect(occurrenceDates('2026-12-09', weekly({ days: ['MO', 'WE'], count: 4 }))).toEqual(['2026-12-09', '2026-12-14', '2026-12-16', '2026-12-21']);
    expect(occurrenceDates('2026-12-07', weekly({ interval: 2, days: ['MO'], end: 'until', until: '2027-01-04' }))).toEqual(['2026-12-07', '2026-12-21', '2027-01-04']);
  });

  it('should refuse rules the API would refuse before sending them', () => {
    expect(recurrenceProblem('2026-12-07', weekly({ days: [] }))).toBe('days');
    expect(recurrenceProblem('2026-12-07', weekly({ count: 0 }))).toBe('count');
    expect(recurrenceProblem('2026-12-07', weekly({ count: 101 }))).toBe('count');
    expect(recurrenceProblem('2026-12-07', weekly({ end: 'until', until: '2026-12-01' }))).toBe('until');
    expect(recurrenceProblem('2026-12-07', weekly({ days: ['MO', 'TU', 'WE', 'TH', 'FR'], end: 'until', until: '2027-12-31' }))).toBe('tooMany');
    expect(recurrenceProblem('2026-12-07', weekly({ days: ['MO', 'TH'], count: 20 }))).toBeNull();
  });
});
