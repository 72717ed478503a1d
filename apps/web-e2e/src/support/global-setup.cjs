// Browser end-to-end tier: the real stack on free loopback ports — a throwaway migrated database with
// the demo data, the API and the worker as separate processes, and the built web app served by
// `vite preview` proxying /api. Plain CommonJS: Jest runs global setup outside its module mapper.
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { createAndMigrate } = require('../../../../libs/testing/src/global-setup.cjs');

const ROOT = path.join(__dirname, '../../../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHttp(url, seconds, child, name) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child && child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it answered`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer at ${url} within ${seconds}s`);
}

function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const keep = (c) => {
    log.push(c.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.log = log;
  return child;
}

module.exports = async function globalSetup() {
  if (!existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium')) {
    throw new Error('Chromium not found at /usr/bin/chromium: run `apt-get install -y chromium` (the CI script does).');
  }
  const db = await createAndMigrate('e2e');
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `rrtest${randomBytes(4).toString('hex')}`,
    PORT: String(apiPort),
    API_PORT: String(apiPort),
    WEB_PORT: String(webPort),
    PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    LOG_LEVEL: 'warn',
  };
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/demo-load.ts'], { cwd: ROOT, env, stdio: 'pipe' });
  // A build directory of its own, so two e2e runs on one checkout never overwrite each other's bundle.
  const outDir = mkdtempSync(path.join(tmpdir(), 'rr-e2e-web-'));
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/web/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, env, stdio: 'pipe' });

  const api = start('api', ['-r', '@swc-node/register', 'apps/api/src/main.ts'], env);
  const worker = start('worker', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], env);
  const web = start('web', ['node_modules/vite/bin/vite.js', 'preview', '--config', 'apps/web/vite.config.mts', '--outDir', outDir, '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'], env);
  globalThis.__E2E__ = { db, procs: [api, worker, web], queuePrefix: env.QUEUE_PREFIX, outDir };
  try {
    await waitForHttp(`http://127.0.0.1:${apiPort}/api/health`, 60, api, 'api');
    await waitForHttp(`http://127.0.0.1:${webPort}/`, 30, web, 'web');
  } catch (error) {
    for (const p of [api, worker, web]) {
      console.error(`--- ${p.spawnargs.slice(-3).join(' ')} output ---\n${p.log.join('')}`);
      p.kill('SIGKILL');
    }
    throw error;
  }
  process.env.E2E_BASE_URL = `http://127.0.0.1:${webPort}`;
  process.env.E2E_API_URL = `http://127.0.0.1:${apiPort}`;
  // Not DATABASE_URL: global setups share one process, and the integration tier's workers must keep theirs.
  process.env.E2E_DATABASE_URL = db.url;
};
