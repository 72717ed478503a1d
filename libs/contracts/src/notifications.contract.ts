import { z } from 'zod';
import type { Role } from './auth.contract';

/**
 * Notifications: the catalogue of types (shared by api, worker and web), the inbox, preferences and
 * the admin's dead-letter view. Delivery itself never happens in a request: see
 * docs/adr/0004-notification-outbox.md.
 */

export const NOTIFICATION_CHANNELS = ['inbox', 'email', 'webhook'] as const;
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;
/** Channels delivered by the worker through the queue (the inbox is the outbox row itself). */
export type QueuedChannel = Exclude<NotificationChannel, 'inbox'>;

/** Roles that approve something and may therefore choose the daily digest. */
export const APPROVER_ROLES: readonly Role[] = ['section_chief', 'general_affairs', 'garage_admin'];

interface TypeInfo {
  label: { ja: string; en: string };
  /** Channels on when the user has not chosen. */
  defaults: Record<NotificationChannel, boolean>;
  /** E-mail of this type may be collected into the approvers' daily digest. */
  digestible: boolean;
  /** Shown on the preferences page (system-made types such as the digest itself are not). */
  userConfigurable: boolean;
}

/**
 * Every notification type. A feature adds its type here (label, defaults), its payload to
 * `NotificationPayloads`, and its texts to the server's templates; `notify()` accepts nothing else.
 */
