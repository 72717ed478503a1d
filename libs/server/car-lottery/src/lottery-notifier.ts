import { Injectable } from '@nestjs/common';
import { NotificationsService } from '@rr/server/notifications';
import type { RoundRow } from './rounds.repository';

export interface WinLine {
  requestId: string;
  bookingId: string;
  option: number;
  className: string;
  plateNumber: string;
  startsAt: Date;
  endsAt: Date;
}

const iso = (d: Date) => d.toISOString();

/**
 * The lottery's notifications, written through notify() inside the caller's transaction (the
 * outbox: a rolled-back draw leaves none). Each carries a dedupe key, so a step that is re-run
 * after a crash between notify and commit cannot notify twice.
 */
@Injectable()
export class LotteryNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  async roundOpen(round: RoundRow, recipients: string[]): Promise<void> {
    await this.notifications.notify(
      recipients,
      'lottery.round_open',
      { roundId: round.id, poolName: round.poolName, periodStart: iso(round.periodStart), periodEnd: iso(round.periodEnd), closesAt: iso(round.closesAt), drawAt: iso(round.drawAt) },
      { dedupeKey: `lottery:${round.id}:open` },
    );
  }

  /** One notification per winner listing all their wins (at most 100 lines; more are still booked). */
  async won(round: RoundRow, confirmBy: Date, userId: string, wins: WinLine[]): Promise<void> {
    await this.notifications.notify(
      userId,
      'lottery.won',
      {
        roundId: round.id,
        poolName: round.poolName,
        confirmBy: iso(confirmBy),
        wins: wins.slice(0, 100).map((w) => ({ ...w, startsAt: iso(w.startsAt), endsAt: iso(w.endsAt) })),
      },
      { dedupeKey: `lottery:${round.id}:won` },
    );
  }

  /** Users who won nothing, grouped by how many requests they had (one notify() call per group). */
  async lost(round: RoundRow, losers: Map<string, number>): Promise<void> {
    const byCount = new Map<number, string[]>();
    for (const [userId, n] of losers) byCount.set(n, [...(byCount.get(n) ?? []), userId]);
    for (const [requestCount, users] of byCount) {
      await this.notifications.notify(users, 'lottery.lost', { roundId: round.id, poolName: round.poolName, requestCount }, { dedupeKey: `lottery:${round.id}:lost` });
    }
  }

  async promoted(round: RoundRow, userId: string, w: WinLine): Promise<void> {
    await this.notifications.notify(
      userId,
      'lottery.promoted',
      { roundId: round.id, poolName: round.poolName, requestId: w.requestId, bookingId: w.bookingId, className: w.className, plateNumber: w.plateNumber, startsAt: iso(w.startsAt), endsAt: iso(w.endsAt) },
      { dedupeKey: `lottery:${round.id}:promoted:${w.requestId}` },
    );
  }

  async reminder(round: RoundRow, userId: string, pending: number): Promise<void> {
    await this.notifications.notify(
      userId,
      'lottery.confirm_reminder',
      { roundId: round.id, poolName: round.poolName, confirmBy: iso(round.confirmBy), pending },
      { dedupeKey: `lottery:${round.id}:remind` },
    );
  }

  async winVoid(round: RoundRow, userId: string, v: { requestId: string; bookingId: string; startsAt: Date; endsAt: Date }): Promise<void> {
    await this.notifications.notify(
      userId,
      'lottery.win_void',
      { roundId: round.id, poolName: round.poolName, requestId: v.requestId, bookingId: v.bookingId, startsAt: iso(v.startsAt), endsAt: iso(v.endsAt) },
      { dedupeKey: `lottery:${round.id}:void:${v.bookingId}` },
    );
  }
}
