// 車庫窓口: key handover with legal alcohol checks, driving log, detector register, no-shows, damage (ADR 0013).
export * from './garage.module';
export { GarageSweepService, type SweepOutcome } from './sweep.service';
export { GARAGE_CLOCK } from './garage.clock';
