import { z } from 'zod';
import { isoDateSchema } from './calendar.contract';
import { carBookingStatusSchema } from './cars.contract';

// 車庫窓口 (issue #5, ADR 0013): key handover with the legal alcohol checks (道路交通法施行規則
// 第9条の10), driving logs (運転日誌), the detector register (検知器台帳), records, CSV and the monthly
// ledger. Instants are ISO 8601 with an offset; dates are Tokyo dates 'YYYY-MM-DD'.

const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);

export const checkPhaseSchema = z.enum(['pre', 'post']);
export type CheckPhase = z.infer<typeof checkPhaseSchema>;
export const checkMethodSchema = z.enum(['face_to_face', 'remote']);
export type CheckMethod = z.infer<typeof checkMethodSchema>;
export const fuelLevelSchema = z.enum(['full', '3/4', '1/2', '1/4', 'empty']);
export type FuelLevel = z.infer<typeof fuelLevelSchema>;
export const inspectionKindSchema = z.enum(['daily', 'weekly']);
export const detectorUnusableReasonSchema = z.enum(['retired', 'expired', 'uses_exhausted', 'weekly_overdue', 'inspection_failed']);
export type DetectorUnusableReasonName = z.infer<typeof detectorUnusableReasonSchema>;
export const boardStateSchema = z.enum(['waiting', 'late_pickup', 'out', 'due_back', 'overdue', 'returned', 'no_show', 'cancelled']);
export type BoardStateName = z.infer<typeof boardStateSchema>;

// ---------------------------------------------------------------- settings

export const garageSettingsSchema = z.object({
  /** Minutes after the start after which a booking whose key was not taken is released. */
  noShowMinutes: z.number().int(),
  /** 「1日1回の確認で可」: a passing pre-drive check earlier the same day may be reused. */
  oneCheckPerDay: z.boolean(),
  lateReturnGraceMinutes: z.number().int(),
  damageBlockDays: z.number().int(),
  weeklyInspectionDays: z.number().int(),
});
export type GarageSettings = z.infer<typeof garageSettingsSchema>;
export const updateGarageSettingsSchema = z.strictObject({
  noShowMinutes: z.number().int().min(5).max(240).optional(),
  oneCheckPerDay: z.boolean().optional(),
  lateReturnGraceMinutes: z.number().int().min(0).max(240).optional(),
  damageBlockDays: z.number().int().min(1).max(90).optional(),
  weeklyInspectionDays: z.number().int().min(1).max(7).optional(),
});
export type UpdateGarageSettings = z.infer<typeof updateGarageSettingsSchema>;

// ---------------------------------------------------------------- detectors (検知器台帳)

export const detectorSchema = z.object({
  id: z.uuid(),
  serialNumber: z.string(),
  model: z.string(),
  location: z.string(),
  validUntil: z.string().nullable(),
  maxUses: z.number().int().nullable(),
  useCount: z.number().int(),
  status: z.enum(['active', 'retired']),
  notes: z.string(),
  usable: z.boolean(),
  reasons: z.array(detectorUnusableReasonSchema),
  weeklyDueAt: instant.nullable(),
  lastInspectionAt: instant.nullable(),
});
export type Detector = z.infer<typeof detectorSchema>;
export const createDetectorSchema = z.strictObject({
  serialNumber: z.string().trim().min(1).max(64),
  model: text(100).default(''),
  location: z.string().trim().min(1).max(100),
  validUntil: isoDateSchema.nullable().default(null),
  maxUses: z.number().int().min(1).max(10_000_000).nullable().default(null),
  notes: text(1000).default(''),
});
export type CreateDetector = z.infer<typeof createDetectorSchema>;
export type CreateDetectorInput = z.input<typeof createDetectorSchema>;
export const updateDetectorSchema = z.strictObject({
  /** Records keep the serial they were made with (copied), so a corrected serial changes no record. */
  serialNumber: z.string().trim().min(1).max(64).optional(),
  model: text(100).optional(),
  location: z.string().trim().min(1).max(100).optional(),
  validUntil: isoDateSchema.nullable().optional(),
  maxUses: z.number().int().min(1).max(10_000_000).nullable().optional(),
  status: z.enum(['active', 'retired']).optional(),
  notes: text(1000).optional(),
});
export type UpdateDetector = z.infer<typeof updateDetectorSchema>;

