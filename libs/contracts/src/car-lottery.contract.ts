import { z } from 'zod';
import { isoDateSchema } from './calendar.contract';

// Car lottery rounds (公用車の抽選): per pool and target period, a window for requests (申込期間), a
// freeze, a verifiable draw (抽選), confirmation (当選確定), a waitlist pass (繰り上げ) and then
// first-come booking (先着予約). See docs/adr/0010-lottery-rounds.md and docs/lottery.md.

/** Alternatives per request (第1〜第3希望). */
export const LOTTERY_MAX_CHOICES = 3;

export const LOTTERY_ROUND_STATUSES = ['scheduled', 'open', 'frozen', 'drawn', 'confirming', 'first_come', 'closed'] as const;
export const lotteryRoundStatusSchema = z.enum(LOTTERY_ROUND_STATUSES);
export type LotteryRoundStatus = z.infer<typeof lotteryRoundStatusSchema>;

/** Hard priorities reserved by a garage administrator before the draw (not weights). */
export const LOTTERY_PRIORITY_CATEGORIES = ['disaster', 'assembly', 'mayor'] as const;
export const lotteryPriorityCategorySchema = z.enum(LOTTERY_PRIORITY_CATEGORIES);
export type LotteryPriorityCategory = z.infer<typeof lotteryPriorityCategorySchema>;
export const LOTTERY_PRIORITY_LABELS: Record<LotteryPriorityCategory, { ja: string; en: string }> = {
  disaster: { ja: '災害対応', en: 'Disaster response' },
  assembly: { ja: '議会', en: 'City assembly' },
  mayor: { ja: '市長公務', en: "Mayor's official duties" },
};

const instant = z.iso.datetime({ offset: true });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected HH:mm' });
const tripText = z.string().trim().min(1).max(200);

// ---------------------------------------------------------------- settings (設定値, per pool)

/** A point of the weekly cycle: `day` days after the Monday of the window week, at Tokyo `time`. */
export const lotteryCyclePointSchema = z.strictObject({ day: z.number().int().min(0).max(27), time: hhmm });
export type LotteryCyclePoint = z.infer<typeof lotteryCyclePointSchema>;

export const lotterySettingsSchema = z.object({
  poolId: z.uuid(),
  /** The worker creates this pool's weekly rounds by itself (admins can always create one by hand). */
  enabled: z.boolean(),
  /** Defaults: Mon 08:30 → Wed 17:15, draw Thu 09:00, confirm by Fri 17:15, first-come Mon 08:30. */
  opens: lotteryCyclePointSchema,
  closes: lotteryCyclePointSchema,
  draw: lotteryCyclePointSchema,
  confirmBy: lotteryCyclePointSchema,
  firstCome: lotteryCyclePointSchema,
  /** The target period starts this many days after the window Monday (14 = the week after next). */
  periodOffsetDays: z.number().int(),
  periodDays: z.number().int(),
  perUserCap: z.number().int(),
  perSectionCap: z.number().int(),
  /** The confirmation reminder goes out this long before the deadline (0 = none). */
  reminderMinutesBefore: z.number().int(),
  /** Rounds are created once their window opens within this many days (keeps first-come out of periods a round will allocate). */
  createAheadDays: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type LotterySettings = z.infer<typeof lotterySettingsSchema>;

export const updateLotterySettingsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  opens: lotteryCyclePointSchema.optional(),
  closes: lotteryCyclePointSchema.optional(),
  draw: lotteryCyclePointSchema.optional(),
  confirmBy: lotteryCyclePointSchema.optional(),
  firstCome: lotteryCyclePointSchema.optional(),
  periodOffsetDays: z.number().int().min(1).max(60).optional(),
  periodDays: z.number().int().min(1).max(31).optional(),
  perUserCap: z.number().int().min(1).max(100).optional(),
  perSectionCap: z.number().int().min(1).max(10_000).optional(),
  reminderMinutesBefore: z.number().int().min(0).max(10_080).optional(),
  createAheadDays: z.number().int().min(0).max(90).optional(),
});
export type UpdateLotterySettings = z.infer<typeof updateLotterySettingsSchema>;

// ---------------------------------------------------------------- rounds

