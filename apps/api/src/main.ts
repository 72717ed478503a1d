import 'reflect-metadata';
import { ConfigError, loadConfig } from '@rr/server/config';
import { createApiApp, listen } from './app.factory';

async function main(): Promise<void> {
  let port: number;
  try {
    port = loadConfig().api.port;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApiApp();
  await listen(app, port);
}

void main();
