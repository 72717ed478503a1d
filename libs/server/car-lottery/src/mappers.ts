import type { LotteryRequest, LotteryRound, LotterySettings } from '@rr/contracts';
import { tokyoDate } from '@rr/domain';
import type { RequestView } from './requests.repository';
import type { RoundCounts, RoundRow, SettingsValues } from './rounds.repository';
import { minuteToHhmm } from './rules/round-schedule';
import { confirmationIsOpen, windowIsOpen } from './rules/round-state';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const DRAWN = new Set(['drawn', 'confirming', 'first_come', 'closed']);

/** The public view of a round. The secret only appears once the round is drawn (it is in the record then anyway). */
export function toLotteryRound(r: RoundRow, counts: RoundCounts | undefined, now: Date): LotteryRound {
  const drawn = DRAWN.has(r.status);
  return {
    id: r.id,
    poolId: r.poolId,
    poolCode: r.poolCode,
    poolName: r.poolName,
    periodStart: r.periodStart.toISOString(),
    periodEnd: r.periodEnd.toISOString(),
    firstDate: tokyoDate(r.periodStart),
    lastDate: tokyoDate(new Date(r.periodEnd.getTime() - 1)),
    status: r.status,
    statusChangedAt: r.statusChangedAt.toISOString(),
    schedule: {
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      drawAt: r.drawAt.toISOString(),
      confirmBy: r.confirmBy.toISOString(),
      firstComeAt: r.firstComeAt.toISOString(),
    },
    windowOpen: windowIsOpen(r, now),
    firstComeOpen: now >= r.firstComeAt,
    perUserCap: r.perUserCap,
    perSectionCap: r.perSectionCap,
    commitment: r.commitment,
    externalValue: r.externalValue,
    externalValueSource: r.externalValueSource,
    externalValueSetAt: iso(r.externalValueSetAt),
    frozenAt: iso(r.frozenAt),
    inputDigest: r.inputDigest,
    ticketDigest: r.ticketDigest,
    drawnAt: iso(r.drawnAt),
    seed: drawn ? r.seed : null,
    secret: drawn ? r.secret : null,
    drawInputDigest: drawn ? r.drawInputDigest : null,
    inputChangedAfterFreeze: drawn ? r.inputChangedAfterFreeze : null,
    resultDigest: drawn ? r.resultDigest : null,
    waitlistDigest: r.waitlistDigest,
    requestCount: counts?.requestCount ?? 0,
    applicantCount: counts?.applicantCount ?? 0,
    createdAt: r.createdAt.toISOString(),
  };
}

export function toLotteryRequest(v: RequestView, round: Pick<RoundRow, 'status' | 'confirmBy'>, now: Date): LotteryRequest {
  return {
    id: v.id,
    roundId: v.roundId,
    userId: v.userId,
    driverId: v.driverId,
    driverName: v.driverName,
    sectionId: v.sectionId,
    rank: v.rank,
    purpose: v.purpose,
    destination: v.destination,
    passengers: v.passengers,
    outOfPrefecture: v.outOfPrefecture,
    status: v.status,
    options: v.options.map((o) => ({ ...o, startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
    result: v.result,
    wonOption: v.wonOption,
    booking: v.booking ? { ...v.booking, startsAt: v.booking.startsAt.toISOString(), endsAt: v.booking.endsAt.toISOString() } : null,
    canRespond: v.status === 'active' && v.booking?.status === 'provisional' && confirmationIsOpen(round, now),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

const point = (day: number, minute: number) => ({ day, time: minuteToHhmm(minute) });

export function toLotterySettings(poolId: string, v: SettingsValues, updatedAt: Date | null): LotterySettings {
  return {
    poolId,
    enabled: v.enabled,
    opens: point(v.opensDay, v.opensMinute),
    closes: point(v.closesDay, v.closesMinute),
    draw: point(v.drawDay, v.drawMinute),
    confirmBy: point(v.confirmDay, v.confirmMinute),
    firstCome: point(v.firstComeDay, v.firstComeMinute),
    periodOffsetDays: v.periodOffsetDays,
    periodDays: v.periodDays,
    perUserCap: v.perUserCap,
    perSectionCap: v.perSectionCap,
    reminderMinutesBefore: v.reminderMinutesBefore,
    createAheadDays: v.createAheadDays,
    updatedAt: updatedAt ? updatedAt.toISOString() : null,
  };
}
