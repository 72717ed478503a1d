import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@rr/server/config';
import { createServer } from 'node:http';
import { JobRunnerService } from './runtime/job-runner.service';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  // Optional liveness endpoint for orchestrators (not an API): WORKER_HEALTH_PORT=3001.
  const port = Number(process.env.WORKER_HEALTH_PORT ?? 0);
  if (port > 0) {
    const runner = app.get(JobRunnerService);
    createServer((req, res) => {
      const h = runner.health();
      res.writeHead(h.running ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(h));
    }).listen(port, '127.0.0.1');
    new Logger('Worker').log(`health on http://127.0.0.1:${port}/`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
