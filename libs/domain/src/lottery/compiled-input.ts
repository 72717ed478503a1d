import {
  fail,
  requireArray,
  requireGrid,
  requireId,
  requireObject,
  requireSpan,
  type Grid,
} from './input-checks';
import type { LotteryInput } from './lottery.types';
import { compileRequests } from './request-table';
import { binarySearch, sortedPermutation } from './string-sort';
import { SlotClock } from './time-grid';

/** Unavailability of one resource, kept in minutes (for the canonical text) and slots (for the draw). */
export interface ResourceSpan {
  readonly resource: number;
  readonly start: number;
  readonly end: number;
  readonly startSlot: number;
  readonly endSlot: number;
}

export interface CompiledBooking extends ResourceSpan {
  readonly id: string;
  /** Person index, or -1 when the booking names no driver. */
  readonly driver: number;
}

export interface CompiledCommitment {
  readonly driver: number;
  readonly start: number;
  readonly end: number;
  readonly startSlot: number;
  readonly endSlot: number;
}

/**
 * The validated input in canonical order. Every index below is a rank in a documented sort
 * order (resources and people by id; requests by applicant, rank, id), so nothing downstream can
 * depend on the order the caller listed things in.
 */
export interface CompiledInput {
  readonly roundId: string;
  readonly grid: Grid;
  readonly slots: number;
  readonly clock: SlotClock;
  readonly classIds: readonly string[];
  readonly classResources: readonly Int32Array[];
  readonly resourceIds: readonly string[];
  readonly resourceClass: Int32Array;
  readonly downtime: readonly ResourceSpan[];
  readonly bookings: readonly CompiledBooking[];
  readonly commitments: readonly CompiledCommitment[];
  readonly personIds: readonly string[];
  /** Canonical order: by applicant id, then rank, then request id. */
  readonly requestIds: readonly string[];
  /** REQ_STRIDE values per request (see request-table.ts). */
  readonly reqData: Int32Array;
  readonly userIds: readonly string[];
  /** Requests of user u are [userReqStart[u], userReqStart[u + 1]), by (rank, id). */
  readonly userReqStart: Int32Array;
}

function toSlots(grid: Grid, start: number, end: number, slots: number): { startSlot: number; endSlot: number } {
  const clip = (m: number) => Math.min(slots, Math.max(0, (m - grid.startMinutes) / grid.slotMinutes));
  return { startSlot: clip(start), endSlot: clip(end) };
}

function compileClasses(raw: unknown): { classIds: string[]; classResources: Int32Array[]; resourceIds: string[]; resourceClass: Int32Array } {
  const classes = requireArray<unknown>(raw, 'classes');
  const rawIds: string[] = [];
  const members: string[][] = [];
  for (let c = 0; c < classes.length; c++) {
    const cls = requireObject(classes[c], `classes[${c}]`);
    rawIds.push(requireId(cls['id'], `classes[${c}].id`));
    const resources = requireArray<unknown>(cls['resources'], `classes[${c}].resources`);
    members.push(resources.map((r, k) => requireId(r, `classes[${c}].resources[${k}]`)));
  }
  const classPerm = sortedPermutation(rawIds);
  const classIds = Array.from(classPerm, (i) => rawIds[i]);
  const flat: string[] = [];
  const flatClass: number[] = [];
  classPerm.forEach((original, c) => {
    for (const r of members[original]) {
      flat.push(r);
      flatClass.push(c);
    }
  });
  assertUnique(classIds, 'class id');
  const resPerm = sortedPermutation(flat);
  const resourceIds = Array.from(resPerm, (i) => flat[i]);
  assertUnique(resourceIds, 'resource id');
  const resourceClass = Int32Array.from(resPerm, (i) => flatClass[i]);
  const classResources = classIds.map(() => [] as number[]);
  resourceClass.forEach((c, r) => classResources[c].push(r));
  return { classIds, classResources: classResources.map((list) => Int32Array.from(list)), resourceIds, resourceClass };
}

function assertUnique(sorted: readonly string[], what: string): void {
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) fail('LOTTERY_DUPLICATE_ID', `duplicate ${what} ${sorted[i]}`, undefined, what);
  }
}

