import { z } from 'zod';
import { isoDateSchema } from './calendar.contract';

// Meeting spaces (会議室・会議スペース・Web会議ブース): rooms, blocks, first-come bookings, free-room
// search and the day/week calendar. Instants are ISO 8601 with an offset (stored as UTC, shown in
// Asia/Tokyo); dates are Tokyo calendar dates 'YYYY-MM-DD'. See docs/adr/0012-room-bookings.md.

export const roomTypeSchema = z.enum(['meeting_room', 'open_space', 'web_booth']);
export type RoomTypeName = z.infer<typeof roomTypeSchema>;
/** 設備: monitor モニター, camera カメラ, microphone マイク, web_meeting オンライン会議対応. */
export const roomEquipmentSchema = z.enum(['monitor', 'camera', 'microphone', 'web_meeting']);
export type RoomEquipment = z.infer<typeof roomEquipmentSchema>;
export const roomBookingStatusSchema = z.enum(['active', 'cancelled', 'released']);
export type RoomBookingStatusName = z.infer<typeof roomBookingStatusSchema>;

const instant = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected HH:mm' });
const text200 = z.string().trim().min(1).max(200);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
/** `equipment=web_meeting,camera` in a query string. */
const equipmentList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(roomEquipmentSchema).max(4));

// ---------------------------------------------------------------- rooms

export const roomSchema = z.object({
  id: z.uuid(),
  building: z.string(),
  floor: z.number().int(),
  zoneCode: z.string(),
  type: roomTypeSchema,
  name: z.string(),
  capacity: z.number().int(),
  equipment: z.array(roomEquipmentSchema),
  bookableFrom: z.string(),
  bookableUntil: z.string(),
  maxDurationMinutes: z.number().int(),
  horizonMonths: z.number().int(),
  highDemand: z.boolean(),
  notes: z.string(),
  active: z.boolean(),
});
export type Room = z.infer<typeof roomSchema>;

export const createRoomSchema = z.strictObject({
  building: z.string().trim().min(1).max(100),
  floor: z.number().int().min(-9).max(99),
  zoneCode: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/),
  type: roomTypeSchema,
  name: z.string().trim().min(1).max(100),
  capacity: z.number().int().min(1).max(500),
  equipment: z.array(roomEquipmentSchema).max(4).default([]),
  bookableFrom: hhmm.default('08:00'),
  bookableUntil: hhmm.default('20:00'),
  maxDurationMinutes: z.number().int().min(15).max(1440).multipleOf(15).default(240),
  horizonMonths: z.number().int().min(1).max(12).default(3),
  highDemand: z.boolean().default(false),
  notes: z.string().trim().max(1000).default(''),
  active: z.boolean().default(true),
});
export type CreateRoom = z.infer<typeof createRoomSchema>;
/** PATCH /api/rooms/:id: any subset (through PatchBodyPipe, so defaults never reset a field). */
export const updateRoomSchema = createRoomSchema.partial().strict();
export type UpdateRoom = z.infer<typeof updateRoomSchema>;

export const roomsQuerySchema = z.strictObject({
  building: z.string().trim().min(1).max(100).optional(),
  floor: z.coerce.number().int().min(-9).max(99).optional(),
  type: roomTypeSchema.optional(),
  /** Default: active rooms only. */
  includeInactive: flag.default(false),
});
export type RoomsQuery = z.output<typeof roomsQuerySchema>;

/** GET /api/rooms/free: rooms free over the whole range, best fit first (smallest capacity, then name). */
export const freeRoomsQuerySchema = z.strictObject({
  startsAt: instant,
  endsAt: instant,
  minCapacity: z.coerce.number().int().min(1).max(500).default(1),
  equipment: equipmentList.optional(),
  building: z.string().trim().min(1).max(100).optional(),
  floor: z.coerce.number().int().min(-9).max(99).optional(),
  type: roomTypeSchema.optional(),
});
export type FreeRoomsQuery = z.output<typeof freeRoomsQuerySchema>;

// ---------------------------------------------------------------- blocks

