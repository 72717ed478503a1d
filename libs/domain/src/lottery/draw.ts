import { inputDigestOf } from './canonical-encoding';
import { assignCars, type CarTrip } from './car-assignment';
import { compileInput, type CompiledInput } from './compiled-input';
import { LotteryError } from './lottery.errors';
import type { Allocation, DrawParams, DrawResult, LotteryInput } from './lottery.types';
import { LOTTERY_ALGORITHM_ID } from './lottery.types';
import { DriverCalendar, ResourceTimeline } from './occupancy';
import { assertExternalValue, assertSecret, commitmentOf, deriveSeed, lotteryOrderIndices } from './order-keys';
import { REQ_COUNT, REQ_DRIVER, REQ_OPTIONS, REQ_STRIDE } from './request-table';
import { resultDigestOf } from './result-digest';
import { binarySearch } from './string-sort';
import { ticketDigest, ticketTableOf } from './tickets';

/** The draft's outcome in canonical request order; resources are indices into `resourceIds`. */
export interface CompiledAllocation {
  readonly wonOption: Uint8Array;
  readonly resourceOf: Int32Array;
  readonly assignFailures: number;
}

/**
 * Resources whose availability varies within the period (partial or full-day downtime, or a
 * pre-existing booking). The count rule is only exact for cars free all period long: with
 * multi-day trips even whole-day downtime on two different cars can pass the count and fit
 * neither car, so these are checked and placed concretely.
 */
function constrainedRows(c: CompiledInput): { row: Int32Array; rows: number } {
  const row = new Int32Array(c.resourceIds.length).fill(-1);
  let rows = 0;
  for (const span of [...c.downtime, ...c.bookings]) {
    if (span.endSlot > span.startSlot && row[span.resource] < 0) row[span.resource] = rows++;
  }
  return { row, rows };
}

/**
 * The snake draft over an explicit order of users (indices into `c.userIds`): pass p takes each
 * user's p-th request (by rank), forward on odd passes and backward on even ones. At a request's
 * turn its options are tried in order and the first that fits is admitted.
 */
export function allocateCompiled(c: CompiledInput, order: Int32Array): CompiledAllocation {
  const { slots, reqData, userReqStart } = c;
  const n = c.requestIds.length;
  const classes = c.classIds.length;
  const { row, rows } = constrainedRows(c);
  const timeline = new ResourceTimeline(rows, slots);
  for (const span of [...c.downtime, ...c.bookings]) {
    if (span.endSlot > span.startSlot) timeline.mark(row[span.resource], span.startSlot, span.endSlot);
  }
  const rowResource = new Int32Array(rows);
  row.forEach((r, resource) => r >= 0 && (rowResource[r] = resource));
  const concreteRows = c.classResources.map((list) => Int32Array.from(Array.from(list, (r) => row[r]).filter((r) => r >= 0)));
  const poolCars = c.classResources.map((list) => Int32Array.from(Array.from(list).filter((r) => row[r] < 0)));
  const poolSize = Int32Array.from(poolCars, (cars) => cars.length);
  const poolBooked = new Int32Array(classes * slots);
  const drivers = new DriverCalendar(c.personIds.length, c.bookings.length + c.commitments.length + 1024);
  for (const b of c.bookings) if (b.driver >= 0) drivers.add(b.driver, b.startSlot, b.endSlot);
  for (const m of c.commitments) drivers.add(m.driver, m.startSlot, m.endSlot);

  // Each user's first request and request count in lottery order, so the passes scan memory
  // front to back and touch only one request row per turn.
  const users = order.length;
  const first = new Int32Array(users);
  const count = new Int32Array(users);
  let passes = 0;
  for (let k = 0; k < users; k++) {
    const u = order[k];
    first[k] = userReqStart[u];
    count[k] = userReqStart[u + 1] - userReqStart[u];
    if (count[k] > passes) passes = count[k];
  }

  const wonOption = new Uint8Array(n);
  const resourceOf = new Int32Array(n).fill(-1);
  for (let p = 0; p < passes; p++) {
    const forward = p % 2 === 0;
    for (let step = 0; step < users; step++) {
      const k = forward ? step : users - 1 - step;
      if (count[k] <= p) continue;
      const r = first[k] + p;
      const at = r * REQ_STRIDE;
      const driver = reqData[at + REQ_DRIVER];
      const options = reqData[at + REQ_COUNT];
      for (let j = 0, o = at + REQ_OPTIONS; j < options; j++, o += 3) {
        const cls = reqData[o];
        const s = reqData[o + 1];
        const e = reqData[o + 2];
        if (!drivers.isFree(driver, s, e)) continue;
        const concrete = concreteRows[cls];
        if (concrete.length > 0) {
          const fit = timeline.bestFit(concrete, s, e);
          if (fit >= 0) {
            timeline.mark(fit, s, e);
            resourceOf[r] = rowResource[fit];
            wonOption[r] = j + 1;
            drivers.add(driver, s, e);
            break;
          }
        }
        const size = poolSize[cls];
        if (size === 0) continue;
        const base = cls * slots;
        let fits = true;
        for (let t = s; t < e; t++) {
          if (poolBooked[base + t] >= size) {
            fits = false;
            break;
          }
        }
        if (!fits) continue;
        for (let t = s; t < e; t++) poolBooked[base + t]++;
        wonOption[r] = j + 1;
        drivers.add(driver, s, e);
        break;
      }
    }
  }

  const winners: number[][] = c.classIds.map(() => []);
  const wonAt = (r: number) => r * REQ_STRIDE + REQ_OPTIONS + 3 * (wonOption[r] - 1);
  for (let r = 0; r < n; r++) {
    if (wonOption[r] !== 0 && resourceOf[r] < 0) winners[reqData[wonAt(r)]].push(r);
  }
  let assignFailures = 0;
  for (let cls = 0; cls < classes; cls++) {
    const trips: CarTrip[] = winners[cls].map((r) => ({ start: reqData[wonAt(r) + 1], end: reqData[wonAt(r) + 2] }));
    const { carOf, failures } = assignCars(poolSize[cls], trips);
    assignFailures += failures;
    winners[cls].forEach((r, k) => carOf[k] >= 0 && (resourceOf[r] = poolCars[cls][carOf[k]]));
  }
  return { wonOption, resourceOf, assignFailures };
}

