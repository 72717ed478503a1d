import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from './app.factory';

describe('Bad input (HTTP)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApiApp({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  const login = () => request(app.getHttpServer()).post('/api/auth/login');

  it('should answer 400 MALFORMED_JSON for broken JSON', async () => {
    const res = await login().set('Content-Type', 'application/json').send('{"username": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(typeof res.body.message).toBe('string');
  });

  it('should answer 400 VALIDATION_FAILED naming the unknown field', async () => {
    const res = await login().send({ username: 'a', password: 'b', admin: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.details)).toContain('admin');
  });

  it('should answer 400 for wrong types and missing fields', async () => {
    for (const body of [{ username: 1, password: 'x' }, { username: 'a' }, []]) {
      const res = await login().set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('should answer 413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const res = await login().send({ username: 'a', password: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should answer in English when asked and in Japanese by default', async () => {
    const ja = await login().send({});
    const en = await login().set('Accept-Language', 'en-GB,en;q=0.9').send({});
    expect(ja.body.message).toBe('入力内容に誤りがあります。');
    expect(en.body.message).toBe('The request is invalid.');
  });

  it('should answer 404 NOT_FOUND for an unknown route', async () => {
    const res = await request(app.getHttpServer()).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('should write nothing when a request is refused', async () => {
    const ds = app.get(DataSource);
    const before = await ds.query('SELECT count(*)::int AS n FROM sessions');
    await login().send({ username: 'a', password: 'b', extra: 1 });
    const after = await ds.query('SELECT count(*)::int AS n FROM sessions');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('Health and OpenAPI (HTTP)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApiApp({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('should report PostgreSQL and Redis up with security headers and a request id', async () => {
    const res = await request(app.getHttpServer()).get('/api/health').set('X-Request-Id', 'trace-123');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('should serve the OpenAPI document listing the auth routes', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/health']));
  });
});