export const roomBlockSchema = z.object({
  id: z.uuid(),
  roomId: z.uuid(),
  roomName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export type RoomBlock = z.infer<typeof roomBlockSchema>;
export const createRoomBlockSchema = z.strictObject({ roomId: z.uuid(), startsAt: instant, endsAt: instant, reason: text200 });
export type CreateRoomBlock = z.infer<typeof createRoomBlockSchema>;
export const roomBlocksQuerySchema = z.strictObject({
  roomId: z.uuid().optional(),
  /** Tokyo dates, inclusive; default: from today on. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type RoomBlocksQuery = z.output<typeof roomBlocksQuerySchema>;

// ---------------------------------------------------------------- bookings

export const roomBookingSchema = z.object({
  id: z.uuid(),
  roomId: z.uuid(),
  roomName: z.string(),
  building: z.string(),
  floor: z.number().int(),
  title: z.string(),
  organiserId: z.uuid(),
  organiserName: z.string(),
  bookedById: z.uuid(),
  bookedByName: z.string(),
  attendees: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: roomBookingStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  // ---- added with ADR 0017 (series, check-in, after-hours AC)
  /** The recurring series this occurrence belongs to, or null; `occurrenceDate` is its Tokyo date. */
  seriesId: z.uuid().nullable(),
  occurrenceDate: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  /** The check-in window [opensAt, closesAt); null when the booking needs no check-in. At closesAt an unchecked booking is released. */
  checkIn: z.object({ opensAt: z.string(), closesAt: z.string() }).nullable(),
  /** Ends after the zone's AC hours (default 17:15) or falls on a closed day: offer an AC extension request. */
  acExtensionNeeded: z.boolean(),
  /** The matching AC extension (Tokyo date, 'HH:mm' range) for the link `/ac/new?zone=..&date=..&start=..&end=..`; null when none. */
  acExtension: z
    .object({ zoneCode: z.string(), date: z.string(), start: z.string(), end: z.string(), status: z.enum(['open', 'void', 'requested']), link: z.string() })
    .nullable(),
});
export type RoomBooking = z.infer<typeof roomBookingSchema>;

/** A block returned with the bookings it covers (they stay; the administrator contacts the organisers). */
export const roomBlockResultSchema = z.object({ block: roomBlockSchema, affectedBookings: z.array(roomBookingSchema) });
export type RoomBlockResult = z.infer<typeof roomBlockResultSchema>;

/**
 * POST /api/room-bookings (先着予約). `organiserId` (利用責任者) defaults to the caller; anyone may
 * book on behalf of another active user, who then holds the booking together with the booker.
 */
export const createRoomBookingSchema = z.strictObject({
  roomId: z.uuid(),
  title: text200,
  organiserId: z.uuid().optional(),
  attendees: z.number().int().min(1).max(500),
  startsAt: instant,
  endsAt: instant,
});
export type CreateRoomBooking = z.infer<typeof createRoomBookingSchema>;

/** PATCH /api/room-bookings/:id: any subset; a new room or time is checked like a new booking. */
export const updateRoomBookingSchema = z.strictObject({
  roomId: z.uuid().optional(),
  title: text200.optional(),
  organiserId: z.uuid().optional(),
  attendees: z.number().int().min(1).max(500).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
});
export type UpdateRoomBooking = z.infer<typeof updateRoomBookingSchema>;

export const myRoomBookingsQuerySchema = z.strictObject({
  /** Tokyo dates, inclusive. Default: bookings that have not ended yet. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Include cancelled and released bookings (default false). */
  includeInactive: flag.default(false),
});
export type MyRoomBookingsQuery = z.output<typeof myRoomBookingsQuerySchema>;

/**
 * GET /api/room-calendar: one room, or every active room of a floor (building + floor), for a
 * Tokyo day (`days=1`) or week (`days=7`) starting at `date`.
 */
export const roomCalendarQuerySchema = z
  .strictObject({
    date: isoDateSchema,
    days: z.coerce.number().int().pipe(z.union([z.literal(1), z.literal(7)])).default(1),
    roomId: z.uuid().optional(),
    building: z.string().trim().min(1).max(100).optional(),
    floor: z.coerce.number().int().min(-9).max(99).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.roomId === undefined) === (v.floor === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['roomId'], message: 'give exactly one of roomId or floor' });
    }
    if (v.roomId !== undefined && v.building !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['building'], message: 'building only goes with floor' });
    }
  });
