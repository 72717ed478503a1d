import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { eventually, makeUser, SignedInClient } from '@rr/testing';
import { DataSource } from 'typeorm';
// A system test: it runs the real API and the real worker together, so it imports the other app.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createApiApp } from '@rr/app/api';
import { WorkerModule } from './worker.module';

describe('Queue path api → Redis → worker → PostgreSQL', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await createApiApp({ logger: false });
    await api.init();
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('should record a heartbeat requested through the API, exactly once', async () => {
    const ds = api.get(DataSource);
    const { user, password } = await makeUser(ds, { roles: ['sysadmin'] });
    const client = await SignedInClient.signIn(api, user.username, password);
    const res = await client.post('/api/system/heartbeat');
    expect(res.status).toBe(202);
    const jobId = res.body.jobId as string;
    const rows = await eventually(async () => {
      const r = await ds.query('SELECT job_id, requested_by FROM worker_heartbeats WHERE job_id = $1', [jobId]);
      return r.length ? r : undefined;
    });
    expect(rows).toEqual([{ job_id: jobId, requested_by: user.id }]);
  });
});
