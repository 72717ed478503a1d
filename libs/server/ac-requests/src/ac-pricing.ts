import type { AcEstimateInput, AcRequestInputDto } from '@rr/contracts';
import { AcCostEstimate, AcDeadlineCheck, acRequestDeadline, AcRequestInput, AppError, checkAcDeadline, estimateAcCost, tokyoDate } from '@rr/domain';
import type { AcRules } from './ac-catalogue.service';
import { AcErrors } from './ac.errors';

export interface PricedRequest {
  input: AcRequestInput;
  estimate: AcCostEstimate;
  deadline: AcDeadlineCheck;
}

function domainInput(sectionId: string, body: Pick<AcRequestInputDto, 'dates' | 'zoneIds' | 'start' | 'end' | 'headcount' | 'reasonCategory' | 'reasonText'>): AcRequestInput {
  return {
    sectionId,
    dates: body.dates,
    zoneIds: body.zoneIds,
    time: { start: body.start, end: body.end },
    headcount: body.headcount,
    reason: { category: body.reasonCategory, text: body.reasonText },
  };
}

/** No date before today (Tokyo): an extension cannot be ordered for the past. */
function refusePastDates(dates: readonly string[], now: Date): void {
  const today = tokyoDate(now);
  const past = [...dates].sort()[0];
  if (past !== undefined && past < today) throw AcErrors.pastDate(past);
}

/**
 * Validates and prices a request as submitted now: the rules' checks (dates, zones, 30-minute grid,
 * range, reason), no past dates, then the deadline (late only with an urgent reason). Throws the
 * first problem as a coded AppError; nothing is written before this has passed.
 */
export function priceRequest(sectionId: string, body: AcRequestInputDto, rules: AcRules, now: Date): PricedRequest {
  const input = domainInput(sectionId, body);
  const estimate = estimateAcCost(input, rules.zones, rules.calendar);
  refusePastDates(input.dates, now);
  const deadline = checkAcDeadline(input, now, rules.calendar, rules.deadline);
  return { input, estimate, deadline };
}

/**
 * The form's live estimate: the same checks with a placeholder headcount and reason, and the
 * deadline reported rather than enforced (`acceptable` says whether it could be submitted now).
 */
export function previewRequest(sectionId: string, body: AcEstimateInput, rules: AcRules, now: Date): { estimate: AcCostEstimate; deadline: Date; pastDeadline: boolean; acceptable: boolean } {
  const input = domainInput(sectionId, { ...body, headcount: 1, reasonCategory: body.reasonCategory ?? 'other', reasonText: '-' });
  const estimate = estimateAcCost(input, rules.zones, rules.calendar);
  refusePastDates(input.dates, now);
  const deadline = acRequestDeadline(input.dates, rules.calendar, rules.deadline.rule);
  let acceptable = true;
  try {
    checkAcDeadline(input, now, rules.calendar, rules.deadline);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'AC_DEADLINE_PASSED') throw error;
    acceptable = false;
  }
  return { estimate, deadline, pastDeadline: now.getTime() > deadline.getTime(), acceptable };
}