export const detectorInspectionSchema = z.object({
  id: z.uuid(),
  detectorId: z.uuid(),
  kind: inspectionKindSchema,
  inspectedAt: instant,
  inspectorName: z.string(),
  powerOk: z.boolean(),
  noDamage: z.boolean(),
  detectsAlcohol: z.boolean().nullable(),
  noFalsePositive: z.boolean().nullable(),
  passed: z.boolean(),
  notes: z.string(),
});
export type DetectorInspection = z.infer<typeof detectorInspectionSchema>;
export const createInspectionSchema = z.strictObject({
  kind: inspectionKindSchema,
  powerOk: z.boolean(),
  noDamage: z.boolean(),
  detectsAlcohol: z.boolean().nullable().optional(),
  noFalsePositive: z.boolean().nullable().optional(),
  notes: text(1000).default(''),
});
export type CreateInspection = z.infer<typeof createInspectionSchema>;
export type CreateInspectionInput = z.input<typeof createInspectionSchema>;

// ---------------------------------------------------------------- alcohol checks (酒気帯び確認)

/** What the checker enters. The reading's range is a rule (GARAGE_READING_INVALID), not a schema bound. */
export const alcoholCheckInputSchema = z.strictObject({
  /** Defaults to now; a check may be recorded up to a day late, never in the future. */
  checkedAt: instant.optional(),
  method: checkMethodSchema,
  remoteMeans: text(200).default(''),
  detectorId: z.uuid(),
  readingMgL: z.number(),
  faceColourOk: z.boolean(),
  breathSmellOk: z.boolean(),
  voiceOk: z.boolean(),
  instructions: text(1000).default(''),
  notes: text(1000).default(''),
});
export type AlcoholCheckInput = z.input<typeof alcoholCheckInputSchema>;

export const alcoholCheckSchema = z.object({
  id: z.uuid(),
  phase: checkPhaseSchema,
  bookingId: z.uuid().nullable(),
  driverId: z.uuid(),
  driverName: z.string(),
  checkerId: z.uuid(),
  checkerName: z.string(),
  carId: z.uuid().nullable(),
  plateNumber: z.string(),
  checkedAt: instant,
  method: checkMethodSchema,
  remoteMeans: z.string(),
  detectorId: z.uuid(),
  detectorSerial: z.string(),
  readingMgL: z.number(),
  faceColourOk: z.boolean(),
  breathSmellOk: z.boolean(),
  voiceOk: z.boolean(),
  alcoholDetected: z.boolean(),
  fitToDrive: z.boolean(),
  instructions: z.string(),
  notes: z.string(),
  correctsId: z.uuid().nullable(),
  correctionReason: z.string().nullable(),
  /** A later row corrects this one (the list shows current versions unless asked). */
  superseded: z.boolean(),
  createdAt: instant,
});
export type AlcoholCheck = z.infer<typeof alcoholCheckSchema>;

/** A check outside a key handover: 直行直帰 by phone or video, or the end-of-day check under 「1日1回」. */
export const createAlcoholCheckSchema = alcoholCheckInputSchema.extend({
  phase: checkPhaseSchema,
  driverId: z.uuid(),
  bookingId: z.uuid().optional(),
});
export type CreateAlcoholCheck = z.input<typeof createAlcoholCheckSchema>;

/** A correction: a new row with the corrected values (omitted ones are copied) and a reason. */
export const correctAlcoholCheckSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  checkedAt: instant.optional(),
  method: checkMethodSchema.optional(),
  remoteMeans: text(200).optional(),
  readingMgL: z.number().optional(),
  faceColourOk: z.boolean().optional(),
  breathSmellOk: z.boolean().optional(),
  voiceOk: z.boolean().optional(),
  instructions: text(1000).optional(),
  notes: text(1000).optional(),
});
export type CorrectAlcoholCheck = z.infer<typeof correctAlcoholCheckSchema>;

// ---------------------------------------------------------------- key handover

