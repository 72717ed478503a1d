/**
 * Slot-by-slot occupancy of concrete resources, for the cars the count rule cannot speak for
 * (partial downtime, pre-existing bookings) and for the waitlist pass, where every car is concrete.
 */
export class ResourceTimeline {
  private readonly busy: Uint8Array;

  constructor(
    readonly rows: number,
    readonly slots: number,
  ) {
    this.busy = new Uint8Array(rows * slots);
  }

  mark(row: number, start: number, end: number): void {
    this.busy.fill(1, row * this.slots + start, row * this.slots + end);
  }

  isFree(row: number, start: number, end: number): boolean {
    const base = row * this.slots;
    for (let t = start; t < end; t++) if (this.busy[base + t] !== 0) return false;
    return true;
  }

  /** End slot of the latest busy stretch that ends at or before `start`, or -1 if none. */
  lastBusyEnd(row: number, start: number): number {
    const base = row * this.slots;
    for (let t = start - 1; t >= 0; t--) if (this.busy[base + t] !== 0) return t + 1;
    return -1;
  }

  /**
   * The concrete analogue of `assignCars`: among `candidates` (in canonical order) free for the
   * whole interval, the one whose previous occupation ended latest; the first such on ties.
   */
  bestFit(candidates: ArrayLike<number>, start: number, end: number): number {
    let best = -1;
    let bestEnd = -2;
    for (let k = 0; k < candidates.length; k++) {
      const row = candidates[k];
      if (!this.isFree(row, start, end)) continue;
      const lastEnd = this.lastBusyEnd(row, start);
      if (lastEnd > bestEnd) {
        best = row;
        bestEnd = lastEnd;
      }
    }
    return best;
  }
}

/** Per-driver busy intervals as linked lists in typed arrays: no object per win in the hot loop. */
export class DriverCalendar {
  private readonly head: Int32Array;
  private next: Int32Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private used = 0;

  constructor(drivers: number, capacity: number) {
    this.head = new Int32Array(drivers).fill(-1);
    this.next = new Int32Array(Math.max(capacity, 4));
    this.starts = new Int32Array(this.next.length);
    this.ends = new Int32Array(this.next.length);
  }

  add(driver: number, start: number, end: number): void {
    if (end <= start) return;
    if (this.used === this.next.length) this.grow();
    const k = this.used++;
    this.starts[k] = start;
    this.ends[k] = end;
    this.next[k] = this.head[driver];
    this.head[driver] = k;
  }

  isFree(driver: number, start: number, end: number): boolean {
    for (let k = this.head[driver]; k >= 0; k = this.next[k]) {
      if (this.starts[k] < end && start < this.ends[k]) return false;
    }
    return true;
  }

  private grow(): void {
    const size = this.next.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.next = copy(this.next);
    this.starts = copy(this.starts);
    this.ends = copy(this.ends);
  }
}
