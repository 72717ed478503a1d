import type { LotteryRequest, LotteryRound, LotteryRoundStatus } from '@rr/contracts';
import { fromTokyoLocalInput, toTokyoLocalInput } from '../../../shared/time/tokyo';

// Pure helpers of the lottery screens: the draw's turn sequence (for waitlist places), what a
// request's result means for its holder, and the option drafts of the entry form.

/** The parts of a draw record (docs/lottery.md §9) the turn sequence needs. */
export interface RecordTurns {
  order: readonly string[];
  input: { requests: ReadonlyArray<{ id: string; userId: string }> };
  outcome: ReadonlyArray<{ requestId: string; option: number }>;
}

/**
 * Request ids in the order the draw gave them their turns (docs/lottery.md §6): pass p walks the
 * lottery order forward when p is odd and backward when p is even, and each user with at least p
 * requests takes a turn for their p-th request in canonical order (the record lists requests in
 * canonical order already). The waitlist pass (§11) walks the same sequence.
 */
export function turnSequence(record: RecordTurns): string[] {
  const byUser = new Map<string, string[]>();
  for (const r of record.input.requests) {
    const list = byUser.get(r.userId);
    if (list) list.push(r.id);
    else byUser.set(r.userId, [r.id]);
  }
  let passes = 0;
  for (const list of byUser.values()) passes = Math.max(passes, list.length);
  const reversed = [...record.order].reverse();
  const out: string[] = [];
  for (let p = 1; p <= passes; p++) {
    for (const userId of p % 2 === 1 ? record.order : reversed) {
      const id = byUser.get(userId)?.[p - 1];
      if (id) out.push(id);
    }
  }
  return out;
}

export interface WaitlistPlace {
  /** 1-based place among the draw's losing requests, in turn order. */
  place: number;
  /** How many requests lost the draw. */
  of: number;
}

/** 補欠順位: for every losing request, its place in the waitlist (= its turn among the losers). */
export function waitlistPlaces(record: RecordTurns): Map<string, WaitlistPlace> {
  const lost = new Set(record.outcome.filter((o) => o.option === 0).map((o) => o.requestId));
  const losers = turnSequence(record).filter((id) => lost.has(id));
  return new Map(losers.map((id, i) => [id, { place: i + 1, of: losers.length }]));
}

/** 1-based turn of each user's first request (= place in the lottery order), for the ticket table. */
export function orderPlaces(order: readonly string[]): Map<string, number> {
  return new Map(order.map((userId, i) => [userId, i + 1]));
}

// ---------------------------------------------------------------- what a request shows

export type RequestState =
  | 'pending'
  | 'withdrawn'
  | 'won_unconfirmed'
  | 'won_confirmed'
  | 'won_declined'
  | 'won_void'
  | 'won_cancelled'
  | 'promoted'
  | 'lost';

/** One word for where a request stands, from its result and its booking's status. */
export function requestState(r: Pick<LotteryRequest, 'status' | 'result' | 'booking'>): RequestState {
  if (r.status === 'withdrawn') return 'withdrawn';
  if (r.result === 'pending') return 'pending';
  if (r.result === 'lost') return 'lost';
  if (r.result === 'promoted') return r.booking && r.booking.status === 'cancelled' ? 'won_cancelled' : 'promoted';
  const status = r.booking?.status;
  if (status === 'provisional') return 'won_unconfirmed';
  if (status === 'released') return 'won_void';
  if (status === 'cancelled') return 'won_declined';
  if (status === 'confirmed' || status === 'in_use' || status === 'completed') return 'won_confirmed';
  return 'won_cancelled';
}

export const STATE_COLOR: Record<RequestState, string> = {
  pending: 'gray',
  withdrawn: 'gray',
  won_unconfirmed: 'yellow',
  won_confirmed: 'blue',
  won_declined: 'gray',
  won_void: 'orange',
  won_cancelled: 'gray',
  promoted: 'teal',
  lost: 'red',
};

export const ROUND_STATUS_COLOR: Record<LotteryRoundStatus, string> = {
  scheduled: 'gray',
  open: 'green',
  frozen: 'yellow',
  drawn: 'blue',
  confirming: 'blue',
  first_come: 'teal',
  closed: 'gray',
};

/** Rounds a staff member still has something to do or see in (not closed). */
export function isCurrent(round: Pick<LotteryRound, 'status'>): boolean {
  return round.status !== 'closed';
}

