import { Injectable } from '@nestjs/common';
import { AppError } from '@rr/domain';
import { TransactionHost } from '@rr/server/persistence';

/**
 * First-come booking of a high-demand room during a lottery (ADR 0021): a slot that overlaps the
 * period of a room lottery round covering the room is refused until that round's first-come time
 * (409 ROOM_LOTTERY_PERIOD). The rounds belong to @rr/server/room-lottery, which depends on this
 * library; the check reads their table directly so the dependency stays one-way. Called under
 * the room's row lock, which round creation also takes, so a booking and a new round serialise.
 */
@Injectable()
export class RoomLotteryPeriodCheck {
  constructor(private readonly tx: TransactionHost) {}

  async assertBookable(roomId: string, startsAt: Date, endsAt: Date, now: Date): Promise<void> {
    const firstComeAt = await this.lotteryUntil(roomId, startsAt, endsAt, now);
    if (firstComeAt) throw new AppError('ROOM_LOTTERY_PERIOD', 'conflict', { firstComeAt: firstComeAt.toISOString() });
  }

  /** When first-come opens for this slot, if a lottery round still holds it; null when it is free to book. */
  async lotteryUntil(roomId: string, startsAt: Date, endsAt: Date, now: Date): Promise<Date | null> {
    const rows: Array<{ first_come_at: Date }> = await this.tx.manager.query(
      `SELECT first_come_at FROM room_lottery_rounds
        WHERE $1::uuid = ANY(room_ids) AND first_come_at > $4
          AND tstzrange(period_start, period_end) && tstzrange($2, $3)
        ORDER BY first_come_at DESC LIMIT 1`,
      [roomId, startsAt, endsAt, now],
    );
    return rows[0]?.first_come_at ?? null;
  }
}
