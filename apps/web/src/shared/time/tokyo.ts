/**
 * Everything the UI shows is in Asia/Tokyo, whatever zone the browser is in (DESIGN.md §3).
 * Japan has had no daylight saving since 1951, so Tokyo wall-clock time is always UTC+09:00; the
 * conversions below rely on that and on Intl for display.
 */
export const TOKYO = 'Asia/Tokyo';
const OFFSET = '+09:00';

type Lang = 'ja' | 'en';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: TOKYO, ...options });
    formatters.set(key, f);
  }
  return f;
}

function toDate(value: string | Date): Date | null {
  const d = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An instant as "2026/04/01 9:00" (ja) or "01 Apr 2026, 09:00" (en), in Tokyo time. */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (!value) return '';
  const d = toDate(value);
  if (!d) return String(value);
  return formatter(lang, {
    year: 'numeric',
    month: lang === 'ja' ? '2-digit' : 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** The instant at Tokyo midnight starting a calendar date (YYYY-MM-DD). */
export function tokyoMidnight(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00${OFFSET}`);
}

/** A calendar date (YYYY-MM-DD) as "2026年4月1日(水)" / "Wed, 1 Apr 2026". */
export function formatDate(isoDate: string, lang: Lang, withWeekday = true): string {
  const d = toDate(tokyoMidnight(isoDate));
  if (!d) return isoDate;
  return formatter(lang, {
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
    ...(withWeekday ? { weekday: 'short' as const } : {}),
  }).format(d);
}

/** "2026年4月" / "April 2026" for a YYYY-MM month. */
export function formatMonth(yearMonth: string, lang: Lang): string {
  const d = tokyoMidnight(`${yearMonth}-01`);
  return formatter(lang, { year: 'numeric', month: 'long' }).format(d);
}

/** Short weekday names Sunday-first, in the UI language. */
export function weekdayNames(lang: Lang): string[] {
  // 2026-03-01 is a Sunday.
  return Array.from({ length: 7 }, (_, i) =>
    formatter(lang, { weekday: 'short' }).format(tokyoMidnight(`2026-03-0${i + 1}`)),
  );
}

function parts(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: TOKYO,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of f.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** Today's date in Tokyo (YYYY-MM-DD). */
export function todayInTokyo(now: Date = new Date()): string {
  const p = parts(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Value for `<input type="datetime-local">` showing an instant in Tokyo time. */
export function toTokyoLocalInput(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  if (!d) return '';
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A `datetime-local` value read as Tokyo wall-clock time → ISO 8601 with +09:00; null if invalid. */
export function fromTokyoLocalInput(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const iso = `${m[1]}T${m[2]}${m[3] ?? ':00'}${OFFSET}`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

/** Calendar arithmetic on YYYY-MM-DD strings (zone-free: uses UTC internally). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday for a calendar date. */
export function weekdayOf(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/** Shift a YYYY-MM month by n months. */
export function addMonths(yearMonth: string, n: number): string {
  const [y, m] = yearMonth.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** Last calendar date of a YYYY-MM month. */
export function lastDayOfMonth(yearMonth: string): string {
  return addDays(`${addMonths(yearMonth, 1)}-01`, -1);
}
