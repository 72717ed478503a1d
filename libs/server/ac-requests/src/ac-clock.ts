/** Injection token of the clock the AC feature reads "now" from (tests swap it). */
export const AC_CLOCK = Symbol('AC_CLOCK');
