import type { TransactionHost } from '@rr/server/persistence';
import { isRetryableTransactionError, mapRoomWriteError } from './rooms.errors';

/** Deadlocks (an edit moving rooms against a block) are rare and safe to retry. */
const MAX_ATTEMPTS = 3;

/**
 * Runs `fn` in one transaction, runs it again on a deadlock or serialisation failure (at top level
 * only: a joined outer transaction is already lost), and maps database errors to coded 4xx.
 */
export async function runRoomTransaction<T>(tx: TransactionHost, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.run(fn);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && !tx.inTransaction && isRetryableTransactionError(error)) continue;
      throw mapRoomWriteError(error);
    }
  }
}