/** The draw has happened (the evidence page has a seed, an order and a record). */
export function isDrawn(status: LotteryRoundStatus): boolean {
  return status === 'drawn' || status === 'confirming' || status === 'first_come' || status === 'closed';
}

/** The ticket table and input digest are published (from the freeze on). */
export function isFrozenOrLater(status: LotteryRoundStatus): boolean {
  return status !== 'scheduled' && status !== 'open';
}

// ---------------------------------------------------------------- entry form drafts

export interface OptionDraft {
  classCode: string;
  /** `datetime-local` values, Tokyo wall clock; a trip may span several days. */
  startsAt: string;
  endsAt: string;
}

export const emptyOption = (classCode = ''): OptionDraft => ({ classCode, startsAt: '', endsAt: '' });

export function optionDraftsOf(r: Pick<LotteryRequest, 'options'>): OptionDraft[] {
  return [...r.options]
    .sort((a, b) => a.position - b.position)
    .map((o) => ({ classCode: o.classCode, startsAt: toTokyoLocalInput(o.startsAt), endsAt: toTokyoLocalInput(o.endsAt) }));
}

export type OptionProblem = 'class' | 'start' | 'end' | 'grid' | 'order' | 'period' | 'duplicate';

export interface OptionCheck {
  /** Problems per option index, field by field. */
  problems: Array<Partial<Record<'classCode' | 'startsAt' | 'endsAt', OptionProblem>>>;
  /** The options as the API expects them (only when there is no problem). */
  options: Array<{ classCode: string; startsAt: string; endsAt: string }> | null;
}

const onGrid = (local: string) => Number(local.slice(14, 16)) % 15 === 0;

/**
 * Checks the drafts in the order a user would fix them and converts them to ISO instants with
 * +09:00: a class, a start and an end on the 15-minute grid, end after start, inside the period
 * [periodStart, periodEnd), and no two identical choices.
 */
export function checkOptionDrafts(drafts: readonly OptionDraft[], period: { periodStart: string; periodEnd: string }): OptionCheck {
  const problems: OptionCheck['problems'] = [];
  const options: Array<{ classCode: string; startsAt: string; endsAt: string }> = [];
  const seen = new Set<string>();
  const from = new Date(period.periodStart).getTime();
  const to = new Date(period.periodEnd).getTime();
  for (const d of drafts) {
    const p: Partial<Record<'classCode' | 'startsAt' | 'endsAt', OptionProblem>> = {};
    const startsAt = d.startsAt ? fromTokyoLocalInput(d.startsAt) : null;
    const endsAt = d.endsAt ? fromTokyoLocalInput(d.endsAt) : null;
    if (!d.classCode) p.classCode = 'class';
    if (!startsAt) p.startsAt = 'start';
    else if (!onGrid(d.startsAt)) p.startsAt = 'grid';
    if (!endsAt) p.endsAt = 'end';
    else if (!onGrid(d.endsAt)) p.endsAt = 'grid';
    if (startsAt && endsAt && !p.startsAt && !p.endsAt) {
      const s = new Date(startsAt).getTime();
      const e = new Date(endsAt).getTime();
      if (e <= s) p.endsAt = 'order';
      else if (s < from || e > to) p.startsAt = 'period';
      else {
        const key = `${d.classCode}|${s}|${e}`;
        if (seen.has(key)) p.startsAt = 'duplicate';
        seen.add(key);
      }
    }
    problems.push(p);
    if (startsAt && endsAt) options.push({ classCode: d.classCode, startsAt, endsAt });
  }
  const ok = problems.every((p) => Object.keys(p).length === 0);
  return { problems, options: ok ? options : null };
}

/** `datetime-local` bounds of a round's period: its first midnight to its last 23:45. */
export function periodInputBounds(round: Pick<LotteryRound, 'periodStart' | 'periodEnd'>): { min: string; max: string } {
  return { min: toTokyoLocalInput(round.periodStart), max: toTokyoLocalInput(round.periodEnd) };
}

/** Moves the element at `index` by `delta` places (for 上へ / 下へ). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(target, 0, item);
  return out;
}

/** The record as a file name: `lottery-record-<round id>.json`. */
export function recordFileName(roundId: string): string {
  return `lottery-record-${roundId}.json`;
}
