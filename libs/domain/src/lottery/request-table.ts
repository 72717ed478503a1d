import { fail, isLotteryId, requireId, requireObject, requireRank, requireSpan, type Grid } from './input-checks';
import { LOTTERY_MAX_OPTIONS } from './lottery.types';
import { findDuplicate, groupStrings } from './string-sort';
import { parseInstantMinutes } from './time-grid';

/**
 * One row of `reqData` per request: driver (person index), option count, rank, then class,
 * start slot and end slot of up to three options. One array rather than a column each, because
 * the draw visits requests in random user order and every extra column is an extra cache miss.
 */
export const REQ_STRIDE = 12;
export const REQ_DRIVER = 0;
export const REQ_COUNT = 1;
export const REQ_RANK = 2;
export const REQ_OPTIONS = 3;

/**
 * Requests in canonical order: by applicant id, then rank, then request id. Grouping by applicant
 * makes the canonical order also the order the draft reads, so no permutation is ever needed.
 */
export interface RequestTable {
  readonly requestIds: string[];
  readonly reqData: Int32Array;
  /** Applicants, ascending; the requests of user u are [userReqStart[u], userReqStart[u + 1]). */
  readonly userIds: string[];
  readonly userReqStart: Int32Array;
  /** Applicants and drivers, ascending. */
  readonly personIds: string[];
  /** Person index of each of the `extraPeople` passed in. */
  readonly extraPerson: Int32Array;
}

type Row = Record<string, unknown>;

function explainRequest(raw: unknown, i: number): never {
  const req = requireObject(raw, `requests[${i}]`);
  const id = requireId(req['id'], `requests[${i}].id`);
  requireId(req['userId'], 'userId', id);
  if (req['driverId'] !== undefined && req['driverId'] !== null) requireId(req['driverId'], 'driverId', id);
  requireRank(req['rank'], id);
  return fail('LOTTERY_INVALID_INPUT', `requests[${i}] is invalid`, id, `requests[${i}]`);
}

/** The slow path: re-checks one option with messages, in a fixed precedence. */
function explainOption(raw: unknown, j: number, id: string, grid: Grid, classIndex: ReadonlyMap<string, number>): never {
  const field = `options[${j}]`;
  const opt = requireObject(raw, field, id);
  if (!classIndex.has(opt['classId'] as string)) {
    fail('LOTTERY_UNKNOWN_CLASS', `${field}.classId is not a class of this pool`, id, `${field}.classId`);
  }
  requireSpan(opt, grid, field, id);
  return fail('LOTTERY_OUTSIDE_PERIOD', `${field} must lie within the round's period`, id, field);
}

/** Stable counting sort of input positions by user, then (rank, id) within each user. */
function canonicalPositions(
  userOf: Int32Array,
  users: number,
  rank: Int32Array,
  ids: readonly string[],
): { userReqStart: Int32Array; position: Int32Array; byPosition: Int32Array } {
  const n = userOf.length;
  const userReqStart = new Int32Array(users + 1);
  for (let i = 0; i < n; i++) userReqStart[userOf[i] + 1]++;
  for (let u = 0; u < users; u++) userReqStart[u + 1] += userReqStart[u];
  const fill = userReqStart.slice(0, users);
  const byPosition = new Int32Array(n);
  for (let i = 0; i < n; i++) byPosition[fill[userOf[i]]++] = i;
  for (let u = 0; u < users; u++) {
    const lo = userReqStart[u];
    for (let a = lo + 1; a < userReqStart[u + 1]; a++) {
      const v = byPosition[a];
      let b = a - 1;
      while (b >= lo && (rank[byPosition[b]] > rank[v] || (rank[byPosition[b]] === rank[v] && ids[byPosition[b]] > ids[v]))) {
        byPosition[b + 1] = byPosition[b];
        b--;
      }
      byPosition[b + 1] = v;
    }
  }
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[byPosition[k]] = k;
  return { userReqStart, position, byPosition };
}

/**
 * Validates the requests and lays them out in canonical order. `extraPeople` are driver ids from
 * bookings and commitments, ranked together with applicants and explicit drivers.
 */
