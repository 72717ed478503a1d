import { z } from 'zod';
import { isoDateSchema } from './calendar.contract';

// Official cars (公用車): fleet, driver register, maintenance blocks, first-come bookings and the
// availability grid. Instants are ISO 8601 with an offset (stored as UTC, shown in Asia/Tokyo);
// dates are Tokyo calendar dates 'YYYY-MM-DD'. See docs/adr/0007-car-bookings-exclusion-constraints.md.

/** Every booking and block sits on this grid (minutes, Tokyo wall clock). */
export const CAR_SLOT_MINUTES = 15;
/** Slots in one Tokyo day (no DST in Japan). */
export const CAR_SLOTS_PER_DAY = (24 * 60) / CAR_SLOT_MINUTES;

export const carFuelSchema = z.enum(['gasoline', 'hybrid', 'ev', 'diesel']);
export type CarFuelName = z.infer<typeof carFuelSchema>;
export const carStatusSchema = z.enum(['active', 'retired']);
export const carBlockKindSchema = z.enum(['shaken', 'inspection', 'repair', 'other']);
export type CarBlockKindName = z.infer<typeof carBlockKindSchema>;
export const carBookingStatusSchema = z.enum(['provisional', 'confirmed', 'in_use', 'completed', 'cancelled', 'released', 'no_show']);
export type CarBookingStatusName = z.infer<typeof carBookingStatusSchema>;
export const carBookingSourceSchema = z.enum(['first_come', 'lottery', 'waitlist', 'priority']);
export type CarBookingSourceName = z.infer<typeof carBookingSourceSchema>;

const code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/);
const name = z.string().trim().min(1).max(100);
const notes = z.string().trim().max(1000);
const instant = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { message: 'expected HH:mm' });
/** Query-string booleans. */
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---------------------------------------------------------------- garages, pools, classes

export const garageSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  notes: z.string(),
  carCount: z.number().int(),
});
export type Garage = z.infer<typeof garageSchema>;
export const createGarageSchema = z.strictObject({
  code,
  name,
  address: z.string().trim().max(200).default(''),
  notes: notes.default(''),
});
export type CreateGarage = z.infer<typeof createGarageSchema>;
export const updateGarageSchema = createGarageSchema.partial().strict();

export const carPoolSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  carCount: z.number().int(),
});
export type CarPool = z.infer<typeof carPoolSchema>;
export const createCarPoolSchema = z.strictObject({
  code,
  name,
  description: z.string().trim().max(500).default(''),
});
export type CreateCarPool = z.infer<typeof createCarPoolSchema>;
export const updateCarPoolSchema = createCarPoolSchema.partial().strict();

export const carClassSchema = z.object({ code: z.string(), nameJa: z.string(), nameEn: z.string(), sortOrder: z.number().int() });
export type CarClass = z.infer<typeof carClassSchema>;

// ---------------------------------------------------------------- cars

/** 登録番号, e.g. 「北九州 480 あ 10-01」 (full-width spaces are normalised to one ASCII space). */
export const plateNumberSchema = z
  .string()
  .transform((v) => v.replace(/[\s\u3000]+/g, ' ').trim())
  .pipe(z.string().min(4).max(40));

export const carSchema = z.object({
  id: z.uuid(),
  plateNumber: z.string(),
  model: z.string(),
  classCode: z.string(),
  className: z.string(),
  classNameEn: z.string(),
  seats: z.number().int(),
  fuel: carFuelSchema,
  garageId: z.uuid(),
  garageName: z.string(),
  bay: z.string(),
  poolId: z.uuid(),
  poolCode: z.string(),
  poolName: z.string(),
  status: carStatusSchema,
  notes: z.string(),
});
export type Car = z.infer<typeof carSchema>;

export const createCarSchema = z.strictObject({
  plateNumber: plateNumberSchema,
  model: z.string().trim().max(100).default(''),
  classCode: z.string().trim().min(1).max(16),
  seats: z.number().int().min(1).max(30),
  fuel: carFuelSchema,
  garageId: z.uuid(),
  bay: z.string().trim().max(16).default(''),
  poolId: z.uuid(),
  status: carStatusSchema.default('active'),
  notes: notes.default(''),
});
export type CreateCar = z.infer<typeof createCarSchema>;
export const updateCarSchema = createCarSchema.partial().strict();
export type UpdateCar = z.infer<typeof updateCarSchema>;

export const carsQuerySchema = z.strictObject({
  poolId: z.uuid().optional(),
  garageId: z.uuid().optional(),
  classCode: z.string().trim().min(1).max(16).optional(),
  /** Default: active cars only. */
  status: z.enum(['active', 'retired', 'all']).default('active'),
});
export type CarsQuery = z.output<typeof carsQuerySchema>;

