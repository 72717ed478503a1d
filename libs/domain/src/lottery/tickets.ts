import type { CompiledInput } from './compiled-input';
import { compileInput } from './compiled-input';
import { fail, requireArray, requireId, requireObject } from './input-checks';
import type { LotteryInput, StreakEntry, TicketRow } from './lottery.types';
import { LOTTERY_MAX_TICKETS } from './lottery.types';
import { PIPE, Sha256Stream } from './sha256';
import { sortedPermutation } from './string-sort';

export const TICKETS_HEADER = 'rr-lottery-tickets/1';
const MAX_STREAK = 1_000_000_000;

/**
 * `min(1 + z, 4)`: one copy in the hat, plus one per consecutive losing round, capped so that a
 * long streak cannot turn into a near-certain win (and so that flooding buys nothing: only a round
 * with zero wins grows z, and any win resets it).
 */
export function ticketsFor(zeroWinStreak: number): number {
  return Math.min(1 + zeroWinStreak, LOTTERY_MAX_TICKETS);
}

/** What happened to one user in one round, as far as the streak is concerned. */
export interface RoundParticipation {
  /** The user had at least one request in the round. */
  readonly applied: boolean;
  /** The user won (or was promoted to) at least one request. */
  readonly won: boolean;
  /** A win was declined, not confirmed by the deadline (当選無効), or ended in a no-show. */
  readonly forfeited?: boolean;
}

/**
 * The streak after a round. A forfeited win resets like any win (else declining would farm
 * tickets); a round the user sat out leaves z unchanged, since LOTTERY.md lists the resets
 * exhaustively and "consecutive" counts the rounds the user took part in.
 */
export function nextZeroWinStreak(zeroWinStreak: number, round: RoundParticipation): number {
  if (round.won || round.forfeited) return 0;
  return round.applied ? zeroWinStreak + 1 : zeroWinStreak;
}

function requireStreak(value: unknown, userId: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_STREAK) {
    fail('LOTTERY_INVALID_STREAK', `zeroWinStreak of ${userId} must be a whole number ≥ 0`, undefined, 'zeroWinStreak');
  }
  return value;
}

/** Streak per applicant (aligned with `c.userIds`), by a merge join of two sorted id lists. */
export function streaksFor(c: CompiledInput, streaks: readonly StreakEntry[]): Int32Array {
  const rows = requireArray<unknown>(streaks, 'streaks').map((raw, k) => {
    const row = requireObject(raw, `streaks[${k}]`);
    const userId = requireId(row['userId'], `streaks[${k}].userId`);
    return { userId, z: requireStreak(row['zeroWinStreak'], userId) };
  });
  const perm = sortedPermutation(rows.map((r) => r.userId));
  const z = new Int32Array(c.userIds.length);
  let u = 0;
  for (let k = 0; k < perm.length; k++) {
    const row = rows[perm[k]];
    if (k > 0 && rows[perm[k - 1]].userId === row.userId) {
      fail('LOTTERY_DUPLICATE_ID', `duplicate streak entry for ${row.userId}`, undefined, 'streaks');
    }
    while (u < c.userIds.length && c.userIds[u] < row.userId) u++;
    if (u < c.userIds.length && c.userIds[u] === row.userId) z[u] = row.z;
  }
  return z;
}

/** The published ticket table: every applicant of the round, sorted by user id. */
export function ticketTableOf(c: CompiledInput, streaks: readonly StreakEntry[]): TicketRow[] {
  const z = streaksFor(c, streaks);
  return c.userIds.map((userId, u) => ({ userId, zeroWinStreak: z[u], tickets: ticketsFor(z[u]) }));
}

export function computeTickets(input: LotteryInput, streaks: readonly StreakEntry[]): TicketRow[] {
  return ticketTableOf(compileInput(input), streaks);
}

/** Digest of the ticket table; rows must already be sorted by user id (as tables always are). */
export function ticketDigest(roundId: string, rows: readonly TicketRow[]): string {
  const stream = new Sha256Stream();
  stream.line(TICKETS_HEADER);
  stream.line(`round|${roundId}`);
  for (const row of rows) {
    stream.text('ticket|');
    stream.text(row.userId);
    stream.char(PIPE);
    stream.int(row.zeroWinStreak);
    stream.char(PIPE);
    stream.int(row.tickets);
    stream.end();
  }
  return stream.digestHex();
}
