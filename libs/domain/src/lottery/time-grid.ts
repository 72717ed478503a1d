// Instants are handled as whole minutes since 1970-01-01T00:00Z. The parser is hand-written
// because Date.parse silently accepts "2027-02-30" (it rolls over to March) and is slower on the
// millions of option times a large draw reads.

const MINUTES_PER_DAY = 1440;
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

function two(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Day number of the first of each month, looked up rather than computed: a million-request draw
// parses several million timestamps.
const MONTH_START = new Int32Array((MAX_YEAR + 1 - MIN_YEAR) * 12);
for (let y = MIN_YEAR; y <= MAX_YEAR; y++) {
  for (let m = 1; m <= 12; m++) MONTH_START[(y - MIN_YEAR) * 12 + m - 1] = daysFromCivil(y, m, 1);
}
const END_MINUTES = daysFromCivil(MAX_YEAR + 1, 1, 1) * MINUTES_PER_DAY;

/**
 * Parses an RFC 3339 timestamp `YYYY-MM-DDTHH:MM[:SS[.fff…]](Z|±HH:MM)` to epoch minutes.
 * Returns NaN when the text is malformed, names an impossible date, or is not a whole minute.
 */
export function parseInstantMinutes(text: string): number {
  if (typeof text !== 'string' || text.length < 17) return NaN;
  const s = text;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  if (s[4] !== '-' || s[7] !== '-' || (s[10] !== 'T' && s[10] !== 't') || s[13] !== ':') return NaN;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || hour < 0 || hour > 23) return NaN;
  if (minute < 0 || minute > 59) return NaN;
  const monthDays = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day < 1 || day > monthDays) return NaN;
  let i = 16;
  if (s[i] === ':') {
    if (two(s, i + 1) !== 0) return NaN; // seconds other than 00 are off every grid
    i += 3;
    if (s[i] === '.') {
      i++;
      const fractionStart = i;
      while (i < s.length && s.charCodeAt(i) === 48) i++;
      if (i === fractionStart || digit(s, i) >= 0) return NaN;
    }
  }
  let offset = 0;
  if ((s[i] === 'Z' || s[i] === 'z') && i + 1 === s.length) {
    offset = 0;
  } else if ((s[i] === '+' || s[i] === '-') && i + 6 === s.length && s[i + 3] === ':') {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offset = (s[i] === '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return NaN;
  }
  const days = MONTH_START[(year - MIN_YEAR) * 12 + month - 1] + day - 1;
  const minutes = days * MINUTES_PER_DAY + hour * 60 + minute - offset;
  return minutes >= 0 && minutes < END_MINUTES ? minutes : NaN;
}

/** The canonical form of an instant: UTC, seconds always `00`, e.g. `2027-02-01T23:30:00Z`. */
export function formatInstantMinutes(minutes: number): string {
  // join() yields a flat string; `slice() + 'Z'` would be a cons string, and every charCodeAt on
  // it (the digests copy these millions of times) walks the rope.
  return [new Date(minutes * 60_000).toISOString().slice(0, 19), 'Z'].join('');
}

/** Formats grid times lazily once each; a draw writes the same few thousand instants millions of times. */
export class SlotClock {
  private readonly texts: (string | undefined)[];
  private readonly encoded: (Uint8Array | undefined)[];

  constructor(
    readonly startMinutes: number,
    readonly slotMinutes: number,
    readonly slots: number,
  ) {
    this.texts = new Array<string | undefined>(slots + 1);
    this.encoded = new Array<Uint8Array | undefined>(slots + 1);
  }

  text(slot: number): string {
    let t = this.texts[slot];
    if (t === undefined) {
      t = formatInstantMinutes(this.startMinutes + slot * this.slotMinutes);
      this.texts[slot] = t;
    }
    return t;
  }

  /** The same text as ASCII bytes, for the digests. */
  bytes(slot: number): Uint8Array {
    let b = this.encoded[slot];
    if (b === undefined) {
      const t = this.text(slot);
      b = Uint8Array.from({ length: t.length }, (_, i) => t.charCodeAt(i));
      this.encoded[slot] = b;
    }
    return b;
  }
}