export const keyHandoverSchema = z.object({
  id: z.uuid(),
  bookingId: z.uuid(),
  kind: z.enum(['check_out', 'return']),
  driverId: z.uuid(),
  substitute: z.boolean(),
  alcoholCheckId: z.uuid().nullable(),
  handledAt: instant,
  odometerKm: z.number().int(),
  fuelLevel: fuelLevelSchema,
  etcCard: z.boolean(),
  defects: z.string(),
  damage: z.boolean(),
});
export type KeyHandover = z.infer<typeof keyHandoverSchema>;

export const checkOutSchema = z.strictObject({
  /** A registered substitute driver (代わりの運転者) with a valid licence; default: the booked driver. */
  driverId: z.uuid().optional(),
  odometerKm: z.number().int(),
  fuelLevel: fuelLevelSchema,
  /** ETC card handed out with the key. */
  etcCard: z.boolean().default(false),
  /** The pre-drive check; may be omitted only under 「1日1回」 with a passing check earlier today. */
  check: alcoholCheckInputSchema.optional(),
});
export type CheckOut = z.input<typeof checkOutSchema>;

export const returnSchema = z.strictObject({
  odometerKm: z.number().int(),
  fuelLevel: fuelLevelSchema,
  /** Refuelled on the trip (給油量 L, 金額 円). */
  fuelLitres: z.number().positive().max(9999).nullable().default(null),
  fuelCostYen: z.number().int().min(0).max(10_000_000).nullable().default(null),
  /** ETC card returned with the key. */
  etcCard: z.boolean().default(false),
  /** 高速道路利用 (ETC). */
  etcUsed: z.boolean().default(false),
  /** 車両の異常. */
  defects: text(1000).default(''),
  /** Damage that takes the car out of service: it is blocked and later bookings are moved. */
  damage: z.boolean().default(false),
  notes: text(1000).default(''),
  /** The post-drive check; may be omitted only under 「1日1回」 (the end-of-day check is recorded apart). */
  check: alcoholCheckInputSchema.optional(),
});
export type ReturnKey = z.input<typeof returnSchema>;

// ---------------------------------------------------------------- driving log (運転日誌)

export const drivingLogSchema = z.object({
  id: z.uuid(),
  bookingId: z.uuid(),
  carId: z.uuid(),
  plateNumber: z.string(),
  driverId: z.uuid(),
  driverName: z.string(),
  sectionName: z.string(),
  departedAt: instant,
  returnedAt: instant,
  destination: z.string(),
  purpose: z.string(),
  passengers: z.number().int(),
  odometerStart: z.number().int(),
  odometerEnd: z.number().int(),
  distanceKm: z.number().int(),
  fuelLitres: z.number().nullable(),
  fuelCostYen: z.number().int().nullable(),
  etcUsed: z.boolean(),
  defects: z.string(),
  notes: z.string(),
  preCheckId: z.uuid().nullable(),
  postCheckId: z.uuid().nullable(),
  correctsId: z.uuid().nullable(),
  correctionReason: z.string().nullable(),
  superseded: z.boolean(),
  createdAt: instant,
});
export type DrivingLog = z.infer<typeof drivingLogSchema>;

export const correctDrivingLogSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  destination: z.string().trim().min(1).max(200).optional(),
  purpose: z.string().trim().min(1).max(200).optional(),
  passengers: z.number().int().min(0).max(29).optional(),
  odometerStart: z.number().int().optional(),
  odometerEnd: z.number().int().optional(),
  fuelLitres: z.number().positive().max(9999).nullable().optional(),
  fuelCostYen: z.number().int().min(0).max(10_000_000).nullable().optional(),
  etcUsed: z.boolean().optional(),
  defects: text(1000).optional(),
  notes: text(1000).optional(),
});
export type CorrectDrivingLog = z.infer<typeof correctDrivingLogSchema>;

export const damageOutcomeSchema = z.object({
  blockId: z.uuid().nullable(),
  moved: z.array(z.object({ bookingId: z.uuid(), toPlateNumber: z.string() })),
  notified: z.array(z.uuid()),
});
export type DamageOutcome = z.infer<typeof damageOutcomeSchema>;

export const returnResultSchema = z.object({
  handover: keyHandoverSchema,
  log: drivingLogSchema,
  check: alcoholCheckSchema.nullable(),
  damage: damageOutcomeSchema.nullable(),
});
export type ReturnResult = z.infer<typeof returnResultSchema>;