export type RoomCalendarQuery = z.output<typeof roomCalendarQuerySchema>;

export const roomCalendarSchema = z.object({
  from: z.string(),
  to: z.string(),
  rooms: z.array(z.object({ room: roomSchema, bookings: z.array(roomBookingSchema), blocks: z.array(roomBlockSchema) })),
});
export type RoomCalendar = z.infer<typeof roomCalendarSchema>;

// ---------------------------------------------------------------- recurring series (ADR 0017)

/** The most occurrences one series may have (a rule that would make more is refused, nothing is written). */
export const ROOM_SERIES_MAX_OCCURRENCES = 100;

/**
 * POST /api/room-series: a recurring booking. `rrule` is an RFC 5545 RRULE body without DTSTART
 * (e.g. `FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10` or `FREQ=WEEKLY;INTERVAL=2;UNTIL=20270331`); it must end
 * (COUNT or UNTIL), repeat at most daily, and give ≤ 100 occurrences within the room's horizon.
 * `firstDate` is DTSTART (Tokyo date); every occurrence runs `startTime`–`endTime` Tokyo wall clock.
 * Closed days (閉庁日) are skipped unless `skipClosedDays` is false. What is free is created in one
 * transaction; every other occurrence is reported with the reason.
 */
export const createRoomSeriesSchema = z.strictObject({
  roomId: z.uuid(),
  title: text200,
  organiserId: z.uuid().optional(),
  attendees: z.number().int().min(1).max(500),
  firstDate: isoDateSchema,
  startTime: hhmm,
  endTime: hhmm,
  rrule: z.string().trim().min(1).max(500),
  skipClosedDays: z.boolean().default(true),
});
export type CreateRoomSeries = z.infer<typeof createRoomSeriesSchema>;

export const roomSeriesSchema = z.object({
  id: z.uuid(),
  roomId: z.uuid(),
  roomName: z.string(),
  title: z.string(),
  organiserId: z.uuid(),
  organiserName: z.string(),
  bookedById: z.uuid(),
  attendees: z.number().int(),
  rrule: z.string(),
  firstDate: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  skipClosedDays: z.boolean(),
  createdAt: z.string(),
  /** Its occurrences (all statuses), in date order. */
  bookings: z.array(roomBookingSchema),
});
export type RoomSeries = z.infer<typeof roomSeriesSchema>;

/**
 * One occurrence's outcome. created/updated/cancelled: done; conflict: another active booking holds
 * the slot (`conflictWith`); blocked: a room block covers it; skipped_closed_day: 閉庁日
 * (`closedReason`, e.g. 祝日名 or 土曜日); unchanged: nothing to do.
 */
export const roomOccurrenceStatusSchema = z.enum(['created', 'updated', 'cancelled', 'unchanged', 'conflict', 'blocked', 'skipped_closed_day', 'lottery_period']);
export type RoomOccurrenceStatus = z.infer<typeof roomOccurrenceStatusSchema>;
export const roomOccurrenceSchema = z.object({
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: roomOccurrenceStatusSchema,
  bookingId: z.uuid().nullable(),
  closedReason: z.string().nullable(),
  conflictWith: z.object({ bookingId: z.uuid(), title: z.string(), organiserName: z.string(), startsAt: z.string(), endsAt: z.string() }).nullable(),
});
export type RoomOccurrence = z.infer<typeof roomOccurrenceSchema>;

export const roomSeriesResultSchema = z.object({
  series: roomSeriesSchema,
  occurrences: z.array(roomOccurrenceSchema),
  counts: z.record(roomOccurrenceStatusSchema, z.number().int()),
});
export type RoomSeriesResult = z.infer<typeof roomSeriesResultSchema>;

/**
 * PATCH /api/room-series/:id — "this and following": every active, not yet started occurrence on or
 * after `fromDate`. Title, attendees and organiser change in place; a new time moves each
 * occurrence (one that cannot move keeps its old time and is reported as conflict/blocked).
 */