function requireResource(resourceIds: readonly string[], value: unknown, field: string): number {
  const id = requireId(value, field);
  const r = binarySearch(resourceIds, id);
  if (r < 0) fail('LOTTERY_UNKNOWN_RESOURCE', `${field} names an unknown resource ${id}`, undefined, field);
  return r;
}

function optionalDriver(value: unknown, field: string, requestId?: string): string | null {
  return value === undefined || value === null ? null : requireId(value, field, requestId);
}

/** Validates the input and lays it out in canonical order. Throws LotteryError on bad input. */
export function compileInput(input: LotteryInput): CompiledInput {
  const top = requireObject(input, 'input');
  const roundId = requireId(top['roundId'], 'roundId');
  const grid = requireGrid(top['period'], top['slotMinutes']);
  const slots = (grid.endMinutes - grid.startMinutes) / grid.slotMinutes;
  const { classIds, classResources, resourceIds, resourceClass } = compileClasses(top['classes']);
  const classIndex = new Map(classIds.map((id, c) => [id, c]));

  const downtime = requireArray<unknown>(top['downtime'], 'downtime', true).map((raw, k) => {
    const item = requireObject(raw, `downtime[${k}]`);
    const resource = requireResource(resourceIds, item['resourceId'], `downtime[${k}].resourceId`);
    const span = requireSpan(item, grid, `downtime[${k}]`);
    return { resource, ...span, ...toSlots(grid, span.start, span.end, slots) };
  });
  downtime.sort((a, b) => a.resource - b.resource || a.start - b.start || a.end - b.end);

  const rawBookings = requireArray<unknown>(top['bookings'], 'bookings', true).map((raw, k) => {
    const item = requireObject(raw, `bookings[${k}]`);
    const id = requireId(item['id'], `bookings[${k}].id`);
    const resource = requireResource(resourceIds, item['resourceId'], `bookings[${k}].resourceId`);
    const span = requireSpan(item, grid, `bookings[${k}]`);
    const driverId = optionalDriver(item['driverId'], `bookings[${k}].driverId`);
    return { id, resource, driverId, ...span, ...toSlots(grid, span.start, span.end, slots) };
  });
  rawBookings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  assertUnique(rawBookings.map((b) => b.id), 'booking id');

  const rawCommitments = requireArray<unknown>(top['driverCommitments'], 'driverCommitments', true).map((raw, k) => {
    const item = requireObject(raw, `driverCommitments[${k}]`);
    const driverId = requireId(item['driverId'], `driverCommitments[${k}].driverId`);
    const span = requireSpan(item, grid, `driverCommitments[${k}]`);
    return { driverId, ...span, ...toSlots(grid, span.start, span.end, slots) };
  });

  const requests = requireArray<unknown>(top['requests'], 'requests');
  const extraPeople = [...rawBookings.flatMap((b) => (b.driverId === null ? [] : [b.driverId])), ...rawCommitments.map((m) => m.driverId)];
  const table = compileRequests(requests, grid, classIndex, extraPeople);
  let extra = 0;
  const bookingDriver = rawBookings.map((b) => (b.driverId === null ? -1 : table.extraPerson[extra++]));
  const commitmentDriver = rawCommitments.map(() => table.extraPerson[extra++]);

  const bookings: CompiledBooking[] = rawBookings.map((b, k) => ({
    id: b.id,
    resource: b.resource,
    driver: bookingDriver[k],
    start: b.start,
    end: b.end,
    startSlot: b.startSlot,
    endSlot: b.endSlot,
  }));
  const commitments: CompiledCommitment[] = rawCommitments.map((c, k) => ({
    driver: commitmentDriver[k],
    start: c.start,
    end: c.end,
    startSlot: c.startSlot,
    endSlot: c.endSlot,
  }));
  commitments.sort((a, b) => a.driver - b.driver || a.start - b.start || a.end - b.end);

  return {
    roundId,
    grid,
    slots,
    clock: new SlotClock(grid.startMinutes, grid.slotMinutes, slots),
    classIds,
    classResources,
    resourceIds,
    resourceClass,
    downtime,
    bookings,
    commitments,
    personIds: table.personIds,
    requestIds: table.requestIds,
    reqData: table.reqData,
    userIds: table.userIds,
    userReqStart: table.userReqStart,
  };
}
