import { z } from 'zod';

// 空調延長 (issue #7): zones and rates, requests with live cost, the approval route with 代決/後閲,
// operating instructions (運転指示) and reports. Dates are Tokyo calendar dates 'YYYY-MM-DD'; times
// are Tokyo wall clock 'HH:mm' ('24:00' allowed as an end). The time and date fields of a request are
// checked by the domain rules (libs/domain/src/ac-extension), so a bad value gets its own AC_* code
// (AC_INVALID_RANGE, AC_OFF_GRID, AC_INVALID_DATE …) rather than a generic validation failure.
// Decisions: docs/adr/0011, 0015, 0016.

export const AC_REASON_CODES = ['council', 'disaster', 'public_meeting', 'deadline_work', 'busy_season', 'holiday_work', 'other'] as const;
export const acReasonCategorySchema = z.enum(AC_REASON_CODES);
export type AcReasonCode = z.infer<typeof acReasonCategorySchema>;

export const AC_REQUEST_STATUS_NAMES = ['submitted', 'endorsed', 'approved', 'rejected', 'sent_back', 'withdrawn', 'cancelled'] as const;
export const acRequestStatusSchema = z.enum(AC_REQUEST_STATUS_NAMES);
export type AcRequestStatus = z.infer<typeof acRequestStatusSchema>;

export const AC_DECISION_ACTIONS = ['endorse', 'approve', 'reject', 'send_back'] as const;
export const acDecisionActionSchema = z.enum(AC_DECISION_ACTIONS);
export type AcDecisionAction = z.infer<typeof acDecisionActionSchema>;
export const acStepActionSchema = z.enum(['submit', 'endorse', 'approve', 'reject', 'send_back', 'withdraw', 'cancel']);
export type AcStepAction = z.infer<typeof acStepActionSchema>;

const isoDate = z.iso.date();
const hhmmStrict = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected HH:mm' });
/** Left to the domain rules so each mistake gets its own code (see the header). */
const timeText = z.string().max(10);
const dateText = z.string().max(20);
const instant = z.string();

// ---------------------------------------------------------------- zones, rates, settings

export const acTimeRangeSchema = z.object({ start: z.string(), end: z.string() });
export type AcTimeRangeDto = z.infer<typeof acTimeRangeSchema>;

export const acNormalHoursSchema = z.object({ business: acTimeRangeSchema.nullable(), closed: acTimeRangeSchema.nullable() });
export type AcNormalHoursDto = z.infer<typeof acNormalHoursSchema>;

export const acRateSchema = z.object({ validFrom: isoDate, yenPerHour: z.number().int() });
export type AcRateDto = z.infer<typeof acRateSchema>;

export const acZoneSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  buildingId: z.uuid(),
  buildingName: z.string(),
  floorId: z.uuid(),
  floorLevel: z.number().int(),
  floorName: z.string(),
  normalHours: acNormalHoursSchema,
  active: z.boolean(),
  /** The rate valid today (Tokyo), or null when none is valid yet. */
  currentYenPerHour: z.number().int().nullable(),
  rates: z.array(acRateSchema),
});
export type AcZoneDto = z.infer<typeof acZoneSchema>;

export const acFloorSchema = z.object({ id: z.uuid(), level: z.number().int(), name: z.string() });
export const acBuildingSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), floors: z.array(acFloorSchema) });
export type AcBuildingDto = z.infer<typeof acBuildingSchema>;

export const createAcBuildingSchema = z.strictObject({
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(100),
});
export type CreateAcBuilding = z.infer<typeof createAcBuildingSchema>;

export const createAcFloorSchema = z.strictObject({ level: z.number().int().min(-10).max(100), name: z.string().trim().min(1).max(50) });
export type CreateAcFloor = z.infer<typeof createAcFloorSchema>;

const hoursInput = z.strictObject({ start: hhmmStrict, end: hhmmStrict }).nullable();

export const createAcZoneSchema = z.strictObject({
  floorId: z.uuid(),
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(100),
  normalHours: z.strictObject({ business: hoursInput, closed: hoursInput }).default({ business: { start: '08:30', end: '17:15' }, closed: null }),
  /** First rate (default ¥30,000/h) valid from `validFrom` (default 2000-01-01). */
  yenPerHour: z.number().int().min(0).max(10_000_000).default(30_000),
  validFrom: isoDate.default('2000-01-01'),
});
export type CreateAcZone = z.infer<typeof createAcZoneSchema>;

export const updateAcZoneSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  normalHours: z.strictObject({ business: hoursInput, closed: hoursInput }).optional(),
  active: z.boolean().optional(),
});
export type UpdateAcZone = z.infer<typeof updateAcZoneSchema>;

