import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { SignedInClient, createFeatureTestApp, makeSection, makeUser } from '@rr/testing';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OrganisationModule } from './organisation.module';

describe('Departments and sections (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let admin: SignedInClient;
  let staff: SignedInClient;

  const signIn = async (roles: Role[]) => {
    const { user, password } = await makeUser(ds, { roles });
    return SignedInClient.signIn(app, user.username, password);
  };
  const code = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;
  const auditRows = (entityType: string, entityId: string) =>
    ds.query(`SELECT action, before, after, actor_id FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, [entityType, entityId]);
  const auditForRequest = async (requestId: string) =>
    (await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1`, [requestId]))[0].n as number;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, OrganisationModule]);
    ds = app.get(DataSource);
    admin = await signIn(['sysadmin']);
    staff = await signIn(['staff']);
  });
  afterAll(() => app.close());

  describe('departments', () => {
    it('should create, list in sortOrder then name order, update and delete, auditing each change', async () => {
      const [a, b] = [code('DA'), code('DB')];
      const second = await admin.post('/api/departments', { code: a, name: 'Ｚ局', kind: 'kyoku', sortOrder: 90000 });
      const first = await admin.post('/api/departments', { code: b, name: '総務局', kind: 'kyoku', sortOrder: 10 });
      expect(second.status).toBe(201);
      expect(second.body).toEqual({ id: expect.any(String), code: a, name: 'Ｚ局', kind: 'kyoku', sortOrder: 90000 });
      expect(first.status).toBe(201);

      const list = await staff.get('/api/departments');
      expect(list.status).toBe(200);
      const mine = (list.body as Array<{ code: string }>).filter((d) => [a, b].includes(d.code)).map((d) => d.code);
      expect(mine).toEqual([b, a]);

      const patched = await admin.patch(`/api/departments/${second.body.id}`, { name: '市民文化スポーツ局' });
      expect(patched.status).toBe(200);
      // Only the sent field changes: the update schema's defaults must not reset sortOrder or kind.
      expect(patched.body).toMatchObject({ code: a, name: '市民文化スポーツ局', kind: 'kyoku', sortOrder: 90000 });

      const removed = await admin.delete(`/api/departments/${second.body.id}`);
      expect(removed.status).toBe(204);
      expect((await ds.query('SELECT 1 FROM departments WHERE id = $1', [second.body.id])).length).toBe(0);

      const audit = await auditRows('department', second.body.id);
      expect(audit.map((r: { action: string }) => r.action)).toEqual(['department.create', 'department.update', 'department.delete']);
      expect(audit[1].before).toMatchObject({ name: 'Ｚ局' });
      expect(audit[1].after).toMatchObject({ name: '市民文化スポーツ局', sortOrder: 90000 });
      expect(audit[0].actor_id).toBe(admin.session.user.id);
    });

    it('should answer 409 ORG_DUPLICATE with field code for a taken code, and audit nothing', async () => {
      const c = code('DUP');
      expect((await admin.post('/api/departments', { code: c, name: '一', kind: 'ku' })).status).toBe(201);
      const rid = randomUUID();
      const dup = await admin.post('/api/departments', { code: c, name: '二', kind: 'ku' }).set('X-Request-Id', rid);
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('ORG_DUPLICATE');
      expect(dup.body.message).toBe('code がすでに使われています。');
      expect(await auditForRequest(rid)).toBe(0);
      expect((await ds.query('SELECT count(*)::int AS n FROM departments WHERE code = $1', [c]))[0].n).toBe(1);
    });

    it('should answer 409 ORG_IN_USE when the department still has sections, and keep it', async () => {
      const section = await makeSection(ds);
      const rid = randomUUID();
      const res = await admin.delete(`/api/departments/${section.departmentId}`).set('X-Request-Id', rid);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ORG_IN_USE');
      expect((await ds.query('SELECT 1 FROM departments WHERE id = $1', [section.departmentId])).length).toBe(1);
      expect(await auditForRequest(rid)).toBe(0);
    });

    it('should answer 404 ORG_DEPARTMENT_NOT_FOUND for an unknown or malformed id, never 5xx', async () => {
      for (const id of [randomUUID(), 'not-a-uuid', '1', "'; DROP TABLE departments; --"]) {
        const del = await admin.delete(`/api/departments/${encodeURIComponent(id)}`);
        expect(del.status).toBe(404);
        expect(del.body.code).toBe('ORG_DEPARTMENT_NOT_FOUND');
        const patch = await admin.patch(`/api/departments/${encodeURIComponent(id)}`, { name: 'x' });
        expect(patch.status).toBe(404);
      }
    });

    it('should answer 400 VALIDATION_FAILED for unknown fields, bad kinds and bad codes', async () => {
      for (const body of [
        { code: code('V'), name: 'x', kind: 'kyoku', extra: 1 },
        { code: code('V'), name: 'x', kind: 'city' },
        { code: 'スペース あり', name: 'x', kind: 'kyoku' },
        { code: code('V'), name: '', kind: 'kyoku' },
        { code: code('V'), name: 'x', kind: 'kyoku', sortOrder: -1 },
      ]) {
        const res = await admin.post('/api/departments', body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      const patch = await admin.patch(`/api/departments/${randomUUID()}`, { id: randomUUID() });
      expect(patch.status).toBe(400);
    });

    it('should answer 403 to staff on every write and 401 without a session', async () => {
      const dept = (await admin.post('/api/departments', { code: code('R'), name: '権限', kind: 'other' })).body;
      expect((await staff.post('/api/departments', { code: code('R'), name: 'x', kind: 'other' })).status).toBe(403);
      expect((await staff.patch(`/api/departments/${dept.id}`, { name: 'x' })).status).toBe(403);
      const del = await staff.delete(`/api/departments/${dept.id}`);
      expect(del.status).toBe(403);
      expect(del.body.code).toBe('AUTH_FORBIDDEN');
      expect((await ds.query('SELECT name FROM departments WHERE id = $1', [dept.id]))[0].name).toBe('権限');
      const res = await request(app.getHttpServer()).get('/api/departments');
      expect(res.status).toBe(401);
    });
  });

  describe('sections', () => {
    it('should create a section with its department name, list it, move it and delete it, auditing each change', async () => {
      const d1 = (await admin.post('/api/departments', { code: code('SD'), name: '環境局', kind: 'kyoku' })).body;
      const d2 = (await admin.post('/api/departments', { code: code('SD'), name: '建築都市局', kind: 'kyoku' })).body;
      const c = code('SC');
      const created = await admin.post('/api/sections', { code: c, name: '環境政策課', departmentId: d1.id, sortOrder: 3 });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), code: c, name: '環境政策課', departmentId: d1.id, departmentName: '環境局', sortOrder: 3 });

      const list = await staff.get('/api/sections');
      expect(list.status).toBe(200);
      expect(list.body).toContainEqual(created.body);

      const moved = await admin.patch(`/api/sections/${created.body.id}`, { departmentId: d2.id });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ departmentId: d2.id, departmentName: '建築都市局', sortOrder: 3, name: '環境政策課' });

      expect((await admin.delete(`/api/sections/${created.body.id}`)).status).toBe(204);
      const audit = await auditRows('section', created.body.id);
      expect(audit.map((r: { action: string }) => r.action)).toEqual(['section.create', 'section.update', 'section.delete']);
      expect(audit[1].before.departmentId).toBe(d1.id);
      expect(audit[1].after.departmentId).toBe(d2.id);
    });

    it('should answer 404 ORG_DEPARTMENT_NOT_FOUND for an unknown department and write nothing', async () => {
      const c = code('SX');
      const rid = randomUUID();
      const res = await admin.post('/api/sections', { code: c, name: '幽霊課', departmentId: randomUUID() }).set('X-Request-Id', rid);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ORG_DEPARTMENT_NOT_FOUND');
      expect((await ds.query('SELECT 1 FROM sections WHERE code = $1', [c])).length).toBe(0);
      expect(await auditForRequest(rid)).toBe(0);
    });

    it('should answer 409 ORG_DUPLICATE for a taken section code', async () => {
      const existing = await makeSection(ds);
      const res = await admin.post('/api/sections', { code: existing.code, name: '重複課', departmentId: existing.departmentId });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'ORG_DUPLICATE' });
    });

    it('should answer 409 ORG_IN_USE when users belong to the section', async () => {
      const section = await makeSection(ds);
      await makeUser(ds, { sectionId: section.id });
      const rid = randomUUID();
      const res = await admin.delete(`/api/sections/${section.id}`).set('X-Request-Id', rid);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ORG_IN_USE');
      expect((await ds.query('SELECT 1 FROM sections WHERE id = $1', [section.id])).length).toBe(1);
      expect(await auditForRequest(rid)).toBe(0);
    });

    it('should answer 404 ORG_SECTION_NOT_FOUND for unknown and malformed ids, and 403 to staff', async () => {
      expect((await admin.delete(`/api/sections/${randomUUID()}`)).body.code).toBe('ORG_SECTION_NOT_FOUND');
      const bad = await admin.patch('/api/sections/xyz', { name: 'x' });
      expect(bad.status).toBe(404);
      expect(bad.body.code).toBe('ORG_SECTION_NOT_FOUND');
      const section = await makeSection(ds);
      expect((await staff.post('/api/sections', { code: code('Q'), name: 'x', departmentId: section.departmentId })).status).toBe(403);
      expect((await staff.delete(`/api/sections/${section.id}`)).status).toBe(403);
    });
  });
});
