import { AppError } from '@rr/domain';
import { BookingWindowSettings, checkBookingWindow, checkInterval, horizonLastDate, hhmmToMinute, minuteToHhmm } from './booking-window';

const DEFAULTS: BookingWindowSettings = { bookableFromMinute: 420, bookableUntilMinute: 1320, maxDurationMinutes: 4320, horizonMonths: 1 };
const tokyo = (local: string) => new Date(`${local}+09:00`);
// 2027-03-10 10:07 Tokyo
const NOW = tokyo('2027-03-10T10:07:00');

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('checkBookingWindow', () => {
  it.each([
    ['a normal morning trip', '2027-03-11T09:00:00', '2027-03-11T12:00:00', null],
    ['a trip from 07:00 to 22:00', '2027-03-11T07:00:00', '2027-03-11T22:00:00', null],
    ['a 3-day trip (出張)', '2027-03-11T08:00:00', '2027-03-14T08:00:00', null],
    ['end before start', '2027-03-11T12:00:00', '2027-03-11T09:00:00', 'CAR_TIME_INVALID_RANGE'],
    ['end equal to start', '2027-03-11T12:00:00', '2027-03-11T12:00:00', 'CAR_TIME_INVALID_RANGE'],
    ['a start off the grid', '2027-03-11T09:10:00', '2027-03-11T12:00:00', 'CAR_TIME_OFF_GRID'],
    ['an end with seconds', '2027-03-11T09:00:00', '2027-03-11T12:00:30', 'CAR_TIME_OFF_GRID'],
    ['a start earlier today', '2027-03-10T10:00:00', '2027-03-10T12:00:00', 'CAR_BOOKING_IN_PAST'],
    ['longer than 3 days', '2027-03-11T08:00:00', '2027-03-14T08:15:00', 'CAR_BOOKING_TOO_LONG'],
    ['a start before 07:00', '2027-03-11T06:45:00', '2027-03-11T09:00:00', 'CAR_BOOKING_OUTSIDE_HOURS'],
    ['an end after 22:00', '2027-03-11T20:00:00', '2027-03-11T22:15:00', 'CAR_BOOKING_OUTSIDE_HOURS'],
    ['an end at midnight (24:00 > 22:00)', '2027-03-11T20:00:00', '2027-03-12T00:00:00', 'CAR_BOOKING_OUTSIDE_HOURS'],
    ['the last day of the horizon', '2027-04-10T09:00:00', '2027-04-10T10:00:00', null],
    ['beyond the 1-month horizon', '2027-04-11T09:00:00', '2027-04-11T10:00:00', 'CAR_BOOKING_BEYOND_HORIZON'],
  ])('should answer %s with %s', (_label, start, end, expected) => {
    expect(codeOf(() => checkBookingWindow(tokyo(start), tokyo(end), DEFAULTS, NOW))).toBe(expected);
  });

  it('should accept a trip ending at midnight when the hours run to 24:00', () => {
    const settings = { ...DEFAULTS, bookableUntilMinute: 1440 };
    expect(codeOf(() => checkBookingWindow(tokyo('2027-03-11T20:00:00'), tokyo('2027-03-12T00:00:00'), settings, NOW))).toBeNull();
  });

  it('should read the grid and the hours in Tokyo time, whatever offset the client sent', () => {
    // 2027-03-10T23:00:00Z = 2027-03-11 08:00 Tokyo.
    expect(codeOf(() => checkBookingWindow(new Date('2027-03-10T23:00:00Z'), new Date('2027-03-11T01:30:00Z'), DEFAULTS, NOW))).toBeNull();
    // 21:30Z = 06:30 Tokyo, before the bookable hours although 21:30 looks late.
    expect(codeOf(() => checkBookingWindow(new Date('2027-03-10T21:30:00Z'), new Date('2027-03-11T01:30:00Z'), DEFAULTS, NOW))).toBe('CAR_BOOKING_OUTSIDE_HOURS');
  });

  it('should carry the limits in the error params for the message', () => {
    try {
      checkBookingWindow(tokyo('2027-04-20T09:00:00'), tokyo('2027-04-20T10:00:00'), DEFAULTS, NOW);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'CAR_BOOKING_BEYOND_HORIZON', kind: 'validation', params: { months: 1, lastDate: '2027-04-10' } });
    }
  });
});

describe('horizonLastDate', () => {
  it('should clamp to the end of a shorter month (1/31 + 1 month = 2/28)', () => {
    expect(horizonLastDate(tokyo('2027-01-31T12:00:00'), 1)).toBe('2027-02-28');
  });

  it('should use the Tokyo date just after midnight Tokyo', () => {
    expect(horizonLastDate(new Date('2027-03-09T15:30:00Z'), 1)).toBe('2027-04-10');
  });
});

describe('checkInterval', () => {
  it('should accept adjacent quarter-hours and refuse empty intervals', () => {
    expect(codeOf(() => checkInterval(tokyo('2027-03-11T09:00:00'), tokyo('2027-03-11T09:15:00')))).toBeNull();
    expect(codeOf(() => checkInterval(tokyo('2027-03-11T09:00:00'), tokyo('2027-03-11T09:00:00')))).toBe('CAR_TIME_INVALID_RANGE');
  });
});

describe('minuteToHhmm', () => {
  it('should round-trip HH:mm', () => {
    expect(minuteToHhmm(420)).toBe('07:00');
    expect(minuteToHhmm(1440)).toBe('24:00');
    expect(hhmmToMinute('22:15')).toBe(1335);
  });
});