// ---------------------------------------------------------------- board (today's bookings)

export const boardItemSchema = z.object({
  bookingId: z.uuid(),
  carId: z.uuid(),
  plateNumber: z.string(),
  carModel: z.string(),
  className: z.string(),
  classCode: z.string(),
  bay: z.string(),
  driverId: z.uuid(),
  driverName: z.string(),
  sectionName: z.string(),
  startsAt: instant,
  endsAt: instant,
  purpose: z.string(),
  destination: z.string(),
  passengers: z.number().int(),
  bookingStatus: carBookingStatusSchema,
  state: boardStateSchema,
  noShowDueAt: instant,
  checkedOutAt: instant.nullable(),
  returnedAt: instant.nullable(),
  odometerStart: z.number().int().nullable(),
  /** The car's last recorded odometer (previous return), to prefill the form. */
  lastOdometerKm: z.number().int().nullable(),
  /** A pre-drive check of this booking found the driver not fit. */
  blocked: z.boolean(),
});
export type BoardItem = z.infer<typeof boardItemSchema>;
export const boardQuerySchema = z.strictObject({ date: isoDateSchema.optional() });
export const boardSchema = z.object({ date: z.string(), now: instant, items: z.array(boardItemSchema) });
export type Board = z.infer<typeof boardSchema>;

export const checkOutResultSchema = z.object({
  /** `blocked`: the check found the driver not fit; the record is kept and the managers notified. */
  outcome: z.enum(['released', 'blocked']),
  check: alcoholCheckSchema,
  handover: keyHandoverSchema.nullable(),
  reusedCheck: z.boolean(),
});
export type CheckOutResult = z.infer<typeof checkOutResultSchema>;

// ---------------------------------------------------------------- records, CSV, ledger

export const recordsQuerySchema = z.strictObject({
  from: isoDateSchema,
  to: isoDateSchema,
  carId: z.uuid().optional(),
  driverId: z.uuid().optional(),
  /** Include rows a later correction replaced. */
  history: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});
export type RecordsQuery = z.output<typeof recordsQuerySchema>;

export const recordsSchema = z.object({ checks: z.array(alcoholCheckSchema), logs: z.array(drivingLogSchema) });
export type GarageRecords = z.infer<typeof recordsSchema>;

export const ledgerQuerySchema = z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/) });
export const ledgerSchema = z.object({
  month: z.string(),
  generatedAt: instant,
  checks: z.array(alcoholCheckSchema),
  logs: z.array(drivingLogSchema),
  totals: z.object({ checks: z.number().int(), alcoholDetected: z.number().int(), trips: z.number().int(), distanceKm: z.number().int() }),
});
export type Ledger = z.infer<typeof ledgerSchema>;

// ---------------------------------------------------------------- late return: the offered car (ADR 0014)

/** The holder's booking whose car is still out with an overdue trip, and the free same-class car offered instead (null: none free). */
export const lateOfferSchema = z.object({
  bookingId: z.uuid(),
  lateBookingId: z.uuid(),
  plateNumber: z.string(),
  lateEndsAt: instant,
  alternativeCarId: z.uuid().nullable(),
  alternativePlateNumber: z.string().nullable(),
});
export type LateOffer = z.infer<typeof lateOfferSchema>;

/** Accepts the offer: moves the booking to `carId` (the offered car or any free car of the same class and pool), or to the first free one. */
export const moveToFreeCarSchema = z.strictObject({ carId: z.uuid().optional() });
export type MoveToFreeCar = z.input<typeof moveToFreeCarSchema>;
export const moveToFreeCarResultSchema = z.object({
  bookingId: z.uuid(),
  fromCarId: z.uuid(),
  fromPlateNumber: z.string(),
  toCarId: z.uuid(),
  toPlateNumber: z.string(),
});
export type MoveToFreeCarResult = z.infer<typeof moveToFreeCarResultSchema>;

export const myTripsSchema = z.object({
  upcoming: z.array(boardItemSchema),
  logs: z.array(drivingLogSchema),
  checks: z.array(alcoholCheckSchema),
  /** Upcoming bookings whose car is late back, with the car offered instead. */
  lateOffers: z.array(lateOfferSchema),
});
export type MyTrips = z.infer<typeof myTripsSchema>;
