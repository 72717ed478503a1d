import type { Clock } from '@rr/domain';

/**
 * Injection token of the clock the lottery reads "now" from (the submission window, the
 * confirmation deadline, the tick). Each application gets its own object, so a test can move
 * its clock without touching anyone else's.
 */
export const CAR_LOTTERY_CLOCK = Symbol('CAR_LOTTERY_CLOCK');

export function makeLotteryClock(): Clock {
  return { now: () => new Date() };
}
