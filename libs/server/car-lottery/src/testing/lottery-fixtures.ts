// Fixtures for the car lottery's integration specs; the fleet, driver and overlap helpers are the
// shared car fixtures of @rr/testing.

/** ISO instant (+09:00) of a Tokyo wall-clock time on a Tokyo date. */
export function jst(date: string, hhmm: string): string {
  return `${date}T${hhmm}:00+09:00`;
}

/** Deterministic pseudo-random integers for test workloads (never unseeded randomness: lint rule). */
export function seeded(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    s = (s ^ (s >>> 12)) >>> 0;
    return s % n;
  };
}
