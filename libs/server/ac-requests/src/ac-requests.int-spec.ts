import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import type { Clock } from '@rr/domain';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { createFeatureTestApp, makeSection, makeUser, SignedInClient } from '@rr/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AC_CLOCK } from './ac-clock';
import { AcRequestsModule } from './ac-requests.module';
import { AcRemindersService } from './ac-reminders.service';

jest.setTimeout(60_000);

/**
 * The AC extension route end to end over HTTP on real PostgreSQL: zones and rates, estimate, filing,
 * 代決/後閲, concurrent decisions, operating instructions, reports, reminders and bad input.
 * "Now" is the module's clock, moved per test to a fixed Tokyo instant; each test uses its own
 * dates, so the day sheets and reports of different tests never mix.
 */
describe('AC extension requests (HTTP, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let clock: Clock;
  let ga: SignedInClient;

  const setNow = (iso: string) => {
    clock.now = () => new Date(iso);
  };
  const signIn = async (roles: Role[] = ['staff'], sectionId?: string) => {
    const { user, password } = await makeUser(ds, { roles, sectionId });
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  /** A building with one floor and `n` zones (default hours 08:30–17:15, ¥30,000/h from 2000-01-01). */
  const makeZones = async (n = 2): Promise<string[]> => {
    const tag = randomUUID().slice(0, 8);
    const building = await ga.post('/api/ac/buildings', { code: `B${tag}`, name: `試験庁舎${tag}` });
    expect(building.status).toBe(201);
    const floor = await ga.post(`/api/ac/buildings/${building.body.id}/floors`, { level: 3, name: '3階' });
    expect(floor.status).toBe(201);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const zone = await ga.post('/api/ac/zones', { floorId: floor.body.floors[0].id, code: `Z${tag}-${i}`, name: `3階${i}区` });
      expect(zone.status).toBe(201);
      ids.push(zone.body.id);
    }
    return ids;
  };
  /** A section with a 課長 and a staff member; optionally a deputy (係長) for the 課長. */
  const makeSectionPeople = async () => {
    const section = await makeSection(ds);
    const staff = await signIn(['staff'], section.id);
    const chief = await signIn(['staff', 'section_chief'], section.id);
    const deputy = await signIn(['staff'], section.id);
    await ds.query(`INSERT INTO approver_deputies (approver_id, rank, deputy_id) VALUES ($1, 1, $2)`, [chief.user.id, deputy.user.id]);
    return { section, staff, chief, deputy };
  };
  const absent = (userId: string, from: string, to: string) =>
    ds.query(`INSERT INTO user_absences (user_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, '出張')`, [userId, from, to]);
  const form = (zoneIds: string[], overrides: Record<string, unknown> = {}) => ({
    dates: ['2030-06-05'],
    zoneIds,
    start: '17:15',
    end: '19:00',
    headcount: 12,
    reasonCategory: 'public_meeting',
    reasonText: '市民説明会（室温28℃超の見込み）',
    contact: '内線 1234',
    ...overrides,
  });
  const notificationsOf = async (userId: string, type: string) =>
    (await ds.query(`SELECT payload FROM notifications WHERE recipient_id = $1 AND type = $2 ORDER BY created_at, id`, [userId, type])).map((r: { payload: unknown }) => r.payload);
  const count = async (sql: string, params: unknown[] = []) => Number((await ds.query(sql, params))[0].n);

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, AcRequestsModule]);
    ds = app.get(DataSource);
    clock = app.get<Clock>(AC_CLOCK, { strict: false });
    ga = (await signIn(['staff', 'general_affairs'])).client;
  });
  afterAll(() => app.close());
  // Monday 2030-06-03 10:00 JST unless a test says otherwise.
  beforeEach(() => setNow('2030-06-03T01:00:00Z'));

  describe('zones and rates', () => {
    it('should let General Affairs keep zones and a rate history, refuse staff, and price each date at the rate valid then', async () => {
      const [zone] = await makeZones(1);
      const staff = await signIn();
      expect((await staff.client.post('/api/ac/zones', { floorId: randomUUID(), code: 'X1', name: 'x' })).status).toBe(403);
      expect((await staff.client.post(`/api/ac/zones/${zone}/rates`, { validFrom: '2030-06-06', yenPerHour: 36_000 })).status).toBe(403);
      const rate = await ga.post(`/api/ac/zones/${zone}/rates`, { validFrom: '2030-06-06', yenPerHour: 36_000 });
      expect(rate.status).toBe(201);
      expect(rate.body.rates).toEqual([
        { validFrom: '2000-01-01', yenPerHour: 30_000 },
        { validFrom: '2030-06-06', yenPerHour: 36_000 },
      ]);
      const again = await ga.post(`/api/ac/zones/${zone}/rates`, { validFrom: '2030-06-06', yenPerHour: 1 });
      expect([again.status, again.body.code]).toEqual([409, 'AC_RATE_EXISTS']);

      const estimate = await staff.client.post('/api/ac/estimate', { dates: ['2030-06-05', '2030-06-06'], zoneIds: [zone], start: '17:15', end: '19:00' });
      expect(estimate.status).toBe(200);
      expect(estimate.body.lines.map((l: { date: string; yenPerHour: number; yen: number; minutes: number }) => [l.date, l.minutes, l.yenPerHour, l.yen])).toEqual([
        ['2030-06-05', 105, 30_000, 52_500],
        ['2030-06-06', 105, 36_000, 63_000],
      ]);
      expect(estimate.body.totalYen).toBe(115_500);
      // 前開庁日 17:00 of the earliest date: Tuesday 2030-06-04 17:00 JST.
      expect(estimate.body.deadline).toBe('2030-06-04T08:00:00.000Z');
      expect([estimate.body.pastDeadline, estimate.body.acceptable]).toEqual([false, true]);
    });

    it('should refuse a duplicate zone code with 409 AC_DUPLICATE', async () => {
      const [zone] = await makeZones(1);
      const zones = await ga.get('/api/ac/zones');
      const existing = zones.body.find((z: { id: string }) => z.id === zone);
      const dup = await ga.post('/api/ac/zones', { floorId: existing.floorId, code: existing.code, name: '重複' });
      expect([dup.status, dup.body.code]).toEqual([409, 'AC_DUPLICATE']);
    });
  });

  describe('approval route', () => {
    it('should go 課長 代決 (deputy, with both names) → 後閲 notice → 総務課 approval → operating instruction, notifying each next actor', async () => {
      const zones = await makeZones(2);
      const { staff, chief, deputy } = await makeSectionPeople();
      const operator = await signIn(['building_operator']);
      await absent(chief.user.id, '2030-06-02T15:00:00Z', '2030-06-04T15:00:00Z');

      const created = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-05', '2030-06-06'] }));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(created.body).toMatchObject({ status: 'submitted', revision: 1, version: 1, late: false, totalMinutes: 420, totalYen: 210_000, start: '17:15', end: '19:00' });
      expect(created.body.lines).toHaveLength(4);

      // The chief is absent, so the request goes to the deputy named in advance.
      expect(await notificationsOf(chief.user.id, 'ac.approval_requested')).toEqual([]);
      const asked = await notificationsOf(deputy.user.id, 'ac.approval_requested');
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({ requestId: id, step: 'endorse', actingForName: chief.user.displayName });
      const inbox = await deputy.client.get('/api/ac/inbox');
      expect(inbox.body.map((i: { id: string }) => i.id)).toContain(id);
      expect(inbox.body.find((i: { id: string }) => i.id === id)).toMatchObject({ step: 'endorse', actingFor: { id: chief.user.id } });
      const view = await deputy.client.get(`/api/ac/requests/${id}`);
      expect(view.body.allowedActions).toEqual(['endorse', 'send_back']);
      expect(view.body.actingFor).toEqual({ id: chief.user.id, displayName: chief.user.displayName });
      // Staff may not approve at General Affairs' step nor endorse for someone else.
      expect((await staff.client.post(`/api/ac/requests/${id}/decisions`, { action: 'endorse', version: 1 })).body.code).toBe('AC_NOT_ALLOWED');

      const endorsed = await deputy.client.post(`/api/ac/requests/${id}/decisions`, { action: 'endorse', version: 1 });
      expect(endorsed.status).toBe(200);
      expect(endorsed.body.status).toBe('endorsed');
      const endorseStep = endorsed.body.steps.find((s: { action: string }) => s.action === 'endorse');
      expect(endorseStep).toMatchObject({ actor: { id: deputy.user.id }, acting: true, onBehalfOf: { id: chief.user.id, displayName: chief.user.displayName } });
      // 後閲: the absent chief is told; the applicant hears of the endorsement with both names.
      expect(await notificationsOf(chief.user.id, 'ac.post_review')).toEqual([expect.objectContaining({ requestId: id, action: 'endorse', deputyName: deputy.user.displayName })]);
      expect(await notificationsOf(staff.user.id, 'ac.request_decided')).toEqual([
        expect.objectContaining({ action: 'endorse', deciderName: deputy.user.displayName, onBehalfOfName: chief.user.displayName }),
      ]);
      // Next actor: General Affairs.
      const gaId = ga.session.user.id;
      expect((await notificationsOf(gaId, 'ac.approval_requested')).filter((p: { requestId: string }) => p.requestId === id)).toEqual([expect.objectContaining({ step: 'approve', actingForName: null })]);
      expect((await ga.get('/api/ac/inbox')).body.map((i: { id: string }) => i.id)).toContain(id);

      const approved = await ga.post(`/api/ac/requests/${id}/decisions`, { action: 'approve', version: 2 });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', version: 3 });
      expect(approved.body.decidedAt).not.toBeNull();
      expect(await notificationsOf(staff.user.id, 'ac.request_decided')).toHaveLength(2);
      const changed = (await notificationsOf(operator.user.id, 'ac.instructions_changed')) as Array<{ date: string }>;
      expect(changed.sort((x, y) => x.date.localeCompare(y.date))).toEqual([
        { date: '2030-06-05', revision: 1, instructionCount: 2 },
        { date: '2030-06-06', revision: 1, instructionCount: 2 },
      ]);
      const audit = await ds.query(`SELECT action FROM audit_log WHERE entity_type = 'ac_request' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['ac_request.submit', 'ac_request.endorse', 'ac_request.approve']);

      // The operator's sheet for the day shows it, and the CSV opens in Excel (BOM, Japanese header).
      const sheet = await operator.client.get('/api/ac/instructions?date=2030-06-05');
      expect(sheet.status).toBe(200);
      expect(sheet.body).toMatchObject({ date: '2030-06-05', dayType: 'business', revision: 1, totalYen: 105_000 });
      // One instruction per zone (the sheet's own order is not the order the zones were made in).
      expect(sheet.body.instructions.map((i: { zoneId: string; start: string; end: string; yen: number }) => [i.zoneId, i.start, i.end, i.yen]).sort()).toEqual(
        [...zones].sort().map((z) => [z, '17:15', '19:00', 52_500]),
      );
      expect(sheet.body.instructions[0].shares[0]).toMatchObject({ sectionId: created.body.section.id, requestNumbers: [created.body.number] });
      const csv = await operator.client.get('/api/ac/instructions.csv?date=2030-06-05');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.startsWith('\uFEFF日付,版数,建物')).toBe(true);
      expect(csv.text).toContain('17:15,19:00,105,30000,52500');
      expect((await staff.client.get('/api/ac/instructions?date=2030-06-05')).status).toBe(403);

      // Deciding twice: 409, nothing changes.
      const twice = await ga.post(`/api/ac/requests/${id}/decisions`, { action: 'approve', version: 3 });
      expect([twice.status, twice.body.code]).toEqual([409, 'AC_INVALID_TRANSITION']);
      expect(await count(`SELECT count(*) AS n FROM ac_request_steps WHERE request_id = $1`, [id])).toBe(3);
    });

    it('should let the chief send back with a comment, the applicant resubmit (revision 2) and then withdraw', async () => {
      const zones = await makeZones(1);
      const { staff, chief } = await makeSectionPeople();
      const created = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-12'] }));
      const id = created.body.id;
      const noComment = await chief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'send_back', version: 1 });
      expect([noComment.status, noComment.body.code]).toEqual([400, 'AC_COMMENT_REQUIRED']);
      // Only General Affairs rejects, and only after endorsement: a 課長 sends back instead.
      const rejectByChief = await chief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'reject', version: 1, comment: 'x' });
      expect([rejectByChief.status, rejectByChief.body.code]).toEqual([409, 'AC_INVALID_TRANSITION']);
      const back = await chief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'send_back', version: 1, comment: '時間帯を短くしてください' });
      expect(back.body).toMatchObject({ status: 'sent_back', version: 2 });
      expect(await notificationsOf(staff.user.id, 'ac.request_decided')).toEqual([expect.objectContaining({ action: 'send_back', comment: '時間帯を短くしてください', onBehalfOfName: null })]);

      const mine = await staff.client.get(`/api/ac/requests/${id}`);
      expect(mine.body.allowedActions).toEqual(['withdraw', 'resubmit']);
      const stale = await staff.client.put(`/api/ac/requests/${id}`, { ...form(zones, { dates: ['2030-06-12'], end: '18:30' }), version: 1 });
      expect([stale.status, stale.body.code]).toEqual([409, 'AC_STALE']);
      const again = await staff.client.put(`/api/ac/requests/${id}`, { ...form(zones, { dates: ['2030-06-12'], end: '18:30' }), version: 2 });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'submitted', revision: 2, end: '18:30', totalMinutes: 75, totalYen: 37_500 });
      expect(await notificationsOf(chief.user.id, 'ac.approval_requested')).toHaveLength(2);

      const other = await signIn();
      expect((await other.client.post(`/api/ac/requests/${id}/withdraw`, { version: 3 })).body.code).toBe('AC_NOT_ALLOWED');
      expect((await other.client.get(`/api/ac/requests/${id}`)).status).toBe(404);
      const withdrawn = await staff.client.post(`/api/ac/requests/${id}/withdraw`, { version: 3 });
      expect(withdrawn.body.status).toBe('withdrawn');
      expect(withdrawn.body.steps.map((s: { action: string; revision: number }) => `${s.action}@${s.revision}`)).toEqual(['submit@1', 'send_back@1', 'submit@2', 'withdraw@2']);
    });

    it('should let exactly one of 20 concurrent decisions on one request win and answer the others 409, leaving one step and one notice', async () => {
      const zones = await makeZones(1);
      const { staff, chief } = await makeSectionPeople();
      const operator = await signIn(['building_operator']);
      const created = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-13'] }));
      const id = created.body.id;
      expect((await chief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'endorse', version: 1 })).status).toBe(200);
      const ga2 = (await signIn(['staff', 'general_affairs'])).client;
      const deciders = [ga, ga2];
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          deciders[i % 2].post(`/api/ac/requests/${id}/decisions`, i % 3 === 0 ? { action: 'reject', version: 2, comment: '却下' } : { action: 'approve', version: 2 }),
        ),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      for (const r of responses.filter((x) => x.status !== 200)) {
        expect(r.status).toBe(409);
        expect(['AC_INVALID_TRANSITION', 'AC_STALE']).toContain(r.body.code);
        expect(r.body.message.length).toBeGreaterThan(0);
      }
      const winner = responses.find((r) => r.status === 200)!.body;
      expect(await count(`SELECT count(*) AS n FROM ac_request_steps WHERE request_id = $1 AND action IN ('approve','reject')`, [id])).toBe(1);
      const [row] = await ds.query(`SELECT status, version FROM ac_requests WHERE id = $1`, [id]);
      expect(row).toEqual({ status: winner.status, version: 3 });
      expect(await notificationsOf(staff.user.id, 'ac.request_decided')).toHaveLength(2);
      expect(await notificationsOf(operator.user.id, 'ac.instructions_changed')).toHaveLength(winner.status === 'approved' ? 1 : 0);
    });
  });

  describe('bad input', () => {
    it('should refuse each mistake with a coded 4xx and write nothing', async () => {
      const zones = await makeZones(1);
      const { staff } = await makeSectionPeople();
      const before = await count(`SELECT count(*) AS n FROM ac_requests`);
      const notesBefore = await count(`SELECT count(*) AS n FROM notifications`);
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ start: '19:00', end: '18:00' }, 400, 'AC_INVALID_RANGE'],
        [{ start: '17:15', end: '18:10' }, 400, 'AC_OFF_GRID'],
        [{ start: '17:45', end: '17:45' }, 400, 'AC_INVALID_RANGE'],
        [{ start: '25:00', end: '26:00' }, 400, 'AC_INVALID_TIME'],
        [{ start: '09:00', end: '12:00' }, 400, 'AC_NO_EXTENSION'],
        [{ zoneIds: [randomUUID()] }, 400, 'AC_UNKNOWN_ZONE'],
        [{ zoneIds: ['not-a-zone'] }, 400, 'AC_UNKNOWN_ZONE'],
        [{ zoneIds: [] }, 400, 'AC_NO_ZONES'],
        [{ dates: [] }, 400, 'AC_NO_DATES'],
        [{ dates: ['2030-02-30'] }, 400, 'AC_INVALID_DATE'],
        [{ dates: ['2030-06-01', '2030-06-05'], start: '18:00', end: '19:00' }, 400, 'AC_PAST_DATE'],
        [{ dates: ['2030-06-05', '2030-06-05'] }, 400, 'AC_DUPLICATE_DATE'],
        [{ headcount: 0 }, 400, 'AC_INVALID_HEADCOUNT'],
        [{ reasonText: '   ' }, 400, 'AC_REASON_TEXT_REQUIRED'],
        [{ reasonCategory: 'party' }, 400, 'VALIDATION_FAILED'],
        // Tuesday 2030-06-04 is due Monday 17:00; it is now Monday 10:00, so 06-03 itself is late:
        // due Friday 2030-05-31 17:00.
        [{ dates: ['2030-06-03'], start: '18:00', end: '20:00' }, 400, 'AC_DEADLINE_PASSED'],
      ];
      for (const [overrides, status, code] of cases) {
        const res = await staff.client.post('/api/ac/requests', form(zones, overrides));
        expect([JSON.stringify(overrides), res.status, res.body.code]).toEqual([JSON.stringify(overrides), status, code]);
        expect(typeof res.body.message).toBe('string');
      }
      expect(await count(`SELECT count(*) AS n FROM ac_requests`)).toBe(before);
      expect(await count(`SELECT count(*) AS n FROM notifications`)).toBe(notesBefore);

      // The same day with an urgent reason is accepted and flagged late (緊急).
      const urgent = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-03'], start: '18:00', end: '20:00', reasonCategory: 'council' }));
      expect(urgent.status).toBe(201);
      expect(urgent.body.late).toBe(true);
      // Once the period is over, not even an urgent reason helps.
      setNow('2030-06-03T11:30:00Z');
      const over = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-03'], start: '18:00', end: '20:00', reasonCategory: 'council' }));
      expect([over.status, over.body.code]).toEqual([400, 'AC_ALREADY_OVER']);
    });

    it('should refuse deciding by someone without authority: another section’s chief, General Affairs on their own request, and an unknown id', async () => {
      const zones = await makeZones(1);
      const { staff, chief } = await makeSectionPeople();
      const otherChief = await signIn(['staff', 'section_chief']);
      const created = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-14'] }));
      const id = created.body.id;
      const foreign = await otherChief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'endorse', version: 1 });
      expect([foreign.status, foreign.body.code]).toEqual([403, 'AC_NOT_ALLOWED']);
      const early = await ga.post(`/api/ac/requests/${id}/decisions`, { action: 'approve', version: 1 });
      expect([early.status, early.body.code]).toEqual([409, 'AC_INVALID_TRANSITION']);
      expect((await ga.post(`/api/ac/requests/${randomUUID()}/decisions`, { action: 'approve', version: 1 })).status).toBe(404);
      expect((await ga.post(`/api/ac/requests/nope/decisions`, { action: 'approve', version: 1 })).status).toBe(404);

      // A General Affairs member filing for their own section cannot approve it, not even as deputy.
      const gaSection = await makeSection(ds);
      const gaStaff = await signIn(['staff', 'general_affairs'], gaSection.id);
      const gaChief = await signIn(['staff', 'section_chief'], gaSection.id);
      const own = await gaStaff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-14'], start: '19:00', end: '20:00' }));
      expect((await gaChief.client.post(`/api/ac/requests/${own.body.id}/decisions`, { action: 'endorse', version: 1 })).status).toBe(200);
      const self = await gaStaff.client.post(`/api/ac/requests/${own.body.id}/decisions`, { action: 'approve', version: 2 });
      expect([self.status, self.body.code]).toEqual([403, 'AC_NOT_ALLOWED']);
      expect((await ga.get('/api/ac/inbox')).body.map((i: { id: string }) => i.id)).toContain(own.body.id);
      expect((await gaStaff.client.get('/api/ac/inbox')).body.map((i: { id: string }) => i.id)).not.toContain(own.body.id);
      expect(chief.user.id).toBeDefined();
    });
  });

  describe('operating instructions and reports', () => {
    it('should merge overlapping approved requests of two sections into one block and split its cost by requested minutes', async () => {
      const [zone] = await makeZones(1);
      const a = await makeSectionPeople();
      const b = await makeSectionPeople();
      const ids: string[] = [];
      for (const [people, start, end] of [
        [a, '17:15', '19:00'],
        [b, '18:00', '20:00'],
      ] as const) {
        const created = await people.staff.client.post('/api/ac/requests', form([zone], { dates: ['2030-06-19'], start, end }));
        expect((await people.chief.client.post(`/api/ac/requests/${created.body.id}/decisions`, { action: 'endorse', version: 1 })).status).toBe(200);
        expect((await ga.post(`/api/ac/requests/${created.body.id}/decisions`, { action: 'approve', version: 2 })).status).toBe(200);
        ids.push(created.body.id);
      }
      const sheet = await ga.get('/api/ac/instructions?date=2030-06-19');
      expect(sheet.body.revision).toBe(2);
      expect(sheet.body.instructions).toHaveLength(1);
      const block = sheet.body.instructions[0];
      expect([block.start, block.end, block.minutes, block.yen]).toEqual(['17:15', '20:00', 165, 82_500]);
      const shares = Object.fromEntries(block.shares.map((s: { sectionId: string; minutes: number; yen: number }) => [s.sectionId, [s.minutes, s.yen]]));
      expect(shares).toEqual({ [a.section.id]: [105, 38_500], [b.section.id]: [120, 44_000] });
    });

    it('should report fiscal-year hours and cost per section, department, month and reason, against the budget, as JSON and CSV', async () => {
      // Fiscal year 2031 (April 2031 – March 2032) belongs to this test alone.
      setNow('2031-06-02T01:00:00Z');
      const [zone] = await makeZones(1);
      const { staff, chief, section } = await makeSectionPeople();
      const file = async (date: string, start: string, end: string, reasonCategory: string) => {
        const res = await staff.client.post('/api/ac/requests', form([zone], { dates: [date], start, end, reasonCategory }));
        expect([res.status, res.body.code]).toEqual([201, undefined]);
        return res.body.id as string;
      };
      const approvedId = await file('2031-06-04', '17:30', '19:30', 'busy_season');
      const rejectedId = await file('2031-07-02', '18:00', '20:00', 'other');
      for (const id of [approvedId, rejectedId]) expect((await chief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'endorse', version: 1 })).status).toBe(200);
      expect((await ga.post(`/api/ac/requests/${approvedId}/decisions`, { action: 'approve', version: 2 })).status).toBe(200);
      expect((await ga.post(`/api/ac/requests/${rejectedId}/decisions`, { action: 'reject', version: 2, comment: '理由不十分' })).status).toBe(200);
      expect((await ga.put('/api/ac/budgets/2031', { yen: 14_400_000 })).status).toBe(200);
      setNow('2031-06-10T01:00:00Z');

      const report = await ga.get('/api/ac/reports?fiscalYear=2031');
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ fiscalYear: 2031, from: '2031-04-01', to: '2032-03-31', asOf: '2031-06-10', budgetYen: 14_400_000, ytdYen: 60_000, committedYen: 60_000 });
      expect(report.body.bySection).toEqual([
        expect.objectContaining({ sectionId: section.id, approvedMinutes: 120, approvedYen: 60_000, approvedCount: 1, rejectedCount: 1, rejectedYen: 60_000 }),
      ]);
      expect(report.body.byDepartment).toHaveLength(1);
      expect(report.body.byMonth.map((m: { month: string }) => m.month)).toEqual(['2031-04', '2031-05', '2031-06', '2031-07', '2031-08', '2031-09', '2031-10', '2031-11', '2031-12', '2032-01', '2032-02', '2032-03']);
      expect(report.body.byMonth[2]).toMatchObject({ approvedMinutes: 120, approvedYen: 60_000, approvedCount: 1 });
      expect(report.body.byMonth[3]).toMatchObject({ approvedYen: 0, rejectedCount: 1, rejectedYen: 60_000 });
      expect(report.body.byReason.find((r: { reasonCategory: string }) => r.reasonCategory === 'busy_season')).toMatchObject({ approvedCount: 1, approvedYen: 60_000 });
      const csv = await ga.get('/api/ac/reports.csv?fiscalYear=2031');
      expect(csv.text.startsWith('\uFEFF年度,2031年度')).toBe(true);
      expect(csv.text).toContain('理由,繁忙期,,2.00,60000,1,0,0');
      expect((await staff.client.get('/api/ac/reports?fiscalYear=2031')).status).toBe(403);
    });
  });

  describe('代決 at the General Affairs step', () => {
    it('should let the absent approver’s deputy approve as 代決 (both names on the step and the notice) and tell the approver afterwards (後閲)', async () => {
      const zones = await makeZones(1);
      const { staff, chief } = await makeSectionPeople();
      const soumu = await makeSection(ds);
      const ga1 = await signIn(['staff', 'general_affairs'], soumu.id);
      // ga2 is 総務課 staff without approval authority of their own, named in advance as ga1's deputy.
      const ga2 = await signIn(['staff'], soumu.id);
      await ds.query(`INSERT INTO approver_deputies (approver_id, rank, deputy_id) VALUES ($1, 1, $2)`, [ga1.user.id, ga2.user.id]);

      const created = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-24'] }));
      const id = created.body.id as string;
      expect((await chief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'endorse', version: 1 })).status).toBe(200);
      // While ga1 is present, ga2 has no authority at all.
      const early = await ga2.client.post(`/api/ac/requests/${id}/decisions`, { action: 'approve', version: 2 });
      expect([early.status, early.body.code]).toEqual([403, 'AC_NOT_ALLOWED']);
      expect((await ga2.client.get('/api/ac/inbox')).body.map((i: { id: string }) => i.id)).not.toContain(id);

      await absent(ga1.user.id, '2030-06-02T15:00:00Z', '2030-06-04T15:00:00Z');
      const inbox = await ga2.client.get('/api/ac/inbox');
      expect(inbox.body.find((i: { id: string }) => i.id === id)).toMatchObject({ step: 'approve', actingFor: { id: ga1.user.id, displayName: ga1.user.displayName } });
      const view = await ga2.client.get(`/api/ac/requests/${id}`);
      expect(view.body.allowedActions).toEqual(['approve', 'reject', 'send_back']);
      expect(view.body.actingFor).toEqual({ id: ga1.user.id, displayName: ga1.user.displayName });

      const approved = await ga2.client.post(`/api/ac/requests/${id}/decisions`, { action: 'approve', version: 2, comment: '代決します' });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      // 「代決」 with both names: who decided, and for whom.
      expect(approved.body.steps.find((st: { action: string }) => st.action === 'approve')).toMatchObject({
        actor: { id: ga2.user.id, displayName: ga2.user.displayName },
        acting: true,
        onBehalfOf: { id: ga1.user.id, displayName: ga1.user.displayName },
        comment: '代決します',
      });
      const [row] = await ds.query(`SELECT needs_post_review FROM ac_requests WHERE id = $1`, [id]);
      expect(row.needs_post_review).toBe(true);
      const [step] = await ds.query(`SELECT actor_id, acting, on_behalf_of FROM ac_request_steps WHERE request_id = $1 AND action = 'approve'`, [id]);
      expect(step).toEqual({ actor_id: ga2.user.id, acting: true, on_behalf_of: ga1.user.id });
      // 後閲: only the absent approver is told, naming the deputy.
      expect(await notificationsOf(ga1.user.id, 'ac.post_review')).toEqual([
        expect.objectContaining({ requestId: id, action: 'approve', deputyName: ga2.user.displayName, sectionName: created.body.section.name }),
      ]);
      expect(await notificationsOf(ga2.user.id, 'ac.post_review')).toEqual([]);
      expect((await notificationsOf(staff.user.id, 'ac.request_decided')).at(-1)).toMatchObject({
        action: 'approve',
        deciderName: ga2.user.displayName,
        onBehalfOfName: ga1.user.displayName,
      });
      const audit = await ds.query(`SELECT after FROM audit_log WHERE entity_type = 'ac_request' AND entity_id = $1 AND action = 'ac_request.approve'`, [id]);
      expect(audit[0].after).toMatchObject({ acting: true, onBehalfOf: ga1.user.id });
      // The absent approver, back in office, reads it (as a signer); the decision cannot be repeated.
      expect((await ga1.client.get(`/api/ac/requests/${id}`)).status).toBe(200);
      const twice = await ga2.client.post(`/api/ac/requests/${id}/decisions`, { action: 'approve', version: 3 });
      expect([twice.status, twice.body.code]).toEqual([409, 'AC_INVALID_TRANSITION']);
    });
  });

  describe('cancelling an approved request', () => {
    /** Files, endorses and approves a request; returns its id (version 3). */
    const approve = async (people: Awaited<ReturnType<typeof makeSectionPeople>>, zones: string[], overrides: Record<string, unknown>) => {
      const created = await people.staff.client.post('/api/ac/requests', form(zones, overrides));
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await people.chief.client.post(`/api/ac/requests/${id}/decisions`, { action: 'endorse', version: 1 })).status).toBe(200);
      expect((await ga.post(`/api/ac/requests/${id}/decisions`, { action: 'approve', version: 2 })).status).toBe(200);
      return id;
    };

    it('should let the applicant cancel with a reason: the day sheets drop it, their 版数 go up, the operator is told, and it is audited', async () => {
      const zones = await makeZones(1);
      const people = await makeSectionPeople();
      const operator = await signIn(['building_operator']);
      const id = await approve(people, zones, { dates: ['2030-06-25', '2030-06-26'] });
      expect((await operator.client.get('/api/ac/instructions?date=2030-06-25')).body).toMatchObject({ revision: 1, instructions: [expect.objectContaining({ zoneId: zones[0] })] });
      expect((await people.staff.client.get(`/api/ac/requests/${id}`)).body.allowedActions).toEqual(['cancel']);
      expect((await ga.get(`/api/ac/requests/${id}`)).body.allowedActions).toEqual(['cancel']);
      expect((await people.chief.client.get(`/api/ac/requests/${id}`)).body.allowedActions).toEqual([]);

      // Misuse: someone else's (403), no reason (400), a stale version (409); nothing written.
      const other = await signIn();
      const foreign = await other.client.post(`/api/ac/requests/${id}/cancel`, { version: 3, reason: '不要になった' });
      expect([foreign.status, foreign.body.code]).toEqual([403, 'AC_NOT_ALLOWED']);
      const byChief = await people.chief.client.post(`/api/ac/requests/${id}/cancel`, { version: 3, reason: '不要になった' });
      expect([byChief.status, byChief.body.code]).toEqual([403, 'AC_NOT_ALLOWED']);
      const noReason = await people.staff.client.post(`/api/ac/requests/${id}/cancel`, { version: 3, reason: '  ' });
      expect([noReason.status, noReason.body.code]).toEqual([400, 'AC_CANCEL_REASON_REQUIRED']);
      expect(noReason.body.message).toContain('理由');
      const missing = await people.staff.client.post(`/api/ac/requests/${id}/cancel`, { version: 3 });
      expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const stale = await people.staff.client.post(`/api/ac/requests/${id}/cancel`, { version: 2, reason: '不要になった' });
      expect([stale.status, stale.body.code]).toEqual([409, 'AC_STALE']);
      expect((await ds.query(`SELECT status, version FROM ac_requests WHERE id = $1`, [id]))[0]).toEqual({ status: 'approved', version: 3 });
      expect(await notificationsOf(operator.user.id, 'ac.instructions_changed')).toHaveLength(2);

      const cancelled = await people.staff.client.post(`/api/ac/requests/${id}/cancel`, { version: 3, reason: ' 説明会が延期になったため ' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 4, allowedActions: [] });
      expect(cancelled.body.steps.at(-1)).toMatchObject({ action: 'cancel', actor: { id: people.staff.user.id }, acting: false, onBehalfOf: null, comment: '説明会が延期になったため' });
      // The applicant cancelled it themselves: no notice to them about it.
      expect((await notificationsOf(people.staff.user.id, 'ac.request_decided')).filter((p: { action: string }) => p.action === 'cancel')).toEqual([]);

      for (const date of ['2030-06-25', '2030-06-26']) {
        const sheet = await operator.client.get(`/api/ac/instructions?date=${date}`);
        expect(sheet.body).toMatchObject({ revision: 2, instructions: [], totalYen: 0 });
      }
      const changed = (await notificationsOf(operator.user.id, 'ac.instructions_changed')) as Array<{ date: string; revision: number }>;
      expect(changed.filter((c) => c.revision === 2).sort((x, y) => x.date.localeCompare(y.date))).toEqual([
        { date: '2030-06-25', revision: 2, instructionCount: 0 },
        { date: '2030-06-26', revision: 2, instructionCount: 0 },
      ]);
      const audit = await ds.query(`SELECT action, after FROM audit_log WHERE entity_type = 'ac_request' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['ac_request.submit', 'ac_request.endorse', 'ac_request.approve', 'ac_request.cancel']);
      expect(audit.at(-1).after).toMatchObject({ status: 'cancelled', reason: '説明会が延期になったため' });

      const again = await people.staff.client.post(`/api/ac/requests/${id}/cancel`, { version: 4, reason: '再度' });
      expect([again.status, again.body.code]).toEqual([409, 'AC_INVALID_TRANSITION']);
    });

    it('should let General Affairs cancel someone else’s, refuse once the extension has started, and refuse requests not approved', async () => {
      const zones = await makeZones(1);
      const people = await makeSectionPeople();
      const byGa = await approve(people, zones, { dates: ['2030-06-27'] });
      const res = await ga.post(`/api/ac/requests/${byGa}/cancel`, { version: 3, reason: '庁舎の設備点検のため' });
      expect(res.status).toBe(200);
      expect(res.body.steps.at(-1)).toMatchObject({ action: 'cancel', actor: { id: ga.session.user.id }, comment: '庁舎の設備点検のため' });
      expect(await notificationsOf(people.staff.user.id, 'ac.request_decided')).toContainEqual(
        expect.objectContaining({ requestId: byGa, action: 'cancel', deciderName: ga.session.user.displayName, comment: '庁舎の設備点検のため' }),
      );

      const started = await approve(people, zones, { dates: ['2030-06-28'], start: '18:00', end: '20:00' });
      // 17:59 JST: still possible (but not done); 18:00 JST, the requested start: too late.
      setNow('2030-06-28T08:59:00Z');
      expect((await people.staff.client.get(`/api/ac/requests/${started}`)).body.allowedActions).toEqual(['cancel']);
      setNow('2030-06-28T09:00:00Z');
      expect((await people.staff.client.get(`/api/ac/requests/${started}`)).body.allowedActions).toEqual([]);
      const late = await people.staff.client.post(`/api/ac/requests/${started}/cancel`, { version: 3, reason: '早く終わった' });
      expect([late.status, late.body.code]).toEqual([409, 'AC_CANCEL_TOO_LATE']);
      const lateGa = await ga.post(`/api/ac/requests/${started}/cancel`, { version: 3, reason: '早く終わった' });
      expect([lateGa.status, lateGa.body.code]).toEqual([409, 'AC_CANCEL_TOO_LATE']);
      expect((await ga.get('/api/ac/instructions?date=2030-06-28')).body.instructions).toHaveLength(1);

      setNow('2030-06-03T01:00:00Z');
      const pending = await people.staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-27'] }));
      const notApproved = await people.staff.client.post(`/api/ac/requests/${pending.body.id}/cancel`, { version: 1, reason: '不要' });
      expect([notApproved.status, notApproved.body.code]).toEqual([409, 'AC_INVALID_TRANSITION']);
      expect((await ga.post(`/api/ac/requests/${randomUUID()}/cancel`, { version: 1, reason: 'x' })).status).toBe(404);
    });
  });

  describe('reminders', () => {
    it('should remind the waiting approver once per period, however often the scan runs', async () => {
      const zones = await makeZones(1);
      const { staff, chief } = await makeSectionPeople();
      const created = await staff.client.post('/api/ac/requests', form(zones, { dates: ['2030-06-20'] }));
      const reminders = app.get(AcRemindersService, { strict: false });
      const waited = new Date(new Date(created.body.waitingSince).getTime() + 25 * 3_600_000);
      await reminders.scan(new Date(new Date(created.body.waitingSince).getTime() + 3_600_000));
      expect(await notificationsOf(chief.user.id, 'ac.approval_overdue')).toEqual([]);
      await Promise.all([reminders.scan(waited), reminders.scan(waited)]);
      expect(await notificationsOf(chief.user.id, 'ac.approval_overdue')).toEqual([expect.objectContaining({ requestId: created.body.id, step: 'endorse' })]);
      await reminders.scan(new Date(waited.getTime() + 3_600_000));
      expect(await notificationsOf(chief.user.id, 'ac.approval_overdue')).toHaveLength(1);
    });
  });
});
