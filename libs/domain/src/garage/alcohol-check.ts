import { garageError } from './garage.errors';

/**
 * Pure rules of the alcohol check (酒気帯び確認, 道路交通法施行規則 第9条の10 第6号). DOMAIN.md §1.5:
 * any reading above 0.00 mg/L is 「酒気帯びあり」 (the 0.15 penal threshold does not matter here),
 * the trip is blocked and instructions (指示事項) are required.
 */

/** Highest reading a breath detector can sensibly show; anything above is a typing error. */
export const MAX_READING_MG_L = 5;

/**
 * A reading in mg/L: a finite number, 0.00–5.00, at most two decimals (numeric(4,2) in the record).
 * Returns it rounded to the hundredth so 0.1 + 0.2 style input cannot drift.
 */
export function validateReading(reading: number): number {
  if (typeof reading !== 'number' || !Number.isFinite(reading) || reading < 0 || reading > MAX_READING_MG_L) {
    throw garageError('GARAGE_READING_INVALID', { max: MAX_READING_MG_L.toFixed(2) });
  }
  const hundredths = Math.round(reading * 100);
  if (Math.abs(hundredths - reading * 100) > 1e-6) throw garageError('GARAGE_READING_INVALID', { max: MAX_READING_MG_L.toFixed(2) });
  return hundredths / 100;
}

export interface AlcoholCheckInput {
  readingMgL: number;
  /** 顔色: normal. */
  faceColourOk: boolean;
  /** 呼気の臭い: no smell of alcohol. */
  breathSmellOk: boolean;
  /** 応答の声の調子: normal. */
  voiceOk: boolean;
  method: 'face_to_face' | 'remote';
  /** How a remote check was done, e.g. 「携帯電話で通話し、検知器の数値を報告させた」. */
  remoteMeans?: string;
  instructions?: string;
}

export interface AlcoholCheckJudgement {
  readingMgL: number;
  /** 酒気帯びの有無: any reading above 0.00. */
  alcoholDetected: boolean;
  /** 運転可否: no alcohol and every visual item normal. */
  fitToDrive: boolean;
}

/**
 * Judges a check and refuses an incomplete record: an invalid reading, a remote check without how it
 * was done, or a not-fit result without instructions.
 */
export function judgeAlcoholCheck(input: AlcoholCheckInput): AlcoholCheckJudgement {
  const readingMgL = validateReading(input.readingMgL);
  if (input.method === 'remote' && !(input.remoteMeans ?? '').trim()) throw garageError('GARAGE_REMOTE_MEANS_REQUIRED');
  const alcoholDetected = readingMgL > 0;
  const fitToDrive = !alcoholDetected && input.faceColourOk && input.breathSmellOk && input.voiceOk;
  if (!fitToDrive && !(input.instructions ?? '').trim()) throw garageError('GARAGE_INSTRUCTIONS_REQUIRED');
  return { readingMgL, alcoholDetected, fitToDrive };
}

/** A check may not be dated in the future (a minute of clock skew allowed) nor more than a day back. */
export function checkCheckTime(checkedAt: Date, now: Date): void {
  const skew = 60_000;
  if (Number.isNaN(checkedAt.getTime()) || checkedAt.getTime() > now.getTime() + skew || checkedAt.getTime() < now.getTime() - 24 * 3_600_000) {
    throw garageError('GARAGE_CHECK_TIME_INVALID');
  }
}

export interface PriorCheck {
  id: string;
  fitToDrive: boolean;
  /** Tokyo date of the check. */
  tokyoDate: string;
}

/**
 * Which pre-drive check a key release rests on. Per trip (運行ごと, the default) a new check is
 * required. With 「1日1回の確認で可」 the driver's latest check of the same Tokyo day may be reused
 * if it passed (Kanagawa police 留意事項 1(1): start and end of the driving work suffice); a later
 * failed check is never overridden by an earlier pass. `prior` is newest first.
 */
export function reusableCheck(oneCheckPerDay: boolean, today: string, prior: readonly PriorCheck[]): PriorCheck | null {
  if (!oneCheckPerDay) return null;
  const latest = prior.find((c) => c.tokyoDate === today);
  return latest?.fitToDrive ? latest : null;
}
