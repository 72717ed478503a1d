import { DateTime, Settings } from 'luxon';
import { luxonLocalizer, type DateRangeFormatFunction, type Formats, type Messages } from 'react-big-calendar';
import { TOKYO } from '../../../shared/time/tokyo';

/**
 * react-big-calendar through its luxon localizer, with luxon's default zone set to Asia/Tokyo: the
 * grid, the slots a user drags and every event are Tokyo wall-clock time whatever zone the browser
 * is in (ADR 0018). The app shows Tokyo time everywhere, so the global setting is intended; this
 * module loads only with the meeting-room screens.
 */
Settings.defaultZone = TOKYO;

export const roomLocalizer = luxonLocalizer(DateTime, { firstDayOfWeek: 1 });

/** A Tokyo date 'YYYY-MM-DD' (+ optional minute of day) as a JS Date. */
export function tokyoDate(isoDate: string, minuteOfDay = 0): Date {
  return DateTime.fromISO(isoDate, { zone: TOKYO }).plus({ minutes: minuteOfDay }).toJSDate();
}

/** Minute of the Tokyo day of an instant. */
export function tokyoMinuteOfDay(d: Date): number {
  const t = DateTime.fromJSDate(d).setZone(TOKYO);
  return t.hour * 60 + t.minute;
}

/** The Tokyo date 'YYYY-MM-DD' of an instant. */
export function tokyoIsoDate(d: Date): string {
  return DateTime.fromJSDate(d).setZone(TOKYO).toISODate() ?? '';
}

/** The Monday starting the (ISO) week of a Tokyo date. */
export function weekStart(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: TOKYO }).startOf('week').toISODate() ?? isoDate;
}

type Lang = 'ja' | 'en';

/** 'HH:mm' of an instant in Tokyo (the calendar's labels; luxon's default zone is Tokyo). */
const hm = (d: Date) => DateTime.fromJSDate(d).toFormat('HH:mm');
const timeRange: DateRangeFormatFunction = ({ start, end }) => `${hm(start)}〜${hm(end)}`;
const fmt = (d: Date, pattern: string, culture?: string) => DateTime.fromJSDate(d).setLocale(culture ?? 'ja').toFormat(pattern);

export function calendarFormats(lang: Lang): Formats {
  return {
    timeGutterFormat: 'HH:mm',
    eventTimeRangeFormat: timeRange,
    selectRangeFormat: timeRange,
    eventTimeRangeStartFormat: ({ start }) => `${hm(start)}〜`,
    eventTimeRangeEndFormat: ({ end }) => `〜${hm(end)}`,
    dayFormat: lang === 'ja' ? 'd日(EEE)' : 'EEE d',
    dayHeaderFormat: lang === 'ja' ? 'yyyy年M月d日(EEE)' : 'EEEE d MMM yyyy',
    dayRangeHeaderFormat: ({ start, end }, culture) =>
      `${fmt(start, lang === 'ja' ? 'yyyy年M月d日' : 'd MMM yyyy', culture)}〜${fmt(end, lang === 'ja' ? 'M月d日' : 'd MMM', culture)}`,
  };
}

export function calendarMessages(lang: Lang): Messages {
  return lang === 'ja'
    ? {
        date: '日付',
        time: '時刻',
        event: '予約',
        allDay: '終日',
        week: '週',
        work_week: '平日',
        day: '日',
        month: '月',
        previous: '前へ',
        next: '次へ',
        yesterday: '昨日',
        tomorrow: '明日',
        today: '今日',
        agenda: '一覧',
        noEventsInRange: 'この期間の予約はありません。',
        showMore: (n: number) => `他${n}件`,
      }
    : {
        date: 'Date',
        time: 'Time',
        event: 'Booking',
        allDay: 'All day',
        week: 'Week',
        work_week: 'Work week',
        day: 'Day',
        month: 'Month',
        previous: 'Previous',
        next: 'Next',
        yesterday: 'Yesterday',
        tomorrow: 'Tomorrow',
        today: 'Today',
        agenda: 'List',
        noEventsInRange: 'No bookings in this period.',
        showMore: (n: number) => `+${n} more`,
      };
}
