import type { INestApplication } from '@nestjs/common';
import { CSRF_HEADER, USER_CSV_COLUMNS } from '@rr/contracts';
import { SignedInClient, createFeatureTestApp, makeSection, makeUser } from '@rr/testing';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrganisationModule } from './organisation.module';

describe('POST /api/users/import (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let admin: SignedInClient;

  const HEADER = USER_CSV_COLUMNS.join(',');
  const line = (u: { username: string; name?: string; kana?: string; emp: string; email: string; section: string; roles?: string; locale?: string }) =>
    [u.username, u.name ?? `職員 ${u.username}`, u.kana ?? 'しょくいん', u.emp, u.email, u.section, u.roles ?? 'staff', u.locale ?? 'ja'].join(',');
  const upload = (client: SignedInClient, body: string | Buffer, requestId = randomUUID()) =>
    client.agent
      .post('/api/users/import')
      .set(CSRF_HEADER, client.session.csrfToken)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('X-Request-Id', requestId)
      .send(body);
  const countUsers = async (usernames: string[]) =>
    (await ds.query('SELECT count(*)::int AS n FROM users WHERE username = ANY($1)', [usernames]))[0].n as number;
  const auditForRequest = async (requestId: string) =>
    (await ds.query('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1', [requestId]))[0].n as number;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, OrganisationModule]);
    ds = app.get(DataSource);
    const { user, password } = await makeUser(ds, { roles: ['sysadmin'] });
    admin = await SignedInClient.signIn(app, user.username, password);
  });
  afterAll(() => app.close());

  it('should create new users and update existing ones by username (BOM, roles with |), leaving passwords alone', async () => {
    const [s1, s2] = [await makeSection(ds), await makeSection(ds)];
    const { user: existing, password } = await makeUser(ds, { sectionId: s1.id });
    const t = randomUUID().slice(0, 8);
    const csv = [
      HEADER,
      line({ username: `imp1${t}`, name: '"北九州, 一郎"', emp: `I1${t}`, email: `imp1${t}@city.example.jp`, section: s1.code, roles: 'staff|section_chief' }),
      line({ username: existing.username, name: '異動 太郎', emp: existing.employeeNumber, email: existing.email, section: s2.code, roles: 'staff|garage_admin', locale: 'en' }),
      line({ username: `imp2${t}`, emp: `I2${t}`, email: `imp2${t}@city.example.jp`, section: s2.code }),
    ].join('\r\n');
    const rid = randomUUID();
    const res = await upload(admin, Buffer.from(`\uFEFF${csv}\r\n`, 'utf8'), rid);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 1 });

    const rows = await ds.query(
      `SELECT u.username, u.display_name, u.roles, u.locale, s.code AS section, u.password_hash IS NOT NULL AS has_password
         FROM users u JOIN sections s ON s.id = u.section_id WHERE u.username = ANY($1) ORDER BY u.username`,
      [[`imp1${t}`, `imp2${t}`, existing.username]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { username: `imp1${t}`, display_name: '北九州, 一郎', roles: ['staff', 'section_chief'], locale: 'ja', section: s1.code, has_password: false },
        { username: `imp2${t}`, display_name: `職員 imp2${t}`, roles: ['staff'], locale: 'ja', section: s2.code, has_password: false },
        { username: existing.username, display_name: '異動 太郎', roles: ['staff', 'garage_admin'], locale: 'en', section: s2.code, has_password: true },
      ]),
    );
    await expect(SignedInClient.signIn(app, existing.username, password)).resolves.toBeInstanceOf(SignedInClient);

    const audit = await ds.query(`SELECT action, entity_id FROM audit_log WHERE request_id = $1 ORDER BY id`, [rid]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['user.create', 'user.update', 'user.create', 'user.import']);
    expect(audit[1].entity_id).toBe(existing.id);

    // The same file again changes nothing.
    const again = await upload(admin, csv);
    expect(again.body).toEqual({ created: 0, updated: 0 });
  });

  it('should refuse a file with one bad line with 400, its line number, and write nothing', async () => {
    const section = await makeSection(ds);
    const { user: existing } = await makeUser(ds, { sectionId: section.id });
    const t = randomUUID().slice(0, 8);
    const usernames = [`bad1${t}`, `bad2${t}`];
    const csv = [
      HEADER,
      line({ username: usernames[0], emp: `B1${t}`, email: `b1${t}@city.example.jp`, section: section.code }),
      line({ username: existing.username, name: '変わらない', emp: existing.employeeNumber, email: existing.email, section: section.code }),
      line({ username: usernames[1], emp: `B2${t}`, email: 'not-an-email', section: section.code }),
    ].join('\n');
    const before = await countUsers(usernames);
    const rid = randomUUID();
    const res = await upload(admin, csv, rid);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ORG_CSV_INVALID');
    expect(res.body.details).toMatchObject({ line: 4 });
    expect(res.body.message).toMatch(/^CSV の 4 行目に誤りがあります: email の値が正しくありません/);
    expect(before).toBe(0);
    expect(await countUsers(usernames)).toBe(0);
    expect((await ds.query('SELECT display_name FROM users WHERE id = $1', [existing.id]))[0].display_name).toBe(existing.displayName);
    expect(await auditForRequest(rid)).toBe(0);
  });

  it('should roll back rows already written when a later row clashes with another user in the database', async () => {
    const section = await makeSection(ds);
    const { user: other } = await makeUser(ds, { sectionId: section.id });
    const t = randomUUID().slice(0, 8);
    const usernames = [`rb1${t}`, `rb2${t}`];
    const csv = [
      HEADER,
      line({ username: usernames[0], emp: `R1${t}`, email: `r1${t}@city.example.jp`, section: section.code }),
      line({ username: usernames[1], emp: `R2${t}`, email: other.email, section: section.code }),
    ].join('\n');
    const rid = randomUUID();
    const res = await upload(admin, csv, rid).set('Accept-Language', 'en');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual({ line: 3, reason: `email ${other.email} is used by another user` });
    expect(await countUsers(usernames)).toBe(0);
    expect(await auditForRequest(rid)).toBe(0);
  });

  it('should name the line of an unknown section code', async () => {
    const section = await makeSection(ds);
    const t = randomUUID().slice(0, 8);
    const csv = [
      HEADER,
      line({ username: `sc1${t}`, emp: `S1${t}`, email: `s1${t}@city.example.jp`, section: section.code }),
      line({ username: `sc2${t}`, emp: `S2${t}`, email: `s2${t}@city.example.jp`, section: 'NO-SUCH-SECTION' }),
    ].join('\n');
    const res = await upload(admin, csv);
    expect(res.status).toBe(400);
    expect(res.body.details).toMatchObject({ line: 3 });
    expect(res.body.details.reason).toContain('NO-SUCH-SECTION');
    expect(await countUsers([`sc1${t}`])).toBe(0);
  });

  it('should refuse more than 5,000 rows before touching the database', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => line({ username: `cap${i}x`, emp: `C${i}`, email: `cap${i}@x.jp`, section: 'ANY' }));
    const res = await upload(admin, [HEADER, ...rows].join('\n'));
    expect(res.status).toBe(400);
    expect(res.body.details).toMatchObject({ line: 5002 });
    expect(await countUsers(['cap0x'])).toBe(0);
  });

  it('should refuse a JSON body, a missing header and non-sysadmins', async () => {
    const json = await admin.post('/api/users/import', { csv: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const noHeader = await upload(admin, 'alice,Alice,,E1,a@x.jp,S,staff,ja');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.details).toMatchObject({ line: 1 });
    const { user, password } = await makeUser(ds, { roles: ['general_affairs'] });
    const ga = await SignedInClient.signIn(app, user.username, password);
    expect((await upload(ga, HEADER)).status).toBe(403);
  });
});
