import { QUEUE_CONCURRENCY } from '@rr/server/queue';
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@rr/server/audit';
import { ConfigModule } from '@rr/server/config';
import { NotificationsCoreModule, NotificationsService } from '@rr/server/notifications';
import { DepartmentEntity, migrate, PersistenceModule, SectionEntity } from '@rr/server/persistence';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';
import { DataSource } from 'typeorm';

/**
 * `npm run bench:notifications` — end-to-end notification throughput and latency with ONE worker
 * process: notify() writes outbox rows (the real service, in this process) → the worker's relay →
 * BullMQ (Redis) → the e-mail job → SMTP acceptance at a real SMTP server (`smtp-server`, in this
 * process). Every accepted message is counted by its notification id: lost = never accepted,
 * duplicates = accepted more than once.
 *
 * Phase 1 (capacity): BENCH_BURST notifications written at once; throughput = how fast they drain.
 * Phase 2 (latency): a steady load for BENCH_SECONDS — BENCH_RATE/s, or by default 80 % of phase 1's
 * capacity (at most 1,000/s); latency = SMTP acceptance minus the moment notify() was called (so it
 * includes the outbox write, the relay, the queue and the SMTP exchange).
 * "per_s" in the JSON line is phase 1's capacity; p50/p99 are phase 2's.
 * The last line is one JSON object: {"notifications","per_s","p50_ms","p99_ms","lost","duplicates"}.
 */

const BURST = Number(process.env.BENCH_BURST ?? 10_000);
/** Phase 2's offered load; by default 80 % of the capacity phase 1 measured, at most the 1,000/s target. */
const RATE_SET = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const TARGET_RATE = 1_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 200);
/** Recipients per notify() call (one business event notifying several people). */
const PER_CALL = Number(process.env.BENCH_PER_CALL ?? 10);
const PG_SERVER = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

// ---------------------------------------------------------------------------------------- sink

