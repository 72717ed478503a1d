import { AppError } from '@rr/domain';
import { PG, pgConstraint, pgErrorCode } from '@rr/server/persistence';

/** The server side's typed errors of after-hours AC (codes and ja/en texts in @rr/contracts). */
export const AcErrors = {
  requestNotFound: () => new AppError('AC_REQUEST_NOT_FOUND', 'not_found'),
  zoneNotFound: () => new AppError('AC_ZONE_NOT_FOUND', 'not_found'),
  buildingNotFound: () => new AppError('AC_BUILDING_NOT_FOUND', 'not_found'),
  floorNotFound: () => new AppError('AC_FLOOR_NOT_FOUND', 'not_found'),
  unknownZone: (zoneId: string) => new AppError('AC_UNKNOWN_ZONE', 'validation', { zoneId }),
  pastDate: (date: string) => new AppError('AC_PAST_DATE', 'validation', { date }),
  stale: () => new AppError('AC_STALE', 'conflict'),
  busy: () => new AppError('AC_BUSY', 'conflict'),
  notAllowed: (action: string) => new AppError('AC_NOT_ALLOWED', 'forbidden', { action }),
  duplicate: (field: string) => new AppError('AC_DUPLICATE', 'conflict', { field }),
  rateExists: () => new AppError('AC_RATE_EXISTS', 'conflict'),
};

const UNIQUE_FIELDS: Readonly<Record<string, string>> = {
  UQ_ac_buildings_code: 'code',
  UQ_ac_floors_building_level: 'level',
  UQ_ac_zones_code: 'code',
};

export function isRetryableTransactionError(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === '40P01' || code === '40001';
}

/**
 * Translates a failed write into a coded 4xx: unique keys → AC_DUPLICATE / AC_RATE_EXISTS, a missing
 * referenced zone or floor → not found, a deadlock that survived the retries → AC_BUSY. Anything
 * else is returned unchanged, to be rethrown.
 */
export function mapAcWriteError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = pgErrorCode(error);
  const constraint = pgConstraint(error) ?? '';
  if (code === PG.uniqueViolation && constraint === 'PK_ac_zone_rates') return AcErrors.rateExists();
  if (code === PG.uniqueViolation && UNIQUE_FIELDS[constraint]) return AcErrors.duplicate(UNIQUE_FIELDS[constraint]);
  if (code === PG.foreignKeyViolation) {
    if (constraint === 'FK_ac_floors_building') return AcErrors.buildingNotFound();
    if (constraint === 'FK_ac_zones_floor') return AcErrors.floorNotFound();
    if (constraint === 'FK_ac_request_zones_zone' || constraint === 'FK_ac_request_lines_zone' || constraint === 'FK_ac_zone_rates_zone') return AcErrors.zoneNotFound();
  }
  if (isRetryableTransactionError(error)) return AcErrors.busy();
  return error;
}
