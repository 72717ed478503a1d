import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { JobsOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { JOB_OPTIONS, JOB_QUEUE, JobName, JobPayloads, QueueName } from './job-map';
import { redisOptions } from './redis-connection';

/**
 * BullMQ refuses ':' in custom job ids (it is its key separator), so the logical ids of the design
 * (`notification:<id>:<channel>`) are stored with '.' instead. Deterministic either way.
 */
export function bullJobId(logicalId: string): string {
  return logicalId.replace(/:/g, '.');
}

/** The typed producer: the only way code puts work on a queue. */
@Injectable()
export class QueueService implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();
  private probe?: IORedis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: redisOptions(this.config.redis.url), prefix: this.config.redis.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  /**
   * Enqueues a job. `jobId` should be deterministic (`notification:<id>:email`, `draw:<roundId>`) so
   * that a retry of the caller never creates a second job.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], opts: { jobId: string; delayMs?: number }): Promise<string> {
    const policy = JOB_OPTIONS[name];
    const jobId = bullJobId(opts.jobId);
    const options: JobsOptions = {
      jobId,
      delay: opts.delayMs,
      attempts: policy.attempts,
      backoff: { type: 'exponential', delay: policy.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    };
    await this.queue(JOB_QUEUE[name]).add(name, payload, options);
    return jobId;
  }

  /** Answers whether Redis is reachable, within a short time (a connection of its own that fails fast). */
  async ping(timeoutMs = 1000): Promise<boolean> {
    this.probe ??= new IORedis({ ...redisOptions(this.config.redis.url), maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, connectTimeout: timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    try {
      if (this.probe.status === 'wait' || this.probe.status === 'end') await this.probe.connect();
      const result = await Promise.race([
        this.probe.ping(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs))),
      ]);
      return result === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    this.probe?.disconnect();
  }
}