export const addAcRateSchema = z.strictObject({ validFrom: isoDate, yenPerHour: z.number().int().min(0).max(10_000_000) });
export type AddAcRate = z.infer<typeof addAcRateSchema>;

export const acSettingsSchema = z.object({
  deadlineBusinessDays: z.number().int(),
  deadlineTime: z.string(),
  urgentReasons: z.array(acReasonCategorySchema),
  reminderAfterHours: z.number().int(),
});
export type AcSettingsDto = z.infer<typeof acSettingsSchema>;

export const updateAcSettingsSchema = z.strictObject({
  deadlineBusinessDays: z.number().int().min(0).max(20).optional(),
  deadlineTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  urgentReasons: z.array(acReasonCategorySchema).max(7).optional(),
  reminderAfterHours: z.number().int().min(1).max(720).optional(),
});
export type UpdateAcSettings = z.infer<typeof updateAcSettingsSchema>;

export const acBudgetSchema = z.object({ fiscalYear: z.number().int(), yen: z.number().int() });
export type AcBudgetDto = z.infer<typeof acBudgetSchema>;
export const putAcBudgetSchema = z.strictObject({ yen: z.number().int().min(0).max(1_000_000_000_000) });

// ---------------------------------------------------------------- estimate and requests

/** What the form sends for the live estimate: reason is optional (it only decides late vs refused). */
export const acEstimateInputSchema = z.strictObject({
  dates: z.array(dateText).max(62),
  zoneIds: z.array(z.string().max(64)).max(50),
  start: timeText,
  end: timeText,
  reasonCategory: acReasonCategorySchema.optional(),
});
export type AcEstimateInput = z.infer<typeof acEstimateInputSchema>;

export const acCostLineSchema = z.object({
  date: isoDate,
  zoneId: z.uuid(),
  zoneName: z.string(),
  dayType: z.enum(['business', 'closed']),
  segments: z.array(acTimeRangeSchema),
  minutes: z.number().int(),
  yenPerHour: z.number().int(),
  yen: z.number().int(),
});
export type AcCostLineDto = z.infer<typeof acCostLineSchema>;

export const acEstimateSchema = z.object({
  lines: z.array(acCostLineSchema),
  totalMinutes: z.number().int(),
  totalYen: z.number().int(),
  /** Cutoff for the earliest date (「前開庁日17:00まで」 by default). */
  deadline: instant,
  /** True when now is after the cutoff. */
  pastDeadline: z.boolean(),
  /** After the cutoff: may still be filed with an urgent reason, flagged as late. */
  urgentReasons: z.array(acReasonCategorySchema),
  /** Whether the request as given could be submitted now (with the given reason). */
  acceptable: z.boolean(),
});
export type AcEstimate = z.infer<typeof acEstimateSchema>;

export const acRequestInputSchema = z.strictObject({
  dates: z.array(dateText).max(62),
  zoneIds: z.array(z.string().max(64)).max(50),
  start: timeText,
  end: timeText,
  headcount: z.number().int(),
  reasonCategory: acReasonCategorySchema,
  reasonText: z.string().max(500),
  contact: z.string().trim().min(1).max(200),
});
export type AcRequestInputDto = z.infer<typeof acRequestInputSchema>;

/** Resubmission after a send-back: the whole form again plus the version the applicant saw. */
export const acResubmitSchema = acRequestInputSchema.extend({ version: z.number().int().min(1) });
export type AcResubmit = z.infer<typeof acResubmitSchema>;

export const acWithdrawSchema = z.strictObject({ version: z.number().int().min(1), comment: z.string().trim().max(1000).optional() });
export type AcWithdraw = z.infer<typeof acWithdrawSchema>;

/**
 * Cancelling an approved request (plans changed) before the extension starts: the applicant or
 * 総務課. The reason is checked by the domain rules (AC_CANCEL_REASON_REQUIRED), not here.
 */
export const acCancelSchema = z.strictObject({ version: z.number().int().min(1), reason: z.string().max(1000) });
export type AcCancel = z.infer<typeof acCancelSchema>;

export const acDecisionInputSchema = z.strictObject({
  action: acDecisionActionSchema,
  /** The version the decider saw; a stale one is refused (409 AC_STALE). */
  version: z.number().int().min(1),
  comment: z.string().trim().max(1000).optional(),
});
export type AcDecisionInput = z.infer<typeof acDecisionInputSchema>;

const person = z.object({ id: z.uuid(), displayName: z.string() });

export const acStepSchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  action: acStepActionSchema,
  actor: person,
  /** 代決: decided by `actor` for the absent `onBehalfOf` (shown 「代決」 with both names). */
  acting: z.boolean(),
  onBehalfOf: person.nullable(),
  comment: z.string().nullable(),
  at: instant,
});
export type AcStep = z.infer<typeof acStepSchema>;