export const updateRoomSeriesSchema = z.strictObject({
  fromDate: isoDateSchema,
  title: text200.optional(),
  organiserId: z.uuid().optional(),
  attendees: z.number().int().min(1).max(500).optional(),
  startTime: hhmm.optional(),
  endTime: hhmm.optional(),
});
export type UpdateRoomSeries = z.infer<typeof updateRoomSeriesSchema>;

/** POST /api/room-series/:id/cancel — cancels "this and following" (every active occurrence from `fromDate` not yet started). */
export const cancelRoomSeriesSchema = z.strictObject({ fromDate: isoDateSchema });
export type CancelRoomSeries = z.infer<typeof cancelRoomSeriesSchema>;

// ---------------------------------------------------------------- check-in, no-shows, settings (ADR 0017)

/**
 * Check-in: POST /api/room-bookings/:id/check-in (a holder, from the booking) or
 * POST /api/rooms/:id/check-in (the QR code on the door links to /rooms/:id/check-in; the signed-in
 * user's booking of that room whose window is open now). Idempotent.
 */
export const roomNoShowsQuerySchema = z.strictObject({
  /** Tokyo dates, inclusive; default: the last 90 days. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type RoomNoShowsQuery = z.output<typeof roomNoShowsQuerySchema>;
/** GET /api/room-no-shows (General Affairs, sysadmin): released bookings per organiser, most first. */
export const roomNoShowSchema = z.object({ userId: z.uuid(), displayName: z.string(), count: z.number().int(), lastAt: z.string() });
export type RoomNoShow = z.infer<typeof roomNoShowSchema>;

/** GET/PATCH /api/room-settings (PATCH: General Affairs, sysadmin). */
export const roomSettingsSchema = z.object({
  checkInOpensMinutes: z.number().int(),
  releaseAfterMinutes: z.number().int(),
  /** End of the AC's normal hours on business days, 'HH:mm' Tokyo (default 17:15). */
  acHoursEnd: z.string(),
});
export type RoomSettings = z.infer<typeof roomSettingsSchema>;
export const updateRoomSettingsSchema = z.strictObject({
  checkInOpensMinutes: z.number().int().min(0).max(120).optional(),
  releaseAfterMinutes: z.number().int().min(5).max(240).optional(),
  acHoursEnd: hhmm.optional(),
});
export type UpdateRoomSettings = z.infer<typeof updateRoomSettingsSchema>;

/** GET /api/room-ac-needs (General Affairs, sysadmin; the AC feature's intake): recorded after-hours needs. */
export const roomAcNeedsQuerySchema = z.strictObject({
  status: z.enum(['open', 'void', 'requested']).default('open'),
  zoneCode: z.string().trim().min(1).max(32).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type RoomAcNeedsQuery = z.output<typeof roomAcNeedsQuerySchema>;
export const roomAcNeedSchema = z.object({
  id: z.uuid(),
  bookingId: z.uuid(),
  roomName: z.string(),
  title: z.string(),
  organiserId: z.uuid(),
  organiserName: z.string(),
  zoneCode: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['open', 'void', 'requested']),
  link: z.string(),
});
export type RoomAcNeed = z.infer<typeof roomAcNeedSchema>;

// ---------------------------------------------------------------- calendar feeds (ICS, ADR 0017)

/**
 * A private feed URL: GET /api/ical/users/<token>.ics or /api/ical/rooms/<token>.ics (no session;
 * the token is the key). GET /api/ical-feeds/me (created on first use), POST /api/ical-feeds/me/rotate,
 * DELETE /api/ical-feeds/me; for a room: GET /api/ical-feeds/rooms/:roomId (any staff member: the
 * room calendar is visible to all), POST .../rotate and DELETE (General Affairs, sysadmin).
 */
export const calendarFeedSchema = z.object({
  kind: z.enum(['user', 'room']),
  /** The path of the feed, e.g. /api/ical/users/<token>.ics (the web prefixes its origin; webcal:// works too). */
  path: z.string(),
  token: z.string(),
  createdAt: z.string(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
