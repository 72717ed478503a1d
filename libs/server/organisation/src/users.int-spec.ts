import type { INestApplication } from '@nestjs/common';
import type { Role, User } from '@rr/contracts';
import { SignedInClient, createFeatureTestApp, makeSection, makeUser } from '@rr/testing';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OrganisationModule } from './organisation.module';

describe('Users (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let admin: SignedInClient;

  const signIn = async (roles: Role[]) => {
    const { user, password } = await makeUser(ds, { roles });
    return SignedInClient.signIn(app, user.username, password);
  };
  const tag = () => randomUUID().slice(0, 8);
  const newUser = (sectionId: string, overrides: Record<string, unknown> = {}) => {
    const t = tag();
    return { username: `n${t}`, displayName: `新規 花子${t}`, nameKana: 'しんき はなこ', employeeNumber: `N${t}`, email: `n${t}@city.example.jp`, sectionId, roles: ['staff'], ...overrides };
  };
  const auditForRequest = async (requestId: string) =>
    (await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1`, [requestId]))[0].n as number;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, OrganisationModule]);
    ds = app.get(DataSource);
    admin = await signIn(['sysadmin']);
  });
  afterAll(() => app.close());

  describe('POST /api/users', () => {
    it('should create a user whose password works, and audit it without the hash', async () => {
      const section = await makeSection(ds);
      const input = newUser(section.id, { roles: ['staff', 'section_chief'], password: 'a-long-password', locale: 'en' });
      const res = await admin.post('/api/users', input);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username: input.username,
        displayName: input.displayName,
        nameKana: 'しんき はなこ',
        employeeNumber: input.employeeNumber,
        email: input.email,
        sectionId: section.id,
        sectionName: 'テスト課',
        departmentName: 'テスト局',
        roles: ['staff', 'section_chief'],
        locale: 'en',
        isActive: true,
        hasPassword: true,
        lockedUntil: null,
        deputies: [],
      });
      const stored = await ds.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
      expect(stored[0].password_hash).toMatch(/^scrypt\$/);
      await expect(SignedInClient.signIn(app, input.username, 'a-long-password')).resolves.toBeInstanceOf(SignedInClient);

      const audit = await ds.query(`SELECT action, after FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action = 'user.create'`, [res.body.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].after).toMatchObject({ username: input.username, hasPassword: true });
      expect(JSON.stringify(audit[0].after)).not.toMatch(/scrypt|a-long-password/);
    });

    it('should create an SSO-only user without a password', async () => {
      const section = await makeSection(ds);
      const res = await admin.post('/api/users', newUser(section.id));
      expect(res.status).toBe(201);
      expect(res.body.hasPassword).toBe(false);
      expect(res.body.locale).toBe('ja');
    });

    it.each([
      ['username', (u: User) => ({ username: u.username })],
      ['employeeNumber', (u: User) => ({ employeeNumber: u.employeeNumber })],
      ['email', (u: User) => ({ email: u.email })],
    ])('should answer 409 ORG_DUPLICATE naming %s when it is taken, writing nothing', async (field, clash) => {
      const section = await makeSection(ds);
      const first = (await admin.post('/api/users', newUser(section.id))).body as User;
      const second = newUser(section.id, clash(first));
      const rid = randomUUID();
      const res = await admin.post('/api/users', second).set('X-Request-Id', rid).set('Accept-Language', 'en');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ORG_DUPLICATE');
      expect(res.body.details).toEqual({ field });
      expect(res.body.message).toBe(`${field} is already in use.`);
      expect(await auditForRequest(rid)).toBe(0);
      expect((await ds.query('SELECT count(*)::int AS n FROM users WHERE section_id = $1', [section.id]))[0].n).toBe(1);
    });

    it('should answer 404 ORG_SECTION_NOT_FOUND for an unknown section', async () => {
      const res = await admin.post('/api/users', newUser(randomUUID()));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ORG_SECTION_NOT_FOUND');
    });

    it('should answer 400 for bad input and 403 to non-sysadmins', async () => {
      const section = await makeSection(ds);
      for (const bad of [
        newUser(section.id, { roles: ['boss'] }),
        newUser(section.id, { roles: [] }),
        newUser(section.id, { email: 'not-an-email' }),
        newUser(section.id, { username: 'Upper Case' }),
        newUser(section.id, { password: 'short' }),
        newUser(section.id, { sectionId: 'nope' }),
        newUser(section.id, { passwordHash: 'x' }),
      ]) {
        const res = await admin.post('/api/users', bad);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      for (const role of ['staff', 'general_affairs', 'section_chief'] as Role[]) {
        const client = await signIn([role]);
        expect((await client.post('/api/users', newUser(section.id))).status).toBe(403);
      }
    });
  });

  describe('GET /api/users', () => {
    let section: string;
    let users: User[];

    beforeAll(async () => {
      section = (await makeSection(ds)).id;
      const t = tag();
      users = [];
      for (const [i, extra] of [
        { displayName: `100%達成 ${t}`, nameKana: 'あ', roles: ['staff'] },
        { displayName: `100X達成 ${t}`, nameKana: 'い', roles: ['staff', 'garage_admin'] },
        { displayName: `under_score ${t}`, nameKana: 'う', roles: ['section_chief'] },
      ].entries()) {
        users.push((await admin.post('/api/users', newUser(section, { ...extra, username: `list${i}${t}`, email: `List${i}.${t}@City.example.jp` }))).body);
      }
    });

    it('should filter by section, sorted by name_kana, with the total and paging', async () => {
      const res = await admin.get(`/api/users?sectionId=${section}&limit=2&offset=0`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.limit).toBe(2);
      expect(res.body.items.map((u: User) => u.id)).toEqual([users[0].id, users[1].id]);
      const next = await admin.get(`/api/users?sectionId=${section}&limit=2&offset=2`);
      expect(next.body.items.map((u: User) => u.id)).toEqual([users[2].id]);
    });

    it('should search literally: % and _ are not wildcards, and the search ignores case', async () => {
      const pct = await admin.get(`/api/users?sectionId=${section}&q=${encodeURIComponent('100%')}`);
      expect(pct.body.items.map((u: User) => u.id)).toEqual([users[0].id]);
      const underscore = await admin.get(`/api/users?sectionId=${section}&q=${encodeURIComponent('r_s')}`);
      expect(underscore.body.items.map((u: User) => u.id)).toEqual([users[2].id]);
      const mail = await admin.get(`/api/users?q=${encodeURIComponent(users[1].email.toUpperCase())}`);
      expect(mail.body.items.map((u: User) => u.id)).toEqual([users[1].id]);
      const employee = await admin.get(`/api/users?q=${users[2].employeeNumber.toLowerCase()}`);
      expect(employee.body.items.map((u: User) => u.id)).toEqual([users[2].id]);
      const kana = await admin.get(`/api/users?sectionId=${section}&q=${encodeURIComponent('い')}`);
      expect(kana.body.items.map((u: User) => u.id)).toEqual([users[1].id]);
    });

    it('should filter by role', async () => {
      const res = await admin.get(`/api/users?sectionId=${section}&role=garage_admin`);
      expect(res.body.items.map((u: User) => u.id)).toEqual([users[1].id]);
    });

    it('should let people pickers read and refuse staff', async () => {
      for (const role of ['general_affairs', 'section_chief', 'garage_admin'] as Role[]) {
        expect((await (await signIn([role])).get(`/api/users?sectionId=${section}`)).status).toBe(200);
      }
      const staff = await signIn(['staff']);
      expect((await staff.get('/api/users')).status).toBe(403);
      expect((await staff.get(`/api/users/${users[0].id}`)).status).toBe(403);
      expect((await request(app.getHttpServer()).get('/api/users')).status).toBe(401);
    });

    it('should answer 400 for bad query parameters', async () => {
      for (const qs of ['limit=0', 'limit=501', 'offset=-1', 'role=boss', 'sectionId=abc', 'unknown=1', `q=${'x'.repeat(101)}`, 'q=a&q=b']) {
        const res = await admin.get(`/api/users?${qs}`);
        expect([qs, res.status]).toEqual([qs, 400]);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('should get one user by id, and answer 404 for unknown or malformed ids', async () => {
      const res = await admin.get(`/api/users/${users[0].id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(users[0]);
      for (const id of [randomUUID(), 'zzz', '123e4567-e89b-12d3-a456-42661417400']) {
        const missing = await admin.get(`/api/users/${id}`);
        expect(missing.status).toBe(404);
        expect(missing.body.code).toBe('ORG_USER_NOT_FOUND');
      }
    });
  });

  describe('PATCH /api/users/:id', () => {
    it('should change only the fields sent (no defaults re-applied) and audit before/after', async () => {
      const { user } = await makeUser(ds);
      await ds.query(`UPDATE users SET locale = 'en', is_active = false WHERE id = $1`, [user.id]);
      const res = await admin.patch(`/api/users/${user.id}`, { displayName: '改名 太郎' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ displayName: '改名 太郎', locale: 'en', isActive: false, nameKana: 'しけん たろう' });
      const audit = await ds.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'user.update'`, [user.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].before.displayName).toBe(user.displayName);
      expect(audit[0].after.displayName).toBe('改名 太郎');
    });

    it('should reset the password and clear the lock-out', async () => {
      const { user, password } = await makeUser(ds);
      await ds.query(`UPDATE users SET failed_logins = 3, locked_until = now() + interval '1 hour' WHERE id = $1`, [user.id]);
      expect((await admin.get(`/api/users/${user.id}`)).body.lockedUntil).not.toBeNull();
      const res = await admin.patch(`/api/users/${user.id}`, { password: 'brand-new-password' });
      expect(res.status).toBe(200);
      expect(res.body.lockedUntil).toBeNull();
      const row = (await ds.query('SELECT failed_logins, locked_until FROM users WHERE id = $1', [user.id]))[0];
      expect(row).toEqual({ failed_logins: 0, locked_until: null });
      await expect(SignedInClient.signIn(app, user.username, password)).rejects.toThrow(/401/);
      await expect(SignedInClient.signIn(app, user.username, 'brand-new-password')).resolves.toBeInstanceOf(SignedInClient);
      const audit = await ds.query(`SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'user.update'`, [user.id]);
      expect(audit[0].after.passwordReset).toBe(true);
      expect(JSON.stringify(audit[0].after)).not.toMatch(/scrypt|brand-new-password/);
    });

    it('should end the sessions of a user it deactivates', async () => {
      const { user, password } = await makeUser(ds);
      const victim = await SignedInClient.signIn(app, user.username, password);
      expect((await victim.get('/api/auth/me')).status).toBe(200);
      const res = await admin.patch(`/api/users/${user.id}`, { isActive: false });
      expect(res.status).toBe(200);
      expect(res.body.isActive).toBe(false);
      expect((await ds.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [user.id]))[0].n).toBe(0);
      expect((await victim.get('/api/auth/me')).status).toBe(401);
    });

    it('should answer 409 ORG_DUPLICATE for an e-mail taken by someone else, changing nothing', async () => {
      const { user: a } = await makeUser(ds);
      const { user: b } = await makeUser(ds);
      const rid = randomUUID();
      const res = await admin.patch(`/api/users/${b.id}`, { email: a.email, displayName: '変更しない' }).set('X-Request-Id', rid);
      expect(res.status).toBe(409);
      expect(res.body.details).toEqual({ field: 'email' });
      expect((await ds.query('SELECT display_name, email FROM users WHERE id = $1', [b.id]))[0]).toEqual({ display_name: b.displayName, email: b.email });
      expect(await auditForRequest(rid)).toBe(0);
    });

    it('should answer 404 for unknown users or sections, 400 for unknown fields and 403 to staff', async () => {
      const { user } = await makeUser(ds);
      expect((await admin.patch(`/api/users/${randomUUID()}`, { displayName: 'x' })).body.code).toBe('ORG_USER_NOT_FOUND');
      expect((await admin.patch(`/api/users/not-a-uuid`, { displayName: 'x' })).status).toBe(404);
      const section = await admin.patch(`/api/users/${user.id}`, { sectionId: randomUUID() });
      expect(section.status).toBe(404);
      expect(section.body.code).toBe('ORG_SECTION_NOT_FOUND');
      expect((await admin.patch(`/api/users/${user.id}`, { failedLogins: 0 })).status).toBe(400);
      const staff = await signIn(['staff']);
      expect((await staff.patch(`/api/users/${staff.session.user.id}`, { roles: ['sysadmin'] })).status).toBe(403);
      expect((await ds.query('SELECT roles FROM users WHERE id = $1', [staff.session.user.id]))[0].roles).toEqual(['staff']);
    });
  });
});
