import { compileInput, type CompiledInput } from './compiled-input';
import { LotteryError } from './lottery.errors';
import type { DrawRecord, Promotion, WaitlistRelease, WaitlistResult } from './lottery.types';
import { DriverCalendar, ResourceTimeline } from './occupancy';
import { REQ_COUNT, REQ_DRIVER, REQ_OPTIONS, REQ_STRIDE } from './request-table';
import { waitlistDigestOf } from './result-digest';
import { binarySearch } from './string-sort';

/** Offset in reqData of option `option` (1-based) of request i. */
function optionAt(i: number, option: number): number {
  return i * REQ_STRIDE + REQ_OPTIONS + 3 * (option - 1);
}

function bad(message: string): never {
  throw new LotteryError('LOTTERY_INVALID_RECORD', message, { field: 'record' });
}

function badRelease(message: string, id: string): never {
  throw new LotteryError('LOTTERY_INVALID_RELEASE', message, { value: id });
}

/** The record's outcome as columns over the compiled input, refusing anything inconsistent. */
function readRecord(c: CompiledInput, record: DrawRecord, indexOf: ReadonlyMap<string, number>): { wonOption: Uint8Array; resourceOf: Int32Array; order: Int32Array } {
  const n = c.requestIds.length;
  if (record.outcome.length !== n) bad('outcome must list every request');
  const wonOption = new Uint8Array(n);
  record.outcome.forEach((row, i) => {
    if (row.requestId !== c.requestIds[i]) bad('outcome must list the requests in canonical order');
    if (row.option < 0 || row.option > c.reqData[i * REQ_STRIDE + REQ_COUNT]) bad(`outcome of ${row.requestId} names no option`);
    wonOption[i] = row.option;
  });
  const resourceOf = new Int32Array(n).fill(-1);
  for (const row of record.assignment) {
    const i = indexOf.get(row.requestId) ?? -1;
    const r = binarySearch(c.resourceIds, row.resourceId);
    if (i < 0 || r < 0 || wonOption[i] === 0) bad(`assignment of ${row.requestId} does not match the outcome`);
    if (c.resourceClass[r] !== c.reqData[optionAt(i, wonOption[i])]) bad(`assignment of ${row.requestId} is in another class`);
    resourceOf[i] = r;
  }
  const seen = new Uint8Array(c.userIds.length);
  const order = Int32Array.from(record.order, (userId) => {
    const u = binarySearch(c.userIds, userId);
    if (u < 0 || seen[u]) bad('order must list each applicant once');
    seen[u] = 1;
    return u;
  });
  if (order.length !== c.userIds.length) bad('order must list every applicant');
  return { wonOption, resourceOf, order };
}