// ---------------------------------------------------------------- maintenance blocks

export const carBlockSchema = z.object({
  id: z.uuid(),
  carId: z.uuid(),
  plateNumber: z.string(),
  kind: carBlockKindSchema,
  allDay: z.boolean(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export type CarBlock = z.infer<typeof carBlockSchema>;

/**
 * A block's interval is given either as whole Tokyo days (`startDate`..`endDate`, inclusive) or as
 * two instants on the 15-minute grid (`startsAt`, `endsAt`): exactly one of the two forms.
 */
const blockInterval = {
  startDate: isoDateSchema.optional(),
  endDate: isoDateSchema.optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
};
type BlockIntervalInput = { startDate?: string; endDate?: string; startsAt?: string; endsAt?: string };
function checkBlockInterval(v: BlockIntervalInput, ctx: z.RefinementCtx, required: boolean): void {
  const days = v.startDate !== undefined || v.endDate !== undefined;
  const instants = v.startsAt !== undefined || v.endsAt !== undefined;
  if (days && instants) {
    ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'give either startDate/endDate (whole days) or startsAt/endsAt, not both' });
    return;
  }
  if (days && (v.startDate === undefined || v.endDate === undefined)) {
    ctx.addIssue({ code: 'custom', path: [v.startDate === undefined ? 'startDate' : 'endDate'], message: 'startDate and endDate go together' });
  }
  if (instants && (v.startsAt === undefined || v.endsAt === undefined)) {
    ctx.addIssue({ code: 'custom', path: [v.startsAt === undefined ? 'startsAt' : 'endsAt'], message: 'startsAt and endsAt go together' });
  }
  if (required && !days && !instants) {
    ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'give startDate/endDate or startsAt/endsAt' });
  }
}

export const createCarBlockSchema = z
  .strictObject({ carId: z.uuid(), kind: carBlockKindSchema, reason: z.string().trim().min(1).max(200), ...blockInterval })
  .superRefine((v, ctx) => checkBlockInterval(v, ctx, true));
export type CreateCarBlock = z.infer<typeof createCarBlockSchema>;
export const updateCarBlockSchema = z
  .strictObject({ kind: carBlockKindSchema.optional(), reason: z.string().trim().min(1).max(200).optional(), ...blockInterval })
  .superRefine((v, ctx) => checkBlockInterval(v, ctx, false));
export type UpdateCarBlock = z.infer<typeof updateCarBlockSchema>;

