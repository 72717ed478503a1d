/**
 * Every job the system runs: its queue and payload type. The worker refuses to start unless each
 * job name has exactly one handler (CONVENTIONS.md §7). Add a job here first, then its handler.
 */
export interface JobPayloads {
  /** Proves api → Redis → worker → PostgreSQL; also run on a schedule. */
  'system.heartbeat': { requestedBy: string };
}

export type JobName = keyof JobPayloads;

export const QUEUE_NAMES = ['system'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_QUEUE: { [K in JobName]: QueueName } = {
  'system.heartbeat': 'system',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** Retry policy per job (explicit attempts and back-off; failed jobs kept for inspection). */
export const JOB_OPTIONS: { [K in JobName]: { attempts: number; backoffMs: number } } = {
  'system.heartbeat': { attempts: 3, backoffMs: 1000 },
};
