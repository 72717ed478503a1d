import { createUserSchema, type Locale, type Role, USER_CSV_COLUMNS } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { OrgErrors } from './organisation.errors';

/** One accepted data row of the user CSV, with the (first) line it starts on for error messages. */
export interface UserCsvRow {
  line: number;
  username: string;
  displayName: string;
  nameKana: string;
  employeeNumber: string;
  email: string;
  sectionCode: string;
  roles: Role[];
  locale: Locale;
}

export type UserCsvColumn = (typeof USER_CSV_COLUMNS)[number];

export const USER_CSV_MAX_ROWS = 5000;

/** Contract field → CSV column, to name the column a problem is in. */
export const CSV_COLUMN_OF: Readonly<Record<string, UserCsvColumn>> = {
  username: 'username',
  displayName: 'display_name',
  nameKana: 'name_kana',
  employeeNumber: 'employee_number',
  email: 'email',
  sectionCode: 'section_code',
  roles: 'roles',
  locale: 'locale',
};

const REASONS = {
  empty: { ja: () => 'データがありません（見出し行が必要です）', en: () => 'the file is empty (a header row is required)' },
  header: {
    ja: (p: Params) => `見出し行は ${p.columns} の列にしてください`,
    en: (p: Params) => `the header row must have the columns ${p.columns}`,
  },
  tooMany: { ja: (p: Params) => `行数が上限（${p.max} 行）を超えています`, en: (p: Params) => `more than ${p.max} data rows` },
  malformed: { ja: (p: Params) => `CSV の形式が正しくありません（${p.detail}）`, en: (p: Params) => `malformed CSV (${p.detail})` },
  invalid: { ja: (p: Params) => `${p.column} の値が正しくありません（${p.detail}）`, en: (p: Params) => `${p.column} is invalid (${p.detail})` },
  duplicateInFile: {
    ja: (p: Params) => `${p.column} が ${p.other} 行目と重複しています`,
    en: (p: Params) => `${p.column} duplicates line ${p.other}`,
  },
  unknownSection: { ja: (p: Params) => `課コード ${p.code} が見つかりません`, en: (p: Params) => `section_code ${p.code} does not exist` },
  inUse: {
    ja: (p: Params) => `${p.column} ${p.value} は別の職員が使用しています`,
    en: (p: Params) => `${p.column} ${p.value} is used by another user`,
  },
} as const;
type Params = Record<string, string | number>;
export type CsvReason = keyof typeof REASONS;

/** ORG_CSV_INVALID with a reason in the caller's language (the message template is localised too). */
export function csvError(line: number, reason: CsvReason, locale: Locale, params: Params = {}): AppError {
  return OrgErrors.csvInvalid(line, REASONS[reason][locale](params));
}

const rowSchema = createUserSchema
  .pick({ username: true, displayName: true, nameKana: true, employeeNumber: true, email: true, roles: true, locale: true })
  .extend({ sectionCode: z.string().trim().min(1).max(32) });

interface Parsed {
  record: string[];
  info: { lines: number };
}

/**
 * Parses and checks the user CSV (UTF-8, optional BOM, header row with USER_CSV_COLUMNS in any
 * order, roles separated by `|`). Pure: throws ORG_CSV_INVALID for the first bad line, so the caller
 * writes nothing. Rows whose cells are all empty (spreadsheet leftovers) are skipped.
 */
export function parseUserCsv(text: string, locale: Locale, maxRows = USER_CSV_MAX_ROWS): UserCsvRow[] {
  let parsed: Parsed[];
  try {
    parsed = parse(text, { bom: true, info: true, trim: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as unknown as Parsed[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines) || 1;
      throw csvError(line, 'malformed', locale, { detail: error.code });
    }
    throw error;
  }
  if (parsed.length === 0) throw csvError(1, 'empty', locale);

  const header = parsed[0].record.map((h) => h.toLowerCase());
  const expected = [...USER_CSV_COLUMNS] as string[];
  const headerOk = header.length === expected.length && expected.every((c) => header.includes(c));
  if (!headerOk) throw csvError(startLine(parsed[0]), 'header', locale, { columns: expected.join(',') });
  const col = Object.fromEntries(expected.map((c) => [c, header.indexOf(c)])) as Record<UserCsvColumn, number>;

  const data = parsed.slice(1);
  if (data.length > maxRows) throw csvError(startLine(data[maxRows]), 'tooMany', locale, { max: maxRows });

  const rows: UserCsvRow[] = [];
  const seen = { username: new Map<string, number>(), employeeNumber: new Map<string, number>(), email: new Map<string, number>() };
  for (const entry of data) {
    const line = startLine(entry);
    const cell = (c: UserCsvColumn) => entry.record[col[c]] ?? '';
    const roles = [...new Set(cell('roles').split('|').map((r) => r.trim()).filter(Boolean))];
    const result = rowSchema.safeParse({
      username: cell('username'),
      displayName: cell('display_name'),
      nameKana: cell('name_kana'),
      employeeNumber: cell('employee_number'),
      email: cell('email'),
      sectionCode: cell('section_code'),
      roles,
      locale: cell('locale') === '' ? undefined : cell('locale'),
    });
    if (!result.success) {
      const issue = result.error.issues[0];
      const column = CSV_COLUMN_OF[String(issue.path[0])] ?? String(issue.path[0]);
      throw csvError(line, 'invalid', locale, { column, detail: issue.message });
    }
    const row: UserCsvRow = { line, ...result.data };
    for (const key of ['username', 'employeeNumber', 'email'] as const) {
      const other = seen[key].get(row[key]);
      if (other !== undefined) throw csvError(line, 'duplicateInFile', locale, { column: CSV_COLUMN_OF[key], other });
      seen[key].set(row[key], line);
    }
    rows.push(row);
  }
  return rows;
}

/** csv-parse reports the line a record ends on; a quoted cell may span lines, so step back over them. */
function startLine(entry: Parsed): number {
  const inner = entry.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return entry.info.lines - inner;
}
