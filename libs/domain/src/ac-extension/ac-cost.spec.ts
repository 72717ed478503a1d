import { BusinessCalendar } from '../calendar/business-calendar';
import { estimateAcCost, yenFor } from './ac-cost';
import { AcZone, defaultAcZone, rateOn } from './ac-zones';
import { validateAcRequest } from './ac-request';
import { appErrorOf, requestInput, SATURDAY, WEDNESDAY, ZONES } from './ac-extension.test-helpers';

describe('estimateAcCost', () => {
  const calendar = new BusinessCalendar();

  it('should charge 1.75 h × ¥30,000 when one zone is extended 17:15–19:00 on a weekday', () => {
    const estimate = estimateAcCost(requestInput(), ZONES, calendar);
    expect(estimate.totalYen).toBe(52_500);
    expect(estimate.totalMinutes).toBe(105);
    expect(estimate.lines).toEqual([
      { date: WEDNESDAY, zoneId: '5F', dayType: 'business', segments: [{ start: '17:15', end: '19:00' }], minutes: 105, yenPerHour: 30_000, yen: 52_500 },
    ]);
  });

  it('should multiply by zones and dates when several are requested', () => {
    const estimate = estimateAcCost(
      requestInput({ zoneIds: ['6F', '5F', '7F'], dates: ['2026-06-11', WEDNESDAY], time: { start: '17:30', end: '20:00' } }),
      ZONES,
      calendar,
    );
    // 2.5 h × 3 zones × 2 days × ¥30,000
    expect(estimate.totalYen).toBe(450_000);
    expect(estimate.lines).toHaveLength(6);
    expect(estimate.lines.map((l) => `${l.date} ${l.zoneId}`)).toEqual([
      '2026-06-10 5F',
      '2026-06-10 6F',
      '2026-06-10 7F',
      '2026-06-11 5F',
      '2026-06-11 6F',
      '2026-06-11 7F',
    ]);
  });

  it('should count only the part after 17:15 when the range starts inside normal hours', () => {
    const estimate = estimateAcCost(requestInput({ time: { start: '16:00', end: '19:00' } }), ZONES, calendar);
    expect(estimate.lines[0].segments).toEqual([{ start: '17:15', end: '19:00' }]);
    expect(estimate.totalYen).toBe(52_500);
  });

  it('should count both ends when the range covers the whole normal day', () => {
    const estimate = estimateAcCost(requestInput({ time: { start: '07:00', end: '20:00' } }), ZONES, calendar);
    expect(estimate.lines[0].segments).toEqual([
      { start: '07:00', end: '08:30' },
      { start: '17:15', end: '20:00' },
    ]);
    expect(estimate.totalMinutes).toBe(90 + 165);
    expect(estimate.totalYen).toBe(127_500);
  });

  it('should reject with AC_NO_EXTENSION when the range lies entirely inside normal hours', () => {
    const error = appErrorOf(() => estimateAcCost(requestInput({ time: { start: '09:00', end: '17:00' } }), ZONES, calendar));
    expect(error.code).toBe('AC_NO_EXTENSION');
    expect(error.kind).toBe('validation');
  });

  it('should count the whole range when the date is a closed day', () => {
    const estimate = estimateAcCost(requestInput({ dates: [SATURDAY], time: { start: '09:00', end: '17:00' } }), ZONES, calendar);
    expect(estimate.lines[0]).toMatchObject({ dayType: 'closed', minutes: 480, yen: 240_000 });
  });

  it('should treat a weekday national holiday and the year-end closure as closed days', () => {
    // 2026-07-20 海の日 (Mon), 2026-12-29 年末年始 (Tue).
    const estimate = estimateAcCost(requestInput({ dates: ['2026-07-20', '2026-12-29'], time: { start: '10:00', end: '12:00' } }), ZONES, calendar);
    expect(estimate.lines.map((l) => l.dayType)).toEqual(['closed', 'closed']);
    expect(estimate.totalYen).toBe(120_000);
  });

  it('should keep the old price for a date before a rate change and use the new one from its validFrom', () => {
    const zone: AcZone = defaultAcZone('5F', '5階', [
      { validFrom: '2026-10-01', yenPerHour: 36_000 },
      { validFrom: '2020-04-01', yenPerHour: 30_000 },
    ]);
    const before = estimateAcCost(requestInput({ dates: ['2026-09-30'] }), [zone], calendar);
    const onChange = estimateAcCost(requestInput({ dates: ['2026-10-01'] }), [zone], calendar);
    expect(before.lines[0].yenPerHour).toBe(30_000);
    expect(before.totalYen).toBe(52_500);
    expect(onChange.lines[0].yenPerHour).toBe(36_000);
    expect(onChange.totalYen).toBe(63_000);
    // A request spanning the change is priced per date.
    expect(estimateAcCost(requestInput({ dates: ['2026-09-30', '2026-10-01'] }), [zone], calendar).totalYen).toBe(115_500);
  });

  it('should throw AC_NO_RATE when no rate is valid yet on the date', () => {
    const zone = defaultAcZone('5F', '5階', [{ validFrom: '2027-04-01', yenPerHour: 30_000 }]);
    expect(appErrorOf(() => rateOn(zone, '2027-03-31'))).toMatchObject({ code: 'AC_NO_RATE', kind: 'conflict', params: { zoneId: '5F', date: '2027-03-31' } });
    expect(rateOn(zone, '2027-04-01')).toBe(30_000);
  });

  it('should round a fractional yen half up when a rate is not divisible into minutes', () => {
    expect(yenFor(30, 25_001)).toBe(12_501); // 12,500.5 → 12,501
    expect(yenFor(15, 25_001)).toBe(6_250); // 6,250.25 → 6,250
  });
});

