import { AppError } from '@rr/domain';
import { LOTTERY_ROUND_EXCLUSION, PG, pgConstraint, pgErrorCode, TransactionHost } from '@rr/server/persistence';
import { isRetryable, LotteryErrors } from './car-lottery.errors';

const MAX_ATTEMPTS = 3;

/**
 * Runs `fn` in one transaction, again on a deadlock or serialisation failure (at top level only),
 * and maps the database errors a caller can cause to coded 4xx. Anything else is rethrown as is.
 */
export async function runLotteryTransaction<T>(tx: TransactionHost, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.run(fn);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && !tx.inTransaction && isRetryable(error)) continue;
      throw mapLotteryWriteError(error);
    }
  }
}

export function mapLotteryWriteError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (pgErrorCode(error) === PG.exclusionViolation && pgConstraint(error) === LOTTERY_ROUND_EXCLUSION) return LotteryErrors.roundOverlap();
  if (isRetryable(error)) return LotteryErrors.busy();
  return error;
}
