// Deterministic orders in which free cars are tried. Neither decides by itself: the service tries
// the cars in this order and the exclusion constraint has the last word (a car taken in between
// answers 23P01 and the next one is tried).

export interface CarCandidate {
  carId: string;
  plateNumber: string;
  /** End of the car's latest active booking that ends at or before the trip's start; null if none. */
  lastEndBefore: Date | null;
}

/** Code-unit order: the same in every runtime and locale (never localeCompare for tie-breaks). */
function byPlateThenId(a: CarCandidate, b: CarCandidate): number {
  if (a.plateNumber !== b.plateNumber) return a.plateNumber < b.plateNumber ? -1 : 1;
  return a.carId < b.carId ? -1 : a.carId > b.carId ? 1 : 0;
}

function endTime(c: CarCandidate): number {
  return c.lastEndBefore ? c.lastEndBefore.getTime() : Number.NEGATIVE_INFINITY;
}

/**
 * First-come class booking: best fit, the free car whose previous booking ends latest before the
 * start (the lottery's car-assignment rule, LOTTERY.md). It packs trips onto cars already in use
 * that day and keeps idle cars whole for long trips. Cars never booked before come last.
 */
export function bestFitOrder(candidates: readonly CarCandidate[]): CarCandidate[] {
  return [...candidates].sort((a, b) => endTime(b) - endTime(a) || byPlateThenId(a, b));
}

/**
 * Moving a booking off a newly blocked car: the earliest-ending free car first, i.e. the car that
 * has stood idle longest before the trip (never-booked cars first). A displaced trip gets the
 * car with the most slack before it (returned, refuelled, checked), and the move does not take
 * the tightly packed cars that best fit keeps for same-day first-come bookings.
 */
export function reassignmentOrder(candidates: readonly CarCandidate[]): CarCandidate[] {
  return [...candidates].sort((a, b) => endTime(a) - endTime(b) || byPlateThenId(a, b));
}
