import { LOTTERY_MAX_CHOICES } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { PG, pgErrorCode } from '@rr/server/persistence';

/** The lottery's typed errors (codes and ja/en messages in @rr/contracts ERROR_MESSAGES). */
export const LotteryErrors = {
  roundNotFound: () => new AppError('LOTTERY_ROUND_NOT_FOUND', 'not_found'),
  requestNotFound: () => new AppError('LOTTERY_REQUEST_NOT_FOUND', 'not_found'),
  poolNotFound: () => new AppError('CAR_POOL_NOT_FOUND', 'not_found'),
  windowNotOpen: (opensAt: string) => new AppError('LOTTERY_WINDOW_NOT_OPEN', 'conflict', { opensAt }),
  windowClosed: () => new AppError('LOTTERY_WINDOW_CLOSED', 'conflict'),
  tooManyOptions: () => new AppError('LOTTERY_TOO_MANY_OPTIONS', 'validation', { max: LOTTERY_MAX_CHOICES }),
  outsidePeriod: (from: string, to: string, field: string) => new AppError('LOTTERY_OUTSIDE_PERIOD', 'validation', { from, to }, { field }),
  unknownClass: (classCode: string, field: string) => new AppError('LOTTERY_UNKNOWN_CLASS', 'validation', { classCode }, { field }),
  userCap: (cap: number) => new AppError('LOTTERY_USER_CAP', 'conflict', { cap }),
  sectionCap: (cap: number) => new AppError('LOTTERY_SECTION_CAP', 'conflict', { cap }),
  optionsAllBusy: () => new AppError('LOTTERY_OPTIONS_ALL_BUSY', 'conflict'),
  notOwner: () => new AppError('LOTTERY_NOT_OWNER', 'forbidden'),
  notDrawn: () => new AppError('LOTTERY_NOT_DRAWN', 'conflict'),
  notFrozen: () => new AppError('LOTTERY_NOT_FROZEN', 'conflict'),
  alreadyDrawn: () => new AppError('LOTTERY_ALREADY_DRAWN', 'conflict'),
  notAWin: () => new AppError('LOTTERY_NOT_A_WIN', 'conflict'),
  confirmClosed: (deadline: string) => new AppError('LOTTERY_CONFIRM_CLOSED', 'conflict', { deadline }),
  roundOverlap: () => new AppError('LOTTERY_ROUND_OVERLAP', 'conflict'),
  scheduleInvalid: (reason: string) => new AppError('LOTTERY_SCHEDULE_INVALID', 'validation', { reason }),
  externalValueSet: () => new AppError('LOTTERY_EXTERNAL_VALUE_SET', 'conflict'),
  reorderMismatch: () => new AppError('LOTTERY_REORDER_MISMATCH', 'validation'),
  carNotInPool: () => new AppError('LOTTERY_CAR_NOT_IN_POOL', 'validation'),
  recordInvalid: (reason: string) => new AppError('LOTTERY_RECORD_INVALID', 'validation', { reason: reason.slice(0, 200) }),
  recordMismatch: (path: string, expected: string, actual: string) =>
    new AppError('LOTTERY_RECORD_MISMATCH', 'validation', { path }, { path, expected, actual }),
  settingsInvalid: (reason: string) => new AppError('LOTTERY_SETTINGS_INVALID', 'validation', { reason }),
  busy: () => new AppError('CAR_BOOKING_BUSY', 'conflict'),
  forbidden: () => new AppError('AUTH_FORBIDDEN', 'forbidden'),
  // Reused from the cars feature so the web shows the same texts for the same facts.
  driverNotRegistered: () => new AppError('CAR_DRIVER_NOT_REGISTERED', 'forbidden'),
  driverOtherSection: () => new AppError('CAR_BOOKING_DRIVER_OTHER_SECTION', 'forbidden'),
  driverNotEligible: (reasons: string[]) => new AppError('CAR_DRIVER_NOT_ELIGIBLE', 'forbidden', {}, { reasons }),
  tooManyPassengers: (seats: number) => new AppError('CAR_TOO_MANY_PASSENGERS', 'validation', { seats }),
};

/** SQLSTATEs after which a whole transaction may simply be run again. */
export function isRetryable(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === '40P01' || code === '40001';
}

export function isCheckViolation(error: unknown): boolean {
  return pgErrorCode(error) === PG.checkViolation;
}
