import type { RedisOptions } from 'ioredis';

/**
 * BullMQ gets connection *options*, not an IORedis instance: a Queue given an instance does not
 * close it, which once hung a test run for ten minutes (TOOLCHAIN.md).
 */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isFinite(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // Required by BullMQ workers (blocking commands must not be retried per request).
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
}
