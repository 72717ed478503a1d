import { createHash } from 'node:crypto';

/**
 * The external value used when no official entered one before the draw (ADR 0010). It must be fixed
 * before the draw and not chosen by whoever runs it; the previous round's result digest of the same
 * pool is public since that round's draw, a week earlier, and cannot be changed (its record is
 * append-only). The text names its own origin, so the record explains itself:
 *
 *   fallback:sha256(previous-result-digest)=<SHA-256 of the 64 hex characters>;previous-round=<id>
 *   fallback:no-previous-round;round=<id>            (the pool's very first round)
 */
export function fallbackExternalValue(roundId: string, previous: { roundId: string; resultDigest: string } | null): string {
  if (!previous) return `fallback:no-previous-round;round=${roundId}`;
  const hash = createHash('sha256').update(previous.resultDigest, 'utf8').digest('hex');
  return `fallback:sha256(previous-result-digest)=${hash};previous-round=${previous.roundId}`;
}
