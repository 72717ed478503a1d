import type { INestApplication } from '@nestjs/common';
import { CSRF_HEADER, SESSION_COOKIE } from '@rr/contracts';
import { makeUser, SignedInClient } from '@rr/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from './app.factory';

describe('Authentication (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;

  beforeAll(async () => {
    app = await createApiApp({ logger: false });
    await app.init();
    ds = app.get(DataSource);
  });
  afterAll(() => app.close());

  describe('POST /api/auth/login', () => {
    it('should set an httpOnly SameSite session cookie and return the user with roles when the password is right', async () => {
      const { user, password } = await makeUser(ds, { roles: ['staff', 'section_chief'] });
      const res = await request(app.getHttpServer()).post('/api/auth/login').send({ username: user.username, password });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: user.username, roles: ['staff', 'section_chief'] });
      expect(res.body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toContain(`${SESSION_COOKIE}=`);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const stored = await ds.query('SELECT token_hash FROM sessions WHERE user_id = $1', [user.id]);
      expect(stored).toHaveLength(1);
      expect(cookie).not.toContain(stored[0].token_hash);
    });

    it('should answer 401 with the same code for an unknown user and a wrong password', async () => {
      const { user } = await makeUser(ds);
      const wrong = await request(app.getHttpServer()).post('/api/auth/login').send({ username: user.username, password: 'nope-nope' });
      const unknown = await request(app.getHttpServer()).post('/api/auth/login').send({ username: 'no-such-user', password: 'nope-nope' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(unknown.body.code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(wrong.body.message).toBe('ユーザー名またはパスワードが正しくありません。');
    });

    it('should lock the account after 5 failures and refuse even the right password while locked', async () => {
      const { user, password } = await makeUser(ds);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await request(app.getHttpServer()).post('/api/auth/login').send({ username: user.username, password: 'wrong-pass' })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 423]);
      const locked = await request(app.getHttpServer()).post('/api/auth/login').set('Accept-Language', 'en').send({ username: user.username, password });
      expect(locked.status).toBe(423);
      expect(locked.body.code).toBe('AUTH_LOCKED');
      expect(locked.body.message).toMatch(/locked/);
      const audit = await ds.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'user.locked'`, [user.id]);
      expect(audit).toHaveLength(1);
    });
  });

  describe('GET /api/auth/me and POST /api/auth/logout', () => {
    it('should return the session when signed in and 401 after logout', async () => {
      const { user, password } = await makeUser(ds);
      const client = await SignedInClient.signIn(app, user.username, password);
      const me = await client.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(user.id);
      expect(me.body.user.section.id).toBe(user.sectionId);
      expect((await client.post('/api/auth/logout')).status).toBe(204);
      const after = await client.get('/api/auth/me');
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('AUTH_REQUIRED');
    });

    it('should refuse a write without the CSRF token even with a valid cookie', async () => {
      const { user, password } = await makeUser(ds);
      const client = await SignedInClient.signIn(app, user.username, password);
      const res = await client.agent.post('/api/auth/logout');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH_CSRF');
      const wrong = await client.agent.post('/api/auth/logout').set(CSRF_HEADER, 'f'.repeat(64));
      expect(wrong.status).toBe(403);
      expect((await client.get('/api/auth/me')).status).toBe(200);
    });

    it('should resolve the whole user (roles, section, department) and stop honouring the session once it expires or the user is disabled', async () => {
      const { user, password } = await makeUser(ds, { roles: ['staff', 'garage_admin'] });
      const client = await SignedInClient.signIn(app, user.username, password);
      const [expected] = await ds.query(
        `SELECT sec.code AS section_code, sec.name AS section_name, d.id AS department_id, d.code AS department_code, d.name AS department_name
           FROM sections sec JOIN departments d ON d.id = sec.department_id WHERE sec.id = $1`,
        [user.sectionId],
      );
      const me = await client.get('/api/auth/me');
      expect(me.body.user).toEqual({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        nameKana: user.nameKana,
        employeeNumber: user.employeeNumber,
        email: user.email,
        locale: user.locale,
        roles: ['staff', 'garage_admin'],
        section: { id: user.sectionId, code: expected.section_code, name: expected.section_name },
        department: { id: expected.department_id, code: expected.department_code, name: expected.department_name },
      });

      await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
      expect((await client.get('/api/auth/me')).status).toBe(401);
      await ds.query(`UPDATE users SET is_active = true WHERE id = $1`, [user.id]);
      expect((await client.get('/api/auth/me')).status).toBe(200);
      await ds.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      expect((await client.get('/api/auth/me')).status).toBe(401);
    });

    it('should answer 401 for a forged or oversized cookie, never 5xx', async () => {
      for (const value of ['garbage', 'x'.repeat(5000), '%E0%A4%A']) {
        const res = await request(app.getHttpServer()).get('/api/auth/me').set('Cookie', `${SESSION_COOKIE}=${value}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('AUTH_REQUIRED');
      }
    });

    it('should answer 403 when a signed-in user lacks the role', async () => {
      const { user, password } = await makeUser(ds, { roles: ['staff'] });
      const client = await SignedInClient.signIn(app, user.username, password);
      const res = await client.post('/api/system/heartbeat');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH_FORBIDDEN');
    });
  });
});

describe('Resolved-session cache (SESSION_CACHE_MS, ADR 0020)', () => {
  let app: INestApplication;
  let ds: DataSource;
  const previous = process.env.SESSION_CACHE_MS;

  beforeAll(async () => {
    process.env.SESSION_CACHE_MS = '1500';
    app = await createApiApp({ logger: false });
    await app.init();
    ds = app.get(DataSource);
  });
  afterAll(async () => {
    await app.close();
    if (previous === undefined) delete process.env.SESSION_CACHE_MS;
    else process.env.SESSION_CACHE_MS = previous;
  });

  it('should see a disabled user within the cache time on ordinary routes, at once on the profile route, and drop a session at sign-out at once', async () => {
    const { user, password } = await makeUser(ds);
    const client = await SignedInClient.signIn(app, user.username, password);
    expect((await client.get('/api/notifications')).status).toBe(200);
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
    // Within SESSION_CACHE_MS this process still trusts what it resolved a moment ago…
    expect((await client.get('/api/notifications')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    // …and no longer after it.
    const later = await client.get('/api/notifications');
    expect([later.status, later.body.code]).toEqual([401, 'AUTH_REQUIRED']);

    const profile = await makeUser(ds);
    const third = await SignedInClient.signIn(app, profile.user.username, profile.password);
    expect((await third.get('/api/notifications')).status).toBe(200);
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [profile.user.id]);
    expect((await third.get('/api/auth/me')).status).toBe(401);

    const other = await makeUser(ds);
    const second = await SignedInClient.signIn(app, other.user.username, other.password);
    expect((await second.get('/api/notifications')).status).toBe(200);
    expect((await second.post('/api/auth/logout')).status).toBe(204);
    expect((await second.get('/api/notifications')).status).toBe(401);
  });
});
