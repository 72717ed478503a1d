import fc from 'fast-check';
import type { Allocation, LotteryBooking, LotteryInput, LotteryRequest } from './lottery.types';
import { formatInstantMinutes, parseInstantMinutes } from './time-grid';

// Small random pools for the property tests: two days on a 15-minute grid, a few classes of a
// few cars, partial downtime, bookings with drivers, and users whose requests may overlap.

export const BASE_MINUTES = parseInstantMinutes('2027-02-01T00:00:00Z');
const SLOTS = 192;
export const at = (slot: number) => formatInstantMinutes(BASE_MINUTES + 15 * slot);

const span = (maxLen: number) =>
  fc.tuple(fc.integer({ min: 0, max: SLOTS - 1 }), fc.integer({ min: 1, max: maxLen })).map(([s, len]) => [s, Math.min(SLOTS, s + len)] as const);

export const lotteryInputArb: fc.Arbitrary<LotteryInput> = fc
  .record({
    classSizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
    users: fc.integer({ min: 1, max: 6 }),
    downtime: fc.array(fc.tuple(fc.nat(), span(40)), { maxLength: 3 }),
    bookings: fc.array(fc.tuple(fc.nat(), span(40), fc.option(fc.nat(), { nil: undefined })), { maxLength: 3 }),
    commitments: fc.array(fc.tuple(fc.nat(), span(40)), { maxLength: 2 }),
    requests: fc.array(
      fc.record({
        user: fc.nat(),
        driver: fc.option(fc.nat(), { freq: 4, nil: undefined }),
        rank: fc.integer({ min: 1, max: 4 }),
        options: fc.array(fc.tuple(fc.nat(), fc.oneof(span(12), span(48), span(120))), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 25 },
    ),
  })
  .map((g) => {
    const classes = g.classSizes.map((size, c) => ({ id: `c${c}`, resources: Array.from({ length: size }, (_, k) => `c${c}-r${k}`) }));
    const resources = classes.flatMap((c) => c.resources);
    const user = (k: number) => `u${k % g.users}`;
    const bookings: LotteryBooking[] = g.bookings.map(([r, [s, e], d], k) => ({
      id: `b${k}`,
      resourceId: resources[r % resources.length],
      start: at(s),
      end: at(e),
      driverId: d === undefined ? null : user(d),
    }));
    const requests: LotteryRequest[] = g.requests.map((q, k) => ({
      id: `q${k}`,
      userId: user(q.user),
      driverId: q.driver === undefined ? undefined : user(q.driver),
      rank: q.rank,
      options: q.options.map(([c, [s, e]]) => ({ classId: classes[c % classes.length].id, start: at(s), end: at(e) })),
    }));
    return {
      roundId: 'prop',
      period: { start: at(0), end: at(SLOTS) },
      classes,
      downtime: g.downtime.map(([r, [s, e]]) => ({ resourceId: resources[r % resources.length], start: at(s), end: at(e) })),
      bookings,
      driverCommitments: g.commitments.map(([d, [s, e]]) => ({ driverId: user(d), start: at(s), end: at(e) })),
      requests,
    };
  });

/** The same input with every list (and every class's resources) in another order. */
export function permuted(input: LotteryInput, rng: () => number): LotteryInput {
  const shuffle = <T>(items: readonly T[] | undefined): T[] => {
    const out = [...(items ?? [])];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return {
    ...input,
    classes: shuffle(input.classes).map((c) => ({ ...c, resources: shuffle(c.resources) })),
    downtime: shuffle(input.downtime),
    bookings: shuffle(input.bookings),
    driverCommitments: shuffle(input.driverCommitments),
    requests: shuffle(input.requests),
  };
}

export interface Held {
  readonly owner: string;
  readonly start: number;
  readonly end: number;
  readonly fromLottery: boolean;
}

const minutes = (iso: string) => parseInstantMinutes(iso);
const overlaps = (a: Held, b: Held) => a.start < b.end && b.start < a.end;

/** Every lottery-made holding (wins, promotions) by resource and by driver, plus what pre-existed. */
export function holdings(input: LotteryInput, won: ReadonlyMap<string, { option: number; resourceId: string | null }>) {
  const byResource = new Map<string, Held[]>();
  const byDriver = new Map<string, Held[]>();
  const push = (map: Map<string, Held[]>, key: string, held: Held) => map.set(key, [...(map.get(key) ?? []), held]);
  for (const d of input.downtime ?? []) push(byResource, d.resourceId, { owner: 'downtime', start: minutes(d.start), end: minutes(d.end), fromLottery: false });
  for (const b of input.bookings ?? []) {
    const held = { owner: b.id, start: minutes(b.start), end: minutes(b.end), fromLottery: false };
    push(byResource, b.resourceId, held);
    if (b.driverId) push(byDriver, b.driverId, held);
  }
  for (const m of input.driverCommitments ?? []) {
    push(byDriver, m.driverId, { owner: 'commitment', start: minutes(m.start), end: minutes(m.end), fromLottery: false });
  }
  for (const q of input.requests) {
    const w = won.get(q.id);
    if (!w || w.option === 0) continue;
    const opt = q.options[w.option - 1];
    const held = { owner: q.id, start: minutes(opt.start), end: minutes(opt.end), fromLottery: true };
    if (w.resourceId !== null) push(byResource, w.resourceId, held);
    push(byDriver, q.driverId ?? q.userId, held);
  }
  return { byResource, byDriver };
}

/** Pairs that overlap where at least one side came from the lottery (pre-existing clashes are not ours). */
export function clashes(map: ReadonlyMap<string, readonly Held[]>): string[] {
  const found: string[] = [];
  for (const [key, list] of map) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        if ((list[a].fromLottery || list[b].fromLottery) && overlaps(list[a], list[b])) found.push(`${key}: ${list[a].owner} × ${list[b].owner}`);
      }
    }
  }
  return found;
}

export function wonMap(a: Allocation): Map<string, { option: number; resourceId: string | null }> {
  return new Map(a.requestIds.map((id, i) => [id, { option: a.wonOption[i], resourceId: a.assignedResource[i] }]));
}

/** A deterministic stream in [0, 1) for shuffles inside properties. */
export function seededRandom(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
