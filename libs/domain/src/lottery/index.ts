// Public face of the allocation lottery (抽選). Pure and deterministic: no I/O, no clock, no
// unseeded randomness; docs/lottery.md specifies every rule and encoding.
export * from './lottery.types';
export * from './lottery.errors';
export { assignCars, type CarAssignment, type CarTrip } from './car-assignment';
export { canonicalInputText, computeInputDigest } from './canonical-encoding';
export { buildDrawRecord, parseDrawRecord, verifyDrawRecord } from './draw-record';
export { drawRound, snakeDraft } from './draw';
export { isLotteryId } from './input-checks';
export { commitmentOf, deriveSeed, lotteryOrder, orderKey, orderKeys, type SeedParts } from './order-keys';
export { computeTickets, nextZeroWinStreak, ticketDigest, ticketsFor, type RoundParticipation } from './tickets';
export { waitlistPass } from './waitlist';
