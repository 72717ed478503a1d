import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { JOB_HANDLER, JOB_QUEUE, QUEUE_CONCURRENCY, JobHandlerInstance, JobName, QUEUE_NAMES, QueueName, QueueService, redisOptions } from '@rr/server/queue';
import { Job, Worker } from 'bullmq';
import IORedis from 'ioredis';

import { checkHandlers } from './job-registry';
import { SCHEDULES } from './schedules';

export { WORKER_ID } from './worker-id';
import { WORKER_ID } from './worker-id';
const LIVENESS_TTL_S = 30;

/**
 * Discovers @JobHandler providers, checks the registry, runs one BullMQ Worker per queue that
 * dispatches by job name, and upserts the repeatable schedules under fixed ids (so N replicas
 * still run each scheduled job once per tick).
 */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private handlers = new Map<JobName, JobHandlerInstance>();
  private liveness?: IORedis;
  private livenessTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const found = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && Reflect.getMetadata(JOB_HANDLER, w.metatype))
      .map((w) => ({ job: Reflect.getMetadata(JOB_HANDLER, w.metatype!) as string, provider: w.name as string, instance: w.instance as JobHandlerInstance }));
    checkHandlers(found);
    this.handlers = new Map(found.map((f) => [f.job as JobName, f.instance]));

    for (const queue of QUEUE_NAMES) this.workers.push(this.startWorker(queue));
    for (const s of SCHEDULES(this.config)) {
      await this.queues.queue(JOB_QUEUE[s.job]).upsertJobScheduler(s.id, { every: s.everyMs }, { name: s.job, data: s.data });
    }
    await this.reportLiveness();
    this.livenessTimer = setInterval(() => void this.reportLiveness(), (LIVENESS_TTL_S / 3) * 1000);
    this.logger.log(`worker ${WORKER_ID} serving ${[...this.handlers.keys()].join(', ')}`);
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const handler = this.handlers.get(job.name as JobName);
        if (!handler) throw new Error(`no handler for ${job.name}`);
        return handler.handle(job);
      },
      { connection: redisOptions(this.config.redis.url), prefix: this.config.redis.prefix, concurrency: QUEUE_CONCURRENCY[queue] ?? QUEUE_CONCURRENCY.default },
    );
    worker.on('failed', (job, err) => this.logger.warn(`job ${job?.id} (${job?.name}) failed: ${err.message}`));
    worker.on('error', (err) => this.logger.error(`worker error on ${queue}: ${err.message}`));
    return worker;
  }

  /** Writes a short-lived key the API reads to show which workers are alive and what they serve. */
  private async reportLiveness(): Promise<void> {
    try {
      this.liveness ??= new IORedis({ ...redisOptions(this.config.redis.url), maxRetriesPerRequest: 1 });
      await this.liveness.set(
        `${this.config.redis.prefix}:workers:${WORKER_ID}`,
        JSON.stringify({ id: WORKER_ID, jobs: [...this.handlers.keys()], at: new Date().toISOString() }),
        'EX',
        LIVENESS_TTL_S,
      );
    } catch (error) {
      this.logger.warn(`liveness report failed: ${(error as Error).message}`);
    }
  }

  health(): { workers: number; running: boolean; jobs: string[] } {
    return { workers: this.workers.length, running: this.workers.every((w) => w.isRunning()), jobs: [...this.handlers.keys()] };
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.livenessTimer);
    await Promise.all(this.workers.map((w) => w.close()));
    this.liveness?.disconnect();
  }
}
