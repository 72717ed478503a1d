import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { CSRF_HEADER } from '@rr/contracts';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { migrate } from '@rr/server/persistence';
import { RoomsModule } from '@rr/server/rooms';
import { createFeatureTestApp, makeSection, makeUser } from '@rr/testing';
import autocannon from 'autocannon';
import { execFile, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { cpus, loadavg } from 'node:os';
import { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * `npm run bench:rooms` — first-come room booking under load, against PostgreSQL's own TPC-B
 * figure on the same machine (issue #6; ADR 0017 §Benchmark).
 *
 * 1. A throwaway database, migrated; the rooms API (production HTTP pipeline: sessions, CSRF,
 *    zod, audit) started in this process on a loopback port; BENCH_ROOMS rooms, BENCH_USERS
 *    signed-in users.
 * 2. pgbench -i (scale BENCH_PGBENCH_SCALE) and a TPC-B run: -c 50 -j 2 -T BENCH_SECONDS, in a
 *    second throwaway database (same server, nothing else running).
 * 3. autocannon in a child process (so the load generator does not share the API's event loop):
 *    50 connections POST /api/room-bookings for BENCH_SECONDS, every request a distinct room and
 *    15-minute slot, each with a session cookie and the CSRF header; a short warm-up before.
 * 4. Counts 5xx, checks in SQL that no two active bookings of a room overlap and that every 201
 *    left exactly one row.
 * Prints a table, then as the LAST line one JSON object:
 * {"bookings_per_s","p50_ms","p99_ms","pgbench_tps","ratio","errors_5xx","overlaps"}.
 */

const PG_SERVER = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 500);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const PGBENCH_SCALE = Number(process.env.BENCH_PGBENCH_SCALE ?? 10);
const API_POOL = Number(process.env.BENCH_API_POOL ?? 20);
const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

const run = promisify(execFile);

interface LoadSpec {
  url: string;
  sessions: Array<{ cookie: string; csrf: string }>;
  roomIds: string[];
  /** First slot: 00:00 Tokyo of a day well ahead (ms). Slot k of a room is [base + k·15 min, +15 min). */
  baseMs: number;
  /** Slot offset, so the warm-up and the measured run never ask for the same slot. */
  firstSlot: number;
  seconds: number;
  connections: number;
  /** Title prefix of this run's bookings (warm-up and measured run are told apart in SQL). */
  label: string;
}

interface LoadResult {
  requests: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  durationS: number;
}

// ------------------------------------------------------------------------------ child: autocannon

async function loadChild(spec: LoadSpec): Promise<LoadResult> {
  let n = 0;
  const perRoomDay = 96;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/room-bookings',
        setupRequest: (req) => {
          const i = n++;
          const session = spec.sessions[i % spec.sessions.length];
          const roomId = spec.roomIds[i % spec.roomIds.length];
          // Distinct (room, slot) for every request: walk the rooms, then the quarters, skipping a
          // quarter between days' ends so each booking stays within one Tokyo day.
          const slot = spec.firstSlot + Math.floor(i / spec.roomIds.length);
          const day = Math.floor(slot / perRoomDay);
          const startsAt = spec.baseMs + day * DAY_MS + (slot % perRoomDay) * QUARTER_MS;
          return {
            ...req,
            headers: { 'content-type': 'application/json', cookie: session.cookie, [CSRF_HEADER]: session.csrf },
            body: JSON.stringify({ roomId, title: `${spec.label} ${i}`, attendees: 2, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + QUARTER_MS).toISOString() }),
          };
        },
      },
    ],
  });
  const status: Record<string, number> = {};
  for (const [code, v] of Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {})) status[code] = v.count;
  return {
    requests: result.requests.total,
    status,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.average,
    durationS: result.duration,
  };
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--load'], { execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let out: LoadResult | undefined;
    child.on('message', (m) => (out = m as LoadResult));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && out ? resolve(out) : reject(new Error(`load child exited with ${code}`))));
    child.send(spec);
  });
}

// ------------------------------------------------------------------------------ helpers

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: PG_SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function pgArgs(dbName: string): string[] {
  const u = new URL(PG_SERVER);
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), dbName];
}

