import { createHash } from 'node:crypto';
import type { LotteryBooking, LotteryDowntime, LotteryInput, LotteryOption, LotteryRequest } from '../../libs/domain/src/lottery';

// Seeded synthetic city-hall workload (docs/lottery.md §Benchmark datasets). Everything random
// comes from sfc32 streams seeded by SHA-256 of a text label, so a label always yields the same data.

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(label: string) {
    const h = createHash('sha256').update(label).digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12);
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  float(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let x = this.float() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return table[table.length - 1][0];
  }
}

export const FLEET: readonly (readonly [string, number])[] = [
  ['kei', 20], // 軽
  ['futsu', 18], // 普通
  ['wagon', 7], // ワゴン
  ['ev', 5], // EV
];
export const CAR_COUNT = FLEET.reduce((s, [, n]) => s + n, 0);
const CLASS_DEMAND: readonly (readonly [string, number])[] = [
  ['kei', 38],
  ['futsu', 37],
  ['wagon', 15],
  ['ev', 10],
];
const carId = (cls: string, k: number) => `${cls}-${String(k).padStart(2, '0')}`;

/** 22 working days from Mon 2027-02-01, skipping weekends and 2/11, 2/23 (祝日). */
export const WORKING_DAYS: readonly string[] = (() => {
  const days: string[] = [];
  for (let t = Date.UTC(2027, 1, 1); days.length < 22; t += 86_400_000) {
    const date = new Date(t);
    const iso = date.toISOString().slice(0, 10);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6 && iso !== '2027-02-11' && iso !== '2027-02-23') days.push(iso);
  }
  return days;
})();
export const DAY_START = 8 * 60 + 30; // 8:30
export const DAY_SLOTS = 35; // to 17:15
export const WORK_HOURS_PER_DAY = (DAY_SLOTS * 15) / 60;
export const AVAILABLE_CAR_HOURS = CAR_COUNT * WORKING_DAYS.length * WORK_HOURS_PER_DAY;

/** Epoch minutes of a Tokyo wall-clock time. */
const midnights = new Map<string, number>();
export function tokyoMinutes(isoDate: string, minuteOfDay: number): number {
  let midnight = midnights.get(isoDate);
  if (midnight === undefined) {
    const [y, m, d] = isoDate.split('-').map(Number);
    midnight = Date.UTC(y, m - 1, d) / 60_000 - 9 * 60;
    midnights.set(isoDate, midnight);
  }
  return midnight + minuteOfDay;
}
const PERIOD_START = tokyoMinutes(WORKING_DAYS[0], 0);
const PERIOD_END = tokyoMinutes(WORKING_DAYS[WORKING_DAYS.length - 1], 24 * 60);

const isoCache = new Map<number, string>();
/** Times as a Node service would hand them over: Date#toISOString(). */
export function iso(minutes: number): string {
  let s = isoCache.get(minutes);
  if (s === undefined) {
    s = new Date(minutes * 60_000).toISOString();
    isoCache.set(minutes, s);
  }
  return s;
}

export const CATEGORIES = ['1h', '2h', 'half', 'full', 'multi', 'junk'] as const;
export type Category = (typeof CATEGORIES)[number];
const TRIP_MIX: readonly (readonly [Category, number])[] = [
  ['1h', 35],
  ['2h', 25],
  ['half', 20],
  ['full', 15],
  ['multi', 5],
];
/** Expected working hours of one genuine request's first option under TRIP_MIX. */
export const MEAN_TRIP_HOURS = (35 * 1 + 25 * 2 + 20 * ((14 + 17) / 2 / 4) + 15 * WORK_HOURS_PER_DAY + 5 * 2.5 * WORK_HOURS_PER_DAY) / 100;
const REQUESTS_PER_USER: readonly (readonly [number, number])[] = [
  [1, 30],
  [2, 30],
  [3, 20],
  [4, 12],
  [5, 8],
];
export const MEAN_REQUESTS_PER_USER = (1 * 30 + 2 * 30 + 3 * 20 + 4 * 12 + 5 * 8) / 100;
const DAY_WEIGHT = (day: number) => ([1, 5].includes(new Date(`${WORKING_DAYS[day]}T00:00:00Z`).getUTCDay()) ? 0.8 : 1.2);
const DAY_TABLE = WORKING_DAYS.map((_, d) => [d, DAY_WEIGHT(d)] as const);

interface Trip {
  day: number;
  startSlot: number; // slots of 15 min after 8:30
  endSlot: number;
  days: number;
}

