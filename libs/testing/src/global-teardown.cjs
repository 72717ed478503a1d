// Drops the run's database and deletes its Redis keys (KEEP_TEST_DB=1 keeps the database to inspect).
const { Client } = require('pg');
const IORedis = require('ioredis');

const SERVER_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function dropDatabase(name) {
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function deletePrefix(url, prefix) {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

module.exports = async function globalTeardown() {
  if (process.env.TEST_DATABASE_NAME && !process.env.KEEP_TEST_DB) await dropDatabase(process.env.TEST_DATABASE_NAME);
  if ((process.env.QUEUE_PREFIX || '').startsWith('rrtest')) await deletePrefix(process.env.REDIS_URL || 'redis://127.0.0.1:6379', process.env.QUEUE_PREFIX);
};
module.exports.dropDatabase = dropDatabase;
module.exports.deletePrefix = deletePrefix;