export const lotteryScheduleSchema = z.object({
  opensAt: z.string(),
  closesAt: z.string(),
  drawAt: z.string(),
  confirmBy: z.string(),
  firstComeAt: z.string(),
});
export type LotterySchedule = z.infer<typeof lotteryScheduleSchema>;

/**
 * A round as everyone sees it. The digests are the public evidence: `commitment` (SHA-256 of the
 * secret) from the opening, `inputDigest` and `ticketDigest` from the freeze, `externalValue`
 * once entered (or the documented fallback at the draw), `seed`, `secret` and `resultDigest` once
 * drawn. `drawInputDigest` differs from `inputDigest` only when capacity changed between the freeze
 * and the draw (`inputChangedAfterFreeze`; see ADR 0010).
 */
export const lotteryRoundSchema = z.object({
  id: z.uuid(),
  poolId: z.uuid(),
  poolCode: z.string(),
  poolName: z.string(),
  /** [periodStart, periodEnd): Tokyo midnights; `firstDate`/`lastDate` are the inclusive Tokyo dates. */
  periodStart: z.string(),
  periodEnd: z.string(),
  firstDate: z.string(),
  lastDate: z.string(),
  status: lotteryRoundStatusSchema,
  statusChangedAt: z.string(),
  schedule: lotteryScheduleSchema,
  /** Entries can be made, changed and withdrawn now. */
  windowOpen: z.boolean(),
  /** First-come booking of this pool and period is allowed now. */
  firstComeOpen: z.boolean(),
  perUserCap: z.number().int(),
  perSectionCap: z.number().int(),
  commitment: z.string().nullable(),
  externalValue: z.string().nullable(),
  externalValueSource: z.enum(['official', 'fallback']).nullable(),
  externalValueSetAt: z.string().nullable(),
  frozenAt: z.string().nullable(),
  inputDigest: z.string().nullable(),
  ticketDigest: z.string().nullable(),
  drawnAt: z.string().nullable(),
  seed: z.string().nullable(),
  secret: z.string().nullable(),
  drawInputDigest: z.string().nullable(),
  inputChangedAfterFreeze: z.boolean().nullable(),
  resultDigest: z.string().nullable(),
  waitlistDigest: z.string().nullable(),
  requestCount: z.number().int(),
  applicantCount: z.number().int(),
  createdAt: z.string(),
});
export type LotteryRound = z.infer<typeof lotteryRoundSchema>;