function shortTrip(rng: Prng, slots: number): { startSlot: number; endSlot: number } {
  // Mornings (9:00–11:00) and early afternoons (13:00–15:00) are the busy windows.
  const start = rng.chance(0.6) ? (rng.chance(0.5) ? 2 : 18) + rng.int(9) : rng.int(DAY_SLOTS - slots + 1);
  const startSlot = Math.min(start, DAY_SLOTS - slots);
  return { startSlot, endSlot: startSlot + slots };
}

function tripOf(rng: Prng, category: Category): Trip {
  const day = rng.weighted(DAY_TABLE);
  switch (category) {
    case '1h':
    case 'junk':
      return { day, days: 1, ...shortTrip(rng, 4) };
    case '2h':
      return { day, days: 1, ...shortTrip(rng, 8) };
    case 'half':
      return rng.chance(0.5) ? { day, days: 1, startSlot: 0, endSlot: 14 } : { day, days: 1, startSlot: 18, endSlot: DAY_SLOTS };
    case 'full':
      return { day, days: 1, startSlot: 0, endSlot: DAY_SLOTS };
    case 'multi': {
      const days = 2 + rng.int(2);
      return { day: Math.min(day, WORKING_DAYS.length - days), days, startSlot: 0, endSlot: DAY_SLOTS };
    }
  }
}

/**
 * In fresh mode every string is a new object, as when a worker reads rows from the database;
 * shared strings would flatter the engine (hashes and comparisons cached on the string).
 */
let freshStrings = false;
const fresh = (s: string) => (freshStrings ? (' ' + s).slice(1) : s);

function optionOf(cls: string, trip: Trip): LotteryOption {
  const first = WORKING_DAYS[trip.day];
  const last = WORKING_DAYS[trip.day + trip.days - 1];
  const time = (minutes: number) => (freshStrings ? new Date(minutes * 60_000).toISOString() : iso(minutes));
  return {
    classId: fresh(cls),
    start: time(tokyoMinutes(first, DAY_START + 15 * trip.startSlot)),
    end: time(tokyoMinutes(last, DAY_START + 15 * trip.endSlot)),
  };
}

/** Alternatives for the same need: another day, another class, or a shifted time. */
function alternative(rng: Prng, cls: string, trip: Trip): [string, Trip] {
  const kind = rng.int(3);
  if (kind === 0 || trip.days > 1) {
    const shift = (1 + rng.int(3)) * (rng.chance(0.5) ? 1 : -1);
    const day = Math.min(Math.max(trip.day + shift, 0), WORKING_DAYS.length - trip.days);
    return [cls, { ...trip, day }];
  }
  if (kind === 1) {
    const others = CLASS_DEMAND.filter(([c]) => c !== cls);
    return [rng.weighted(others), trip];
  }
  const len = trip.endSlot - trip.startSlot;
  const startSlot = Math.min(Math.max(trip.startSlot + (rng.int(17) - 8), 0), DAY_SLOTS - len);
  return [cls, { ...trip, startSlot, endSlot: startSlot + len }];
}

/** Working hours a trip holds a car (multi-day trips count whole working days, not nights). */
function tripHours(trip: Trip): number {
  return trip.days > 1 ? trip.days * WORK_HOURS_PER_DAY : (trip.endSlot - trip.startSlot) / 4;
}

export interface Dataset {
  readonly input: LotteryInput;
  /** Per request (input order): index into CATEGORIES. */
  readonly category: Uint8Array;
  readonly userIds: readonly string[];
  readonly flooders: ReadonlySet<string>;
  /** Requested working car-hours (first options) / available working car-hours. */
  readonly load: number;
}

export interface DatasetSpec {
  readonly label: string;
  readonly roundId: string;
  /** Genuine requests to generate (users are added until reached). */
  readonly requests?: number;
  /** Or: a fixed population, each applying with `applyRate` (M12 rounds). */
  readonly users?: readonly string[];
  readonly applyRate?: number;
  /** Make every string a distinct object (see `fresh`). */
  readonly freshStrings?: boolean;
  /** Users who add `junkPerFlooder` one-hour single-option requests after their genuine ones. */
  readonly flooders?: ReadonlySet<string>;
  readonly junkPerFlooder?: number;
}

