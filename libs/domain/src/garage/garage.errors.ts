import { AppError, ErrorKind } from '../errors/app-error';

/**
 * Stable codes for every way the garage counter (車庫窓口) refuses something. The API's exception
 * filter maps `kind` to a status and the code to a ja/en message (@rr/contracts); never rename a code.
 */
export const GARAGE_ERROR_CODES = {
  GARAGE_READING_INVALID: 'validation',
  GARAGE_INSTRUCTIONS_REQUIRED: 'validation',
  GARAGE_REMOTE_MEANS_REQUIRED: 'validation',
  GARAGE_CHECK_TIME_INVALID: 'validation',
  GARAGE_ODOMETER_INVALID: 'validation',
  GARAGE_ODOMETER_BELOW_START: 'validation',
  GARAGE_ODOMETER_BELOW_PREVIOUS: 'validation',
  GARAGE_CHECK_REQUIRED: 'validation',
  GARAGE_PERIOD_INVALID: 'validation',
  GARAGE_SETTINGS_INVALID: 'validation',
  GARAGE_CORRECTION_EMPTY: 'validation',
  GARAGE_DETECTOR_NOT_FOUND: 'not_found',
  GARAGE_BOOKING_NOT_FOUND: 'not_found',
  GARAGE_CHECK_NOT_FOUND: 'not_found',
  GARAGE_LOG_NOT_FOUND: 'not_found',
  GARAGE_DRIVER_NOT_FOUND: 'not_found',
  GARAGE_DETECTOR_UNUSABLE: 'conflict',
  GARAGE_DETECTOR_DUPLICATE: 'conflict',
  GARAGE_DETECTOR_IN_USE: 'conflict',
  GARAGE_NOT_TODAY: 'conflict',
  GARAGE_BOOKING_NOT_ACTIVE: 'conflict',
  GARAGE_ALREADY_CHECKED_OUT: 'conflict',
  GARAGE_NOT_CHECKED_OUT: 'conflict',
  GARAGE_ALREADY_RETURNED: 'conflict',
  GARAGE_ALREADY_CORRECTED: 'conflict',
  GARAGE_RECORD_APPEND_ONLY: 'conflict',
  GARAGE_BUSY: 'conflict',
  GARAGE_DRIVER_NOT_ELIGIBLE: 'forbidden',
  GARAGE_NOT_YOURS: 'forbidden',
  GARAGE_NOT_HOLDER: 'forbidden',
  GARAGE_NO_LATE_RETURN: 'conflict',
  GARAGE_NO_FREE_CAR: 'conflict',
  GARAGE_MOVE_CAR_UNSUITABLE: 'conflict',
  GARAGE_MOVE_CAR_TAKEN: 'conflict',
} as const satisfies Record<string, ErrorKind>;

export type GarageErrorCode = keyof typeof GARAGE_ERROR_CODES;

export function garageError(code: GarageErrorCode, params: Record<string, string | number> = {}, details?: unknown): AppError {
  return new AppError(code, GARAGE_ERROR_CODES[code], params, details);
}
