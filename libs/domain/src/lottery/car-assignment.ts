/** A half-open interval [start, end) in any integer time unit (the draw uses grid slots). */
export interface CarTrip {
  readonly start: number;
  readonly end: number;
}

export interface CarAssignment {
  /** Car index per trip (aligned with the input), or -1 where no car was free. */
  readonly carOf: Int32Array;
  readonly failures: number;
}

/**
 * Assigns identical, always-available cars to trips that were admitted by count. Trips are taken
 * by (start, end, input position); each gets the free car whose last trip ended latest, lowest
 * car index on ties. Because an interval graph's chromatic number equals its largest clique, this
 * never fails when no slot holds more trips than cars; best fit also keeps whole cars free for
 * first-come bookings instead of leaving every car with a small gap.
 */
export function assignCars(carCount: number, trips: readonly CarTrip[]): CarAssignment {
  const order = Int32Array.from({ length: trips.length }, (_, i) => i).sort(
    (a, b) => trips[a].start - trips[b].start || trips[a].end - trips[b].end || a - b,
  );
  const lastEnd = new Float64Array(carCount).fill(-Infinity);
  const carOf = new Int32Array(trips.length).fill(-1);
  let failures = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const { start, end } = trips[i];
    let best = -1;
    for (let car = 0; car < carCount; car++) {
      if (lastEnd[car] <= start && (best < 0 || lastEnd[car] > lastEnd[best])) best = car;
    }
    if (best < 0) {
      failures++;
      continue;
    }
    carOf[i] = best;
    lastEnd[best] = end;
  }
  return { carOf, failures };
}
