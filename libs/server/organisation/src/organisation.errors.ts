import { AppError } from '@rr/domain';
import { PG, pgConstraint, pgErrorCode } from '@rr/server/persistence';

/** The organisation feature's typed errors (codes and messages in @rr/contracts ERROR_MESSAGES). */
export const OrgErrors = {
  departmentNotFound: () => new AppError('ORG_DEPARTMENT_NOT_FOUND', 'not_found'),
  sectionNotFound: () => new AppError('ORG_SECTION_NOT_FOUND', 'not_found'),
  userNotFound: () => new AppError('ORG_USER_NOT_FOUND', 'not_found'),
  absenceNotFound: () => new AppError('ORG_ABSENCE_NOT_FOUND', 'not_found'),
  // `details` repeats the params so a client can point at the form field or CSV line.
  duplicate: (field: string) => new AppError('ORG_DUPLICATE', 'conflict', { field }, { field }),
  inUse: () => new AppError('ORG_IN_USE', 'conflict'),
  absenceOverlap: () => new AppError('ORG_ABSENCE_OVERLAP', 'conflict'),
  deputySelf: () => new AppError('ORG_DEPUTY_SELF', 'validation'),
  deputyTwice: () =>
    new AppError('VALIDATION_FAILED', 'validation', {}, [{ path: 'deputies', code: 'custom', message: 'the same user is listed twice' }]),
  csvInvalid: (line: number, reason: string) => new AppError('ORG_CSV_INVALID', 'validation', { line, reason }, { line, reason }),
  forbidden: () => new AppError('AUTH_FORBIDDEN', 'forbidden'),
  notCsv: () => new AppError('UNSUPPORTED_MEDIA_TYPE', 'validation'),
};

/** Unique index → the contract field it guards (ORG_DUPLICATE's `params.field`). */
const UNIQUE_FIELDS: Readonly<Record<string, string>> = {
  UQ_users_username: 'username',
  UQ_users_employee_number: 'employeeNumber',
  UQ_users_email: 'email',
  UQ_departments_code: 'code',
  UQ_sections_code: 'code',
};

/** The field a unique violation is about, or undefined when the error is something else. */
export function duplicateField(error: unknown): string | undefined {
  if (pgErrorCode(error) !== PG.uniqueViolation) return undefined;
  return UNIQUE_FIELDS[pgConstraint(error) ?? ''];
}

/** True when the error is a foreign-key violation (optionally of one named constraint). */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === PG.foreignKeyViolation && (constraint === undefined || pgConstraint(error) === constraint);
}

export function isExclusionViolation(error: unknown, constraint: string): boolean {
  return pgErrorCode(error) === PG.exclusionViolation && pgConstraint(error) === constraint;
}

/**
 * Translates a failed write: a unique violation → ORG_DUPLICATE naming the field; a foreign-key
 * violation → `onForeignKey()` (the referenced row is missing, or the row is still referenced).
 * Anything else is returned unchanged, to be rethrown.
 */
export function mapWriteError(error: unknown, onForeignKey?: () => AppError): unknown {
  const field = duplicateField(error);
  if (field) return OrgErrors.duplicate(field);
  if (onForeignKey && isForeignKeyViolation(error)) return onForeignKey();
  return error;
}