export function compileRequests(
  requests: readonly unknown[],
  grid: Grid,
  classIndex: ReadonlyMap<string, number>,
  extraPeople: readonly string[],
): RequestTable {
  const n = requests.length;
  const ids = new Array<string>(n);
  const people = new Array<string>(n);
  const rank = new Int32Array(n);
  const driverAt = new Int32Array(n).fill(-1);
  const explicitDrivers: string[] = [];
  for (let i = 0; i < n; i++) {
    const req = requests[i] as Row;
    if (typeof req !== 'object' || req === null) explainRequest(req, i);
    const id = req['id'];
    const userId = req['userId'];
    const driverId = req['driverId'];
    const r = req['rank'];
    const driverOk = driverId === undefined || driverId === null || isLotteryId(driverId);
    const rankOk = typeof r === 'number' && Number.isInteger(r) && r >= 1 && r <= 1_000_000;
    if (!isLotteryId(id) || !isLotteryId(userId) || !driverOk || !rankOk) explainRequest(req, i);
    ids[i] = id;
    people[i] = userId;
    rank[i] = r;
    if (typeof driverId === 'string' && driverId !== userId) {
      driverAt[i] = n + explicitDrivers.length;
      explicitDrivers.push(driverId);
    }
  }
  const duplicate = findDuplicate(ids);
  if (duplicate !== null) fail('LOTTERY_DUPLICATE_ID', `duplicate request id ${duplicate}`, duplicate, 'id');

  for (const d of explicitDrivers) people.push(d);
  const extraAt = people.length;
  for (const d of extraPeople) people.push(d);
  const { values: personIds, groupOf } = groupStrings(people, true);

  const userOfPerson = new Int32Array(personIds.length).fill(-1);
  for (let i = 0; i < n; i++) userOfPerson[groupOf[i]] = 0;
  const userIds: string[] = [];
  for (let p = 0; p < personIds.length; p++) {
    if (userOfPerson[p] !== 0) continue;
    userOfPerson[p] = userIds.length;
    userIds.push(personIds[p]);
  }
  const userOf = new Int32Array(n);
  for (let i = 0; i < n; i++) userOf[i] = userOfPerson[groupOf[i]];
  const { userReqStart, position, byPosition } = canonicalPositions(userOf, userIds.length, rank, ids);
  const requestIds = Array.from(byPosition, (i) => ids[i]);

  const reqData = new Int32Array(n * REQ_STRIDE).fill(-1);
  const { startMinutes, slotMinutes } = grid;
  const slots = (grid.endMinutes - startMinutes) / slotMinutes;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const options = (requests[i] as Row)['options'];
    if (!Array.isArray(options)) fail('LOTTERY_INVALID_INPUT', 'options must be an array', id, 'options');
    if (options.length === 0) fail('LOTTERY_NO_OPTIONS', 'a request needs at least one option', id, 'options');
    if (options.length > LOTTERY_MAX_OPTIONS) {
      fail('LOTTERY_TOO_MANY_OPTIONS', `a request holds at most ${LOTTERY_MAX_OPTIONS} options`, id, 'options');
    }
    const at = position[i] * REQ_STRIDE;
    reqData[at + REQ_DRIVER] = groupOf[driverAt[i] >= 0 ? driverAt[i] : i];
    reqData[at + REQ_COUNT] = options.length;
    reqData[at + REQ_RANK] = rank[i];
    for (let j = 0; j < options.length; j++) {
      const opt = options[j] as Row;
      const valid = typeof opt === 'object' && opt !== null;
      const cls = valid ? classIndex.get(opt['classId'] as string) : undefined;
      const s = valid ? (parseInstantMinutes(opt['start'] as string) - startMinutes) / slotMinutes : NaN;
      const e = valid ? (parseInstantMinutes(opt['end'] as string) - startMinutes) / slotMinutes : NaN;
      // NaN fails every comparison, so malformed times also take the slow path.
      if (cls === undefined || !(s >= 0 && e > s && e <= slots) || !Number.isInteger(s) || !Number.isInteger(e)) {
        explainOption(opt, j, id, grid, classIndex);
      }
      const o = at + REQ_OPTIONS + 3 * j;
      reqData[o] = cls;
      reqData[o + 1] = s;
      reqData[o + 2] = e;
    }
  }
  const extraPerson = Int32Array.from(extraPeople, (_, k) => groupOf[extraAt + k]);
  return { requestIds, reqData, userIds, userReqStart, personIds, extraPerson };
}
