import { AppError, ErrorKind } from '../errors/app-error';

/**
 * Stable codes for every way an AC extension (空調延長) request or transition is refused. The API's
 * exception filter maps `kind` to a status and the code to a ja/en message; never rename a code.
 */
export const AC_ERROR_CODES = {
  AC_INVALID_TIME: 'validation',
  AC_OFF_GRID: 'validation',
  AC_INVALID_RANGE: 'validation',
  AC_NO_EXTENSION: 'validation',
  AC_INVALID_DATE: 'validation',
  AC_NO_DATES: 'validation',
  AC_DUPLICATE_DATE: 'validation',
  AC_NO_ZONES: 'validation',
  AC_DUPLICATE_ZONE: 'validation',
  AC_UNKNOWN_ZONE: 'validation',
  AC_INVALID_HEADCOUNT: 'validation',
  AC_INVALID_REASON: 'validation',
  AC_REASON_TEXT_REQUIRED: 'validation',
  AC_DEADLINE_PASSED: 'validation',
  AC_ALREADY_OVER: 'validation',
  AC_COMMENT_REQUIRED: 'validation',
  AC_INVALID_SETTING: 'validation',
  AC_NO_RATE: 'conflict',
  AC_INVALID_TRANSITION: 'conflict',
  AC_NOT_ALLOWED: 'forbidden',
  AC_CANCEL_REASON_REQUIRED: 'validation',
  AC_CANCEL_TOO_LATE: 'conflict',
} as const satisfies Record<string, ErrorKind>;

export type AcErrorCode = keyof typeof AC_ERROR_CODES;

/** An AppError whose kind always matches its code, so no call site can pick the wrong status. */
export function acError(code: AcErrorCode, params: Record<string, string | number> = {}): AppError {
  return new AppError(code, AC_ERROR_CODES[code], params);
}
