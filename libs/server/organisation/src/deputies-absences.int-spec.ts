import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { SignedInClient, createFeatureTestApp, makeSection, makeUser } from '@rr/testing';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrganisationService } from './organisation.service';
import { OrganisationModule } from './organisation.module';

describe('Deputies (代決者), absences (不在) and actingApprover (real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let admin: SignedInClient;
  let sectionId: string;

  const signIn = async (roles: Role[]) => {
    const { user, password } = await makeUser(ds, { roles, sectionId });
    return SignedInClient.signIn(app, user.username, password);
  };
  const user = async () => (await makeUser(ds, { sectionId })).user;
  const deputyRows = (approverId: string) =>
    ds.query('SELECT rank, deputy_id FROM approver_deputies WHERE approver_id = $1 ORDER BY rank', [approverId]);
  const auditForRequest = async (requestId: string) =>
    (await ds.query('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1', [requestId]))[0].n as number;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, OrganisationModule]);
    ds = app.get(DataSource);
    sectionId = (await makeSection(ds)).id;
    admin = await signIn(['sysadmin']);
  });
  afterAll(() => app.close());

  describe('PUT /api/users/:id/deputies', () => {
    it('should replace the ranked deputies, show them on the user and audit old and new lists', async () => {
      const [chief, d1, d2] = [await user(), await user(), await user()];
      const res = await admin.put(`/api/users/${chief.id}/deputies`, { deputies: [d1.id, d2.id] });
      expect(res.status).toBe(200);
      expect(res.body.deputies).toEqual([
        { rank: 1, userId: d1.id, displayName: d1.displayName },
        { rank: 2, userId: d2.id, displayName: d2.displayName },
      ]);
      expect(await deputyRows(chief.id)).toEqual([{ rank: 1, deputy_id: d1.id }, { rank: 2, deputy_id: d2.id }]);

      const swapped = await admin.put(`/api/users/${chief.id}/deputies`, { deputies: [d2.id] });
      expect(swapped.body.deputies).toEqual([{ rank: 1, userId: d2.id, displayName: d2.displayName }]);
      expect((await admin.get(`/api/users/${chief.id}`)).body.deputies).toEqual(swapped.body.deputies);
      expect((await admin.put(`/api/users/${chief.id}/deputies`, { deputies: [] })).body.deputies).toEqual([]);
      expect(await deputyRows(chief.id)).toEqual([]);

      const audit = await ds.query(`SELECT before, after FROM audit_log WHERE entity_type = 'approver_deputies' AND entity_id = $1 ORDER BY id`, [chief.id]);
      expect(audit).toEqual([
        { before: { deputies: [] }, after: { deputies: [d1.id, d2.id] } },
        { before: { deputies: [d1.id, d2.id] }, after: { deputies: [d2.id] } },
        { before: { deputies: [d2.id] }, after: { deputies: [] } },
      ]);
    });

    it('should refuse the approver as their own deputy with 400 ORG_DEPUTY_SELF, keeping the old list', async () => {
      const [chief, d1] = [await user(), await user()];
      await admin.put(`/api/users/${chief.id}/deputies`, { deputies: [d1.id] });
      const rid = randomUUID();
      const res = await admin.put(`/api/users/${chief.id}/deputies`, { deputies: [d1.id, chief.id] }).set('X-Request-Id', rid);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('ORG_DEPUTY_SELF');
      expect(await deputyRows(chief.id)).toEqual([{ rank: 1, deputy_id: d1.id }]);
      expect(await auditForRequest(rid)).toBe(0);
    });

    it('should answer 404 ORG_USER_NOT_FOUND for an unknown deputy or approver, keeping the old list', async () => {
      const [chief, d1] = [await user(), await user()];
      await admin.put(`/api/users/${chief.id}/deputies`, { deputies: [d1.id] });
      const rid = randomUUID();
      const res = await admin.put(`/api/users/${chief.id}/deputies`, { deputies: [randomUUID()] }).set('X-Request-Id', rid);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ORG_USER_NOT_FOUND');
      expect(await deputyRows(chief.id)).toEqual([{ rank: 1, deputy_id: d1.id }]);
      expect(await auditForRequest(rid)).toBe(0);
      expect((await admin.put(`/api/users/${randomUUID()}/deputies`, { deputies: [d1.id] })).status).toBe(404);
      expect((await admin.put(`/api/users/nope/deputies`, { deputies: [d1.id] })).status).toBe(404);
    });

    it('should answer 400 for three deputies, a repeated deputy or a malformed id, and 403 to staff', async () => {
      const [chief, d1, d2, d3] = [await user(), await user(), await user(), await user()];
      for (const deputies of [[d1.id, d2.id, d3.id], [d1.id, d1.id], ['x'], 'x']) {
        const res = await admin.put(`/api/users/${chief.id}/deputies`, { deputies });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      const staff = await signIn(['staff', 'section_chief']);
      expect((await staff.put(`/api/users/${staff.session.user.id}/deputies`, { deputies: [d1.id] })).status).toBe(403);
      expect(await deputyRows(chief.id)).toEqual([]);
    });
  });

  describe('absences', () => {
    const period = (start: string, end: string, reason = '出張') => ({ startsAt: start, endsAt: end, reason });

    it('should let a user record, list and delete their own absence, audited', async () => {
      const me = await signIn(['staff']);
      const id = me.session.user.id;
      const created = await me.post(`/api/users/${id}/absences`, period('2026-07-01T09:00:00+09:00', '2026-07-03T17:00:00+09:00', '夏季休暇'));
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), userId: id, startsAt: '2026-07-01T00:00:00.000Z', endsAt: '2026-07-03T08:00:00.000Z', reason: '夏季休暇' });
      const list = await me.get(`/api/users/${id}/absences`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([created.body]);
      expect((await me.delete(`/api/users/${id}/absences/${created.body.id}`)).status).toBe(204);
      expect((await me.get(`/api/users/${id}/absences`)).body).toEqual([]);
      const audit = await ds.query(`SELECT action, actor_id FROM audit_log WHERE entity_type = 'user_absence' AND entity_id = $1 ORDER BY id`, [created.body.id]);
      expect(audit).toEqual([
        { action: 'user_absence.create', actor_id: id },
        { action: 'user_absence.delete', actor_id: id },
      ]);
    });

    it("should refuse another user's absences to staff, let sysadmin write and general affairs read them", async () => {
      const target = await user();
      const staff = await signIn(['staff', 'section_chief']);
      const ga = await signIn(['general_affairs']);
      const body = period('2026-08-01T00:00:00Z', '2026-08-02T00:00:00Z');
      expect((await staff.post(`/api/users/${target.id}/absences`, body)).status).toBe(403);
      expect((await staff.get(`/api/users/${target.id}/absences`)).status).toBe(403);
      expect((await ga.post(`/api/users/${target.id}/absences`, body)).status).toBe(403);
      const created = await admin.post(`/api/users/${target.id}/absences`, body);
      expect(created.status).toBe(201);
      expect((await ga.get(`/api/users/${target.id}/absences`)).body).toHaveLength(1);
      const denied = await staff.delete(`/api/users/${target.id}/absences/${created.body.id}`);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('AUTH_FORBIDDEN');
      expect((await ds.query('SELECT count(*)::int AS n FROM user_absences WHERE user_id = $1', [target.id]))[0].n).toBe(1);
    });

    it('should answer 409 ORG_ABSENCE_OVERLAP for an overlapping period but accept one that starts when another ends', async () => {
      const target = await user();
      const url = `/api/users/${target.id}/absences`;
      expect((await admin.post(url, period('2026-09-01T09:00:00+09:00', '2026-09-01T17:00:00+09:00'))).status).toBe(201);
      const rid = randomUUID();
      const overlap = await admin.post(url, period('2026-09-01T16:00:00+09:00', '2026-09-02T12:00:00+09:00')).set('X-Request-Id', rid);
      expect(overlap.status).toBe(409);
      expect(overlap.body.code).toBe('ORG_ABSENCE_OVERLAP');
      expect(await auditForRequest(rid)).toBe(0);
      expect((await admin.post(url, period('2026-09-01T17:00:00+09:00', '2026-09-02T12:00:00+09:00'))).status).toBe(201);
      // Another user's identical period is no overlap.
      expect((await admin.post(`/api/users/${(await user()).id}/absences`, period('2026-09-01T09:00:00+09:00', '2026-09-01T17:00:00+09:00'))).status).toBe(201);
    });

    it('should answer 400 for bad periods and 404 for unknown users and absences', async () => {
      const target = await user();
      const url = `/api/users/${target.id}/absences`;
      for (const body of [
        period('2026-09-02T00:00:00Z', '2026-09-01T00:00:00Z'),
        period('2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z'),
        period('2026-09-01T00:00:00', '2026-09-02T00:00:00'),
        period('2026-02-30T00:00:00Z', '2026-03-02T00:00:00Z'),
        { startsAt: '2026-09-01T00:00:00Z' },
        { ...period('2026-09-01T00:00:00Z', '2026-09-02T00:00:00Z'), userId: randomUUID() },
      ]) {
        const res = await admin.post(url, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      const unknownUser = await admin.post(`/api/users/${randomUUID()}/absences`, period('2026-09-01T00:00:00Z', '2026-09-02T00:00:00Z'));
      expect(unknownUser.status).toBe(404);
      expect(unknownUser.body.code).toBe('ORG_USER_NOT_FOUND');
      expect((await admin.get(`/api/users/${randomUUID()}/absences`)).status).toBe(404);
      expect((await admin.get(`/api/users/bad-id/absences`)).status).toBe(404);

      const other = await user();
      const theirs = (await admin.post(`/api/users/${other.id}/absences`, period('2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z'))).body;
      for (const path of [`${url}/${randomUUID()}`, `${url}/${theirs.id}`, `${url}/not-a-uuid`]) {
        const res = await admin.delete(path);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('ORG_ABSENCE_NOT_FOUND');
      }
      expect((await ds.query('SELECT 1 FROM user_absences WHERE id = $1', [theirs.id])).length).toBe(1);
    });
  });

  describe(OrganisationService.name, () => {
    describe('actingApprover', () => {
      let service: OrganisationService;
      const at = new Date('2026-11-10T03:00:00Z'); // 12:00 JST
      const absent = (userId: string, start: string, end: string) =>
        ds.query('INSERT INTO user_absences (user_id, starts_at, ends_at) VALUES ($1, $2, $3)', [userId, start, end]);
      const withDeputies = async (count: number) => {
        const approver = await user();
        const deputies = [];
        for (let i = 0; i < count; i++) deputies.push(await user());
        for (const [i, d] of deputies.entries()) {
          await ds.query('INSERT INTO approver_deputies (approver_id, rank, deputy_id) VALUES ($1, $2, $3)', [approver.id, i + 1, d.id]);
        }
        return { approver, deputies };
      };

      beforeAll(() => {
        service = app.get(OrganisationService);
      });

      it('should return the approver when they are not absent', async () => {
        const { approver } = await withDeputies(2);
        await absent(approver.id, '2026-11-11T00:00:00Z', '2026-11-12T00:00:00Z');
        await expect(service.actingApprover(approver.id, at)).resolves.toEqual({ approverId: approver.id, actingId: approver.id, isActing: false });
      });

      it('should return the first deputy when the approver is absent', async () => {
        const { approver, deputies } = await withDeputies(2);
        await absent(approver.id, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z');
        await expect(service.actingApprover(approver.id, at)).resolves.toEqual({ approverId: approver.id, actingId: deputies[0].id, isActing: true });
      });

      it('should return the second deputy when the first is absent too', async () => {
        const { approver, deputies } = await withDeputies(2);
        await absent(approver.id, '2026-11-09T00:00:00Z', '2026-11-13T00:00:00Z');
        await absent(deputies[0].id, '2026-11-10T02:00:00Z', '2026-11-10T04:00:00Z');
        await expect(service.actingApprover(approver.id, at)).resolves.toEqual({ approverId: approver.id, actingId: deputies[1].id, isActing: true });
      });

      it('should skip a deactivated deputy', async () => {
        const { approver, deputies } = await withDeputies(2);
        await absent(approver.id, '2026-11-09T00:00:00Z', '2026-11-13T00:00:00Z');
        await ds.query('UPDATE users SET is_active = false WHERE id = $1', [deputies[0].id]);
        await expect(service.actingApprover(approver.id, at)).resolves.toMatchObject({ actingId: deputies[1].id, isActing: true });
      });

      it('should fall back to the approver when every deputy is absent or none is named', async () => {
        const { approver, deputies } = await withDeputies(2);
        await absent(approver.id, '2026-11-09T00:00:00Z', '2026-11-13T00:00:00Z');
        for (const d of deputies) await absent(d.id, '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z');
        await expect(service.actingApprover(approver.id, at)).resolves.toEqual({ approverId: approver.id, actingId: approver.id, isActing: false });
        const { approver: alone } = await withDeputies(0);
        await absent(alone.id, '2026-11-09T00:00:00Z', '2026-11-13T00:00:00Z');
        await expect(service.actingApprover(alone.id, at)).resolves.toMatchObject({ actingId: alone.id, isActing: false });
      });

      it('should treat an absence as [startsAt, endsAt): absent at its start, back at its end', async () => {
        const { approver, deputies } = await withDeputies(1);
        await absent(approver.id, '2026-11-10T03:00:00Z', '2026-11-10T05:00:00Z');
        await expect(service.actingApprover(approver.id, new Date('2026-11-10T02:59:59.999Z'))).resolves.toMatchObject({ isActing: false });
        await expect(service.actingApprover(approver.id, new Date('2026-11-10T03:00:00Z'))).resolves.toMatchObject({ actingId: deputies[0].id, isActing: true });
        await expect(service.actingApprover(approver.id, new Date('2026-11-10T05:00:00Z'))).resolves.toMatchObject({ actingId: approver.id, isActing: false });
      });

      it('should throw ORG_USER_NOT_FOUND for an unknown approver', async () => {
        await expect(service.actingApprover(randomUUID(), at)).rejects.toMatchObject({ code: 'ORG_USER_NOT_FOUND' });
        await expect(service.actingApprover(randomUUID(), at)).rejects.toBeInstanceOf(AppError);
      });
    });
  });
});
