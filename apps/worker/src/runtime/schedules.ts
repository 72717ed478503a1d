import type { AppConfig } from '@rr/server/config';
import type { JobName, JobPayloads } from '@rr/server/queue';

interface Schedule<N extends JobName = JobName> {
  /** Fixed scheduler id: upserting it from several replicas keeps one schedule. */
  id: string;
  job: N;
  everyMs: number;
  data: JobPayloads[N];
}

/** Every repeatable job. Cron-like work only enqueues; the job does the work. */
export const SCHEDULES = (config: AppConfig): Schedule[] => [
  { id: 'schedule:system.heartbeat', job: 'system.heartbeat', everyMs: config.worker.heartbeatEveryMs, data: { requestedBy: 'schedule' } },
  { id: 'schedule:notification.sweep', job: 'notification.sweep', everyMs: config.notifications.sweepEveryMs, data: {} },
  { id: 'schedule:notification.digest', job: 'notification.digest', everyMs: 60_000, data: {} },
  { id: 'schedule:notification.prune', job: 'notification.prune', everyMs: 6 * 3600_000, data: {} },
  { id: 'schedule:reminder.scan', job: 'reminder.scan', everyMs: config.notifications.reminderScanEveryMs, data: {} },
  { id: 'schedule:reminder.plan-absences', job: 'reminder.plan-absences', everyMs: 10 * 60_000, data: {} },
  // Car lottery rounds (ADR 0010): every step is idempotent, so a minute's tick is the latency, not a risk.
  { id: 'schedule:lottery.tick', job: 'lottery.tick', everyMs: 60_000, data: {} },
  // Meeting rooms (ADR 0017): no-show release each minute; two replicas split the rows (SKIP LOCKED), none is released twice.
  { id: 'schedule:room.release-no-shows', job: 'room.release-no-shows', everyMs: 60_000, data: {} },
  // High-demand room lottery (ADR 0021): each round advanced exactly once under its advisory lock.
  { id: 'schedule:room-lottery.tick', job: 'room-lottery.tick', everyMs: 60_000, data: {} },
  // Garage counter (ADR 0013): no-shows and late returns each minute; detector reminders hourly (deduplicated per day).
  { id: 'schedule:garage.sweep', job: 'garage.sweep', everyMs: 60_000, data: {} },
  { id: 'schedule:garage.detector-reminder', job: 'garage.detector-reminder', everyMs: 60 * 60_000, data: {} },
  // After-hours AC (ADR 0016): reminders for waiting requests; dedupe keys make a repeated scan harmless.
  { id: 'schedule:ac.remind-waiting', job: 'ac.remind-waiting', everyMs: 15 * 60_000, data: {} },
  // Official cars: licence-expiry warnings hourly; dedupe keys (driver + expiry date) make each one once.
  { id: 'schedule:cars.licence-reminders', job: 'cars.licence-reminders', everyMs: 60 * 60_000, data: {} },
];
