import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
// A system test runs the real API and the real worker together, so it imports the other app.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createApiApp } from '@rr/app/api';
import { WorkerModule } from '../../worker.module';
import { SmtpSink } from './smtp-sink';
import { createTestDatabase, withEnv } from './test-database';

export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

/** Fast settings so retries, leases and sweeps happen within a test's time. */
export const FAST_NOTIFY_ENV: Record<string, string> = {
  NOTIFY_BACKOFF_MS: '100',
  NOTIFY_MAX_ATTEMPTS: '3',
  NOTIFY_RELAY_POLL_MS: '200',
  NOTIFY_LEASE_MS: '6000',
  NOTIFY_SWEEP_EVERY_MS: '1000',
  NOTIFY_STALE_AFTER_MS: '5000',
  REMINDER_SCAN_EVERY_MS: '3600000',
  SMTP_TIMEOUT_MS: '3000',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
};

export interface NotificationSystem {
  api: INestApplication;
  worker?: INestApplicationContext;
  ds: DataSource;
  sink: SmtpSink;
  databaseUrl: string;
  prefix: string;
  env: Record<string, string>;
  startWorker(): Promise<INestApplicationContext>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // Redis already gone (the outage test's own server): nothing to clean.
  } finally {
    redis.disconnect();
  }
}

/**
 * The API and (optionally) the worker in-process, on a database and a queue prefix of this test
 * file's own, with the in-process SMTP sink as SMTP_URL.
 */
export async function startNotificationSystem(options: { label: string; env?: Record<string, string>; worker?: boolean }): Promise<NotificationSystem> {
  const db = await createTestDatabase(options.label);
  const sink = await SmtpSink.start();
  const prefix = `rrtest${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = { ...FAST_NOTIFY_ENV, DATABASE_URL: db.url, QUEUE_PREFIX: prefix, SMTP_URL: sink.url, ...options.env };
  const restore = withEnv(env);
  const api = await createApiApp({ logger: false });
  await api.init();
  const system: NotificationSystem = {
    api,
    ds: api.get(DataSource),
    sink,
    databaseUrl: db.url,
    prefix,
    env,
    async startWorker() {
      // RR_TEST_LOGS=1 shows the worker's log while debugging a test.
      const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: process.env.RR_TEST_LOGS ? ['error', 'warn', 'log'] : false });
      await worker.init();
      system.worker = worker;
      return worker;
    },
    async stopWorker() {
      const worker = system.worker;
      system.worker = undefined;
      await worker?.close();
    },
    async stop() {
      await system.stopWorker();
      await api.close();
      await sink.stop();
      restore();
      await deleteRedisPrefix(env.REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix);
      await db.drop();
    },
  };
  if (options.worker !== false) await system.startWorker();
  return system;
}