export const carBlocksQuerySchema = z.strictObject({
  carId: z.uuid().optional(),
  /** Tokyo dates, inclusive; default: from today on. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type CarBlocksQuery = z.output<typeof carBlocksQuerySchema>;

/** What happened to an active booking that a new or changed block overlaps. */
export const affectedBookingSchema = z.object({
  bookingId: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: carBookingStatusSchema,
  driverId: z.uuid(),
  driverName: z.string(),
  sectionName: z.string(),
  /** reassigned: moved to `newCarId`; needs_reassignment: no free car of the class, flagged for the garage. */
  outcome: z.enum(['reassigned', 'needs_reassignment']),
  newCarId: z.uuid().nullable(),
  newPlateNumber: z.string().nullable(),
});
export type AffectedBooking = z.infer<typeof affectedBookingSchema>;
export const carBlockResultSchema = z.object({ block: carBlockSchema, affectedBookings: z.array(affectedBookingSchema) });
export type CarBlockResult = z.infer<typeof carBlockResultSchema>;

// ---------------------------------------------------------------- drivers

export const driverIneligibleReasonSchema = z.enum(['not_registered', 'inactive', 'not_approved', 'licence_expired']);
export type DriverIneligibleReason = z.infer<typeof driverIneligibleReasonSchema>;

export const driverEligibilitySchema = z.object({
  eligible: z.boolean(),
  reasons: z.array(driverIneligibleReasonSchema),
  /** licence_expiring: valid now but expires within the warning period (default 30 days). */
  warning: z.enum(['licence_expiring']).nullable(),
  /** Days from today (Tokyo) to the expiry date; negative once expired; null when not registered. */
  daysUntilExpiry: z.number().int().nullable(),
});
export type DriverEligibilityView = z.infer<typeof driverEligibilitySchema>;

export const driverSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  nameKana: z.string(),
  employeeNumber: z.string(),
  sectionId: z.uuid(),
  sectionName: z.string(),
  /** Masked to the last 4 digits in lists (`********1234`); full in the detail and own views. */
  licenceNumber: z.string().nullable(),
  licenceExpiresOn: z.string(),
  licenceConditions: z.array(z.string()),
  firstLicensedOn: z.string().nullable(),
  approved: z.boolean(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  notes: z.string(),
  eligibility: driverEligibilitySchema,
});
export type Driver = z.infer<typeof driverSchema>;

/** GET /api/drivers/me */
export const driverStatusSchema = z.object({
  registered: z.boolean(),
  driver: driverSchema.nullable(),
  eligibility: driverEligibilitySchema,
});
export type DriverStatus = z.infer<typeof driverStatusSchema>;

const licenceFields = {
  licenceNumber: z.string().regex(/^[0-9]{12}$/, { message: 'expected the 12-digit licence number' }).nullable().default(null),
  licenceExpiresOn: isoDateSchema,
  licenceConditions: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  firstLicensedOn: isoDateSchema.nullable().default(null),
};
function firstLicensedNotAfterExpiry(v: { firstLicensedOn?: string | null; licenceExpiresOn?: string }, ctx: z.RefinementCtx): void {
  if (v.firstLicensedOn && v.licenceExpiresOn && v.firstLicensedOn > v.licenceExpiresOn) {
    ctx.addIssue({ code: 'custom', path: ['firstLicensedOn'], message: 'firstLicensedOn is after licenceExpiresOn' });
  }
}
/** PUT /api/drivers/:userId (administrator): registers or updates a driver; approval is separate. */
export const upsertDriverSchema = z
  .strictObject({ ...licenceFields, notes: notes.default('') })
  .superRefine(firstLicensedNotAfterExpiry);
export type UpsertDriver = z.infer<typeof upsertDriverSchema>;
/** PUT /api/drivers/me: a staff member registers or renews their own licence; it then awaits approval. */
export const upsertOwnDriverSchema = z.strictObject(licenceFields).superRefine(firstLicensedNotAfterExpiry);
export type UpsertOwnDriver = z.infer<typeof upsertOwnDriverSchema>;

export const driversQuerySchema = z.strictObject({
  /** expiring_soon: valid, expires within the warning period; expired; unapproved; eligible. */
  filter: z.enum(['expiring_soon', 'expired', 'unapproved', 'eligible']).optional(),
  sectionId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DriversQuery = z.output<typeof driversQuerySchema>;

/** GET /api/drivers/section: the drivers a staff member may book for (own section), names only. */
export const sectionDriverSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  nameKana: z.string(),
  eligible: z.boolean(),
  warning: z.enum(['licence_expiring']).nullable(),
});
export type SectionDriver = z.infer<typeof sectionDriverSchema>;
export const sectionDriversQuerySchema = z.strictObject({ sectionId: z.uuid().optional() });

// ---------------------------------------------------------------- bookings

export const carBookingSchema = z.object({
  id: z.uuid(),
  carId: z.uuid(),
  plateNumber: z.string(),
  carModel: z.string(),
  classCode: z.string(),
  className: z.string(),
  garageName: z.string(),
  bay: z.string(),
  poolId: z.uuid(),
  driverId: z.uuid(),
  driverName: z.string(),
  bookedById: z.uuid(),
  bookedByName: z.string(),
  sectionId: z.uuid(),
  sectionName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  purpose: z.string(),
  destination: z.string(),
  passengers: z.number().int(),
  outOfPrefecture: z.boolean(),
  source: carBookingSourceSchema,
  roundId: z.uuid().nullable(),
  priorityReason: z.string().nullable(),
  status: carBookingStatusSchema,
  needsReassignment: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CarBooking = z.infer<typeof carBookingSchema>;

const tripText = z.string().trim().min(1).max(200);

/**
 * POST /api/car-bookings (先着予約). Give exactly one of `carId` (that car) or `classCode` (the
 * service picks a free car of the class, optionally within `poolId`). `driverId` defaults to the
 * caller; staff may name another registered driver of their own section. `priorityReason` (災害対応,
 * 議会, 市長公務…) is for garage administrators only and makes a `priority` booking.
 */
export const createCarBookingSchema = z
  .strictObject({
    carId: z.uuid().optional(),
    classCode: z.string().trim().min(1).max(16).optional(),
    poolId: z.uuid().optional(),
    driverId: z.uuid().optional(),
    startsAt: instant,
    endsAt: instant,
    purpose: tripText,
    destination: tripText,
    passengers: z.number().int().min(0).max(29).default(0),
    outOfPrefecture: z.boolean().default(false),
    priorityReason: tripText.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.carId === undefined) === (v.classCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['carId'], message: 'give exactly one of carId or classCode' });
    }
    if (v.carId !== undefined && v.poolId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['poolId'], message: 'poolId only goes with classCode' });
    }
  });
