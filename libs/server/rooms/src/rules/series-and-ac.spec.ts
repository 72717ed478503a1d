import { AppError, TOKYO, tokyoDate } from '@rr/domain';
import { DateTime } from 'luxon';
import { acNeedFor, acRequestLink, tokyoWallClock } from './ac-need';
import { checkInOpen, checkInWindow } from './check-in-window';
import { expandRoomSeries, parseRoomRrule } from './series-expansion';

const tokyo = (local: string) => new Date(`${local}+09:00`);

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const expand = (rule: string, first: string, limit = '2027-06-12', max = 100) => expandRoomSeries(parseRoomRrule(rule, first), limit, max);

describe('parseRoomRrule / expandRoomSeries', () => {
  it('should expand a weekly rule on two weekdays from the first date, in Tokyo dates', () => {
    expect(expand('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5', '2027-03-01')).toEqual(['2027-03-01', '2027-03-03', '2027-03-08', '2027-03-10', '2027-03-15']);
  });

  it('should take UNTIL as an inclusive date and accept an RRULE: prefix', () => {
    expect(expand('RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20270329', '2027-03-01')).toEqual(['2027-03-01', '2027-03-15', '2027-03-29']);
  });

  it('should keep monthly rules on the calendar (the 2nd Tuesday; the 31st only in long months)', () => {
    expect(expand('FREQ=MONTHLY;BYDAY=2TU;COUNT=3', '2027-03-01')).toEqual(['2027-03-09', '2027-04-13', '2027-05-11']);
    expect(expand('FREQ=MONTHLY;BYMONTHDAY=31;COUNT=2', '2027-03-01')).toEqual(['2027-03-31', '2027-05-31']);
  });

  it('should add the first date beyond the limit so the caller refuses the series instead of dropping dates', () => {
    const until = expand('FREQ=WEEKLY;UNTIL=20271231', '2027-05-24', '2027-06-12');
    expect(until).toEqual(['2027-05-24', '2027-05-31', '2027-06-07', '2027-06-14']);
    const count = expand('FREQ=WEEKLY;COUNT=5', '2027-05-24', '2027-06-12');
    expect(count).toEqual(['2027-05-24', '2027-05-31', '2027-06-07', '2027-06-14']);
  });

  it.each([
    ['garbage', 'ROOM_RRULE_INVALID'],
    ['FREQ=HOURLY;COUNT=3', 'ROOM_RRULE_INVALID'],
    ['FREQ=WEEKLY', 'ROOM_RRULE_INVALID'],
    ['FREQ=FOO;COUNT=2', 'ROOM_RRULE_INVALID'],
    ['FREQ=WEEKLY;BYDAY=XX;COUNT=2', 'ROOM_RRULE_INVALID'],
    ['DTSTART=20270301;FREQ=WEEKLY;COUNT=2', 'ROOM_RRULE_INVALID'],
    ['FREQ=DAILY;BYHOUR=9;COUNT=2', 'ROOM_RRULE_INVALID'],
    ['FREQ=WEEKLY;COUNT=2;COUNT=3', 'ROOM_RRULE_INVALID'],
    ['FREQ=WEEKLY;UNTIL=20270201', 'ROOM_RRULE_INVALID'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2', 'ROOM_RRULE_INVALID'],
    ['FREQ=DAILY;COUNT=101', 'ROOM_RRULE_TOO_MANY'],
    ['FREQ=DAILY;UNTIL=20270612', 'ROOM_RRULE_TOO_MANY'],
  ])('should refuse %s with %s', (rule, code) => {
    expect(codeOf(() => expand(rule, '2027-03-01'))).toBe(code);
  });

  it('should accept exactly the maximum', () => {
    expect(expand('FREQ=DAILY;COUNT=100', '2027-03-01')).toHaveLength(100);
  });
});

describe('acNeedFor', () => {
  const END = 17 * 60 + 15;
  it('should need nothing on a business day when the booking ends by 17:15', () => {
    expect(acNeedFor(tokyo('2027-03-10T16:00:00'), tokyo('2027-03-10T17:15:00'), END, true)).toBeNull();
  });

  it('should need 17:15 to the end (up to the 30-minute grid) when it ends later', () => {
    expect(acNeedFor(tokyo('2027-03-10T16:00:00'), tokyo('2027-03-10T18:00:00'), END, true)).toEqual({ date: '2027-03-10', startMinute: END, endMinute: 1080 });
    expect(acNeedFor(tokyo('2027-03-10T16:00:00'), tokyo('2027-03-10T18:15:00'), END, true)).toEqual({ date: '2027-03-10', startMinute: END, endMinute: 1110 });
    expect(acNeedFor(tokyo('2027-03-10T18:15:00'), tokyo('2027-03-10T19:00:00'), END, true)).toEqual({ date: '2027-03-10', startMinute: 1080, endMinute: 1140 });
  });

  it('should need the whole booking on a closed day, whatever the time', () => {
    expect(acNeedFor(tokyo('2027-03-13T09:15:00'), tokyo('2027-03-13T10:45:00'), END, false)).toEqual({ date: '2027-03-13', startMinute: 540, endMinute: 660 });
  });

  it('should end at 24:00 for a booking up to midnight, and build the AC form link', () => {
    const need = acNeedFor(tokyo('2027-03-13T22:00:00'), tokyo('2027-03-14T00:00:00'), END, false)!;
    expect(need).toEqual({ date: '2027-03-13', startMinute: 1320, endMinute: 1440 });
    expect(acRequestLink('3F-east', need)).toBe('/ac/new?zone=3F-east&date=2027-03-13&start=22%3A00&end=24%3A00');
  });
});

describe('tokyoWallClock', () => {
  it('should agree with the zone database (luxon) every 7 h 13 min across 30 years', () => {
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2030, 0, 1); t += (7 * 60 + 13) * 60_000) {
      const d = new Date(t);
      const z = DateTime.fromJSDate(d, { zone: TOKYO });
      expect(tokyoWallClock(d)).toEqual({ date: tokyoDate(d), minute: z.hour * 60 + z.minute });
    }
  });
});

describe('checkInWindow', () => {
  const s = { checkInOpensMinutes: 10, releaseAfterMinutes: 15 };
  it('should open 10 minutes before the start and close 15 minutes after it', () => {
    const start = tokyo('2027-03-10T10:00:00');
    expect(checkInWindow(start, s)).toEqual({ opensAt: tokyo('2027-03-10T09:50:00'), closesAt: tokyo('2027-03-10T10:15:00') });
    expect(checkInOpen(start, s, tokyo('2027-03-10T09:49:59'))).toBe(false);
    expect(checkInOpen(start, s, tokyo('2027-03-10T09:50:00'))).toBe(true);
    expect(checkInOpen(start, s, tokyo('2027-03-10T10:14:59'))).toBe(true);
    expect(checkInOpen(start, s, tokyo('2027-03-10T10:15:00'))).toBe(false);
  });
});
