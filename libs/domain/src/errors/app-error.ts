/**
 * How an error should be understood by a caller; the API maps each kind to one HTTP status in a
 * single exception filter, so rules never pick status codes.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'too_large'
  | 'unavailable';

/**
 * A typed error with a stable code (e.g. `AUTH_INVALID_CREDENTIALS`). Its human message comes from
 * the ja/en catalogue in `@rr/contracts` by code; `params` fill the message's placeholders.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly params: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }
}