function sortedUnique(ids: readonly string[] | undefined): string[] {
  return [...new Set(ids ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * 繰り上げ: gives released capacity to requests that lost the draw, in the draw's own snake order
 * (same passes, same directions), each taking the first option that fits a concrete car. All cars
 * are concrete here because winners already hold named cars. A pure function of the record, what
 * was released, and earlier passes' promotions, so it can be re-run and audited like the draw.
 */
export function waitlistPass(record: DrawRecord, release: WaitlistRelease = {}, prior: readonly Promotion[] = []): WaitlistResult {
  const c = compileInput(record.input);
  // Canonical order groups requests by user, so ids are not sorted: look them up.
  const indexOf = new Map(c.requestIds.map((id, i) => [id, i]));
  const { wonOption, resourceOf, order } = readRecord(c, record, indexOf);
  const n = c.requestIds.length;
  const releasedRequests = sortedUnique(release.requestIds);
  const releasedBookings = sortedUnique(release.bookingIds);

  const promotedBefore = new Int32Array(n).fill(-1);
  const priorOption = new Uint8Array(n);
  const priorSorted = [...prior].sort((a, b) => (a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0));
  for (const p of priorSorted) {
    const i = indexOf.get(p.requestId) ?? -1;
    const r = binarySearch(c.resourceIds, p.resourceId);
    if (i < 0 || r < 0 || wonOption[i] !== 0 || promotedBefore[i] >= 0 || p.option < 1 || p.option > c.reqData[i * REQ_STRIDE + REQ_COUNT]) {
      badRelease('prior promotions must be distinct losing requests with a valid option and resource', p.requestId);
    }
    if (c.resourceClass[r] !== c.reqData[optionAt(i, p.option)]) badRelease('prior promotion is in another class', p.requestId);
    promotedBefore[i] = r;
    priorOption[i] = p.option;
  }
  const released = new Uint8Array(n);
  for (const id of releasedRequests) {
    const i = indexOf.get(id) ?? -1;
    if (i < 0 || (wonOption[i] === 0 && promotedBefore[i] < 0)) badRelease('only a win or a promotion can be released', id);
    released[i] = 1;
  }
  const bookingReleased = new Uint8Array(c.bookings.length);
  for (const id of releasedBookings) {
    const k = c.bookings.findIndex((b) => b.id === id);
    if (k < 0) badRelease('unknown booking', id);
    bookingReleased[k] = 1;
  }

  const timeline = new ResourceTimeline(c.resourceIds.length, c.slots);
  const drivers = new DriverCalendar(c.personIds.length, n + c.bookings.length + c.commitments.length);
  for (const d of c.downtime) timeline.mark(d.resource, d.startSlot, d.endSlot);
  c.bookings.forEach((b, k) => {
    if (bookingReleased[k]) return;
    timeline.mark(b.resource, b.startSlot, b.endSlot);
    if (b.driver >= 0) drivers.add(b.driver, b.startSlot, b.endSlot);
  });
  for (const m of c.commitments) drivers.add(m.driver, m.startSlot, m.endSlot);
  const hold = (i: number, option: number, resource: number) => {
    const o = optionAt(i, option);
    timeline.mark(resource, c.reqData[o + 1], c.reqData[o + 2]);
    drivers.add(c.reqData[i * REQ_STRIDE + REQ_DRIVER], c.reqData[o + 1], c.reqData[o + 2]);
  };
  for (let i = 0; i < n; i++) {
    if (released[i]) continue;
    if (resourceOf[i] >= 0) hold(i, wonOption[i], resourceOf[i]);
    if (promotedBefore[i] >= 0) hold(i, priorOption[i], promotedBefore[i]);
  }

  const promotions: Promotion[] = [];
  const users = order.length;
  let passes = 0;
  for (let u = 0; u < users; u++) passes = Math.max(passes, c.userReqStart[u + 1] - c.userReqStart[u]);
  for (let pass = 0; pass < passes; pass++) {
    for (let k = 0; k < users; k++) {
      const u = order[pass % 2 === 0 ? k : users - 1 - k];
      if (c.userReqStart[u + 1] - c.userReqStart[u] <= pass) continue;
      const i = c.userReqStart[u] + pass;
      if (wonOption[i] !== 0 || promotedBefore[i] >= 0) continue;
      const driver = c.reqData[i * REQ_STRIDE + REQ_DRIVER];
      for (let j = 1; j <= c.reqData[i * REQ_STRIDE + REQ_COUNT]; j++) {
        const o = optionAt(i, j);
        const s = c.reqData[o + 1];
        const e = c.reqData[o + 2];
        if (!drivers.isFree(driver, s, e)) continue;
        const fit = timeline.bestFit(c.classResources[c.reqData[o]], s, e);
        if (fit < 0) continue;
        hold(i, j, fit);
        promotions.push({ requestId: c.requestIds[i], option: j, resourceId: c.resourceIds[fit] });
        break;
      }
    }
  }
  const digest = waitlistDigestOf({
    roundId: c.roundId,
    resultDigest: record.resultDigest,
    releasedRequests,
    releasedBookings,
    prior: priorSorted,
    promotions,
  });
  return { promotions, digest };
}
