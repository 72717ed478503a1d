import type { DriverCommitment, LotteryBooking, LotteryDowntime, LotteryInput, LotteryRequest } from '@rr/domain';

// Builds the engine's input (docs/lottery.md §1) from database rows. Pure, so the freeze, the draw
// and the waitlist pass read the pool the same way.

const SLOT_MS = 15 * 60_000;

export interface PoolCar {
  id: string;
  classCode: string;
}

export interface Span {
  startsAt: Date;
  endsAt: Date;
}

export interface BlockSpan extends Span {
  carId: string;
}

export interface BookingSpan extends Span {
  id: string;
  carId: string;
  driverId: string;
}

export interface CommitmentSpan extends Span {
  driverId: string;
}

export interface RequestRowInput {
  id: string;
  userId: string;
  driverId: string;
  rank: number;
  options: Array<{ classCode: string; startsAt: Date; endsAt: Date }>;
}

export interface PoolState {
  roundId: string;
  periodStart: Date;
  periodEnd: Date;
  /** Active cars of the pool: the resources. */
  cars: PoolCar[];
  /** Class codes requests name; a class with no car left still appears (with no resources). */
  extraClassCodes?: string[];
  blocks: BlockSpan[];
  /** Active bookings on the pool's cars overlapping the period (priority, first-come, earlier rounds). */
  bookings: BookingSpan[];
  /** Request drivers' active bookings elsewhere, and drivers no longer registered (whole period). */
  commitments: CommitmentSpan[];
  requests: RequestRowInput[];
}

export function iso(d: Date): string {
  return d.toISOString();
}

/** Maintenance blocks may be entered off the grid; the lottery sees the slots they touch. */
export function gridOutward(span: Span): { start: string; end: string } {
  const start = Math.floor(span.startsAt.getTime() / SLOT_MS) * SLOT_MS;
  const end = Math.ceil(span.endsAt.getTime() / SLOT_MS) * SLOT_MS;
  return { start: iso(new Date(start)), end: iso(new Date(Math.max(end, start + SLOT_MS))) };
}

export function toDowntime(b: BlockSpan): LotteryDowntime {
  return { resourceId: b.carId, ...gridOutward(b) };
}

export function toBooking(b: BookingSpan): LotteryBooking {
  return { id: b.id, resourceId: b.carId, driverId: b.driverId, start: iso(b.startsAt), end: iso(b.endsAt) };
}

export function toCommitment(c: CommitmentSpan): DriverCommitment {
  return { driverId: c.driverId, start: iso(c.startsAt), end: iso(c.endsAt) };
}

export function buildLotteryInput(state: PoolState): LotteryInput {
  const byClass = new Map<string, string[]>();
  for (const car of state.cars) byClass.set(car.classCode, [...(byClass.get(car.classCode) ?? []), car.id]);
  for (const code of state.extraClassCodes ?? []) if (!byClass.has(code)) byClass.set(code, []);
  for (const r of state.requests) for (const o of r.options) if (!byClass.has(o.classCode)) byClass.set(o.classCode, []);
  const requests: LotteryRequest[] = state.requests.map((r) => ({
    id: r.id,
    userId: r.userId,
    driverId: r.driverId,
    rank: r.rank,
    options: r.options.map((o) => ({ classId: o.classCode, start: iso(o.startsAt), end: iso(o.endsAt) })),
  }));
  return {
    roundId: state.roundId,
    period: { start: iso(state.periodStart), end: iso(state.periodEnd) },
    slotMinutes: 15,
    classes: [...byClass.entries()].map(([id, resources]) => ({ id, resources })),
    downtime: state.blocks.map(toDowntime),
    bookings: state.bookings.map(toBooking),
    driverCommitments: state.commitments.map(toCommitment),
    requests,
  };
}
