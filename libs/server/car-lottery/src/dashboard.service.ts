import { Injectable } from '@nestjs/common';
import type { LotteryDashboard } from '@rr/contracts';
import { tokyoDate } from '@rr/domain';
import { DashboardRepository } from './dashboard.repository';
import { LotteryErrors } from './car-lottery.errors';
import { RoundsRepository } from './rounds.repository';
import { addDays, tokyoAtMinute } from './rules/round-schedule';

/** Working hours the load is measured in (LOTTERY.md: working day 8:30–17:15). */
const WORK_FROM = 8 * 60 + 30;
const WORK_UNTIL = 17 * 60 + 15;

function overlapHours(a: { startsAt: Date; endsAt: Date }, from: Date, to: Date): number {
  const ms = Math.min(a.endsAt.getTime(), to.getTime()) - Math.max(a.startsAt.getTime(), from.getTime());
  return ms > 0 ? ms / 3_600_000 : 0;
}

function histogram<K extends string>(values: number[], key: K): Array<Record<K, number> & { users: number }> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([k, users]) => ({ [key]: k, users }) as Record<K, number> & { users: number });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The round at a glance for garage administrators: entries, demand against capacity, outcome, fairness. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly repo: DashboardRepository,
    private readonly rounds: RoundsRepository,
  ) {}

  async get(roundId: string): Promise<LotteryDashboard> {
    const round = await this.rounds.findById(roundId);
    if (!round) throw LotteryErrors.roundNotFound();
    const [entries, shapes, classes, firsts, held, outcome, winners, frozen] = [
      await this.repo.entries(roundId),
      await this.repo.shapes(roundId),
      await this.repo.poolClasses(round.poolId),
      await this.repo.firstChoices(roundId),
      await this.repo.heldAllocations(roundId),
      await this.repo.outcome(roundId),
      await this.repo.winners(roundId),
      await this.rounds.frozenState(roundId),
    ];

    const demand: LotteryDashboard['demand'] = [];
    const firstDate = tokyoDate(round.periodStart);
    const lastDate = tokyoDate(new Date(round.periodEnd.getTime() - 1));
    const classNames = new Map(classes.map((c) => [c.classCode, c]));
    for (const code of new Set(firsts.map((f) => f.classCode))) if (!classNames.has(code)) classNames.set(code, { classCode: code, className: code, cars: 0 });
    for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
      const from = tokyoAtMinute(date, WORK_FROM);
      const to = tokyoAtMinute(date, WORK_UNTIL);
      for (const c of classNames.values()) {
        const capacityHours = round2(c.cars * ((WORK_UNTIL - WORK_FROM) / 60));
        const requestedHours = round2(firsts.filter((f) => f.classCode === c.classCode).reduce((sum, f) => sum + overlapHours(f, from, to), 0));
        const wonHours = round2(held.filter((h) => h.classCode === c.classCode).reduce((sum, h) => sum + overlapHours(h, from, to), 0));
        demand.push({ date, classCode: c.classCode, className: c.className, cars: c.cars, capacityHours, requestedHours, load: capacityHours > 0 ? round2(requestedHours / capacityHours) : null, wonHours });
      }
    }

    const table = frozen.ticketTable ?? [];
    const applicants = table.length || entries.applicants;
    const drawn = ['drawn', 'confirming', 'first_come', 'closed'].includes(round.status);
    return {
      roundId,
      status: round.status,
      entries: { ...entries, byRank: shapes.byRank, byChoices: shapes.byChoices },
      demand,
      outcome,
      fairness: {
        applicants,
        applicantsWithWin: winners,
        shareWithWin: drawn && applicants > 0 ? round2(winners / applicants) : null,
        streakBefore: histogram(table.map((t) => t.zeroWinStreak), 'zeroWinStreak'),
        streakAfter: drawn ? await this.repo.streaksNow(round.poolId, table.map((t) => t.userId)) : [],
        tickets: histogram(table.map((t) => t.tickets), 'tickets'),
      },
    };
  }
}
