import type { AppError } from '@rr/domain';
import type { TransactionHost } from '@rr/server/persistence';
import { isRetryableTransactionError, mapCarWriteError } from './cars.errors';

/** Deadlocks between a block (car FOR UPDATE) and bookings (FOR SHARE) are rare and safe to retry. */
const MAX_ATTEMPTS = 3;

/**
 * Runs `fn` in one transaction, runs it again on a deadlock or serialisation failure (at top level
 * only: a joined outer transaction is already lost), and maps database errors to coded 4xx.
 */
export async function runCarTransaction<T>(tx: TransactionHost, fn: () => Promise<T>, onForeignKey?: (constraint: string) => AppError): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.run(fn);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && !tx.inTransaction && isRetryableTransactionError(error)) continue;
      throw mapCarWriteError(error, onForeignKey);
    }
  }
}
