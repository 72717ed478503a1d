import { DateInput, fromDayNumber, toDayNumber, weekdayOf } from './iso-date';

/**
 * 和暦 for printed and exported records (DOMAIN.md §5.2).
 *
 * Computed from a table rather than `Intl` with `-u-ca-japanese`: Node 20 with full ICU gets it
 * right, but this library is also bundled into the browser, where the output ("元年" vs "1年",
 * spacing, weekday style) varies with the ICU/CLDR version. The spec cross-checks against Intl.
 */
const ERAS: ReadonlyArray<{ name: string; start: string; firstYear: number }> = [
  { name: '令和', start: '2019-05-01', firstYear: 2019 },
  { name: '平成', start: '1989-01-08', firstYear: 1989 },
  { name: '昭和', start: '1926-12-25', firstYear: 1926 },
  { name: '大正', start: '1912-07-30', firstYear: 1912 },
  // 明治 began in 1868, but Japan adopted the Gregorian calendar only on 明治6年1月1日; earlier
  // dates would need the lunisolar calendar, so they are rejected.
  { name: '明治', start: '1873-01-01', firstYear: 1868 },
];

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

export interface Wareki {
  era: string;
  /** Year of the era; 1 is written 元年. */
  year: number;
  month: number;
  day: number;
  /** 日, 月, … 土. */
  weekday: string;
}

export interface WarekiFormatOptions {
  /** Append 「(月)」; default true. */
  weekday?: boolean;
}

/** Splits a Tokyo date (or instant, read in Tokyo) into era, era year, month, day and weekday. */
export function toWareki(date: DateInput): Wareki {
  const dayNumber = toDayNumber(date);
  const iso = fromDayNumber(dayNumber);
  const era = ERAS.find((e) => iso >= e.start);
  if (!era) throw new RangeError(`${iso}: 和暦 is supported from 明治6年 (1873-01-01), the Gregorian calendar's start in Japan`);
  return {
    era: era.name,
    year: Number(iso.slice(0, 4)) - era.firstYear + 1,
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
    weekday: WEEKDAYS[weekdayOf(dayNumber)],
  };
}

/** 「令和8年1月5日(月)」; the first year of an era is 「元年」, as official documents write it. */
export function formatWareki(date: DateInput, options: WarekiFormatOptions = {}): string {
  const w = toWareki(date);
  const year = w.year === 1 ? '元' : String(w.year);
  const text = `${w.era}${year}年${w.month}月${w.day}日`;
  return options.weekday === false ? text : `${text}(${w.weekday})`;
}
