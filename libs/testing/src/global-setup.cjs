// Jest global setup for the integration tier: one throwaway database per run, created here and
// migrated by the real migration command (`npm run db:migrate`), plus a Redis key prefix of its own
// so concurrent runs never share queues. Test workers inherit these variables.
// Plain CommonJS: Jest runs global setup outside its module mapper.
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { Client } = require('pg');

const SERVER_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = path.join(__dirname, '../../..');

async function createAndMigrate(label) {
  const name = `rr_${label}_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/db-migrate.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: 'pipe',
  });
  return { name, url: url.toString() };
}

module.exports = async function globalSetup() {
  const db = await createAndMigrate('int');
  process.env.TEST_DATABASE_NAME = db.name;
  process.env.DATABASE_URL = db.url;
  process.env.QUEUE_PREFIX = `rrtest${randomBytes(4).toString('hex')}`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'silent';
};
module.exports.createAndMigrate = createAndMigrate;