export const acRequestSummarySchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: acRequestStatusSchema,
  version: z.number().int(),
  revision: z.number().int(),
  section: z.object({ id: z.uuid(), name: z.string(), departmentName: z.string() }),
  applicant: person,
  dates: z.array(isoDate),
  zones: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  start: z.string(),
  end: z.string(),
  headcount: z.number().int(),
  reasonCategory: acReasonCategorySchema,
  reasonText: z.string(),
  contact: z.string(),
  late: z.boolean(),
  deadline: instant,
  totalMinutes: z.number().int(),
  totalYen: z.number().int(),
  submittedAt: instant,
  waitingSince: instant,
  decidedAt: instant.nullable(),
});
export type AcRequestSummary = z.infer<typeof acRequestSummarySchema>;

export const acRequestDetailSchema = acRequestSummarySchema.extend({
  lines: z.array(acCostLineSchema),
  steps: z.array(acStepSchema),
  /** What the caller may do now (withdraw/resubmit for the applicant, decisions for an approver). */
  allowedActions: z.array(z.enum(['endorse', 'approve', 'reject', 'send_back', 'withdraw', 'resubmit', 'cancel'])),
  /** Set when the caller may decide only as a deputy (代決) for this absent approver. */
  actingFor: person.nullable(),
});
export type AcRequestDetail = z.infer<typeof acRequestDetailSchema>;

/** An item of the approval inbox: the request, the step it waits for and whether the caller acts as deputy. */
export const acInboxItemSchema = acRequestSummarySchema.extend({
  step: z.enum(['endorse', 'approve']),
  actingFor: person.nullable(),
});
export type AcInboxItem = z.infer<typeof acInboxItemSchema>;

export const acMyRequestsQuerySchema = z.strictObject({
  status: acRequestStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

// ---------------------------------------------------------------- operating instructions

export const acInstructionsQuerySchema = z.strictObject({ date: isoDate });

export const acInstructionSchema = z.object({
  zoneId: z.uuid(),
  zoneCode: z.string(),
  zoneName: z.string(),
  buildingName: z.string(),
  floorName: z.string(),
  start: z.string(),
  end: z.string(),
  minutes: z.number().int(),
  yenPerHour: z.number().int(),
  yen: z.number().int(),
  shares: z.array(
    z.object({
      sectionId: z.uuid(),
      sectionName: z.string(),
      minutes: z.number().int(),
      yen: z.number().int(),
      requestNumbers: z.array(z.number().int()),
    }),
  ),
});
export type AcInstruction = z.infer<typeof acInstructionSchema>;

export const acDaySheetSchema = z.object({
  date: isoDate,
  dayType: z.enum(['business', 'closed']),
  /** 版数: +1 each time the day's instructions change (0 = none issued). */
  revision: z.number().int(),
  updatedAt: instant.nullable(),
  instructions: z.array(acInstructionSchema),
  sectionTotals: z.array(z.object({ sectionId: z.uuid(), sectionName: z.string(), minutes: z.number().int(), yen: z.number().int() })),
  totalYen: z.number().int(),
});
export type AcDaySheet = z.infer<typeof acDaySheetSchema>;

// ---------------------------------------------------------------- reports

export const acReportQuerySchema = z.strictObject({
  /** 年度 (April–March); default: the current one. */
  fiscalYear: z.coerce.number().int().min(2000).max(2200).optional(),
});

const measure = {
  /** Approved extension: hours billed to the section after merging (its share of each block). */
  approvedMinutes: z.number().int(),
  approvedYen: z.number().int(),
  approvedCount: z.number().int(),
  rejectedCount: z.number().int(),
  /** What rejected requests would have cost (their own estimate). */
  rejectedYen: z.number().int(),
};

export const acReportSchema = z.object({
  fiscalYear: z.number().int(),
  from: isoDate,
  to: isoDate,
  /** Tokyo date the year-to-date figures run to (inclusive). */
  asOf: isoDate,
  budgetYen: z.number().int().nullable(),
  /** Approved cost of dates up to `asOf`. */
  ytdYen: z.number().int(),
  /** Approved cost of the whole fiscal year (including dates still ahead). */
  committedYen: z.number().int(),
  bySection: z.array(z.object({ sectionId: z.uuid(), sectionName: z.string(), departmentName: z.string(), ...measure })),
  byDepartment: z.array(z.object({ departmentId: z.uuid(), departmentName: z.string(), ...measure })),
  byMonth: z.array(z.object({ month: z.string(), ...measure })),
  byReason: z.array(z.object({ reasonCategory: acReasonCategorySchema, ...measure })),
});
export type AcReport = z.infer<typeof acReportSchema>;
