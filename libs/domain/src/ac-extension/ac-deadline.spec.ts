import { BusinessCalendar } from '../calendar/business-calendar';
import { acRequestDeadline, checkAcDeadline, DEFAULT_AC_DEADLINE_SETTINGS } from './ac-deadline';
import { appErrorOf, requestInput, SATURDAY, WEDNESDAY } from './ac-extension.test-helpers';

describe('acRequestDeadline', () => {
  const calendar = new BusinessCalendar();

  it.each([
    ['2027-01-04', '2026-12-28T08:00:00.000Z'], // Mon after 年末年始 → Mon 12/28 17:00 JST
    ['2026-07-21', '2026-07-17T08:00:00.000Z'], // Tue after 海の日 (Mon) → previous Fri
    ['2026-05-07', '2026-05-01T08:00:00.000Z'], // Thu after Golden Week
    [SATURDAY, '2026-06-12T08:00:00.000Z'], // weekend work → Friday before
    [WEDNESDAY, '2026-06-09T08:00:00.000Z'],
  ])('should be 17:00 JST on the previous business day when the date is %s', (date, expected) => {
    expect(acRequestDeadline([date], calendar).toISOString()).toBe(expected);
  });

  it('should use the earliest date when a request names several', () => {
    expect(acRequestDeadline(['2027-01-05', '2027-01-04'], calendar).toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });

  it('should follow the setting when the rule is 2 business days at 12:00', () => {
    expect(acRequestDeadline(['2027-01-04'], calendar, { businessDays: 2, time: '12:00' }).toISOString()).toBe('2026-12-25T03:00:00.000Z');
  });

  it('should skip an administrator closed day when counting back', () => {
    const withClosure = new BusinessCalendar({ extraClosedDays: [{ date: '2026-06-09', reason: '電気設備点検' }] });
    expect(acRequestDeadline([WEDNESDAY], withClosure).toISOString()).toBe('2026-06-08T08:00:00.000Z');
  });

  it('should throw AC_INVALID_SETTING when the rule is malformed', () => {
    expect(appErrorOf(() => acRequestDeadline([WEDNESDAY], calendar, { businessDays: -1, time: '17:00' })).code).toBe('AC_INVALID_SETTING');
    expect(appErrorOf(() => acRequestDeadline([WEDNESDAY], calendar, { businessDays: 1, time: '5pm' })).code).toBe('AC_INVALID_SETTING');
  });
});

describe('checkAcDeadline', () => {
  const calendar = new BusinessCalendar();
  const forJan4 = requestInput({ dates: ['2027-01-04'], reason: { category: 'deadline_work', text: '予算査定資料' } });

  it('should be on time at the deadline minute itself', () => {
    expect(checkAcDeadline(forJan4, new Date('2026-12-28T17:00:00+09:00'), calendar)).toEqual({
      deadline: new Date('2026-12-28T08:00:00.000Z'),
      late: false,
    });
  });

  it('should throw AC_DEADLINE_PASSED one minute after the deadline when the reason is not urgent', () => {
    const error = appErrorOf(() => checkAcDeadline(forJan4, new Date('2026-12-28T17:01:00+09:00'), calendar));
    expect(error).toMatchObject({ code: 'AC_DEADLINE_PASSED', kind: 'validation', params: { deadline: '2026-12-28T08:00:00.000Z' } });
  });

  it.each(['council', 'disaster'] as const)('should allow a late %s request and flag it', (category) => {
    const urgent = { ...forJan4, reason: { category, text: '緊急' } };
    // On the day itself, during the closure's aftermath: 2027-01-04 10:00 JST.
    expect(checkAcDeadline(urgent, new Date('2027-01-04T10:00:00+09:00'), calendar).late).toBe(true);
  });

  it('should honour a custom list of urgent reasons', () => {
    const settings = { ...DEFAULT_AC_DEADLINE_SETTINGS, urgentReasons: ['deadline_work'] as const };
    expect(checkAcDeadline(forJan4, new Date('2027-01-04T09:00:00+09:00'), calendar, settings).late).toBe(true);
  });

  it('should throw AC_ALREADY_OVER when the requested time has passed, even for a disaster', () => {
    const urgent = { ...forJan4, reason: { category: 'disaster' as const, text: '大雨対応' } };
    expect(appErrorOf(() => checkAcDeadline(urgent, new Date('2027-01-04T19:00:00+09:00'), calendar)).code).toBe('AC_ALREADY_OVER');
    expect(checkAcDeadline(urgent, new Date('2027-01-04T18:59:00+09:00'), calendar).late).toBe(true);
  });
});