async function pgbench(dbName: string): Promise<{ tps: number; latencyMs: number }> {
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(new URL(PG_SERVER).password || '') };
  const target = pgArgs(dbName);
  await run('pgbench', ['-i', '-q', '-s', String(PGBENCH_SCALE), ...target], { env, maxBuffer: 16 << 20 });
  const { stdout } = await run('pgbench', ['-c', String(CONNECTIONS), '-j', '2', '-T', String(SECONDS), '-n', ...target], { env, maxBuffer: 16 << 20 });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? /tps = ([\d.]+)/.exec(stdout)?.[1]);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1] ?? NaN);
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench output:\n${stdout}`);
  return { tps, latencyMs };
}

async function signIn(url: string, username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

const pad = (v: unknown, w: number) => String(v).padStart(w);

/** BENCH_CPU_PROFILE=<file>: a V8 CPU profile of the API (this process) over the measured load only. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => ((await post('Profiler.stop')) as { profile: object }).profile;
}

const TICK_MS = 1000 / 100; // USER_HZ on Linux

/** CPU time (ms) a process has used so far, from /proc (0 when it has gone). */
function procCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU of this process (the API) and of the bench database's PostgreSQL backends: what one booking costs, whatever else runs on the machine. */
async function cpuSample(ds: DataSource, dbName: string): Promise<{ api: number; pg: number; pids: number[] }> {
  const pids: number[] = (await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [dbName])).map((r: { pid: number }) => r.pid);
  const u = process.cpuUsage();
  return { api: (u.user + u.system) / 1000, pg: pids.reduce((sum, pid) => sum + procCpuMs(pid), 0), pids };
}

// ------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbName = `rr_bench_rooms_${tag}`;
  const pgbenchDb = `rr_bench_pgbench_${tag}`;
  const dbUrl = new URL(PG_SERVER);
  dbUrl.pathname = `/${dbName}`;
  let app: INestApplication | undefined;
  try {
    await admin(`CREATE DATABASE "${dbName}"`);
    await admin(`CREATE DATABASE "${pgbenchDb}"`);
    await migrate(dbUrl.toString());
    Object.assign(process.env, {
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl.toString(),
      DATABASE_POOL_SIZE: String(API_POOL),
      REDIS_URL,
      QUEUE_PREFIX: `rrbench${tag}`,
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      LOGIN_MAX_FAILURES: '100',
      WEBHOOK_SECRET: randomBytes(16).toString('hex'),
    });

    app = await createFeatureTestApp([AuditModule, IdentityModule, RoomsModule]);
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const ds = app.get(DataSource);

    // Rooms open round the clock for a year, so every quarter of every day is a valid slot.
    const rooms: Array<{ id: string }> = await ds.query(
      `INSERT INTO rooms (building, floor, zone_code, type, name, capacity, bookable_from_minute, bookable_until_minute, max_duration_minutes, horizon_months)
       SELECT 'ベンチ庁舎', 1 + (i % 10), 'BENCH', 'meeting_room', 'ベンチ会議室' || i, 10, 0, 1440, 1440, 12 FROM generate_series(1, $1) AS i RETURNING id`,
      [ROOMS],
    );
    const section = await makeSection(ds);
    const sessions: Array<{ cookie: string; csrf: string }> = [];
    for (let i = 0; i < USERS; i++) {
      const { user, password } = await makeUser(ds, { sectionId: section.id });
      sessions.push(await signIn(url, user.username, password));
    }
    // 00:00 Tokyo, 7 days ahead (15:00 UTC the day before).
    const baseMs = Math.floor((Date.now() + 7 * DAY_MS) / DAY_MS) * DAY_MS - 9 * 3_600_000;
    const spec = { url, sessions, roomIds: rooms.map((r) => r.id), baseMs, connections: CONNECTIONS };

    console.log(`rooms bench: ${cpus().length} CPUs, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${ROOMS} rooms, ${USERS} users, ${CONNECTIONS} connections, ${SECONDS} s`);
    console.log(`pgbench -i -s ${PGBENCH_SCALE}, then TPC-B -c ${CONNECTIONS} -j 2 -T ${SECONDS} …`);
    // BENCH_PGBENCH_TPS=<n> skips the pgbench run and uses n (for quick profiling of the booking path only).
    const pg = process.env.BENCH_PGBENCH_TPS ? { tps: Number(process.env.BENCH_PGBENCH_TPS), latencyMs: NaN } : await pgbench(pgbenchDb);
    await admin(`DROP DATABASE IF EXISTS "${pgbenchDb}" WITH (FORCE)`).catch(() => undefined);

    console.log(`warm-up ${WARMUP_SECONDS} s …`);
    const warm = await runLoad({ ...spec, firstSlot: 0, seconds: WARMUP_SECONDS, label: 'warm-up' });
    const warmSlots = Math.ceil((warm.requests + CONNECTIONS) / ROOMS) + 1;
    console.log(`booking load ${SECONDS} s …`);
    const cpu0 = await cpuSample(ds, dbName);
    const profiler = process.env.BENCH_CPU_PROFILE ? await startProfile() : null;
    const load = await runLoad({ ...spec, firstSlot: warmSlots, seconds: SECONDS, label: 'measured' });
    if (profiler) writeFileSync(process.env.BENCH_CPU_PROFILE!, JSON.stringify(await profiler()));
    const apiCpu = (await cpuSample(ds, dbName)).api - cpu0.api;
    const pgCpu = cpu0.pids.reduce((sum, pid) => sum + procCpuMs(pid), 0) - cpu0.pg;

    const created = load.status['201'] ?? 0;
    const errors5xx = Object.entries(load.status).reduce((s, [code, c]) => (code.startsWith('5') ? s + c : s), 0);
    // Requests in flight when the load generator stopped still complete (their 201s are not counted): let them land.
    await new Promise((r) => setTimeout(r, 1000));
    const [{ n: rows }] = await ds.query(`SELECT count(*)::int AS n FROM room_bookings WHERE title LIKE 'measured %'`);
    const rowsOk = rows >= created && rows - created <= CONNECTIONS;
    const [{ n: overlaps }] = await ds.query(
      `SELECT count(*)::int AS n FROM room_bookings a JOIN room_bookings b
          ON a.id < b.id AND a.room_id = b.room_id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       WHERE a.status = 'active' AND b.status = 'active'`,
    );
    const bookingsPerS = created / load.durationS;
    const ratio = bookingsPerS / pg.tps;

    console.log('');
    console.log(`${'measure'.padEnd(34)}${'value'.padStart(12)}`);
    const row = (label: string, value: string | number) => console.log(`${label.padEnd(34)}${pad(value, 12)}`);
    row('pgbench TPC-B tps', pg.tps.toFixed(0));
    row('pgbench latency avg (ms)', pg.latencyMs.toFixed(1));
    row('bookings created (201)', created);
    row('bookings/s', bookingsPerS.toFixed(0));
    row('ratio bookings/s : pgbench tps', ratio.toFixed(3));
    row('latency p50 (ms)', load.p50);
    row('latency p90 (ms)', load.p90);
    row('latency p99 (ms)', load.p99);
    row('latency max (ms)', load.max);
    row('responses by status', Object.entries(load.status).map(([k, v]) => `${k}:${v}`).join(' '));
    row('5xx', errors5xx);
    row('socket errors / timeouts', `${load.errors}/${load.timeouts}`);
    row('rows vs 201s (+ in flight)', `${rows}/${created} ${rowsOk ? 'ok' : 'MISMATCH'}`);
    row('overlapping active pairs', overlaps);
    row('warm-up requests', warm.requests);
    const perBooking = (ms: number) => (created ? ms / created : 0);
    row('CPU ms per booking: API', perBooking(apiCpu).toFixed(2));
    row('CPU ms per booking: PostgreSQL', perBooking(pgCpu).toFixed(2));
    row('→ bookings/s on 2 idle cores', (2000 / (perBooking(apiCpu) + perBooking(pgCpu) || 1)).toFixed(0));
    row('load average (1 min) at the end', loadavg()[0].toFixed(2));
    console.log(
      JSON.stringify({
        bookings_per_s: Math.round(bookingsPerS),
        p50_ms: load.p50,
        p99_ms: load.p99,
        pgbench_tps: Math.round(pg.tps),
        ratio: Number(ratio.toFixed(3)),
        errors_5xx: errors5xx,
        overlaps,
      }),
    );
  } finally {
    await app?.close().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS "${pgbenchDb}" WITH (FORCE)`).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  }
}

if (process.argv.includes('--load')) {
  process.once('message', (spec) => {
    loadChild(spec as LoadSpec).then(
      (r) => process.send!(r, () => process.exit(0)),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
