import { AppError } from '../errors/app-error';
import { checkCheckTime, judgeAlcoholCheck, reusableCheck, validateReading } from './alcohol-check';
import { csvField, toCsv } from './csv';
import { detectorUsability, DetectorFacts, inspectionPassed } from './detector';
import { boardState, checkOdometer, isLateReturn, isNoShow, monthBounds, noShowDueAt } from './trip-rules';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof AppError ? `${e.kind}:${e.code}` : 'not an AppError';
  }
};

const check = (over: Partial<Parameters<typeof judgeAlcoholCheck>[0]> = {}) => ({
  readingMgL: 0,
  faceColourOk: true,
  breathSmellOk: true,
  voiceOk: true,
  method: 'face_to_face' as const,
  ...over,
});

describe('alcohol check rules', () => {
  it('should accept readings 0.00–5.00 with two decimals and refuse negative, absurd and non-numeric ones as validation errors', () => {
    expect(validateReading(0)).toBe(0);
    expect(validateReading(0.15)).toBe(0.15);
    expect(validateReading(5)).toBe(5);
    for (const bad of [-0.01, 5.01, 99, Number.NaN, Number.POSITIVE_INFINITY, 0.123]) {
      expect([bad, code(() => validateReading(bad))]).toEqual([bad, 'validation:GARAGE_READING_INVALID']);
    }
  });

  it('should judge any reading above 0.00 as alcohol detected and not fit, requiring instructions', () => {
    expect(judgeAlcoholCheck(check())).toEqual({ readingMgL: 0, alcoholDetected: false, fitToDrive: true });
    expect(code(() => judgeAlcoholCheck(check({ readingMgL: 0.01 })))).toBe('validation:GARAGE_INSTRUCTIONS_REQUIRED');
    expect(code(() => judgeAlcoholCheck(check({ readingMgL: 0.01, instructions: '   ' })))).toBe('validation:GARAGE_INSTRUCTIONS_REQUIRED');
    expect(judgeAlcoholCheck(check({ readingMgL: 0.01, instructions: '運転禁止、代替運転者を手配' }))).toEqual({ readingMgL: 0.01, alcoholDetected: true, fitToDrive: false });
  });

  it('should make an abnormal visual check (顔色・呼気の臭い・声の調子) not fit even at 0.00, without calling it alcohol', () => {
    expect(code(() => judgeAlcoholCheck(check({ voiceOk: false })))).toBe('validation:GARAGE_INSTRUCTIONS_REQUIRED');
    expect(judgeAlcoholCheck(check({ faceColourOk: false, instructions: '体調確認のため待機' }))).toEqual({ readingMgL: 0, alcoholDetected: false, fitToDrive: false });
  });

  it('should require how a remote check was made', () => {
    expect(code(() => judgeAlcoholCheck(check({ method: 'remote' })))).toBe('validation:GARAGE_REMOTE_MEANS_REQUIRED');
    expect(judgeAlcoholCheck(check({ method: 'remote', remoteMeans: 'ビデオ通話で顔色と検知器の表示を確認' })).fitToDrive).toBe(true);
  });

  it('should refuse a check time in the future or more than a day back', () => {
    const now = new Date('2026-12-04T01:00:00Z');
    expect(code(() => checkCheckTime(new Date('2026-12-04T00:59:00Z'), now))).toBeUndefined();
    expect(code(() => checkCheckTime(new Date('2026-12-04T01:05:00Z'), now))).toBe('validation:GARAGE_CHECK_TIME_INVALID');
    expect(code(() => checkCheckTime(new Date('2026-12-02T01:00:00Z'), now))).toBe('validation:GARAGE_CHECK_TIME_INVALID');
  });

  it('should reuse the latest check of the same Tokyo day only when it passed and the one-check-per-day setting is on', () => {
    const prior = [
      { id: 'today', fitToDrive: true, tokyoDate: '2026-12-04' },
      { id: 'yesterday', fitToDrive: true, tokyoDate: '2026-12-03' },
    ];
    expect(reusableCheck(false, '2026-12-04', prior)).toBeNull();
    expect(reusableCheck(true, '2026-12-04', prior)?.id).toBe('today');
    expect(reusableCheck(true, '2026-12-05', prior)).toBeNull();
    // A failed check later that day is never overridden by the morning's pass.
    expect(reusableCheck(true, '2026-12-04', [{ id: 'failed', fitToDrive: false, tokyoDate: '2026-12-04' }, ...prior])).toBeNull();
  });
});