describe('validateAcRequest', () => {
  const calendar = new BusinessCalendar();

  describe('30-minute grid', () => {
    it.each([
      ['17:15', '19:00'], // starts at the normal end time
      ['17:30', '18:00'],
      ['18:00', '24:00'], // to midnight
      ['06:00', '08:30'],
    ])('should accept %s–%s on a weekday', (start, end) => {
      expect(() => validateAcRequest(requestInput({ time: { start, end } }), ZONES, calendar)).not.toThrow();
    });

    it.each([
      ['17:15', '19:15'],
      ['17:45', '19:00'],
      ['17:30', '18:10'],
    ])('should reject %s–%s with AC_OFF_GRID on a weekday', (start, end) => {
      expect(appErrorOf(() => validateAcRequest(requestInput({ time: { start, end } }), ZONES, calendar)).code).toBe('AC_OFF_GRID');
    });

    it('should reject 17:15 on a Saturday, which has no normal end time to align to', () => {
      const error = appErrorOf(() => validateAcRequest(requestInput({ dates: [SATURDAY] }), ZONES, calendar));
      expect(error).toMatchObject({ code: 'AC_OFF_GRID', params: { field: 'time.start', value: '17:15', date: SATURDAY, unit: 30 } });
    });

    it('should align to a zone-specific normal end when that zone runs 8:45–17:30', () => {
      const zone: AcZone = { ...defaultAcZone('B1', '地下1階'), normalHours: { business: { start: '08:45', end: '17:30' }, closed: null } };
      expect(() => validateAcRequest(requestInput({ zoneIds: ['B1'], time: { start: '17:30', end: '19:00' } }), [zone], calendar)).not.toThrow();
      expect(appErrorOf(() => validateAcRequest(requestInput({ zoneIds: ['B1'] }), [zone], calendar)).code).toBe('AC_OFF_GRID');
    });
  });

  describe('time range', () => {
    it.each([
      ['19:00', '17:30'],
      ['18:00', '18:00'],
    ])('should reject %s–%s with AC_INVALID_RANGE (validation)', (start, end) => {
      const error = appErrorOf(() => validateAcRequest(requestInput({ time: { start, end } }), ZONES, calendar));
      expect(error).toMatchObject({ code: 'AC_INVALID_RANGE', kind: 'validation', params: { start, end } });
    });

    it.each(['7:00', '25:00', '24:30', '18:60', '', 'abc'])('should reject the time %p with AC_INVALID_TIME', (start) => {
      expect(appErrorOf(() => validateAcRequest(requestInput({ time: { start, end: '20:00' } }), ZONES, calendar)).code).toBe('AC_INVALID_TIME');
    });
  });

  describe('other fields', () => {
    it('should sort dates and zones and trim the reason', () => {
      const request = validateAcRequest(
        requestInput({ dates: ['2026-06-11', WEDNESDAY], zoneIds: ['6F', '5F'], reason: { category: 'council', text: '  常任委員会対応  ' } }),
        ZONES,
        calendar,
      );
      expect(request.dates).toEqual([WEDNESDAY, '2026-06-11']);
      expect(request.zoneIds).toEqual(['5F', '6F']);
      expect(request.reason.text).toBe('常任委員会対応');
    });

    it.each([
      ['no dates', 'AC_NO_DATES', { dates: [] }],
      ['an impossible date', 'AC_INVALID_DATE', { dates: ['2026-02-30'] }],
      ['a repeated date', 'AC_DUPLICATE_DATE', { dates: [WEDNESDAY, WEDNESDAY] }],
      ['no zones', 'AC_NO_ZONES', { zoneIds: [] }],
      ['a repeated zone', 'AC_DUPLICATE_ZONE', { zoneIds: ['5F', '5F'] }],
      ['an unknown zone', 'AC_UNKNOWN_ZONE', { zoneIds: ['99F'] }],
      ['zero people', 'AC_INVALID_HEADCOUNT', { headcount: 0 }],
      ['a fractional headcount', 'AC_INVALID_HEADCOUNT', { headcount: 2.5 }],
      ['an unknown category', 'AC_INVALID_REASON', { reason: { category: 'overtime', text: '残業' } }],
      ['a blank reason text', 'AC_REASON_TEXT_REQUIRED', { reason: { category: 'other', text: '   ' } }],
    ] as const)('should reject %s with %s', (_label, code, overrides) => {
      const error = appErrorOf(() => validateAcRequest(requestInput(overrides as never), ZONES, calendar));
      expect(error.code).toBe(code);
      expect(error.kind).toBe('validation');
    });
  });
});