export const NOTIFICATION_TYPES = {
  'system.test': {
    label: { ja: 'テスト通知', en: 'Test notification' },
    defaults: { inbox: true, email: true, webhook: true },
    digestible: false,
    userConfigurable: false,
  },
  'reminder.scheduled': {
    label: { ja: 'リマインダー', en: 'Reminder' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'absence.starts_tomorrow': {
    label: { ja: '不在（代決）の開始前日のお知らせ', en: 'Absence (acting approval) starts on the next business day' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'approval.requested': {
    label: { ja: '承認依頼', en: 'Approval requested' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: true,
    userConfigurable: true,
  },
  'digest.daily': {
    label: { ja: '承認依頼のまとめ（日次）', en: 'Daily digest of approval requests' },
    defaults: { inbox: false, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  // Car lottery (抽選): docs/adr/0010-lottery-rounds.md.
  'lottery.round_open': {
    label: { ja: '公用車抽選の申込受付開始', en: 'Car lottery entries open' },
    defaults: { inbox: true, email: false, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'lottery.won': {
    label: { ja: '公用車抽選の結果（当選）', en: 'Car lottery result: won' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'lottery.lost': {
    label: { ja: '公用車抽選の結果（落選）', en: 'Car lottery result: not won' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'lottery.promoted': {
    label: { ja: '公用車抽選の繰り上げ当選', en: 'Car lottery: promoted from the waitlist' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'lottery.confirm_reminder': {
    label: { ja: '当選確定期限のお知らせ', en: 'Reminder: confirm your lottery win' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'lottery.win_void': {
    label: { ja: '当選無効（確定期限切れ）', en: 'Lottery win void (not confirmed in time)' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  // Meeting rooms: docs/adr/0017-room-series-check-in-feeds.md.
  'room.released': {
    label: { ja: '会議室予約の自動解放（チェックインなし）', en: 'Room booking released (no check-in)' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  // High-demand room lottery: docs/adr/0021-room-lottery.md.
  'room_lottery.won': {
    label: { ja: '会議室抽選の結果（当選）', en: 'Room lottery result: won' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  'room_lottery.lost': {
    label: { ja: '会議室抽選の結果（落選）', en: 'Room lottery result: not won' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: true,
  },
  // Garage counter (車庫窓口): docs/adr/0013-garage-counter-records.md. Safety and operational
  // messages: not user-configurable (the inbox and e-mail always carry them).
  'garage.alcohol_detected': {
    label: { ja: '酒気帯び確認で運転不可', en: 'Alcohol check: not fit to drive' },
    defaults: { inbox: true, email: true, webhook: true },
    digestible: false,
    userConfigurable: false,
  },
  'garage.no_show': {
    label: { ja: '公用車予約の解放（鍵の未受取）', en: 'Car booking released (key not collected)' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  'garage.late_return': {
    label: { ja: '前の利用者の返却遅れ', en: 'The previous trip is late returning your car' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  'garage.booking_moved': {
    label: { ja: '予約車両の変更（車両の故障・損傷）', en: 'Your booking moved to another car (damage)' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  'garage.car_unavailable': {
    label: { ja: '予約車両が使用できません（車両の故障・損傷）', en: 'Your booked car is out of service (damage)' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  // Maintenance blocks (車検・点検・修理) set by garage administrators: docs/adr/0019-lottery-web-screens.md.
  'car.block_moved': {
    label: { ja: '予約車両の変更（車検・点検・修理）', en: 'Your booking moved to another car (maintenance)' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  'car.block_unavailable': {
    label: { ja: '予約車両が整備のため使用できません', en: 'Your booked car is out for maintenance' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  'garage.detector_overdue': {
    label: { ja: 'アルコール検知器の週次点検期限切れ', en: 'Alcohol detector: weekly inspection overdue' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  // Official cars (公用車): the driver's licence nears its expiry (worker job cars.licence-reminders).
  // Sent to the driver and to every garage administrator, once per driver and expiry date.
  'driver.licence_expiring': {
    label: { ja: '運転免許の有効期限が近づいています', en: 'Driving licence expires soon' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  // After-hours AC (空調延長): docs/adr/0016-ac-approval-route.md.
  'ac.approval_requested': {
    label: { ja: '空調延長申請の承認依頼', en: 'AC extension request awaiting your decision' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: true,
    userConfigurable: false,
  },
  'ac.request_decided': {
    label: { ja: '空調延長申請の処理結果', en: 'Your AC extension request was decided' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  'ac.post_review': {
    label: { ja: '代決の後閲（不在中に代決された空調延長申請）', en: 'Acting approval made in your absence (review afterwards)' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: true,
    userConfigurable: false,
  },
  'ac.instructions_changed': {
    label: { ja: '空調の運転指示の変更', en: 'AC operating instructions changed' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: false,
    userConfigurable: false,
  },
  'ac.approval_overdue': {
    label: { ja: '空調延長申請の処理督促', en: 'Reminder: AC extension request still waiting' },
    defaults: { inbox: true, email: true, webhook: false },
    digestible: true,
    userConfigurable: false,
  },
} as const satisfies Record<string, TypeInfo>;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export const NOTIFICATION_TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as NotificationType[];
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPE_NAMES as [NotificationType, ...NotificationType[]]);

/** In-app path (e.g. `/ac-requests/123`); the server makes it absolute for e-mail and webhooks. */
const appPath = z.string().max(500).regex(/^\/[^/\\]/, 'must be an in-app path starting with /');

/** Payload of each type, validated by `notify()` before anything is written. */
export const notificationPayloadSchemas = {
  'system.test': z.strictObject({ requestedBy: z.string().max(100).optional() }),
  'reminder.scheduled': z.strictObject({
    title: z.string().min(1).max(200),
    body: z.string().max(2000).optional(),
    link: appPath.optional(),
  }),
  'absence.starts_tomorrow': z.strictObject({
    absenceId: z.uuid(),
    absentUserId: z.uuid(),
    absentUserName: z.string().max(100),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().max(200),
    role: z.enum(['self', 'deputy']),
  }),
  'approval.requested': z.strictObject({
    kind: z.string().min(1).max(100),
    title: z.string().min(1).max(200),
    requesterName: z.string().max(100),
    link: appPath.optional(),
  }),
  'digest.daily': z.strictObject({
    date: z.iso.date(),
    items: z
      .array(z.strictObject({ title: z.string(), body: z.string(), link: z.string().nullable(), at: z.string() }))
      .max(500),
  }),
  'lottery.round_open': z.strictObject({
    roundId: z.uuid(),
    poolName: z.string().max(100),
    periodStart: z.iso.datetime({ offset: true }),
    periodEnd: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    drawAt: z.iso.datetime({ offset: true }),
  }),
  'lottery.won': z.strictObject({
    roundId: z.uuid(),
    poolName: z.string().max(100),
    confirmBy: z.iso.datetime({ offset: true }),
    wins: z
      .array(
        z.strictObject({
          requestId: z.uuid(),
          bookingId: z.uuid(),
          option: z.number().int().min(1).max(3),
          className: z.string().max(50),
          plateNumber: z.string().max(40),
          startsAt: z.iso.datetime({ offset: true }),
          endsAt: z.iso.datetime({ offset: true }),
        }),
      )
      .min(1)
      .max(100),
  }),
  'lottery.lost': z.strictObject({ roundId: z.uuid(), poolName: z.string().max(100), requestCount: z.number().int().min(1) }),
  'lottery.promoted': z.strictObject({
    roundId: z.uuid(),
    poolName: z.string().max(100),
    requestId: z.uuid(),
    bookingId: z.uuid(),
    className: z.string().max(50),
    plateNumber: z.string().max(40),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  'lottery.confirm_reminder': z.strictObject({
    roundId: z.uuid(),
    poolName: z.string().max(100),
    confirmBy: z.iso.datetime({ offset: true }),
    pending: z.number().int().min(1),
  }),
  'lottery.win_void': z.strictObject({
    roundId: z.uuid(),
    poolName: z.string().max(100),
    requestId: z.uuid(),
    bookingId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  'room.released': z.strictObject({
    bookingId: z.uuid(),
    roomName: z.string().max(100),
    title: z.string().max(200),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    releaseAfterMinutes: z.number().int().min(1),
  }),
  'room_lottery.won': z.strictObject({
    roundId: z.uuid(),
    roundName: z.string().max(100),
    confirmBy: z.iso.datetime({ offset: true }),
    wins: z
      .array(
        z.strictObject({
          requestId: z.uuid(),
          bookingId: z.uuid(),
          option: z.number().int().min(1).max(3),
          roomName: z.string().max(100),
          title: z.string().max(200),
          startsAt: z.iso.datetime({ offset: true }),
          endsAt: z.iso.datetime({ offset: true }),
        }),
      )
      .min(1)
      .max(100),
  }),
  'room_lottery.lost': z.strictObject({ roundId: z.uuid(), roundName: z.string().max(100), requestCount: z.number().int().min(1) }),
  'garage.alcohol_detected': z.strictObject({
    checkId: z.uuid(),
    phase: z.enum(['pre', 'post']),
    driverName: z.string().max(100),
    checkerName: z.string().max(100),
    plateNumber: z.string().max(40),
    readingMgL: z.number().min(0).max(5),
    alcoholDetected: z.boolean(),
    checkedAt: z.iso.datetime({ offset: true }),
    instructions: z.string().max(1000),
  }),
  'garage.no_show': z.strictObject({
    bookingId: z.uuid(),
    plateNumber: z.string().max(40),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    noShowMinutes: z.number().int(),
  }),
  'garage.late_return': z.strictObject({
    bookingId: z.uuid(),
    lateBookingId: z.uuid(),
    plateNumber: z.string().max(40),
    startsAt: z.iso.datetime({ offset: true }),
    alternativeCarId: z.uuid().nullable(),
    alternativePlateNumber: z.string().max(40).nullable(),
  }),
  'garage.booking_moved': z.strictObject({
    bookingId: z.uuid(),
    fromPlateNumber: z.string().max(40),
    toPlateNumber: z.string().max(40),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  'garage.car_unavailable': z.strictObject({
    bookingId: z.uuid(),
    plateNumber: z.string().max(40),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  'car.block_moved': z.strictObject({
    bookingId: z.uuid(),
    kind: z.enum(['shaken', 'inspection', 'repair', 'other']),
    fromPlateNumber: z.string().max(40),
    toPlateNumber: z.string().max(40),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  'car.block_unavailable': z.strictObject({
    bookingId: z.uuid(),
    kind: z.enum(['shaken', 'inspection', 'repair', 'other']),
    plateNumber: z.string().max(40),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  }),
  'garage.detector_overdue': z.strictObject({
    detectorId: z.uuid(),
    serialNumber: z.string().max(64),
    location: z.string().max(100),
    reasons: z.array(z.string().max(32)).max(10),
  }),
  'driver.licence_expiring': z.strictObject({
    driverId: z.uuid(),
    driverName: z.string().max(100),
    /** Last Tokyo date on which the licence is valid. */
    licenceExpiresOn: z.iso.date(),
    /** Whole days from the Tokyo date of the scan to the expiry date (0 = expires today). */
    daysLeft: z.number().int().min(0),
    /** `driver`: the driver's own copy; `admin`: a garage administrator's copy. */
    audience: z.enum(['driver', 'admin']),
  }),
  'ac.approval_requested': z.strictObject({
    requestId: z.uuid(),
    number: z.number().int(),
    step: z.enum(['endorse', 'approve']),
    sectionName: z.string().max(100),
    applicantName: z.string().max(100),
    dates: z.array(z.iso.date()).min(1).max(62),
    start: z.string().max(5),
    end: z.string().max(5),
    totalYen: z.number().int(),
    late: z.boolean(),
    /** Set when the recipient is asked as deputy (代決) for this absent approver. */
    actingForName: z.string().max(100).nullable(),
  }),
  'ac.request_decided': z.strictObject({
    requestId: z.uuid(),
    number: z.number().int(),
    /** `cancel`: 総務課 cancelled the applicant's approved request. */
    action: z.enum(['endorse', 'approve', 'reject', 'send_back', 'cancel']),
    deciderName: z.string().max(100),
    /** 代決: the absent approver the decider acted for. */
    onBehalfOfName: z.string().max(100).nullable(),
    comment: z.string().max(1000).nullable(),
    dates: z.array(z.iso.date()).min(1).max(62),
  }),
  'ac.post_review': z.strictObject({
    requestId: z.uuid(),
    number: z.number().int(),
    action: z.enum(['endorse', 'approve', 'reject', 'send_back']),
    deputyName: z.string().max(100),
    sectionName: z.string().max(100),
    dates: z.array(z.iso.date()).min(1).max(62),
    totalYen: z.number().int(),
  }),
  'ac.instructions_changed': z.strictObject({ date: z.iso.date(), revision: z.number().int().min(1), instructionCount: z.number().int().min(0) }),
  'ac.approval_overdue': z.strictObject({
    requestId: z.uuid(),
    number: z.number().int(),
    step: z.enum(['endorse', 'approve']),
    sectionName: z.string().max(100),
    waitingSince: z.iso.datetime({ offset: true }),
    firstDate: z.iso.date(),
  }),
} as const satisfies Record<NotificationType, z.ZodType>;

export type NotificationPayloads = { [T in NotificationType]: z.infer<(typeof notificationPayloadSchemas)[T]> };

// ---------------------------------------------------------------- inbox (the web's bell and list)

export const inboxItemSchema = z.object({
  id: z.uuid(),
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string(),
  /** In-app path to open, or null. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxQuerySchema = z.object({
  unreadOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const unreadCountSchema = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const markAllReadResultSchema = z.object({ updated: z.number().int() });
export type MarkAllReadResult = z.infer<typeof markAllReadResultSchema>;

// ---------------------------------------------------------------- preferences

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

export const quietHoursSchema = z
  .strictObject({ start: hhmm, end: hhmm })
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const channelSwitchesSchema = z.strictObject({ inbox: z.boolean(), email: z.boolean(), webhook: z.boolean() });

export const notificationPreferencesSchema = z.object({
  types: z.array(
    z.object({
      type: notificationTypeSchema,
      label: z.string(),
      channels: channelSwitchesSchema,
    }),
  ),
  /** E-mail is held during these Tokyo hours and sent when they end (may cross midnight). */
  quietHours: quietHoursSchema.nullable(),
  /** Approvers only: digestible e-mail is collected and sent once a business day. */
  digest: z.boolean(),
  digestAvailable: z.boolean(),
  /** Local time (Asia/Tokyo) at which the digest is sent. */
  digestTime: z.string(),
  /** Chat-tool incoming webhook; null when not set. */
  webhookUrl: z.string().nullable(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const updateNotificationPreferencesSchema = z.strictObject({
  types: z
    .array(
      z.strictObject({
        type: notificationTypeSchema,
        channels: channelSwitchesSchema.partial().strict(),
      }),
    )
    .max(50)
    .optional(),
  quietHours: quietHoursSchema.nullable().optional(),
  digest: z.boolean().optional(),
  webhookUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
});
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesSchema>;

// ---------------------------------------------------------------- admin: dead letters and history

export const DELIVERY_STATUSES = ['pending', 'held', 'queued', 'sending', 'sent', 'dead', 'skipped', 'digested'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const deadLetterSchema = z.object({
  deliveryId: z.string(),
  notificationId: z.uuid(),
  channel: notificationChannelSchema,
  type: notificationTypeSchema,
  recipient: z.object({ id: z.uuid(), displayName: z.string() }),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deadAt: z.string().nullable(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

export const deadLetterQuerySchema = z.object({
  channel: z.enum(['email', 'webhook']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;

export const deliveryAttemptSchema = z.object({
  attemptNo: z.number().int(),
  outcome: z.enum(['sent', 'failed', 'abandoned']),
  receipt: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  workerId: z.string().nullable(),
});
export type DeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;

export const notificationHistorySchema = z.object({
  id: z.uuid(),
  type: notificationTypeSchema,
  recipient: z.object({ id: z.uuid(), displayName: z.string() }),
  createdAt: z.string(),
  inInbox: z.boolean(),
  readAt: z.string().nullable(),
  deliveries: z.array(
    z.object({
      id: z.string(),
      channel: notificationChannelSchema,
      status: z.enum(DELIVERY_STATUSES),
      attempts: z.number().int(),
      maxAttempts: z.number().int(),
      availableAt: z.string(),
      sentAt: z.string().nullable(),
      receipt: z.string().nullable(),
      lastError: z.string().nullable(),
      history: z.array(deliveryAttemptSchema),
    }),
  ),
});
export type NotificationHistory = z.infer<typeof notificationHistorySchema>;

export const retryResultSchema = z.object({ deliveryId: z.string(), status: z.literal('pending') });
export type RetryResult = z.infer<typeof retryResultSchema>;

export const deliveryStatsSchema = z.object({
  byStatus: z.array(z.object({ channel: notificationChannelSchema, status: z.enum(DELIVERY_STATUSES), count: z.number().int() })),
  oldestPendingAt: z.string().nullable(),
});
export type DeliveryStats = z.infer<typeof deliveryStatsSchema>;
