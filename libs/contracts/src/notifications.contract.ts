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