describe('detector usability (常時有効に保持)', () => {
  const now = new Date('2026-12-04T01:00:00Z');
  const ok: DetectorFacts = {
    status: 'active',
    validUntil: '2027-03-31',
    maxUses: 1000,
    useCount: 10,
    lastWeeklyPassedAt: new Date('2026-12-01T00:00:00Z'),
    lastInspection: { at: new Date('2026-12-04T00:00:00Z'), passed: true },
  };

  it('should be usable when in service, valid, under its use count and inspected this week', () => {
    expect(detectorUsability(ok, now, '2026-12-04')).toEqual({ usable: true, reasons: [], weeklyDueAt: new Date('2026-12-08T00:00:00Z') });
  });

  it('should name every reason it cannot be selected', () => {
    expect(detectorUsability({ ...ok, validUntil: '2026-12-03' }, now, '2026-12-04').reasons).toEqual(['expired']);
    expect(detectorUsability({ ...ok, validUntil: '2026-12-04' }, now, '2026-12-04').usable).toBe(true);
    expect(detectorUsability({ ...ok, useCount: 1000 }, now, '2026-12-04').reasons).toEqual(['uses_exhausted']);
    expect(detectorUsability({ ...ok, status: 'retired' }, now, '2026-12-04').reasons).toEqual(['retired']);
    expect(detectorUsability({ ...ok, lastInspection: { at: now, passed: false } }, now, '2026-12-04').reasons).toEqual(['inspection_failed']);
    expect(detectorUsability({ ...ok, lastWeeklyPassedAt: new Date('2026-11-27T01:00:00Z') }, now, '2026-12-04').reasons).toEqual(['weekly_overdue']);
    expect(detectorUsability({ ...ok, lastWeeklyPassedAt: null, lastInspection: null }, now, '2026-12-04')).toEqual({ usable: false, reasons: ['weekly_overdue'], weeklyDueAt: null });
  });

  it('should pass an inspection only when every item is fine, and need both functional items weekly', () => {
    expect(inspectionPassed({ kind: 'daily', powerOk: true, noDamage: true })).toBe(true);
    expect(inspectionPassed({ kind: 'daily', powerOk: false, noDamage: true })).toBe(false);
    expect(inspectionPassed({ kind: 'weekly', powerOk: true, noDamage: true })).toBeNull();
    expect(inspectionPassed({ kind: 'weekly', powerOk: true, noDamage: true, detectsAlcohol: true, noFalsePositive: false })).toBe(false);
    expect(inspectionPassed({ kind: 'weekly', powerOk: true, noDamage: true, detectsAlcohol: true, noFalsePositive: true })).toBe(true);
  });
});

describe('trip rules', () => {
  it('should refuse an odometer below the start or below the car’s previous return', () => {
    expect(code(() => checkOdometer(12_345, { start: 12_300, previousReturn: 12_300 }))).toBeUndefined();
    expect(code(() => checkOdometer(12_300, { start: 12_300 }))).toBeUndefined();
    expect(code(() => checkOdometer(12_299, { start: 12_300 }))).toBe('validation:GARAGE_ODOMETER_BELOW_START');
    expect(code(() => checkOdometer(12_350, { start: 12_300, previousReturn: 12_400 }))).toBe('validation:GARAGE_ODOMETER_BELOW_PREVIOUS');
    expect(code(() => checkOdometer(-1, {}))).toBe('validation:GARAGE_ODOMETER_INVALID');
    expect(code(() => checkOdometer(1.5, {}))).toBe('validation:GARAGE_ODOMETER_INVALID');
  });

  it('should release a confirmed booking whose key was not taken 30 minutes (default) after its start', () => {
    const startsAt = new Date('2026-12-04T00:00:00Z');
    expect(noShowDueAt(startsAt)).toEqual(new Date('2026-12-04T00:30:00Z'));
    const b = { status: 'confirmed', startsAt, checkedOut: false };
    expect(isNoShow(b, new Date('2026-12-04T00:29:59Z'))).toBe(false);
    expect(isNoShow(b, new Date('2026-12-04T00:30:00Z'))).toBe(true);
    expect(isNoShow({ ...b, checkedOut: true }, new Date('2026-12-04T01:00:00Z'))).toBe(false);
    expect(isNoShow({ ...b, status: 'in_use' }, new Date('2026-12-04T01:00:00Z'))).toBe(false);
    expect(isNoShow(b, new Date('2026-12-04T00:10:00Z'), 10)).toBe(true);
  });

  it('should show each of today’s bookings as waiting, out, due back, overdue or done', () => {
    const b = { startsAt: new Date('2026-12-04T00:00:00Z'), endsAt: new Date('2026-12-04T03:00:00Z') };
    const at = (iso: string) => new Date(iso);
    expect(boardState({ ...b, status: 'confirmed' }, at('2026-12-03T23:00:00Z'), 15)).toBe('waiting');
    expect(boardState({ ...b, status: 'confirmed' }, at('2026-12-04T00:10:00Z'), 15)).toBe('late_pickup');
    expect(boardState({ ...b, status: 'in_use' }, at('2026-12-04T01:00:00Z'), 15)).toBe('out');
    expect(boardState({ ...b, status: 'in_use' }, at('2026-12-04T02:30:00Z'), 15)).toBe('due_back');
    expect(boardState({ ...b, status: 'in_use' }, at('2026-12-04T03:10:00Z'), 15)).toBe('due_back');
    expect(boardState({ ...b, status: 'in_use' }, at('2026-12-04T03:15:00Z'), 15)).toBe('overdue');
    expect(isLateReturn({ ...b, status: 'in_use' }, at('2026-12-04T03:15:00Z'), 15)).toBe(true);
    expect(boardState({ ...b, status: 'completed' }, at('2026-12-04T03:15:00Z'), 15)).toBe('returned');
    expect(boardState({ ...b, status: 'no_show' }, at('2026-12-04T03:15:00Z'), 15)).toBe('no_show');
  });

  it('should bound a Tokyo month and refuse nonsense', () => {
    expect(monthBounds('2026-12')).toEqual({ first: '2026-12-01', next: '2027-01-01' });
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', next: '2026-03-01' });
    expect(code(() => monthBounds('2026-13'))).toBe('validation:GARAGE_PERIOD_INVALID');
    expect(code(() => monthBounds('26-1'))).toBe('validation:GARAGE_PERIOD_INVALID');
  });
});

describe('CSV', () => {
  it('should start with a BOM, use CRLF, quote what needs quoting and defuse formulas', () => {
    const csv = toCsv(['運転者', '備考'], [['山田 太郎', 'a,"b"\nc'], ['=1+1', null]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('運転者,備考\r\n山田 太郎,"a,""b""\nc"\r\n\'=1+1,\r\n');
    expect(csvField(0.15)).toBe('0.15');
    expect(csvField(true)).toBe('1');
  });
});
