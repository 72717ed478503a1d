import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@rr/domain';
import { ClosedDaysRepository } from './closed-days.repository';

/** What a closed day without a usable reason is shown as (the calendar refuses blank reasons). */
const FALLBACK_REASON = '臨時閉庁日';

/**
 * The city's BusinessCalendar with the administrator's extra closed days from the `closed_days`
 * table, for any feature that counts business days (deadlines, recurring bookings).
 *
 * Cached for TTL_MS: the list changes a few times a year but is read on many requests. A change
 * through this process invalidates at once; other API/worker replicas see it within TTL_MS
 * (acceptable for a day-granular calendar, and no shared cache to run).
 */
@Injectable()
export class BusinessCalendarService {
  static readonly TTL_MS = 60_000;

  private cached?: { calendar: BusinessCalendar; loadedAt: number };
  private loading?: Promise<BusinessCalendar>;
  /** Bumped by invalidate(): a load that started before a change must not cache what it read. */
  private generation = 0;

  constructor(private readonly closedDays: ClosedDaysRepository) {}

  async calendar(): Promise<BusinessCalendar> {
    if (this.cached && Date.now() - this.cached.loadedAt < BusinessCalendarService.TTL_MS) return this.cached.calendar;
    if (!this.loading) {
      const load = this.load().finally(() => {
        if (this.loading === load) this.loading = undefined;
      });
      this.loading = load;
    }
    return this.loading;
  }

  /** Call after a change to `closed_days` has committed. */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.loading = undefined;
  }

  private async load(): Promise<BusinessCalendar> {
    const generation = this.generation;
    const rows = await this.closedDays.listAll();
    const calendar = new BusinessCalendar({
      extraClosedDays: rows.map((r) => ({ date: r.date, reason: r.reason.trim() || FALLBACK_REASON })),
    });
    if (generation === this.generation) this.cached = { calendar, loadedAt: Date.now() };
    return calendar;
  }
}
