/**
 * 常時有効に保持 (DOMAIN.md §1.6): a detector may be chosen for a check only while it is in service,
 * within its valid-until date and use count, its latest inspection passed, and a passing weekly
 * inspection (detects alcohol, no false positive) is not older than the weekly interval.
 */

export type DetectorUnusableReason = 'retired' | 'expired' | 'uses_exhausted' | 'weekly_overdue' | 'inspection_failed';

export interface DetectorFacts {
  status: 'active' | 'retired';
  /** Last Tokyo date the maker's validity covers, or null. */
  validUntil: string | null;
  maxUses: number | null;
  useCount: number;
  /** The latest passing weekly inspection, or null. */
  lastWeeklyPassedAt: Date | null;
  /** The latest inspection of any kind, or null. */
  lastInspection: { at: Date; passed: boolean } | null;
}

export interface DetectorUsability {
  usable: boolean;
  reasons: DetectorUnusableReason[];
  /** When the next weekly inspection is due (null: never inspected, due now). */
  weeklyDueAt: Date | null;
}

const DAY_MS = 86_400_000;

export function detectorUsability(d: DetectorFacts, now: Date, today: string, weeklyIntervalDays = 7): DetectorUsability {
  const reasons: DetectorUnusableReason[] = [];
  if (d.status !== 'active') reasons.push('retired');
  if (d.validUntil !== null && d.validUntil < today) reasons.push('expired');
  if (d.maxUses !== null && d.useCount >= d.maxUses) reasons.push('uses_exhausted');
  const weeklyDueAt = d.lastWeeklyPassedAt ? new Date(d.lastWeeklyPassedAt.getTime() + weeklyIntervalDays * DAY_MS) : null;
  if (!weeklyDueAt || weeklyDueAt.getTime() <= now.getTime()) reasons.push('weekly_overdue');
  if (d.lastInspection && !d.lastInspection.passed) reasons.push('inspection_failed');
  return { usable: reasons.length === 0, reasons, weeklyDueAt };
}

export interface InspectionInput {
  kind: 'daily' | 'weekly';
  powerOk: boolean;
  noDamage: boolean;
  /** Weekly only: reacts to something containing alcohol. */
  detectsAlcohol?: boolean | null;
  /** Weekly only: shows nothing for a person certainly sober. */
  noFalsePositive?: boolean | null;
}

/** Whether an inspection passed; a weekly one must state both functional items. */
export function inspectionPassed(i: InspectionInput): boolean | null {
  if (i.kind === 'weekly' && (typeof i.detectsAlcohol !== 'boolean' || typeof i.noFalsePositive !== 'boolean')) return null;
  return i.powerOk && i.noDamage && (i.detectsAlcohol ?? true) && (i.noFalsePositive ?? true);
}
