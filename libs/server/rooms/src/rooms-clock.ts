/** Injection token of the clock the rooms feature reads "now" from (tests and replays swap it). */
export const ROOMS_CLOCK = Symbol('ROOMS_CLOCK');
