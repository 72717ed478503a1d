import { AppError } from '@rr/domain';
import { Frequency, RRule } from 'rrule';

// Expanding a recurring booking's RRULE into Tokyo dates. The rule is evaluated on "floating"
// dates: DTSTART is the first date at 00:00 UTC and every occurrence's UTC calendar date is read as
// the Tokyo date, so neither the server's zone nor an offset can shift a weekday (ADR 0017). The
// wall-clock time comes from the series, not from the rule.

/** Only date-level frequencies: a room booking repeats at most once a day. */
const ALLOWED_FREQUENCIES = new Set<Frequency>([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]);
const FORBIDDEN_PARTS = ['DTSTART', 'TZID', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYEASTER'];

export const rruleInvalid = (reason: string) => new AppError('ROOM_RRULE_INVALID', 'validation', { reason });

const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const floating = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/**
 * Parses and checks an RRULE body (`FREQ=WEEKLY;BYDAY=MO;COUNT=10`, an `RRULE:` prefix allowed).
 * Throws ROOM_RRULE_INVALID with a reason for anything unparseable, a sub-daily frequency, a
 * time-of-day part, DTSTART/TZID inside the rule (the series gives them), or a rule without an end.
 */
export function parseRoomRrule(text: string, firstDate: string): RRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!/^[A-Za-z0-9=;,+\-:]+$/.test(body)) throw rruleInvalid('unexpected characters');
  const keys = body.split(';').map((part) => part.split('=')[0].toUpperCase());
  const forbidden = keys.find((k) => FORBIDDEN_PARTS.includes(k));
  if (forbidden) throw rruleInvalid(`${forbidden} is not allowed (the series sets the first date and the times)`);
  if (new Set(keys).size !== keys.length) throw rruleInvalid('a part is repeated');
  let options;
  try {
    options = RRule.parseString(body);
  } catch (error) {
    throw rruleInvalid(readable(error, 'unparseable'));
  }
  if (options.freq === undefined || options.freq === null) throw rruleInvalid('FREQ is missing or unknown');
  if (!ALLOWED_FREQUENCIES.has(options.freq)) throw rruleInvalid('FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY');
  if (!options.count && !options.until) throw rruleInvalid('the rule must end: give COUNT or UNTIL');
  if (options.count !== undefined && options.count !== null && options.count < 1) throw rruleInvalid('COUNT must be at least 1');
  if (options.interval !== undefined && (options.interval < 1 || options.interval > 366)) throw rruleInvalid('INTERVAL must be 1–366');
  if (options.until && dateOf(options.until) < firstDate) throw rruleInvalid('UNTIL is before the first date');
  try {
    return new RRule({ ...options, dtstart: floating(firstDate), tzid: null });
  } catch (error) {
    throw rruleInvalid(readable(error, 'invalid'));
  }
}

/** The library's own message when it is about the rule ("Unknown RRULE property 'X'"), not a crash inside it. */
function readable(error: unknown, fallback: string): string {
  return error instanceof Error && !(error instanceof TypeError) && error.message ? error.message : fallback;
}

/**
 * The Tokyo dates of a series, in order: every occurrence up to `limitDate` (exclusive bound the
 * caller derives from the room's horizon), plus — when the rule goes on past it — the first one
 * beyond, so the caller's window check refuses the series with ROOM_BOOKING_BEYOND_HORIZON instead
 * of dropping dates silently. More than `max` occurrences → ROOM_RRULE_TOO_MANY; none → invalid.
 */
export function expandRoomSeries(rule: RRule, limitDate: string, max: number): string[] {
  const count = rule.options.count;
  if (count && count > max) throw new AppError('ROOM_RRULE_TOO_MANY', 'validation', { max, count });
  const dtstart = rule.options.dtstart;
  const limit = floating(limitDate);
  const within = rule.between(dtstart, limit, true, (_d, i) => i <= max).map(dateOf).filter((d) => d < limitDate);
  if (within.length > max) throw new AppError('ROOM_RRULE_TOO_MANY', 'validation', { max, count: within.length });
  const ruleEnd = rule.options.until;
  let beyond: Date | null = null;
  if (count) {
    // A COUNT rule (≤ max): all its dates, however far; the window check then refuses the far ones.
    if (within.length < count) beyond = rule.all((_d, i) => i < count)[within.length] ?? null;
  } else if (ruleEnd && ruleEnd >= limit) {
    beyond = rule.between(limit, ruleEnd, true, (_d, i) => i < 1)[0] ?? null;
  }
  const dates = beyond ? [...within, dateOf(beyond)] : within;
  if (dates.length === 0) throw rruleInvalid('the rule gives no date');
  return dates;
}
