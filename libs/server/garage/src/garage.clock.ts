/** Injection token of the garage counter's clock (tests pin it; production uses systemClock). */
export const GARAGE_CLOCK = Symbol('GARAGE_CLOCK');
