import { AppError } from '@rr/domain';
import { parseUserCsv } from './user-csv';

const HEADER = 'username,display_name,name_kana,employee_number,email,section_code,roles,locale';
const row = (n: number, overrides: Partial<Record<string, string>> = {}) => {
  const v = {
    username: `user${n}`,
    display_name: `職員 ${n}`,
    name_kana: 'しょくいん',
    employee_number: `E${n}`,
    email: `user${n}@city.example.jp`,
    section_code: 'SOUMU',
    roles: 'staff',
    locale: 'ja',
    ...overrides,
  };
  return [v.username, v.display_name, v.name_kana, v.employee_number, v.email, v.section_code, v.roles, v.locale].join(',');
};

function csvFailure(text: string, max?: number): { line: number; reason: string } {
  try {
    parseUserCsv(text, 'en', max);
  } catch (error) {
    if (error instanceof AppError && error.code === 'ORG_CSV_INVALID') return error.params as { line: number; reason: string };
    throw error;
  }
  throw new Error('expected ORG_CSV_INVALID');
}

describe('parseUserCsv', () => {
  it('should parse rows with roles split on |, default locale ja and the line each row is on', () => {
    const rows = parseUserCsv([HEADER, row(1, { roles: 'staff|section_chief', locale: '' }), '', row(2, { locale: 'en' })].join('\r\n'), 'ja');
    expect(rows).toEqual([
      { line: 2, username: 'user1', displayName: '職員 1', nameKana: 'しょくいん', employeeNumber: 'E1', email: 'user1@city.example.jp', sectionCode: 'SOUMU', roles: ['staff', 'section_chief'], locale: 'ja' },
      expect.objectContaining({ line: 4, username: 'user2', locale: 'en' }),
    ]);
  });

  it('should accept a UTF-8 BOM, columns in any order, quoted cells and spreadsheet blank rows', () => {
    const header = 'email,username,display_name,name_kana,employee_number,section_code,roles,locale';
    const text = `\uFEFF${header}\n"a@city.example.jp",alice,"山田, 花子",やまだ,E9,SOUMU, staff | garage_admin ,ja\n,,,,,,,\n`;
    expect(parseUserCsv(text, 'ja')).toEqual([
      expect.objectContaining({ line: 2, username: 'alice', displayName: '山田, 花子', email: 'a@city.example.jp', roles: ['staff', 'garage_admin'] }),
    ]);
  });

  it('should report the line a multi-line quoted row starts on', () => {
    const failure = csvFailure([HEADER, row(1), `user2,"二行の\n名前",,E2,bad-mail,SOUMU,staff,ja`].join('\n'));
    expect(failure.line).toBe(3);
    expect(failure.reason).toMatch(/^email is invalid/);
  });

  it.each([
    ['a missing header', [row(1)].join('\n'), 1, /header row must have the columns username,display_name/],
    ['an empty file', '', 1, /empty/],
    ['an unknown role', [HEADER, row(1), row(2, { roles: 'staff|boss' })].join('\n'), 3, /^roles is invalid/],
    ['no roles', [HEADER, row(1, { roles: '' })].join('\n'), 2, /^roles is invalid/],
    ['a bad e-mail', [HEADER, row(1), row(2), row(3, { email: 'x' })].join('\n'), 4, /^email is invalid/],
    ['a bad locale', [HEADER, row(1, { locale: 'fr' })].join('\n'), 2, /^locale is invalid/],
    ['a missing cell', [HEADER, row(1), 'user2,名前,,E2,u2@x.jp,SOUMU,staff'].join('\n'), 3, /malformed CSV \(CSV_RECORD_INCONSISTENT_FIELDS_LENGTH\)/],
    ['an unclosed quote', [HEADER, row(1), 'user2,"名前,,E2,u2@x.jp,SOUMU,staff,ja'].join('\n'), 3, /malformed CSV/],
    ['a username twice', [HEADER, row(1), row(2), row(1, { email: 'other@x.jp', employee_number: 'X1' })].join('\n'), 4, /username duplicates line 2/],
    ['an e-mail twice', [HEADER, row(1), row(2, { email: 'user1@city.example.jp' })].join('\n'), 3, /email duplicates line 2/],
    ['an employee number twice', [HEADER, row(1), row(2, { employee_number: 'E1' })].join('\n'), 3, /employee_number duplicates line 2/],
  ])('should refuse %s with the line number', (_what, text, line, reason) => {
    const failure = csvFailure(text);
    expect(failure.line).toBe(line);
    expect(failure.reason).toMatch(reason);
  });

  it('should refuse more rows than the cap, naming the first line over it', () => {
    const text = [HEADER, row(1), row(2), row(3)].join('\n');
    expect(parseUserCsv(text, 'en', 3)).toHaveLength(3);
    expect(csvFailure(`${text}\n${row(4)}`, 3)).toEqual({ line: 5, reason: 'more than 3 data rows' });
  });

  it('should give the reason in Japanese for a Japanese user', () => {
    try {
      parseUserCsv([HEADER, row(1), row(2, { username: 'user1' })].join('\n'), 'ja');
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as AppError).params).toEqual({ line: 3, reason: 'username が 2 行目と重複しています' });
    }
  });
});
