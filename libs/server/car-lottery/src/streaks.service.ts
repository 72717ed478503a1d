import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@rr/server/persistence';

/**
 * LOTTERY.md "zero-win-streak tickets": z resets on any win, and also when a win is declined, not
 * confirmed, or a no-show. The garage counter's no-show release calls this inside its transaction.
 */
@Injectable()
export class LotteryStreaksService {
  constructor(private readonly tx: TransactionHost) {}

  /** Sets z = 0 for the users in the pool (only rows that exist: no streak means z = 0 already). Returns how many changed. */
  async resetAfterNoShow(poolId: string, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    const [, changed]: [unknown, number] = await this.tx.manager.query(
      `UPDATE lottery_streaks SET zero_win_streak = 0, updated_at = now()
        WHERE pool_id = $1 AND user_id = ANY($2::uuid[]) AND zero_win_streak <> 0`,
      [poolId, [...new Set(userIds)]],
    );
    return changed;
  }
}
