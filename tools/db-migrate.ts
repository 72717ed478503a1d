import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '@rr/server/config';
import { migrate } from '@rr/server/persistence';

/** `npm run db:migrate`: creates the database named in DATABASE_URL if missing, then applies migrations. */
async function main(): Promise<void> {
  const { database } = loadConfig();
  const target = new URL(database.url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(database.url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
  const applied = await migrate(database.url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
