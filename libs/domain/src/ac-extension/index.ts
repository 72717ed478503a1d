// Public face of the after-hours AC extension rules (空調延長): cost, deadline, merging into
// operating instructions with a cost split, and the approval state machine. Pure: no I/O, no
// clock (callers pass `submittedAt`), Asia/Tokyo throughout. Decisions: docs/adr/0011-ac-extension-rules.md.
export { AC_ERROR_CODES, type AcErrorCode } from './ac-extension.errors';
export { type AcTimeRange } from './time-of-day';
export {
  acDayType,
  defaultAcZone,
  DEFAULT_AC_NORMAL_HOURS,
  DEFAULT_AC_YEN_PER_HOUR,
  rateOn,
  type AcDayType,
  type AcNormalHours,
  type AcRate,
  type AcZone,
} from './ac-zones';
export {
  AC_MAX_HEADCOUNT,
  AC_REASON_CATEGORIES,
  AC_REASON_TEXT_MAX,
  AC_TIME_UNIT_MINUTES,
  validateAcRequest,
  type AcReason,
  type AcReasonCategory,
  type AcRequest,
  type AcRequestInput,
} from './ac-request';
export { estimateAcCost, yenFor, type AcCostEstimate, type AcCostLine } from './ac-cost';
export {
  acRequestDeadline,
  checkAcDeadline,
  DEFAULT_AC_DEADLINE_SETTINGS,
  type AcDeadlineCheck,
  type AcDeadlineSettings,
} from './ac-deadline';
export {
  mergeAcOperations,
  splitLargestRemainder,
  type AcApprovedRequest,
  type AcCostShare,
  type AcOperatingInstruction,
  type AcOperatingPlan,
  type AcSectionTotal,
} from './ac-merge';
export {
  AC_ACTIONS,
  AC_STATUSES,
  allowedAcActions,
  checkAcCancellable,
  isFinalAcStatus,
  newAcRequestState,
  transition,
  // Same function under a name that cannot collide in the root barrel with another state machine.
  transition as transitionAcRequest,
  type AcAction,
  type AcActionType,
  type AcActor,
  type AcApproverRole,
  type AcRequestState,
  type AcSignoff,
  type AcStatus,
} from './ac-state-machine';
