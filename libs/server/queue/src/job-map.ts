/**
 * Every job the system runs: its queue and payload type. The worker refuses to start unless each
 * job name has exactly one handler (CONVENTIONS.md §7). Add a job here first, then its handler.
 */
export interface JobPayloads {
  /** Proves api → Redis → worker → PostgreSQL; also run on a schedule. */
  'system.heartbeat': { requestedBy: string };
  /** Delivers one outbox row (notification_deliveries) by e-mail; `gen` fences out stale jobs. */
  'notification.email': NotificationDeliveryJob;
  /** Delivers one outbox row to the recipient's chat webhook. */
  'notification.webhook': NotificationDeliveryJob;
  /** Recovers outbox rows whose job or sender was lost (Redis down, worker killed). */
  'notification.sweep': Record<string, never>;
  /** Bundles the approvers' held e-mail into one digest when their digest time comes. */
  'notification.digest': Record<string, never>;
  /** Deletes finished notifications (and their deliveries) older than NOTIFY_RETENTION_DAYS. */
  'notification.prune': Record<string, never>;
  /** Turns due rows of the `reminders` table into notifications. */
  'reminder.scan': Record<string, never>;
  /** Registers "absence starts on the next business day" reminders for upcoming absences. */
  'reminder.plan-absences': Record<string, never>;
  /** Advances every car lottery round's state machine that is due (repeatable; ADR 0010). */
  'lottery.tick': Record<string, never>;
  /** Runs one round's draw (job id `draw:<roundId>`); idempotent, the tick recovers a lost one. */
  'lottery.draw': { roundId: string };
  /** Meeting rooms (ADR 0017): releases bookings not checked in by start + N minutes (repeatable; exactly once per booking). */
  'room.release-no-shows': Record<string, never>;
  /** High-demand room lottery (ADR 0021): advances every due round (repeatable; advisory lock per round). */
  'room-lottery.tick': Record<string, never>;
  /** Garage counter (ADR 0013): releases no-shows and warns about late returns (repeatable). */
  'garage.sweep': Record<string, never>;
  /** Reminds the safe-driving managers of detectors overdue for their weekly inspection (repeatable). */
  'garage.detector-reminder': Record<string, never>;
  /** After-hours AC (ADR 0016): reminds approvers of requests waiting too long (repeatable; deduplicated per period). */
  'ac.remind-waiting': Record<string, never>;
  /** Official cars: warns drivers (and garage admins) of licences nearing expiry (repeatable; once per driver and expiry date). */
  'cars.licence-reminders': Record<string, never>;
}

export interface NotificationDeliveryJob {
  deliveryId: string;
  gen: number;
}

export type JobName = keyof JobPayloads;

export const QUEUE_NAMES = ['system', 'notification-email', 'notification-webhook', 'notification-maintenance', 'lottery', 'garage', 'rooms'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Jobs one worker process runs at once per queue. E-mail delivery waits on the SMTP server, so it
 * runs wider (measured: 8 → 24 gave about +35 % throughput); keep DATABASE_POOL_SIZE above the sum.
 */
export const QUEUE_CONCURRENCY: Partial<Record<QueueName, number>> & { default: number } = {
  default: 8,
  'notification-email': 24,
};

export const JOB_QUEUE: { [K in JobName]: QueueName } = {
  'system.heartbeat': 'system',
  // Deliveries have queues of their own so a slow webhook never holds up e-mail, and housekeeping
  // never waits behind a backlog of thousands of deliveries.
  'notification.email': 'notification-email',
  'notification.webhook': 'notification-webhook',
  'notification.sweep': 'notification-maintenance',
  'notification.digest': 'notification-maintenance',
  'notification.prune': 'notification-maintenance',
  'reminder.scan': 'notification-maintenance',
  'reminder.plan-absences': 'notification-maintenance',
  // The lottery's own queue: a draw never waits behind a notification backlog.
  'lottery.tick': 'lottery',
  'lottery.draw': 'lottery',
  'room.release-no-shows': 'rooms',
  'room-lottery.tick': 'lottery',
  'garage.sweep': 'garage',
  'garage.detector-reminder': 'garage',
  'ac.remind-waiting': 'notification-maintenance',
  'cars.licence-reminders': 'system',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** Retry policy per job (explicit attempts and back-off; failed jobs kept for inspection). */
export const JOB_OPTIONS: { [K in JobName]: { attempts: number; backoffMs: number } } = {
  'system.heartbeat': { attempts: 3, backoffMs: 1000 },
  // Delivery retries are counted in PostgreSQL (notification_deliveries.attempts / max_attempts), and
  // the relay enqueues with NOTIFY_MAX_ATTEMPTS / NOTIFY_BACKOFF_MS; these are the defaults of both.
  'notification.email': { attempts: 8, backoffMs: 5000 },
  'notification.webhook': { attempts: 8, backoffMs: 5000 },
  'notification.sweep': { attempts: 1, backoffMs: 1000 },
  'notification.digest': { attempts: 3, backoffMs: 5000 },
  'notification.prune': { attempts: 3, backoffMs: 60_000 },
  'reminder.scan': { attempts: 3, backoffMs: 5000 },
  'reminder.plan-absences': { attempts: 3, backoffMs: 5000 },
  'lottery.tick': { attempts: 1, backoffMs: 1000 },
  'lottery.draw': { attempts: 5, backoffMs: 10_000 },
  // Idempotent (SKIP LOCKED + status re-check): the next minute's run is the retry.
  'room.release-no-shows': { attempts: 1, backoffMs: 1000 },
  // Idempotent (advisory lock + conditional status change): the next minute's run is the retry.
  'room-lottery.tick': { attempts: 1, backoffMs: 1000 },
  // Idempotent (row locks + dedupe keys): the next tick is the retry.
  'garage.sweep': { attempts: 1, backoffMs: 1000 },
  'garage.detector-reminder': { attempts: 3, backoffMs: 10_000 },
  'ac.remind-waiting': { attempts: 3, backoffMs: 10_000 },
  // Idempotent (dedupe keys per driver and expiry date): a retry writes nothing twice.
  'cars.licence-reminders': { attempts: 3, backoffMs: 10_000 },
};