export const lotteryRoundsQuerySchema = z.strictObject({
  poolId: z.uuid().optional(),
  status: lotteryRoundStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LotteryRoundsQuery = z.output<typeof lotteryRoundsQuerySchema>;

/**
 * POST /api/lottery/rounds (garage administrators): a round by hand. The period is whole Tokyo days
 * (`periodEnd` inclusive, default a week); any instant left out comes from the pool's settings,
 * shifted by the business calendar.
 */
export const createLotteryRoundSchema = z.strictObject({
  poolId: z.uuid(),
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema.optional(),
  opensAt: instant.optional(),
  closesAt: instant.optional(),
  drawAt: instant.optional(),
  confirmBy: instant.optional(),
  firstComeAt: instant.optional(),
  perUserCap: z.number().int().min(1).max(100).optional(),
  perSectionCap: z.number().int().min(1).max(10_000).optional(),
});
export type CreateLotteryRound = z.infer<typeof createLotteryRoundSchema>;

/** PUT /api/lottery/rounds/:id/external-value: e.g. 「宝くじ 第1234回 1等 12組 123456」 or a drand round. */
export const setExternalValueSchema = z.strictObject({
  value: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, { message: 'control characters are not allowed' }),
});
export type SetExternalValue = z.infer<typeof setExternalValueSchema>;

/** What one call of the state machine did (POST /api/lottery/rounds/:id/advance, the worker's tick). */
export const lotteryAdvanceResultSchema = z.object({
  roundId: z.uuid(),
  status: lotteryRoundStatusSchema,
  steps: z.array(z.string()),
});
export type LotteryAdvanceResult = z.infer<typeof lotteryAdvanceResultSchema>;

// ---------------------------------------------------------------- requests (抽選申込)

export const lotteryOptionInputSchema = z.strictObject({
  classCode: z.string().trim().min(1).max(16),
  startsAt: instant,
  endsAt: instant,
});
export type LotteryOptionInput = z.infer<typeof lotteryOptionInputSchema>;

/**
 * POST /api/lottery/rounds/:id/requests. One need with up to three ranked choices (more are refused
 * with LOTTERY_TOO_MANY_OPTIONS). `rank` is the user's own priority among their requests (default:
 * after the others). `driverId` defaults to the caller; staff may name a driver of their section.
 */
export const createLotteryRequestSchema = z.strictObject({
  options: z.array(lotteryOptionInputSchema).min(1).max(10),
  rank: z.number().int().min(1).max(1_000_000).optional(),
  driverId: z.uuid().optional(),
  purpose: tripText,
  destination: tripText,
  passengers: z.number().int().min(0).max(29).default(0),
  outOfPrefecture: z.boolean().default(false),
});
export type CreateLotteryRequest = z.infer<typeof createLotteryRequestSchema>;

/** PATCH /api/lottery/requests/:id: any subset, while the window is open. */
export const updateLotteryRequestSchema = z.strictObject({
  options: z.array(lotteryOptionInputSchema).min(1).max(10).optional(),
  rank: z.number().int().min(1).max(1_000_000).optional(),
  driverId: z.uuid().optional(),
  purpose: tripText.optional(),
  destination: tripText.optional(),
  passengers: z.number().int().min(0).max(29).optional(),
  outOfPrefecture: z.boolean().optional(),
});
export type UpdateLotteryRequest = z.infer<typeof updateLotteryRequestSchema>;

/** PUT /api/lottery/rounds/:id/requests/order: the caller's active requests, first = rank 1. */
export const reorderLotteryRequestsSchema = z.strictObject({ requestIds: z.array(z.uuid()).min(1).max(100) });
export type ReorderLotteryRequests = z.infer<typeof reorderLotteryRequestsSchema>;

export const LOTTERY_REQUEST_RESULTS = ['pending', 'won', 'lost', 'promoted'] as const;
export const lotteryRequestResultSchema = z.enum(LOTTERY_REQUEST_RESULTS);

export const lotteryRequestSchema = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  userId: z.uuid(),
  driverId: z.uuid(),
  driverName: z.string(),
  sectionId: z.uuid(),
  rank: z.number().int(),
  purpose: z.string(),
  destination: z.string(),
  passengers: z.number().int(),
  outOfPrefecture: z.boolean(),
  status: z.enum(['active', 'withdrawn']),
  options: z.array(
    z.object({ position: z.number().int(), classCode: z.string(), className: z.string(), startsAt: z.string(), endsAt: z.string() }),
  ),
  /** pending until the draw; won / lost at the draw; promoted by the waitlist pass (繰り上げ当選). */
  result: lotteryRequestResultSchema,
  wonOption: z.number().int().nullable(),
  booking: z
    .object({
      id: z.uuid(),
      status: z.string(),
      carId: z.uuid(),
      plateNumber: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
    })
    .nullable(),
  /** A provisional win the holder may still confirm (当選確定) or decline (当選辞退) before the deadline. */
  canRespond: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LotteryRequest = z.infer<typeof lotteryRequestSchema>;

// ---------------------------------------------------------------- priority reservations

/** POST /api/lottery/rounds/:id/priority-reservations (garage administrators, before the draw). */
export const createPriorityReservationSchema = z.strictObject({
  carId: z.uuid(),
  driverId: z.uuid(),
  startsAt: instant,
  endsAt: instant,
  category: lotteryPriorityCategorySchema,
  reason: tripText,
  purpose: tripText,
  destination: tripText,
  passengers: z.number().int().min(0).max(29).default(0),
  outOfPrefecture: z.boolean().default(false),
});
export type CreatePriorityReservation = z.infer<typeof createPriorityReservationSchema>;

export const priorityReservationSchema = z.object({
  bookingId: z.uuid(),
  roundId: z.uuid(),
  category: lotteryPriorityCategorySchema,
  reason: z.string(),
  carId: z.uuid(),
  plateNumber: z.string(),
  driverId: z.uuid(),
  driverName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.string(),
  createdById: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type PriorityReservation = z.infer<typeof priorityReservationSchema>;

// ---------------------------------------------------------------- verification

/** GET /api/lottery/rounds/:id/tickets: the ticket table published at the freeze. */
export const lotteryTicketTableSchema = z.object({
  roundId: z.uuid(),
  ticketDigest: z.string(),
  rows: z.array(z.object({ userId: z.string(), zeroWinStreak: z.number().int(), tickets: z.number().int() })),
});
export type LotteryTicketTable = z.infer<typeof lotteryTicketTableSchema>;

/** GET /api/lottery/rounds/:id/my-position: the caller's tickets, order key and place in the lottery order. */
export const lotteryPositionSchema = z.object({
  roundId: z.uuid(),
  userId: z.uuid(),
  status: lotteryRoundStatusSchema,
  applied: z.boolean(),
  zeroWinStreak: z.number().int().nullable(),
  tickets: z.number().int().nullable(),
  /** min over j < tickets of SHA-256(seed | userId | j): lower draws earlier. */
  key: z.string().nullable(),
  /** 1-based place in the lottery order (pass 1 forward, pass 2 backward…). */
  position: z.number().int().nullable(),
  applicants: z.number().int().nullable(),
  seed: z.string().nullable(),
});
export type LotteryPosition = z.infer<typeof lotteryPositionSchema>;

/** POST /api/lottery/verify: re-runs an exported record (the body) and compares it. */
export const lotteryVerifyResultSchema = z.object({
  ok: z.literal(true),
  digest: z.string(),
  roundId: z.string(),
  /** null when the round is not in this system; else whether the stored record has the same digest. */
  matchesStored: z.boolean().nullable(),
});
export type LotteryVerifyResult = z.infer<typeof lotteryVerifyResultSchema>;

export const lotteryWaitlistSchema = z.object({
  roundId: z.uuid(),
  passes: z.array(
    z.object({
      passNo: z.number().int(),
      createdAt: z.string(),
      releasedRequestIds: z.array(z.string()),
      releasedBookingIds: z.array(z.string()),
      promotions: z.array(z.object({ requestId: z.string(), option: z.number().int(), resourceId: z.string() })),
      digest: z.string(),
    }),
  ),
});
export type LotteryWaitlist = z.infer<typeof lotteryWaitlistSchema>;

// ---------------------------------------------------------------- admin dashboard

export const lotteryDashboardSchema = z.object({
  roundId: z.uuid(),
  status: lotteryRoundStatusSchema,
  entries: z.object({
    requests: z.number().int(),
    withdrawn: z.number().int(),
    applicants: z.number().int(),
    sections: z.number().int(),
    byRank: z.array(z.object({ rank: z.number().int(), requests: z.number().int() })),
    byChoices: z.array(z.object({ choices: z.number().int(), requests: z.number().int() })),
  }),
  /** Per class and Tokyo day: first-choice demand against capacity in working hours (08:30–17:15). */
  demand: z.array(
    z.object({
      date: z.string(),
      classCode: z.string(),
      className: z.string(),
      cars: z.number().int(),
      capacityHours: z.number(),
      requestedHours: z.number(),
      load: z.number().nullable(),
      wonHours: z.number(),
    }),
  ),
  outcome: z.object({
    won: z.number().int(),
    lost: z.number().int(),
    promoted: z.number().int(),
    provisional: z.number().int(),
    confirmed: z.number().int(),
    declined: z.number().int(),
    void: z.number().int(),
  }),
  fairness: z.object({
    applicants: z.number().int(),
    applicantsWithWin: z.number().int(),
    /** Share of applicants with at least one win or promotion (LOTTERY.md: ≈98 % at load 1.5). */
    shareWithWin: z.number().nullable(),
    /** z before the round (ticket table) and after it (lottery_streaks), applicants only. */
    streakBefore: z.array(z.object({ zeroWinStreak: z.number().int(), users: z.number().int() })),
    streakAfter: z.array(z.object({ zeroWinStreak: z.number().int(), users: z.number().int() })),
    tickets: z.array(z.object({ tickets: z.number().int(), users: z.number().int() })),
  }),
});
export type LotteryDashboard = z.infer<typeof lotteryDashboardSchema>;
