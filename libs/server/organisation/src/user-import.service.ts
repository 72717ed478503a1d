import { Injectable } from '@nestjs/common';
import type { UserCsvImportResult } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { requestContext } from '@rr/server/http';
import { TransactionHost, UserEntity } from '@rr/server/persistence';
import { userAuditSnapshot } from './organisation.mappers';
import { duplicateField, OrgErrors } from './organisation.errors';
import { SectionsRepository } from './sections.repository';
import { CSV_COLUMN_OF, csvError, parseUserCsv, UserCsvRow } from './user-csv';
import { UsersRepository, UserValues } from './users.repository';

type CsvFields = Pick<UserValues, 'displayName' | 'nameKana' | 'employeeNumber' | 'email' | 'sectionId' | 'roles' | 'locale'>;

function sameFields(user: UserEntity, fields: CsvFields): boolean {
  return (
    user.displayName === fields.displayName &&
    user.nameKana === fields.nameKana &&
    user.employeeNumber === fields.employeeNumber &&
    user.email === fields.email &&
    user.sectionId === fields.sectionId &&
    user.locale === fields.locale &&
    user.roles.length === fields.roles.length &&
    user.roles.every((r) => fields.roles.includes(r))
  );
}

/**
 * Bulk user import from the personnel system's CSV: upsert by username, all or nothing in one
 * transaction. Imported accounts get no password (SSO, or an administrator's reset later); an
 * update never touches password, lock-out or active flag. Unchanged rows are not written.
 */
@Injectable()
export class UserImportService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sections: SectionsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async importCsv(body: unknown): Promise<UserCsvImportResult> {
    if (typeof body !== 'string') throw OrgErrors.notCsv();
    const locale = requestContext.get()?.locale ?? 'ja';
    const rows = parseUserCsv(body, locale);

    return this.tx.run(async () => {
      const sections = await this.sections.findByCodes([...new Set(rows.map((r) => r.sectionCode))]);
      const sectionIds = new Map(sections.map((s) => [s.code, s.id]));
      const unknown = rows.find((r) => !sectionIds.has(r.sectionCode));
      if (unknown) throw csvError(unknown.line, 'unknownSection', locale, { code: unknown.sectionCode });

      const existing = new Map((await this.users.findByUsernamesForUpdate(rows.map((r) => r.username))).map((u) => [u.username, u]));
      const result: UserCsvImportResult = { created: 0, updated: 0 };
      for (const row of rows) {
        const fields: CsvFields = {
          displayName: row.displayName,
          nameKana: row.nameKana,
          employeeNumber: row.employeeNumber,
          email: row.email,
          sectionId: sectionIds.get(row.sectionCode)!,
          roles: row.roles,
          locale: row.locale,
        };
        try {
          await this.upsert(row, fields, existing.get(row.username), result);
        } catch (error) {
          // Another user (not in this file, or later in it) holds the e-mail or employee number.
          const field = duplicateField(error);
          if (field) throw csvError(row.line, 'inUse', locale, { column: CSV_COLUMN_OF[field] ?? field, value: String(row[field as keyof UserCsvRow]) });
          throw error;
        }
      }
      await this.audit.record('user.import', 'user', 'csv', null, { ...result, rows: rows.length });
      return result;
    });
  }

  private async upsert(row: UserCsvRow, fields: CsvFields, before: UserEntity | undefined, result: UserCsvImportResult): Promise<void> {
    if (!before) {
      const id = await this.users.insert({ username: row.username, ...fields, isActive: true, passwordHash: null });
      await this.audit.record('user.create', 'user', id, null, { username: row.username, ...fields, isActive: true, source: 'csv' });
      result.created++;
      return;
    }
    if (sameFields(before, fields)) return;
    await this.users.update(before.id, fields);
    await this.audit.record('user.update', 'user', before.id, userAuditSnapshot(before), { ...userAuditSnapshot(before), ...fields, source: 'csv' });
    result.updated++;
  }
}
