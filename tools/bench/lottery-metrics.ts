import type { Allocation, LotteryInput } from '../../libs/domain/src/lottery';
import { CATEGORIES, DAY_SLOTS, DAY_START, WORKING_DAYS, tokyoMinutes, type Dataset } from './lottery-dataset';

export interface SizeMetrics {
  readonly served_pct: number;
  readonly first_choice_pct: number;
  readonly util_pct: number;
  /** Served % per trip kind (first option's kind). */
  readonly served_by_kind: Record<string, number>;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Working 15-minute slots (8:30–17:15 on working days) as epoch minutes / 15. */
function workingSlots(): Set<number> {
  const slots = new Set<number>();
  for (const day of WORKING_DAYS) {
    const first = tokyoMinutes(day, DAY_START) / 15;
    for (let k = 0; k < DAY_SLOTS; k++) slots.add(first + k);
  }
  return slots;
}
const WORKING = workingSlots();

function markWorking(busy: Set<number>, start: string, end: string): void {
  for (let s = Date.parse(start) / 900_000; s < Date.parse(end) / 900_000; s++) if (WORKING.has(s)) busy.add(s);
}

/**
 * served % and first-choice % are shares of all requests; utilisation is working car-hours held
 * by wins and pre-existing bookings over working car-hours not lost to downtime.
 */
export function sizeMetrics(dataset: Dataset, allocation: Allocation): SizeMetrics {
  const { input, category } = dataset;
  const index = new Map(allocation.requestIds.map((id, i) => [id, i]));
  const kindTotal = new Map<string, number>();
  const kindServed = new Map<string, number>();
  let served = 0;
  let first = 0;
  const busy = new Map<string, Set<number>>();
  const on = (resourceId: string) => busy.get(resourceId) ?? busy.set(resourceId, new Set()).get(resourceId)!;
  input.requests.forEach((q, k) => {
    const i = index.get(q.id)!;
    const option = allocation.wonOption[i];
    const kind = CATEGORIES[category[k]];
    kindTotal.set(kind, (kindTotal.get(kind) ?? 0) + 1);
    if (option === 0) return;
    served++;
    if (option === 1) first++;
    kindServed.set(kind, (kindServed.get(kind) ?? 0) + 1);
    const chosen = q.options[option - 1];
    markWorking(on(allocation.assignedResource[i]!), chosen.start, chosen.end);
  });
  for (const b of input.bookings ?? []) markWorking(on(b.resourceId), b.start, b.end);
  const down = new Map<string, Set<number>>();
  for (const d of input.downtime ?? []) {
    const set = down.get(d.resourceId) ?? down.set(d.resourceId, new Set()).get(d.resourceId)!;
    markWorking(set, d.start, d.end);
  }
  const resources = input.classes.flatMap((c) => c.resources);
  const available = resources.reduce((sum, r) => sum + WORKING.size - (down.get(r)?.size ?? 0), 0);
  const held = resources.reduce((sum, r) => sum + [...(busy.get(r) ?? [])].filter((s) => !down.get(r)?.has(s)).length, 0);
  const n = input.requests.length;
  return {
    served_pct: round1((100 * served) / n),
    first_choice_pct: round1((100 * first) / n),
    util_pct: round1((100 * held) / available),
    served_by_kind: Object.fromEntries([...kindTotal].map(([kind, total]) => [kind, round1((100 * (kindServed.get(kind) ?? 0)) / total)])),
  };
}

/** Jain's fairness index (Σx)² / (n Σx²): 1 when everyone gets the same share. */
export function jain(values: readonly number[]): number {
  const sum = values.reduce((s, x) => s + x, 0);
  const squares = values.reduce((s, x) => s + x * x, 0);
  return values.length === 0 || squares === 0 ? 1 : (sum * sum) / (values.length * squares);
}

/** Shuffles every list of an input (requests, classes, resources, bookings, downtime). */
export function shuffledInput(input: LotteryInput, shuffle: <T>(items: readonly T[], label: string) => T[]): LotteryInput {
  return {
    ...input,
    classes: shuffle(input.classes, 'classes').map((c) => ({ ...c, resources: shuffle(c.resources, c.id) })),
    downtime: shuffle(input.downtime ?? [], 'downtime'),
    bookings: shuffle(input.bookings ?? [], 'bookings'),
    requests: shuffle(input.requests, 'requests'),
  };
}
