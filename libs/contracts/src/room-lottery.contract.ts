import { z } from 'zod';

/**
 * High-demand room lottery (会議室抽選, docs/adr/0021-room-lottery.md): rounds over a set of
 * high-demand rooms, each room a lottery class of size 1, drawn by the same engine as cars.
 */
const instant = z.iso.datetime({ offset: true });
const text200 = z.string().trim().min(1).max(200);

export const ROOM_LOTTERY_MAX_CHOICES = 3;

export const roomLotteryRoundStatusSchema = z.enum(['scheduled', 'open', 'closed', 'drawn', 'done']);
export type RoomLotteryRoundStatus = z.infer<typeof roomLotteryRoundStatusSchema>;

/** POST /api/room-lottery/rounds (general_affairs, sysadmin). Instants in order: opens < closes ≤ draw < confirmBy ≤ firstCome ≤ periodStart < periodEnd. */
export const createRoomLotteryRoundSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  roomIds: z.array(z.uuid()).min(1).max(50),
  periodStart: instant,
  periodEnd: instant,
  opensAt: instant,
  closesAt: instant,
  drawAt: instant,
  confirmBy: instant,
  firstComeAt: instant,
});
export type CreateRoomLotteryRound = z.infer<typeof createRoomLotteryRoundSchema>;

export const roomLotteryRoundSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: roomLotteryRoundStatusSchema,
  rooms: z.array(z.object({ id: z.uuid(), name: z.string(), building: z.string(), floor: z.number(), capacity: z.number() })),
  periodStart: z.string(),
  periodEnd: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  drawAt: z.string(),
  confirmBy: z.string(),
  firstComeAt: z.string(),
  commitment: z.string(),
  seed: z.string().nullable(),
  resultDigest: z.string().nullable(),
  drawnAt: z.string().nullable(),
  requestCount: z.number(),
});
export type RoomLotteryRound = z.infer<typeof roomLotteryRoundSchema>;

/** One ranked choice: a room of the round and an interval on the 15-minute grid inside the period. */
export const roomLotteryOptionSchema = z.strictObject({ roomId: z.uuid(), startsAt: instant, endsAt: instant });
export type RoomLotteryOption = z.infer<typeof roomLotteryOptionSchema>;

/** POST /api/room-lottery/rounds/:id/requests. More than three choices is refused with ROOM_LOTTERY_TOO_MANY_OPTIONS. */
export const createRoomLotteryRequestSchema = z.strictObject({
  title: text200,
  attendees: z.number().int().min(1).max(500),
  rank: z.number().int().min(1).max(50).optional(),
  options: z.array(roomLotteryOptionSchema).min(1).max(10),
});
export type CreateRoomLotteryRequest = z.infer<typeof createRoomLotteryRequestSchema>;

export const updateRoomLotteryRequestSchema = createRoomLotteryRequestSchema.partial();
export type UpdateRoomLotteryRequest = z.infer<typeof updateRoomLotteryRequestSchema>;

export const roomLotteryRequestStatusSchema = z.enum(['pending', 'won', 'lost', 'confirmed', 'declined', 'void']);
export type RoomLotteryRequestStatus = z.infer<typeof roomLotteryRequestStatusSchema>;

export const roomLotteryRequestSchema = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  rank: z.number(),
  title: z.string(),
  attendees: z.number(),
  options: z.array(z.object({ roomId: z.uuid(), roomName: z.string(), startsAt: z.string(), endsAt: z.string() })),
  status: roomLotteryRequestStatusSchema,
  wonOption: z.number().nullable(),
  bookingId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type RoomLotteryRequestView = z.infer<typeof roomLotteryRequestSchema>;

export const roomLotteryTickResultSchema = z.object({ advanced: z.array(z.object({ roundId: z.uuid(), from: roomLotteryRoundStatusSchema, to: roomLotteryRoundStatusSchema })) });
export type RoomLotteryTickResult = z.infer<typeof roomLotteryTickResultSchema>;
