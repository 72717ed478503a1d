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