function toAllocation(c: CompiledInput, a: CompiledAllocation): Allocation {
  return {
    requestIds: c.requestIds,
    wonOption: a.wonOption,
    assignedResource: Array.from(a.resourceOf, (r) => (r >= 0 ? c.resourceIds[r] : null)),
    assignFailures: a.assignFailures,
  };
}

/**
 * Runs the snake draft for a given lottery order (user ids, each applicant exactly once). Useful
 * for explaining and testing the mechanism apart from the randomness; `drawRound` derives the order.
 */
export function snakeDraft(input: LotteryInput, order: readonly string[]): Allocation {
  const c = compileInput(input);
  const seen = new Uint8Array(c.userIds.length);
  const indices = Int32Array.from(order, (userId) => {
    const u = binarySearch(c.userIds, userId);
    if (u < 0 || seen[u]) throw new LotteryError('LOTTERY_INVALID_INPUT', `order must list each applicant once (${userId})`, { field: 'order' });
    seen[u] = 1;
    return u;
  });
  if (indices.length !== c.userIds.length) {
    throw new LotteryError('LOTTERY_INVALID_INPUT', 'order must list every applicant', { field: 'order' });
  }
  return toAllocation(c, allocateCompiled(c, indices));
}

/** One complete, reproducible draw: digests, tickets, seed, order, draft, car assignment. */
export function drawRound(params: DrawParams): DrawResult {
  assertSecret(params.secret);
  assertExternalValue(params.externalValue);
  const commitment = commitmentOf(params.secret);
  if (params.commitment !== undefined && params.commitment !== commitment) {
    throw new LotteryError('LOTTERY_COMMITMENT_MISMATCH', 'the secret does not match the published commitment', { field: 'secret' });
  }
  const c = compileInput(params.input);
  const inputDigest = inputDigestOf(c);
  const tickets = ticketTableOf(c, params.streaks);
  const tDigest = ticketDigest(c.roundId, tickets);
  const seed = deriveSeed({
    algorithm: LOTTERY_ALGORITHM_ID,
    roundId: c.roundId,
    inputDigest,
    ticketDigest: tDigest,
    secret: params.secret,
    externalValue: params.externalValue,
  });
  const orderIdx = lotteryOrderIndices(seed, c.userIds, Int32Array.from(tickets, (t) => t.tickets));
  const allocation = toAllocation(c, allocateCompiled(c, orderIdx));
  const order = Array.from(orderIdx, (u) => c.userIds[u]);
  const resultDigest = resultDigestOf({ roundId: c.roundId, seed, order, ...allocation });
  return {
    algorithm: LOTTERY_ALGORITHM_ID,
    roundId: c.roundId,
    commitment,
    seed,
    inputDigest,
    ticketDigest: tDigest,
    tickets,
    order,
    ...allocation,
    resultDigest,
  };
}
