/**
 * Stable codes for every way lottery input, parameters or records can be rejected. The API's
 * exception filter maps them to 4xx responses and translated messages; never rename a code.
 */
export const LOTTERY_ERROR_CODES = [
  'LOTTERY_INVALID_INPUT',
  'LOTTERY_INVALID_ID',
  'LOTTERY_DUPLICATE_ID',
  'LOTTERY_INVALID_TIME',
  'LOTTERY_OFF_GRID',
  'LOTTERY_INVALID_PERIOD',
  'LOTTERY_INVALID_INTERVAL',
  'LOTTERY_OUTSIDE_PERIOD',
  'LOTTERY_NO_OPTIONS',
  'LOTTERY_TOO_MANY_OPTIONS',
  'LOTTERY_UNKNOWN_CLASS',
  'LOTTERY_UNKNOWN_RESOURCE',
  'LOTTERY_INVALID_RANK',
  'LOTTERY_INVALID_STREAK',
  'LOTTERY_INVALID_SECRET',
  'LOTTERY_COMMITMENT_MISMATCH',
  'LOTTERY_INVALID_EXTERNAL_VALUE',
  'LOTTERY_UNSUPPORTED_ALGORITHM',
  'LOTTERY_INVALID_RECORD',
  'LOTTERY_INVALID_RELEASE',
] as const;

export type LotteryErrorCode = (typeof LOTTERY_ERROR_CODES)[number];

/** What the rejected thing was, so a caller can point at the offending request or field. */
export interface LotteryErrorDetails {
  readonly requestId?: string;
  readonly field?: string;
  readonly value?: string;
}

export class LotteryError extends Error {
  readonly code: LotteryErrorCode;
  readonly details: LotteryErrorDetails;

  constructor(code: LotteryErrorCode, message: string, details: LotteryErrorDetails = {}) {
    super(message);
    this.name = 'LotteryError';
    this.code = code;
    this.details = details;
  }
}

export function isLotteryError(error: unknown): error is LotteryError {
  return error instanceof LotteryError;
}
