import type { TransactionHost } from '@rr/server/persistence';
import { isRetryableTransactionError, mapAcWriteError } from './ac.errors';

const MAX_ATTEMPTS = 3;

/**
 * Runs `fn` in one transaction (change + audit + outbox rows), runs it again on a deadlock or
 * serialisation failure (top level only), and maps database errors to coded 4xx.
 */
export async function runAcTransaction<T>(tx: TransactionHost, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.run(fn);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && !tx.inTransaction && isRetryableTransactionError(error)) continue;
      throw mapAcWriteError(error);
    }
  }
}
