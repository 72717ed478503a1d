import { AppError } from '@rr/domain';
import { CAR_BLOCK_EXCLUSION, CAR_BOOKING_CAR_EXCLUSION, CAR_BOOKING_DRIVER_EXCLUSION, PG, pgConstraint, pgErrorCode } from '@rr/server/persistence';

/** The cars feature's typed errors (codes and ja/en messages in @rr/contracts ERROR_MESSAGES). */
export const CarErrors = {
  carNotFound: () => new AppError('CAR_NOT_FOUND', 'not_found'),
  garageNotFound: () => new AppError('CAR_GARAGE_NOT_FOUND', 'not_found'),
  poolNotFound: () => new AppError('CAR_POOL_NOT_FOUND', 'not_found'),
  classNotFound: () => new AppError('CAR_CLASS_NOT_FOUND', 'not_found'),
  blockNotFound: () => new AppError('CAR_BLOCK_NOT_FOUND', 'not_found'),
  bookingNotFound: () => new AppError('CAR_BOOKING_NOT_FOUND', 'not_found'),
  driverNotFound: () => new AppError('CAR_DRIVER_NOT_FOUND', 'not_found'),
  driverUserNotFound: () => new AppError('CAR_DRIVER_USER_NOT_FOUND', 'not_found'),
  duplicate: (field: string) => new AppError('CAR_DUPLICATE', 'conflict', { field }),
  inUse: () => new AppError('CAR_IN_USE', 'conflict'),
  retired: () => new AppError('CAR_RETIRED', 'conflict'),
  blocked: () => new AppError('CAR_BLOCKED', 'conflict'),
  blockOverlap: () => new AppError('CAR_BLOCK_OVERLAP', 'conflict'),
  carTaken: () => new AppError('CAR_BOOKING_CAR_TAKEN', 'conflict'),
  driverOverlap: () => new AppError('CAR_BOOKING_DRIVER_OVERLAP', 'conflict'),
  classFull: () => new AppError('CAR_BOOKING_CLASS_FULL', 'conflict'),
  busy: () => new AppError('CAR_BOOKING_BUSY', 'conflict'),
  closed: () => new AppError('CAR_BOOKING_CLOSED', 'forbidden'),
  notHolder: () => new AppError('CAR_BOOKING_NOT_HOLDER', 'forbidden'),
  notEditable: () => new AppError('CAR_BOOKING_NOT_EDITABLE', 'conflict'),
  notCancellable: () => new AppError('CAR_BOOKING_NOT_CANCELLABLE', 'conflict'),
  driverOtherSection: () => new AppError('CAR_BOOKING_DRIVER_OTHER_SECTION', 'forbidden'),
  driverNotRegistered: () => new AppError('CAR_DRIVER_NOT_REGISTERED', 'forbidden'),
  driverNotEligible: (reasons: string[]) => new AppError('CAR_DRIVER_NOT_ELIGIBLE', 'forbidden', {}, { reasons }),
  tooManyPassengers: (seats: number) => new AppError('CAR_TOO_MANY_PASSENGERS', 'validation', { seats }),
  settingsInvalid: (reason: string) => new AppError('CAR_SETTINGS_INVALID', 'validation', { reason }),
  forbidden: () => new AppError('AUTH_FORBIDDEN', 'forbidden'),
};

/** Unique index → the contract field it guards (CAR_DUPLICATE's `params.field`). */
const UNIQUE_FIELDS: Readonly<Record<string, string>> = {
  UQ_garages_code: 'code',
  UQ_car_pools_code: 'code',
  UQ_cars_plate_number: 'plateNumber',
  UQ_cars_garage_bay: 'bay',
};

export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === PG.exclusionViolation && (constraint === undefined || pgConstraint(error) === constraint);
}

/** SQLSTATEs after which the whole transaction may simply be run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === '40P01' || code === '40001';
}

/**
 * Translates a failed write: a unique violation → CAR_DUPLICATE naming the field; an exclusion
 * violation → the overlap it reports; a foreign-key violation → `onForeignKey()` (a referenced row
 * is missing, or the row is still referenced). Anything else is returned unchanged, to be rethrown.
 */
export function mapCarWriteError(error: unknown, onForeignKey?: (constraint: string) => AppError): unknown {
  if (error instanceof AppError) return error;
  const code = pgErrorCode(error);
  const constraint = pgConstraint(error) ?? '';
  if (code === PG.uniqueViolation && UNIQUE_FIELDS[constraint]) return CarErrors.duplicate(UNIQUE_FIELDS[constraint]);
  if (code === PG.exclusionViolation) {
    if (constraint === CAR_BOOKING_CAR_EXCLUSION) return CarErrors.carTaken();
    if (constraint === CAR_BOOKING_DRIVER_EXCLUSION) return CarErrors.driverOverlap();
    if (constraint === CAR_BLOCK_EXCLUSION) return CarErrors.blockOverlap();
  }
  if (code === PG.foreignKeyViolation && onForeignKey) return onForeignKey(constraint);
  if (isRetryableTransactionError(error)) return CarErrors.busy();
  return error;
}