class Sink {
  readonly acceptedAt = new Map<string, number>();
  readonly count = new Map<string, number>();
  private server!: SMTPServer;
  port = 0;
  total = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      maxClients: 100,
      onData: (stream: SMTPServerDataStream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 4096) head += chunk.toString('latin1');
        });
        stream.on('end', () => {
          const at = performance.now();
          const id = /^X-RR-Notification-Id:\s*(\S+)/im.exec(head)?.[1] ?? `unknown-${this.total}`;
          this.total++;
          this.count.set(id, (this.count.get(id) ?? 0) + 1);
          if (!this.acceptedAt.has(id)) this.acceptedAt.set(id, at);
          callback();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = ((this.server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------- helpers

const TICK_MS = 1000 / 100; // USER_HZ on Linux

/** CPU time (ms) a process has used so far, from /proc (0 when it has gone). */
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU per component, to tell what one notification costs independently of other load on the machine. */
class CpuMeter {
  private start = new Map<string, number>();
  constructor(private readonly pids: () => Promise<Record<string, number[]>>) {}
  private async sample(): Promise<Map<string, number>> {
    const groups = await this.pids();
    const m = new Map<string, number>();
    for (const [name, pids] of Object.entries(groups)) m.set(name, pids.reduce((s, p) => s + (p === process.pid ? (process.cpuUsage().user + process.cpuUsage().system) / 1000 : procCpuMs(p)), 0));
    return m;
  }
  async begin(): Promise<void> {
    this.start = await this.sample();
  }
  async perNotification(n: number): Promise<string> {
    const end = await this.sample();
    const parts = [...end].map(([k, v]) => `${k} ${((v - (this.start.get(k) ?? 0)) / n).toFixed(2)}`);
    const total = [...end].reduce((s, [k, v]) => s + v - (this.start.get(k) ?? 0), 0) / n;
    return `CPU ms per notification: ${parts.join(', ')}; total ${total.toFixed(2)} (=${(2000 / total).toFixed(0)}/s on 2 idle cores)`;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: PG_SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function deletePrefix(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=tmp/prof" profiles the worker.
    const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', 'apps/worker/src/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/serving/.test(out)) {
        child.stdout?.off('data', onData);
        // Keep draining the worker's output; BENCH_VERBOSE=1 shows it.
        child.stdout?.on('data', (c: Buffer) => process.env.BENCH_VERBOSE && process.stderr.write(`[worker] ${c}`));
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[worker] ${c}`));
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${out}`)));
    setTimeout(() => reject(new Error(`worker not ready after 60 s:\n${out}`)), 60_000).unref();
  });
}

@Module({ imports: [ConfigModule, PersistenceModule, AuditModule, NotificationsCoreModule] })
class BenchModule {}

// ---------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const dbName = `rr_bench_notif_${Date.now().toString(36)}`;
  const dbUrl = new URL(PG_SERVER);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `rrbench${randomBytes(4).toString('hex')}`;
  const sink = new Sink();
  let worker: ChildProcess | undefined;
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;

  try {
    await admin(`CREATE DATABASE "${dbName}"`);
    await migrate(dbUrl.toString());
    await sink.start();
    const env = {
      NODE_ENV: 'production',
      WEBHOOK_SECRET: randomBytes(16).toString('hex'),
      DATABASE_URL: dbUrl.toString(),
      DATABASE_POOL_SIZE: '24',
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      SMTP_POOL_SIZE: process.env.SMTP_POOL_SIZE ?? String(QUEUE_CONCURRENCY['notification-email']),
      NOTIFY_RELAY_POLL_MS: '250',
      LOG_LEVEL: 'warn',
    };
    Object.assign(process.env, env, { DATABASE_POOL_SIZE: '16' });

    app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
    const notifications = app.get(NotificationsService);
    const ds = app.get(DataSource);
    const dept = await ds.getRepository(DepartmentEntity).save({ code: 'BENCH', name: 'ベンチ局', kind: 'kyoku', sortOrder: 0 });
    const section = await ds.getRepository(SectionEntity).save({ code: 'BENCH', name: 'ベンチ課', departmentId: dept.id, sortOrder: 0 });
    const users: Array<{ id: string }> = await ds.query(
      `INSERT INTO users (username, display_name, employee_number, email, section_id, roles, locale)
       SELECT 'bench' || i, 'ベンチ 利用者' || i, 'B' || i, 'bench' || i || '@city.example.jp', $1, '{staff}', CASE WHEN i % 4 = 0 THEN 'en' ELSE 'ja' END
         FROM generate_series(1, $2) AS i RETURNING id`,
      [section.id, RECIPIENTS],
    );
    const userIds = users.map((u) => u.id);

    const t0 = Date.now();
    worker = await startWorker(env);
    console.log(`worker ready in ${Date.now() - t0} ms (pid ${worker.pid}); SMTP sink on :${sink.port}; ${RECIPIENTS} recipients`);

    const started = new Map<string, number>();
    let next = 0;
    const notifyBatch = async (): Promise<void> => {
      const recipients = Array.from({ length: PER_CALL }, () => userIds[next++ % userIds.length]);
      const at = performance.now();
      const { notificationIds } = await notifications.notify(recipients, 'reminder.scheduled', { title: `ベンチマーク通知 ${next}`, body: '公用車の鍵を返却してください。', link: '/cars/bookings' });
      for (const id of notificationIds) started.set(id, at);
    };
    const waitAll = async (ids: string[], timeoutMs: number): Promise<void> => {
      const until = Date.now() + timeoutMs;
      let i = 0;
      while (Date.now() < until) {
        while (i < ids.length && sink.acceptedAt.has(ids[i])) i++;
        if (i === ids.length) return;
        await sleep(20);
      }
    };

    // Warm-up: connections, JIT, prepared plans.
    for (let i = 0; i < 20; i++) await notifyBatch();
    await waitAll([...started.keys()], 30_000);
    const warm = new Set(started.keys());

    const probe = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const redisPid = Number(/process_id:(\d+)/.exec(await probe.info('server').catch(() => ''))?.[1] ?? 0);
    probe.disconnect();
    const meter = new CpuMeter(async () => ({
      worker: [worker!.pid!],
      'bench (notify + SMTP sink)': [process.pid],
      postgres: (await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [dbName])).map((r: { pid: number }) => r.pid),
      redis: redisPid ? [redisPid] : [],
    }));

    // Phase 1: capacity. Write the whole burst first (as fast as this process can), then drain.
    await meter.begin();
    const burstStart = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < BURST / PER_CALL; i++) {
      inFlight.push(notifyBatch());
      if (inFlight.length >= 16) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const burstIds = [...started.keys()].filter((id) => !warm.has(id));
    const written = performance.now();
    await waitAll(burstIds, 120_000);
    const burstEnd = Math.max(...burstIds.map((id) => sink.acceptedAt.get(id) ?? 0));
    const burstDelivered = burstIds.filter((id) => sink.acceptedAt.has(id)).length;
    const capacity = burstDelivered / ((burstEnd - burstStart) / 1000);
    console.log(
      `phase 1 (capacity): ${burstIds.length} notifications written in ${(written - burstStart).toFixed(0)} ms, ` +
        `all accepted by SMTP ${(burstEnd - burstStart).toFixed(0)} ms after the first write → ${capacity.toFixed(0)}/s`,
    );
    console.log(`phase 1 ${await meter.perNotification(burstDelivered)}`);
    console.log(`load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (other work on the machine slows every figure)`);

    // Phase 2: latency at a steady offered load the system can sustain (a queue that grows without
    // bound has no meaningful latency: it only measures how long the phase ran).
    const RATE = RATE_SET ?? Math.max(50, Math.min(TARGET_RATE, Math.floor((capacity * 0.8) / 10) * 10));
    const steadyIds = new Set<string>();
    const before = new Set(started.keys());
    const callsPerTick = (RATE / PER_CALL) * 0.01; // every 10 ms
    const steadyStart = performance.now();
    let owed = 0;
    const pending: Promise<void>[] = [];
    while (performance.now() - steadyStart < SECONDS * 1000) {
      owed += callsPerTick;
      while (owed >= 1) {
        owed -= 1;
        pending.push(notifyBatch());
      }
      await sleep(10);
    }
    await Promise.all(pending);
    for (const id of started.keys()) if (!before.has(id)) steadyIds.add(id);
    const steady = [...steadyIds];
    await waitAll(steady, 60_000);
    const steadyEnd = Math.max(...steady.map((id) => sink.acceptedAt.get(id) ?? 0));
    const latencies = steady
      .filter((id) => sink.acceptedAt.has(id))
      .map((id) => (sink.acceptedAt.get(id) as number) - (started.get(id) as number))
      .sort((a, b) => a - b);
    const steadyRate = latencies.length / ((steadyEnd - steadyStart) / 1000);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `phase 2 (latency): ${steady.length} notifications offered at ${RATE}/s${RATE_SET ? '' : RATE < TARGET_RATE ? ' (80 % of the measured capacity)' : ''} for ${SECONDS} s → delivered ${steadyRate.toFixed(0)}/s; ` +
        `latency notify()→SMTP accept p50 ${p50.toFixed(1)} ms, p90 ${percentile(latencies, 90).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms`,
    );

    // Late duplicates would arrive after a lease expiry or a sweep: give them a moment.
    await sleep(1500);
    const all = [...started.keys()];
    const lost = all.filter((id) => !sink.acceptedAt.has(id)).length;
    const duplicates = [...sink.count.values()].reduce((s, n) => s + n - 1, 0);
    const [states] = await ds.query(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status <> 'sent')::int AS other FROM notification_deliveries`,
    );
    console.log(`outbox rows: ${states.sent} sent, ${states.other} in another state; SMTP sink accepted ${sink.total} messages for ${sink.acceptedAt.size} notifications`);
    console.log(`machine: ${cpus().length} cores; one worker process (e-mail queue concurrency ${QUEUE_CONCURRENCY['notification-email']}, SMTP pool ${env.SMTP_POOL_SIZE}); sink, Redis, PostgreSQL and this process share the machine`);
    console.log(
      `target: ≥ ${TARGET_RATE}/s → ${capacity >= TARGET_RATE ? 'met' : 'NOT met'} (${capacity.toFixed(0)}/s); p99 ≤ 1000 ms at ${RATE}/s → ${p99 <= 1000 ? 'met' : 'NOT met'}; ` +
        `lost ${lost}, duplicates ${duplicates}`,
    );
    console.log(JSON.stringify({ notifications: all.length, per_s: Math.round(capacity), p50_ms: Math.round(p50 * 10) / 10, p99_ms: Math.round(p99 * 10) / 10, lost, duplicates }));
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
    await app?.close();
    await sink.stop().catch(() => undefined);
    await deletePrefix(prefix).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
