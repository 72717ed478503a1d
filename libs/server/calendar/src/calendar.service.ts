import { Injectable } from '@nestjs/common';
import type { CalendarDay, ClosedDay, CreateClosedDay } from '@rr/contracts';
import { HOLIDAY_DATA_YEARS } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { PG, pgConstraint, pgErrorCode, TransactionHost } from '@rr/server/persistence';
import { BusinessCalendarService } from './business-calendar.service';
import { CalendarErrors } from './calendar.errors';
import { ClosedDaysRepository } from './closed-days.repository';

const DAY_MS = 86_400_000;

/** Administration of extra closed days (臨時閉庁日) and the day-by-day calendar view. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly repo: ClosedDaysRepository,
    private readonly calendars: BusinessCalendarService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async closedDays(year: number): Promise<ClosedDay[]> {
    return (await this.repo.listYear(year)).map((d) => ({ date: d.date, reason: d.reason }));
  }

  /** The primary key is the guard against a second entry for the same day. */
  async addClosedDay(input: CreateClosedDay): Promise<ClosedDay> {
    try {
      await this.tx.run(async () => {
        await this.repo.insert(input.date, input.reason);
        await this.audit.record('closed_day.create', 'closed_day', input.date, null, input);
      });
    } catch (error) {
      if (pgErrorCode(error) === PG.uniqueViolation && pgConstraint(error) === 'PK_closed_days') throw CalendarErrors.dayExists();
      throw error;
    }
    this.calendars.invalidate();
    return { date: input.date, reason: input.reason };
  }

  async removeClosedDay(date: string): Promise<void> {
    await this.tx.run(async () => {
      const before = await this.repo.findForUpdate(date);
      if (!before || !(await this.repo.delete(date))) throw CalendarErrors.dayNotFound();
      await this.audit.record('closed_day.delete', 'closed_day', date, { date: before.date, reason: before.reason }, null);
    });
    this.calendars.invalidate();
  }

  /** Every day in [from, to] (validated by the contract: real dates, at most 400 days). */
  async days(from: string, to: string): Promise<CalendarDay[]> {
    const years = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    if (years.some((y) => y < HOLIDAY_DATA_YEARS.first || y > HOLIDAY_DATA_YEARS.last)) throw CalendarErrors.rangeUnsupported();
    const calendar = await this.calendars.calendar();
    const days: CalendarDay[] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY_MS) {
      const date = new Date(t).toISOString().slice(0, 10);
      const reason = calendar.closedReason(date);
      days.push({ date, businessDay: reason === null, closedReason: reason });
    }
    return days;
  }
}
