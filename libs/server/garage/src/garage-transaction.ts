import { AppError, garageError } from '@rr/domain';
import { CAR_BOOKING_CAR_EXCLUSION, PG, pgConstraint, pgErrorCode, TransactionHost } from '@rr/server/persistence';
import { QueryFailedError } from 'typeorm';

const MAX_ATTEMPTS = 3;

function retryable(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === '40P01' || code === '40001';
}

/**
 * Translates a failed write into a coded 4xx: the append-only trigger, unique keys (one check-out and
 * one return per booking, one correction per record, serial numbers), a detector still referenced,
 * a reading or odometer the table refuses. Anything else is rethrown unchanged.
 */
export function mapGarageWriteError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = pgErrorCode(error);
  const constraint = pgConstraint(error) ?? '';
  if (code === '42501') return garageError('GARAGE_RECORD_APPEND_ONLY');
  if (code === PG.uniqueViolation) {
    if (constraint === 'UQ_alcohol_detectors_serial') return garageError('GARAGE_DETECTOR_DUPLICATE');
    if (constraint === 'UQ_key_handovers_booking_kind') {
      const detail = error instanceof QueryFailedError ? String((error.driverError as { detail?: string }).detail ?? '') : '';
      return garageError(detail.includes('check_out') ? 'GARAGE_ALREADY_CHECKED_OUT' : 'GARAGE_ALREADY_RETURNED');
    }
    if (constraint === 'UQ_driving_logs_booking') return garageError('GARAGE_ALREADY_RETURNED');
    if (constraint === 'UQ_alcohol_checks_corrects' || constraint === 'UQ_driving_logs_corrects') return garageError('GARAGE_ALREADY_CORRECTED');
  }
  // Moving a booking to the offered car: someone booked that car meanwhile.
  if (code === PG.exclusionViolation && constraint === CAR_BOOKING_CAR_EXCLUSION) return garageError('GARAGE_MOVE_CAR_TAKEN');
  if (code === PG.foreignKeyViolation && constraint.startsWith('FK_') && /detector/.test(constraint)) return garageError('GARAGE_DETECTOR_IN_USE');
  if (code === PG.checkViolation) {
    if (constraint === 'CK_alcohol_checks_reading') return garageError('GARAGE_READING_INVALID', { max: '5.00' });
    if (constraint === 'CK_driving_logs_odometer') return garageError('GARAGE_ODOMETER_BELOW_START', { start: 0 });
    return new AppError('VALIDATION_FAILED', 'validation', {}, { constraint });
  }
  if (retryable(error)) return garageError('GARAGE_BUSY');
  return error;
}

/** One transaction per change; a deadlock or serialisation failure at top level is simply run again. */
export async function runGarageTransaction<T>(tx: TransactionHost, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.run(fn);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && !tx.inTransaction && retryable(error)) continue;
      throw mapGarageWriteError(error);
    }
  }
}
