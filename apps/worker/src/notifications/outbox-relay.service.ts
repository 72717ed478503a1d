import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@rr/server/config';
import { deliveryJobId, OutboxRepository, OutboxRow } from '@rr/server/notifications';
import { TransactionHost } from '@rr/server/persistence';
import { bullJobId, JOB_QUEUE, JobName, QUEUE_NAMES, QueueService } from '@rr/server/queue';
import type { Queue } from 'bullmq';
import { Client } from 'pg';

export const OUTBOX_CHANNEL = 'rr_notification_outbox';
const JOB_FOR_CHANNEL = { email: 'notification.email', webhook: 'notification.webhook' } as const satisfies Record<OutboxRow['channel'], JobName>;
/** How long a woken relay waits to gather rows committed together (latency bought for batching). */
const RELAY_COALESCE_MS = 5;
/** An enqueue that takes longer than this is abandoned (and the claim rolled back). */
const ENQUEUE_TIMEOUT_MS = 5_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Moves due outbox rows into BullMQ. Each pass locks a batch of pending rows (`FOR UPDATE SKIP
 * LOCKED`, so relays in several worker replicas share the work), adds them with `addBulk` under
 * deterministic job ids, and marks them queued in the same transaction. If Redis is down the pass
 * rolls back and the rows stay pending; an add that Redis did receive is harmless when repeated
 * (same job id). It wakes on the outbox trigger's NOTIFY and otherwise polls every
 * NOTIFY_RELAY_POLL_MS.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly watched = new WeakSet<Queue>();
  private lastWarning = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly outbox: OutboxRepository,
    private readonly queues: QueueService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // BullMQ prints every reconnect error of a queue that has no 'error' listener (QueueService
    // attaches none): while Redis is away that is a line per retry per queue. The relay reports
    // Redis' state itself, once per 10 s.
    for (const name of QUEUE_NAMES) this.watch(this.queues.queue(name));
    await this.listen();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /**
   * Runs a pass shortly, or right after the one in progress. The short wait lets a burst of
   * commits (each NOTIFYs) become one pass instead of one pass per commit.
   */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((r) => setTimeout(r, RELAY_COALESCE_MS)).then(() => this.drain()).finally(() => {
      this.running = undefined;
      if (!this.stopped) this.arm(this.config.notifications.relayPollMs);
    });
  }

  /** One pass over at most NOTIFY_RELAY_BATCH rows; returns how many were queued. */
  async relayOnce(): Promise<number> {
    if (!(await this.redisReady())) return 0;
    return this.tx.run(async () => {
      const rows = await this.outbox.lockDue(this.config.notifications.relayBatch);
      if (rows.length === 0) return 0;
      await this.enqueue(rows);
      await this.outbox.markQueued(rows.map((r) => r.deliveryId));
      return rows.length;
    });
  }

  /** Adds jobs for rows (also used by the sweep for rows whose job vanished from Redis). */
  async enqueue(rows: readonly OutboxRow[]): Promise<void> {
    const byJob = new Map<JobName, OutboxRow[]>();
    for (const row of rows) {
      const job = JOB_FOR_CHANNEL[row.channel];
      byJob.set(job, [...(byJob.get(job) ?? []), row]);
    }
    const { maxAttempts, backoffMs } = this.config.notifications;
    await Promise.all(
      [...byJob].map(([name, batch]) =>
        within(
          this.queue(name).addBulk(
            batch.map((row) => ({
              name,
              data: { deliveryId: row.deliveryId, gen: row.gen },
              opts: {
                jobId: bullJobId(deliveryJobId(row.notificationId, row.channel, row.gen)),
                // PostgreSQL decides when a delivery is dead (attempts vs max_attempts); the queue
                // only needs to allow at least as many tries and to space them out.
                attempts: Math.max(maxAttempts, row.maxAttempts),
                backoff: { type: 'exponential', delay: backoffMs },
                removeOnComplete: { age: 24 * 3600, count: 10_000 },
                removeOnFail: false,
              },
            })),
          ),
          ENQUEUE_TIMEOUT_MS,
          'enqueue',
        ),
      ),
    );
  }

  queue(name: JobName): Queue {
    return this.watch(this.queues.queue(JOB_QUEUE[name]));
  }

  private watch(queue: Queue): Queue {
    if (!this.watched.has(queue)) {
      this.watched.add(queue);
      queue.on('error', () => undefined);
    }
    return queue;
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        const n = await this.relayOnce();
        if (n >= this.config.notifications.relayBatch) this.again = true;
      } while (this.again && !this.stopped);
    } catch (error) {
      this.warn(`relay pass failed, rows stay pending: ${(error as Error).message}`);
    }
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), ms);
  }

  /**
   * A fast probe first: BullMQ's own connections queue commands while Redis is away, which would
   * hold the claim transaction open until the enqueue timeout on every pass.
   */
  private async redisReady(): Promise<boolean> {
    if (await this.queues.ping(500)) return true;
    this.warn('Redis is not reachable; outbox rows stay pending until it is');
    return false;
  }

  /** LISTEN on a connection of its own; reconnects after a failure (polling covers the gap). */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.database.url, application_name: 'chonai-rr-outbox-relay' });
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(), 2_000).unref();
    };
    client.on('notification', () => this.kick());
    client.on('error', (error) => {
      this.warn(`outbox LISTEN connection failed: ${error.message}`);
      retry();
    });
    client.on('end', retry);
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.warn(`cannot LISTEN for the outbox (polling only): ${(error as Error).message}`);
      retry();
    }
  }

  private warn(message: string): void {
    // At most one line per 10 s while something stays broken.
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }
}
