import { LotteryError } from './lottery.errors';
import type { TicketRow } from './lottery.types';
import { isHex64, sha256Hex } from './sha256';
import { sortedPermutation } from './string-sort';

export interface SeedParts {
  readonly algorithm: string;
  readonly roundId: string;
  readonly inputDigest: string;
  readonly ticketDigest: string;
  readonly secret: string;
  readonly externalValue: string;
}

export function assertSecret(secret: unknown): asserts secret is string {
  if (!isHex64(secret)) {
    throw new LotteryError('LOTTERY_INVALID_SECRET', 'secret must be 64 lowercase hex digits (32 random bytes)', { field: 'secret' });
  }
}

/** Published before the window closes; hashes the secret's hex text, so `sha256sum` can check it. */
export function commitmentOf(secret: string): string {
  assertSecret(secret);
  return sha256Hex(secret);
}

// With the u flag a valid surrogate pair is one code point, so only lone halves match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export function assertExternalValue(value: unknown): asserts value is string {
  // Lone surrogates have no UTF-8 encoding; Node would silently hash U+FFFD instead.
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000 || LONE_SURROGATE.test(value)) {
    throw new LotteryError('LOTTERY_INVALID_EXTERNAL_VALUE', 'externalValue must be 1–1000 characters of well-formed text', {
      field: 'externalValue',
    });
  }
}

/**
 * SHA-256(algorithm | round | input digest | ticket digest | secret | external value). The external
 * value comes last so that it may contain `|`: every earlier field is `|`-free by construction.
 */
export function deriveSeed(parts: SeedParts): string {
  assertSecret(parts.secret);
  assertExternalValue(parts.externalValue);
  const { algorithm, roundId, inputDigest, ticketDigest, secret, externalValue } = parts;
  return sha256Hex(`${algorithm}|${roundId}|${inputDigest}|${ticketDigest}|${secret}|${externalValue}`);
}

/**
 * `min over j < tickets of SHA-256(seed | userId | j)` as 64 hex digits. Lowercase hex of equal
 * length compares like the big-endian 256-bit integer, so plain string order is numeric order.
 */
export function orderKey(seed: string, userId: string, tickets: number): string {
  let best = sha256Hex(`${seed}|${userId}|0`);
  for (let j = 1; j < tickets; j++) {
    const h = sha256Hex(`${seed}|${userId}|${j}`);
    if (h < best) best = h;
  }
  return best;
}

function hexDigit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c <= 57 ? c - 48 : c - 87;
}

const INDEX_BITS = 22;

/**
 * Lottery order as indices into `userIds`, which must be sorted ascending. Keys are sorted by
 * their top 42 bits packed with the user index into one 64-bit integer (a native typed-array
 * sort); the rare runs that share those bits are then ordered by the full key and, for equal
 * keys, by user index, i.e. by user id as the spec requires.
 */
export function lotteryOrderIndices(seed: string, userIds: readonly string[], tickets: ArrayLike<number>): Int32Array {
  const n = userIds.length;
  if (n >= 1 << INDEX_BITS) return sortedPermutation(Array.from(userIds, (u, k) => orderKey(seed, u, tickets[k])), true);
  const packed = new BigUint64Array(n);
  const words = new Uint32Array(packed.buffer);
  // Keys are not kept: half a million 64-character strings surviving into the old generation
  // made every scavenge of this phase slow. Ties on the top bits recompute the few keys involved.
  for (let u = 0; u < n; u++) {
    const k = orderKey(seed, userIds[u], tickets[u]);
    let hi = 0;
    for (let i = 0; i < 8; i++) hi = hi * 16 + hexDigit(k, i);
    const next10 = ((hexDigit(k, 8) << 8) | (hexDigit(k, 9) << 4) | hexDigit(k, 10)) >>> 2;
    words[2 * u + 1] = hi;
    words[2 * u] = ((next10 << INDEX_BITS) | u) >>> 0;
  }
  packed.sort();
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = words[2 * k] & ((1 << INDEX_BITS) - 1);
  for (let lo = 0; lo < n; ) {
    let hi = lo + 1;
    while (hi < n && words[2 * hi + 1] === words[2 * lo + 1] && words[2 * hi] >>> INDEX_BITS === words[2 * lo] >>> INDEX_BITS) hi++;
    if (hi - lo > 1) {
      const run = Array.from(order.subarray(lo, hi), (u) => ({ u, key: orderKey(seed, userIds[u], tickets[u]) }));
      run.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.u - b.u));
      order.set(run.map((x) => x.u), lo);
    }
    lo = hi;
  }
  return order;
}

/** The lottery order (user ids, first drawn first) for a ticket table in any row order. */
export function lotteryOrder(seed: string, rows: readonly TicketRow[]): string[] {
  const sorted = [...rows].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const order = lotteryOrderIndices(
    seed,
    sorted.map((r) => r.userId),
    sorted.map((r) => r.tickets),
  );
  return Array.from(order, (u) => sorted[u].userId);
}

/** Every user's key in lottery order, for publishing alongside the order ("why am I 12th?"). */
export function orderKeys(seed: string, rows: readonly TicketRow[]): { userId: string; key: string }[] {
  const keyed = rows.map((r) => ({ userId: r.userId, key: orderKey(seed, r.userId, r.tickets) }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