function fixedInputParts(): Pick<LotteryInput, 'classes' | 'downtime' | 'bookings'> {
  const classes = FLEET.map(([cls, n]) => ({ id: cls, resources: Array.from({ length: n }, (_, k) => carId(cls, k + 1)) }));
  const at = (day: number, hhmm: number) => iso(tokyoMinutes(WORKING_DAYS[day], Math.floor(hhmm / 100) * 60 + (hhmm % 100)));
  const downtime: LotteryDowntime[] = [
    { resourceId: 'futsu-03', start: at(4, 900), end: at(4, 1200) }, // partial: the LOTTERY.md example
    { resourceId: 'futsu-04', start: at(4, 1300), end: at(4, 1700) },
    { resourceId: 'kei-07', start: at(11, 0), end: at(12, 0) }, // 車検, a whole day
    { resourceId: 'wagon-02', start: at(14, 0), end: at(16, 0) }, // two-day repair
    { resourceId: 'ev-01', start: at(2, 1300), end: at(2, 1500) },
  ];
  const bookings: LotteryBooking[] = [
    { id: 'prio-gikai-1', resourceId: 'wagon-01', start: at(7, 830), end: at(7, 1715) }, // 議会
    { id: 'prio-gikai-2', resourceId: 'futsu-01', start: at(7, 830), end: at(7, 1715) },
    { id: 'prio-mayor-1', resourceId: 'futsu-02', start: at(9, 830), end: at(10, 1715) }, // 市長公務
    { id: 'prio-saigai-1', resourceId: 'kei-01', start: at(0, 830), end: at(4, 1715) }, // 災害対応 standby
    { id: 'prio-mayor-2', resourceId: 'futsu-02', start: at(18, 1300), end: at(18, 1715) },
  ];
  return { classes, downtime, bookings };
}

interface Sink {
  readonly requests: LotteryRequest[];
  readonly category: number[];
  hours: number;
}

function userRequests(rng: Prng, userId: string, count: number, users: readonly string[], from: number, sink: Sink): void {
  for (let k = 0; k < count; k++) {
    const cat = rng.weighted(TRIP_MIX);
    let cls = rng.weighted(CLASS_DEMAND);
    let trip = tripOf(rng, cat);
    sink.hours += tripHours(trip);
    const options = [optionOf(cls, trip)];
    const extra = rng.weighted([
      [0, 40],
      [1, 35],
      [2, 25],
    ] as const);
    for (let j = 0; j < extra; j++) {
      [cls, trip] = alternative(rng, cls, trip);
      options.push(optionOf(cls, trip));
    }
    const driverId = rng.chance(0.05) ? users[rng.int(users.length)] : undefined;
    sink.requests.push({ id: `${userId}-q${from + k}`, userId: fresh(userId), driverId: driverId && fresh(driverId), rank: from + k + 1, options });
    sink.category.push(CATEGORIES.indexOf(cat));
  }
}

export function generateDataset(spec: DatasetSpec): Dataset {
  freshStrings = spec.freshStrings ?? false;
  const rng = new Prng(spec.label);
  const sink: Sink = { requests: [], category: [], hours: 0 };
  const { requests, category } = sink;
  const flooders = spec.flooders ?? new Set<string>();
  const users: string[] = spec.users ? [...spec.users] : [];
  if (!spec.users) {
    const target = spec.requests ?? 0;
    const population = Math.ceil(target / MEAN_REQUESTS_PER_USER);
    for (let u = 0; u < population; u++) users.push(`u${String(u).padStart(7, '0')}`);
    let u = 0;
    while (requests.length < target) {
      const count = Math.min(rng.weighted(REQUESTS_PER_USER), target - requests.length);
      userRequests(rng, users[u % users.length], count, users, Math.floor(u / users.length) * 10, sink);
      u++;
    }
  } else {
    for (const userId of users) {
      // One stream per user and round, so adding junk for some users never shifts anyone else's needs.
      const own = new Prng(`${spec.label}|${userId}`);
      if (!own.chance(spec.applyRate ?? 1)) continue;
      const count = own.weighted(REQUESTS_PER_USER);
      userRequests(own, userId, count, users, 0, sink);
      if (flooders.has(userId)) {
        const junk = new Prng(`${spec.label}|junk|${userId}`);
        for (let k = 0; k < (spec.junkPerFlooder ?? 8); k++) {
          const cls = junk.weighted(CLASS_DEMAND);
          const trip = tripOf(junk, 'junk');
          sink.hours += tripHours(trip);
          requests.push({ id: `${userId}-j${k}`, userId, rank: count + k + 1, options: [optionOf(cls, trip)] });
          category.push(CATEGORIES.indexOf('junk'));
        }
      }
    }
  }
  const input: LotteryInput = {
    roundId: spec.roundId,
    period: { start: iso(PERIOD_START), end: iso(PERIOD_END) },
    slotMinutes: 15,
    ...fixedInputParts(),
    requests,
  };
  return { input, category: Uint8Array.from(category), userIds: users, flooders, load: sink.hours / AVAILABLE_CAR_HOURS };
}

/** Deterministic draw secret for a label: never do this outside a benchmark. */
export function benchSecret(label: string): string {
  return createHash('sha256').update(`bench-secret|${label}`).digest('hex');
}

/** Fisher–Yates with a seeded stream: the same data in a different order. */
export function shuffled<T>(items: readonly T[], label: string): T[] {
  const rng = new Prng(`shuffle|${label}`);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
