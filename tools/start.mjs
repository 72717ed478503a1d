#!/usr/bin/env node
// `npm start`: one command on a fresh machine. Installs dependencies if missing, makes sure
// PostgreSQL and Redis answer (docker compose where Docker runs, otherwise says what to start),
// migrates, loads demo data (not in production) and serves api + worker + web together.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import net from 'node:net';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' };
const DATABASE_URL = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chonai_rr';
const REDIS_URL = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const production = env.NODE_ENV === 'production';

function step(msg) {
  console.log(`\n▶ ${msg}`);
}

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

function answers(url, fallbackPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || fallbackPort) });
    socket.setTimeout(1500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(url, port, seconds) {
  for (let i = 0; i < seconds; i++) {
    if (await answers(url, port)) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

const lock = 'package-lock.json';
if (!existsSync('node_modules/.package-lock.json') || statSync(lock).mtimeMs > statSync('node_modules/.package-lock.json').mtimeMs) {
  step('installing dependencies (npm ci)');
  sh('npm', ['ci', '--no-audit', '--no-fund']);
}

step('checking PostgreSQL and Redis');
let pg = await answers(DATABASE_URL, 5432);
let redis = await answers(REDIS_URL, 6379);
if (!pg || !redis) {
  const docker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
  if (docker) {
    step('starting PostgreSQL and Redis with docker compose');
    sh('docker', ['compose', 'up', '-d', 'postgres', 'redis', 'mailpit']);
    pg = await waitFor(DATABASE_URL, 5432, 60);
    redis = await waitFor(REDIS_URL, 6379, 30);
  }
}
if (!pg || !redis) {
  console.error(`
✖ ${!pg ? `PostgreSQL does not answer at ${DATABASE_URL}` : ''}${!pg && !redis ? '\n✖ ' : ''}${!redis ? `Redis does not answer at ${REDIS_URL}` : ''}

Start them, then run \`npm start\` again. Either:
  • with Docker:  docker compose up -d
  • on Debian/Ubuntu:
      sudo apt-get install -y postgresql redis-server
      sudo pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | tail -1) main start
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379
  • or point DATABASE_URL / REDIS_URL at existing servers.`);
  process.exit(1);
}

step('migrating the database');
sh('npm', ['run', '--silent', 'db:migrate']);
if (!production) {
  step('loading demo data');
  sh('npm', ['run', '--silent', 'demo:load']);
}

// E-mail goes to SMTP_URL; without Docker's Mailpit, a small sink keeps development mail in tmp/mail.
const SMTP_URL = env.SMTP_URL ?? 'smtp://127.0.0.1:1025';
const smtpLocal = ['127.0.0.1', 'localhost'].includes(new URL(SMTP_URL).hostname);
const needSink = !production && smtpLocal && !(await answers(SMTP_URL, 1025));
env.DEV_MAIL_PORT = new URL(SMTP_URL).port || '1025';

step('serving api (:3000), worker and web (:4200)');
const procs = [
  ...(needSink ? [['mail', ['-r', '@swc-node/register', 'tools/dev-mail-sink.ts']]] : []),
  ['api', ['-r', '@swc-node/register', 'apps/api/src/main.ts']],
  ['worker', ['-r', '@swc-node/register', 'apps/worker/src/main.ts']],
  ['web', ['node_modules/vite/bin/vite.js', '--config', 'apps/web/vite.config.mts']],
].map(([name, args]) => {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${name}] ${l}`).join('\n') + '\n';
  child.stdout.on('data', (c) => process.stdout.write(prefix(c)));
  child.stderr.on('data', (c) => process.stderr.write(prefix(c)));
  child.on('exit', (code) => {
    console.error(`[${name}] exited with ${code}; stopping the others`);
    shutdown(code ?? 1);
  });
  return child;
});
console.log(`\n  Open http://localhost:${env.WEB_PORT ?? 4200} and sign in as staff1 / demo-pass (demo only).`);
console.log(needSink ? '  E-mail is kept in tmp/mail/*.eml (development sink).\n' : `  E-mail goes to ${SMTP_URL} (Mailpit UI: http://localhost:8025 with docker compose).\n`);

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const p of procs) p.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
