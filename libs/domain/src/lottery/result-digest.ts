import type { Promotion } from './lottery.types';
import { Sha256Stream } from './sha256';

export const RESULT_HEADER = 'rr-lottery-result/1';
export const WAITLIST_HEADER = 'rr-lottery-waitlist/1';

export interface ResultColumns {
  readonly roundId: string;
  readonly seed: string;
  /** User ids, first drawn first. */
  readonly order: readonly string[];
  /** Canonical order: user id, rank, request id. */
  readonly requestIds: readonly string[];
  readonly wonOption: ArrayLike<number>;
  readonly assignedResource: readonly (string | null)[];
}

/**
 * Digest of the whole outcome: the order, then one line per winning request in canonical order
 * with the option won and the resource (empty only if assignment failed). Losers need no line:
 * the seed already commits to the input digest, so "every other request lost" is determined.
 */
export function resultDigestOf(r: ResultColumns): string {
  const stream = new Sha256Stream();
  stream.line(RESULT_HEADER);
  stream.line(`round|${r.roundId}`);
  stream.line(`seed|${r.seed}`);
  for (const userId of r.order) {
    stream.text('order|');
    stream.line(userId);
  }
  for (let i = 0; i < r.requestIds.length; i++) {
    if (r.wonOption[i] !== 0) stream.line(`win|${r.requestIds[i]}|${r.wonOption[i]}|${r.assignedResource[i] ?? ''}`);
  }
  return stream.digestHex();
}

export interface WaitlistColumns {
  readonly roundId: string;
  readonly resultDigest: string;
  /** Both sorted ascending. */
  readonly releasedRequests: readonly string[];
  readonly releasedBookings: readonly string[];
  /** Sorted by request id. */
  readonly prior: readonly Promotion[];
  /** In the order made. */
  readonly promotions: readonly Promotion[];
}

/** Binds a waitlist pass to the draw it continues and to exactly what was released. */
export function waitlistDigestOf(w: WaitlistColumns): string {
  const stream = new Sha256Stream();
  stream.line(WAITLIST_HEADER);
  stream.line(`round|${w.roundId}`);
  stream.line(`result|${w.resultDigest}`);
  for (const id of w.releasedRequests) stream.line(`released-request|${id}`);
  for (const id of w.releasedBookings) stream.line(`released-booking|${id}`);
  for (const p of w.prior) stream.line(`prior|${p.requestId}|${p.option}|${p.resourceId}`);
  for (const p of w.promotions) stream.line(`promotion|${p.requestId}|${p.option}|${p.resourceId}`);
  return stream.digestHex();
}