export type CreateCarBooking = z.infer<typeof createCarBookingSchema>;

/** PATCH /api/car-bookings/:id: any subset; `carId` and `classCode` are alternatives. */
export const updateCarBookingSchema = z
  .strictObject({
    carId: z.uuid().optional(),
    classCode: z.string().trim().min(1).max(16).optional(),
    driverId: z.uuid().optional(),
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    purpose: tripText.optional(),
    destination: tripText.optional(),
    passengers: z.number().int().min(0).max(29).optional(),
    outOfPrefecture: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.carId !== undefined && v.classCode !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['carId'], message: 'give carId or classCode, not both' });
    }
  });
export type UpdateCarBooking = z.infer<typeof updateCarBookingSchema>;

export const myCarBookingsQuerySchema = z.strictObject({
  /** Tokyo dates, inclusive. Default: bookings that have not ended yet. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Include cancelled, released, completed and no-show bookings (default false). */
  includeInactive: flag.default(false),
});
export type MyCarBookingsQuery = z.output<typeof myCarBookingsQuerySchema>;

/** GET /api/car-bookings (garage administrators). */
export const carBookingsQuerySchema = z.strictObject({
  date: isoDateSchema.optional(),
  carId: z.uuid().optional(),
  driverId: z.uuid().optional(),
  status: carBookingStatusSchema.optional(),
  needsReassignment: flag.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CarBookingsQuery = z.output<typeof carBookingsQuerySchema>;

// ---------------------------------------------------------------- availability grid

export const carAvailabilityQuerySchema = z.strictObject({
  date: isoDateSchema,
  poolId: z.uuid().optional(),
  classCode: z.string().trim().min(1).max(16).optional(),
});
export type CarAvailabilityQuery = z.output<typeof carAvailabilityQuerySchema>;

/**
 * One busy interval of a car on the requested day, clipped to the day; `startSlot`/`endSlot` index
 * the day's 96 fifteen-minute slots (end exclusive). Staff see the section of other people's
 * bookings only; garage administrators also see the driver and the block's reason.
 */
export const carBusyIntervalSchema = z.object({
  kind: z.enum(['booking', 'block']),
  startsAt: z.string(),
  endsAt: z.string(),
  startSlot: z.number().int(),
  endSlot: z.number().int(),
  mine: z.boolean(),
  bookingId: z.uuid().nullable(),
  status: carBookingStatusSchema.nullable(),
  sectionName: z.string().nullable(),
  driverName: z.string().nullable(),
  blockKind: carBlockKindSchema.nullable(),
  reason: z.string().nullable(),
});
export type CarBusyInterval = z.infer<typeof carBusyIntervalSchema>;

export const carAvailabilitySchema = z.object({
  date: z.string(),
  slotMinutes: z.number().int(),
  slotCount: z.number().int(),
  dayStartsAt: z.string(),
  dayEndsAt: z.string(),
  bookableFrom: z.string(),
  bookableUntil: z.string(),
  cars: z.array(
    z.object({
      carId: z.uuid(),
      plateNumber: z.string(),
      model: z.string(),
      classCode: z.string(),
      className: z.string(),
      seats: z.number().int(),
      fuel: carFuelSchema,
      bay: z.string(),
      poolId: z.uuid(),
      busy: z.array(carBusyIntervalSchema),
    }),
  ),
});
export type CarAvailability = z.infer<typeof carAvailabilitySchema>;

// ---------------------------------------------------------------- settings

export const carBookingSettingsSchema = z.object({
  /** Tokyo wall clock 'HH:mm'; a trip starts and ends within these hours (default 07:00–22:00). */
  bookableFrom: z.string(),
  bookableUntil: z.string(),
  /** Longest trip (default 4,320 = 3 days). */
  maxDurationMinutes: z.number().int(),
  /** How far ahead a trip may start, in months (default 1, 守山市 practice). */
  horizonMonths: z.number().int(),
  /** Warn drivers this many days before their licence expires (default 30). */
  expiryWarningDays: z.number().int(),
  updatedAt: z.string(),
});
export type CarBookingSettings = z.infer<typeof carBookingSettingsSchema>;
export const updateCarBookingSettingsSchema = z.strictObject({
  bookableFrom: hhmm.optional(),
  bookableUntil: hhmm.optional(),
  maxDurationMinutes: z.number().int().min(15).max(60 * 24 * 31).multipleOf(15).optional(),
  horizonMonths: z.number().int().min(1).max(12).optional(),
  expiryWarningDays: z.number().int().min(0).max(365).optional(),
});
export type UpdateCarBookingSettings = z.infer<typeof updateCarBookingSettingsSchema>;
