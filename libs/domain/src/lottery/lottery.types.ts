/**
 * Public shapes of the allocation lottery (docs/lottery.md is the normative description).
 * Times are RFC 3339 strings; ids are ASCII (see `isLotteryId`) so that every sort order is the
 * same byte order in any language.
 */

/** Changes whenever any rule, encoding or sort order changes; a record names the one it used. */
export const LOTTERY_ALGORITHM_ID = 'rr-lottery-snake/1';
export const LOTTERY_RECORD_FORMAT = 'rr-lottery-record/1';
export const LOTTERY_MAX_OPTIONS = 3;
export const LOTTERY_MAX_TICKETS = 4;
export const LOTTERY_SLOT_MINUTES = 15;

export interface LotteryPeriod {
  readonly start: string;
  readonly end: string;
}

/** Interchangeable resources: a car class, or a single room (a class of size 1). */
export interface LotteryClass {
  readonly id: string;
  readonly resources: readonly string[];
}

/** A resource out of service (車検, 点検, repair). May extend beyond the period. */
export interface LotteryDowntime {
  readonly resourceId: string;
  readonly start: string;
  readonly end: string;
}

/** Pre-occupied capacity on a concrete resource: a priority reservation or an existing booking. */
export interface LotteryBooking {
  readonly id: string;
  readonly resourceId: string;
  readonly start: string;
  readonly end: string;
  /** The driver also may not win anything overlapping this booking. */
  readonly driverId?: string | null;
}

/** A driver's commitment outside this pool (another garage, another round) that blocks the driver. */
export interface DriverCommitment {
  readonly driverId: string;
  readonly start: string;
  readonly end: string;
}

export interface LotteryOption {
  readonly classId: string;
  readonly start: string;
  readonly end: string;
}

/** One need, with up to three ranked alternatives. */
export interface LotteryRequest {
  readonly id: string;
  /** The applicant: the lottery orders users, not requests. */
  readonly userId: string;
  /** Who will drive; defaults to the applicant. Overlaps are checked per driver. */
  readonly driverId?: string | null;
  /** The user's own priority among their requests: 1 first. Ties fall back to request id. */
  readonly rank: number;
  readonly options: readonly LotteryOption[];
}

export interface LotteryInput {
  readonly roundId: string;
  readonly period: LotteryPeriod;
  /** Grid step; 15 unless the pool says otherwise. The grid is anchored at 1970-01-01T00:00Z. */
  readonly slotMinutes?: number;
  readonly classes: readonly LotteryClass[];
  readonly downtime?: readonly LotteryDowntime[];
  readonly bookings?: readonly LotteryBooking[];
  readonly driverCommitments?: readonly DriverCommitment[];
  readonly requests: readonly LotteryRequest[];
}

/** `zeroWinStreak` = z: consecutive rounds the user applied to and won nothing (0 if unknown). */
export interface StreakEntry {
  readonly userId: string;
  readonly zeroWinStreak: number;
}

export interface TicketRow {
  readonly userId: string;
  readonly zeroWinStreak: number;
  readonly tickets: number;
}

export interface DrawParams {
  readonly input: LotteryInput;
  readonly streaks: readonly StreakEntry[];
  /** 32 random bytes as 64 lowercase hex digits, committed to before the window closed. */
  readonly secret: string;
  /** Public random value fixed in advance (drand round, national lottery numbers…). */
  readonly externalValue: string;
  /** The published commitment; when given, the draw refuses a secret that does not match it. */
  readonly commitment?: string;
}

/**
 * Result of the snake draft alone (no seed): columns aligned with `requestIds`, which are in
 * canonical order (by user id, then the user's rank, then request id).
 */
export interface Allocation {
  readonly requestIds: readonly string[];
  /** 0 = lost; k = won option k (1-based). */
  readonly wonOption: Uint8Array;
  /** The concrete resource given to each winner; null for losers (and assignment failures). */
  readonly assignedResource: readonly (string | null)[];
  /** Winners admitted by count for whom no car could be found; the design guarantees 0. */
  readonly assignFailures: number;
}

export interface DrawResult extends Allocation {
  readonly algorithm: string;
  readonly roundId: string;
  readonly commitment: string;
  readonly seed: string;
  readonly inputDigest: string;
  readonly ticketDigest: string;
  readonly tickets: readonly TicketRow[];
  /** User ids, first drawn first. */
  readonly order: readonly string[];
  readonly resultDigest: string;
}

export interface OutcomeRow {
  readonly requestId: string;
  readonly option: number;
}

export interface AssignmentRow {
  readonly requestId: string;
  readonly resourceId: string;
}

/** The immutable, exportable evidence of one draw; `verifyDrawRecord` re-runs it. */
export interface DrawRecord {
  readonly format: string;
  readonly algorithm: string;
  readonly roundId: string;
  readonly commitment: string;
  readonly secret: string;
  readonly externalValue: string;
  readonly seed: string;
  readonly inputDigest: string;
  /** The input in canonical form (sorted, normalised times, explicit drivers). */
  readonly input: LotteryInput;
  readonly ticketDigest: string;
  readonly tickets: readonly TicketRow[];
  readonly order: readonly string[];
  /** Every request, in canonical order (user id, rank, request id). */
  readonly outcome: readonly OutcomeRow[];
  /** Every winner with a resource, in the same canonical order. */
  readonly assignment: readonly AssignmentRow[];
  readonly resultDigest: string;
}

export interface RecordDifference {
  /** JSON-path-like location in the record, e.g. `outcome[17].option`. */
  readonly path: string;
  /** What re-running the draw produced. */
  readonly expected: string;
  /** What the record says. */
  readonly actual: string;
}

export type VerifyResult =
  | { readonly ok: true; readonly digest: string }
  | { readonly ok: false; readonly firstDifference: RecordDifference };

/** Capacity given back after the draw: declined/void wins, earlier promotions, cancelled bookings. */
export interface WaitlistRelease {
  readonly requestIds?: readonly string[];
  readonly bookingIds?: readonly string[];
}

export interface Promotion {
  readonly requestId: string;
  readonly option: number;
  readonly resourceId: string;
}

export interface WaitlistResult {
  /** In the order they were made (lottery order). */
  readonly promotions: readonly Promotion[];
  readonly digest: string;
}
