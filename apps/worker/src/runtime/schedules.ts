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
];
