import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from './app.factory';

describe('Health when Redis is unreachable', () => {
  let app: INestApplication;
  const saved = process.env.REDIS_URL;

  beforeAll(async () => {
    // A port nothing listens on: the real client fails to connect, as it would with Redis down.
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    app = await createApiApp({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    process.env.REDIS_URL = saved;
  });

  it('should answer 503 naming Redis as down', async () => {
    const res = await request(app.getHttpServer()).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', checks: { postgres: 'up', redis: 'down' } });
  });
});
