import { AppError } from '@rr/domain';
import { checkRoomBookingWindow, checkRoomInterval, roomAccepts, RoomWindowSettings } from './room-booking-window';
import { hhmmToMinute, minuteToHhmm } from './minutes';

/** The room defaults: 08:00–20:00, 4 hours, 3 months. */
const DEFAULTS: RoomWindowSettings = { bookableFromMinute: 480, bookableUntilMinute: 1200, maxDurationMinutes: 240, horizonMonths: 3 };
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

describe('checkRoomBookingWindow', () => {
  it.each([
    ['a one-hour meeting', '2027-03-11T10:00:00', '2027-03-11T11:00:00', null],
    ['08:00 to 12:00 (exactly 4 h, from the opening)', '2027-03-11T08:00:00', '2027-03-11T12:00:00', null],
    ['16:00 to 20:00 (up to the closing)', '2027-03-11T16:00:00', '2027-03-11T20:00:00', null],
    ['a quarter-hour later today', '2027-03-10T10:15:00', '2027-03-10T10:30:00', null],
    ['end before start', '2027-03-11T12:00:00', '2027-03-11T11:00:00', 'ROOM_TIME_INVALID_RANGE'],
    ['end equal to start', '2027-03-11T12:00:00', '2027-03-11T12:00:00', 'ROOM_TIME_INVALID_RANGE'],
    ['a start off the grid', '2027-03-11T10:05:00', '2027-03-11T11:00:00', 'ROOM_TIME_OFF_GRID'],
    ['an end with seconds', '2027-03-11T10:00:00', '2027-03-11T11:00:30', 'ROOM_TIME_OFF_GRID'],
    ['a start earlier today', '2027-03-10T10:00:00', '2027-03-10T11:00:00', 'ROOM_BOOKING_IN_PAST'],
    ['4 h 15 min', '2027-03-11T08:00:00', '2027-03-11T12:15:00', 'ROOM_BOOKING_TOO_LONG'],
    ['a start before 08:00', '2027-03-11T07:45:00', '2027-03-11T09:00:00', 'ROOM_BOOKING_OUTSIDE_HOURS'],
    ['an end after 20:00', '2027-03-11T19:00:00', '2027-03-11T20:15:00', 'ROOM_BOOKING_OUTSIDE_HOURS'],
    ['the last day of the 3-month horizon', '2027-06-10T09:00:00', '2027-06-10T10:00:00', null],
    ['beyond the 3-month horizon', '2027-06-11T09:00:00', '2027-06-11T10:00:00', 'ROOM_BOOKING_BEYOND_HORIZON'],
  ])('should answer %s with %s', (_label, start, end, expected) => {
    expect(codeOf(() => checkRoomBookingWindow(tokyo(start), tokyo(end), DEFAULTS, NOW))).toBe(expected);
  });

  it('should keep a booking within one Tokyo day even when the room is open round the clock', () => {
    const allDay = { ...DEFAULTS, bookableFromMinute: 0, bookableUntilMinute: 1440, maxDurationMinutes: 1440 };
    expect(codeOf(() => checkRoomBookingWindow(tokyo('2027-03-11T20:00:00'), tokyo('2027-03-12T00:00:00'), allDay, NOW))).toBeNull();
    expect(codeOf(() => checkRoomBookingWindow(tokyo('2027-03-11T22:00:00'), tokyo('2027-03-12T01:00:00'), allDay, NOW))).toBe('ROOM_BOOKING_OUTSIDE_HOURS');
  });

  it('should read the hours in Tokyo time whatever offset the client sent (07:30 Tokyo = 22:30Z the day before)', () => {
    expect(codeOf(() => checkRoomBookingWindow(new Date('2027-03-10T23:00:00Z'), new Date('2027-03-11T00:00:00Z'), DEFAULTS, NOW))).toBeNull();
    expect(codeOf(() => checkRoomBookingWindow(new Date('2027-03-10T22:30:00Z'), new Date('2027-03-11T00:00:00Z'), DEFAULTS, NOW))).toBe('ROOM_BOOKING_OUTSIDE_HOURS');
  });

  it("should apply the room's own rules and carry the limits in the params", () => {
    const booth = { ...DEFAULTS, maxDurationMinutes: 60, bookableFromMinute: 540, bookableUntilMinute: 1080 };
    try {
      checkRoomBookingWindow(tokyo('2027-03-11T09:00:00'), tokyo('2027-03-11T10:30:00'), booth, NOW);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'ROOM_BOOKING_TOO_LONG', kind: 'validation', params: { hours: 1 } });
    }
    try {
      checkRoomBookingWindow(tokyo('2027-03-11T08:30:00'), tokyo('2027-03-11T09:00:00'), booth, NOW);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'ROOM_BOOKING_OUTSIDE_HOURS', params: { from: '09:00', until: '18:00' } });
    }
  });

  it('should clamp the horizon at the end of a shorter month (11/30 + 3 months = 2/28)', () => {
    const now = tokyo('2026-11-30T09:00:00');
    expect(codeOf(() => checkRoomBookingWindow(tokyo('2027-02-28T09:00:00'), tokyo('2027-02-28T10:00:00'), DEFAULTS, now))).toBeNull();
    expect(codeOf(() => checkRoomBookingWindow(tokyo('2027-03-01T09:00:00'), tokyo('2027-03-01T10:00:00'), DEFAULTS, now))).toBe('ROOM_BOOKING_BEYOND_HORIZON');
  });
});

describe('checkRoomInterval', () => {
  it('should accept a quarter-hour and refuse empty or off-grid intervals with room codes', () => {
    expect(codeOf(() => checkRoomInterval(tokyo('2027-03-11T09:00:00'), tokyo('2027-03-11T09:15:00')))).toBeNull();
    expect(codeOf(() => checkRoomInterval(tokyo('2027-03-11T09:00:00'), tokyo('2027-03-11T09:00:00')))).toBe('ROOM_TIME_INVALID_RANGE');
    expect(codeOf(() => checkRoomInterval(tokyo('2027-03-11T09:00:00'), tokyo('2027-03-11T09:20:00')))).toBe('ROOM_TIME_OFF_GRID');
  });
});

describe('roomAccepts', () => {
  it('should answer false rather than throw for a refused interval', () => {
    expect(roomAccepts(tokyo('2027-03-11T09:00:00'), tokyo('2027-03-11T10:00:00'), DEFAULTS, NOW)).toBe(true);
    expect(roomAccepts(tokyo('2027-03-11T06:00:00'), tokyo('2027-03-11T07:00:00'), DEFAULTS, NOW)).toBe(false);
  });
});

describe('minuteToHhmm', () => {
  it('should round-trip HH:mm, including 24:00', () => {
    expect(minuteToHhmm(480)).toBe('08:00');
    expect(minuteToHhmm(1440)).toBe('24:00');
    expect(hhmmToMinute('20:15')).toBe(1215);
  });
});
