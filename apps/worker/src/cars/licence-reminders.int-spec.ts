import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TOKYO } from '@rr/domain';
import { QueueService } from '@rr/server/queue';
import { eventually, makeSection, makeUser, registerDriver, tokyoDatePlus } from '@rr/testing';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../worker.module';
import { LicenceRemindersService } from './licence-reminders.service';

jest.setTimeout(60_000);

interface NoteRow {
  recipient_id: string;
  dedupe_key: string;
  payload: { driverId: string; driverName: string; licenceExpiresOn: string; daysLeft: number; audience: 'driver' | 'admin' };
}

/** Two worker processes' worth of Nest contexts in one test process: two replicas racing on the scan. */
describe('Licence-expiry warnings in the worker (two instances, real PostgreSQL and Redis)', () => {
  let a: INestApplicationContext;
  let b: INestApplicationContext;
  let ds: DataSource;
  let warningDays: number;
  let sectionId: string;
  let admins: string[];
  let inactiveAdmin: string;

  beforeAll(async () => {
    a = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    b = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await a.init();
    await b.init();
    ds = a.get(DataSource);
    [{ expiry_warning_days: warningDays }] = await ds.query(`SELECT expiry_warning_days FROM car_booking_settings WHERE id = 1`);
    sectionId = (await makeSection(ds)).id;
    admins = [(await makeUser(ds, { roles: ['garage_admin'], sectionId })).user.id, (await makeUser(ds, { roles: ['staff', 'garage_admin'], sectionId })).user.id];
    inactiveAdmin = (await makeUser(ds, { roles: ['garage_admin'], sectionId })).user.id;
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [inactiveAdmin]);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function driver(licenceExpiresOn: string, opts: { approved?: boolean; active?: boolean } = {}): Promise<string> {
    const { user } = await makeUser(ds, { sectionId });
    await registerDriver(ds, user.id, { licenceExpiresOn, approved: opts.approved ?? true });
    if (opts.active === false) await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
    return user.id;
  }

  /** Every licence warning about this driver, whoever received it. */
  const warningsAbout = (driverId: string): Promise<NoteRow[]> =>
    ds.query(
      `SELECT recipient_id, dedupe_key, payload FROM notifications
        WHERE type = 'driver.licence_expiring' AND payload->>'driverId' = $1 ORDER BY recipient_id, created_at`,
      [driverId],
    );

  const scanRacing = (now: Date) =>
    Promise.all([
      a.get(LicenceRemindersService).scan(now),
      b.get(LicenceRemindersService).scan(now),
      a.get(LicenceRemindersService).scan(now),
      b.get(LicenceRemindersService).scan(now),
    ]);

  it('should warn a due driver and every garage admin exactly once when two workers scan at the same moment', async () => {
    const due = await driver(tokyoDatePlus(10));
    const lastDay = await driver(tokyoDatePlus(warningDays));
    const notYet = await driver(tokyoDatePlus(warningDays + 1));
    const expiredUnapproved = await driver(tokyoDatePlus(-3), { approved: false });
    const unapproved = await driver(tokyoDatePlus(5), { approved: false });
    const inactive = await driver(tokyoDatePlus(5), { active: false });

    await scanRacing(new Date());
    await scanRacing(new Date()); // the next hour's run adds nothing

    for (const [id, daysLeft] of [
      [due, 10],
      [lastDay, warningDays],
    ] as const) {
      const notes = await warningsAbout(id);
      // One for the driver, one per active garage admin (the database may hold other admins); no recipient twice.
      const recipients = notes.map((n) => n.recipient_id);
      expect(new Set(recipients).size).toBe(recipients.length);
      expect(recipients).toEqual(expect.arrayContaining([id, ...admins]));
      expect(recipients).not.toContain(inactiveAdmin);
      const own = notes.find((n) => n.recipient_id === id);
      expect(own?.payload).toMatchObject({ driverId: id, audience: 'driver', daysLeft, licenceExpiresOn: tokyoDatePlus(daysLeft) });
      for (const admin of admins) {
        const note = notes.find((n) => n.recipient_id === admin);
        expect(note?.payload).toMatchObject({ audience: 'admin', daysLeft });
        expect(note?.payload.driverName).toMatch(/^試験 太郎/);
      }
      expect(new Set(notes.map((n) => n.dedupe_key))).toEqual(new Set([LicenceRemindersService.dedupeKey(id, tokyoDatePlus(daysLeft))]));
    }
    for (const id of [notYet, expiredUnapproved, unapproved, inactive]) expect(await warningsAbout(id)).toEqual([]);
    const [toInactiveAdmin] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1`, [inactiveAdmin]);
    expect(toInactiveAdmin.n).toBe(0);
    // Each notification has its outbox rows (the e-mail copy), written once.
    const [deliveries] = await ds.query(
      `SELECT count(*)::int AS n FROM notification_deliveries nd JOIN notifications n ON n.id = nd.notification_id
        WHERE n.type = 'driver.licence_expiring' AND n.payload->>'driverId' = $1 AND nd.channel = 'email' AND n.recipient_id = ANY($2::uuid[])`,
      [due, [due, ...admins]],
    );
    expect(deliveries.n).toBe(1 + admins.length);
  });

  it('should warn again for a renewed licence when the new expiry date nears, and not before', async () => {
    const id = await driver(tokyoDatePlus(3));
    await scanRacing(new Date());
    expect((await warningsAbout(id)).filter((n) => n.recipient_id === id)).toHaveLength(1);

    // Renewed: valid for another 400 days. Nothing new now…
    const renewed = tokyoDatePlus(400);
    await ds.query(`UPDATE drivers SET licence_expires_on = $2 WHERE user_id = $1`, [id, renewed]);
    await scanRacing(new Date());
    expect((await warningsAbout(id)).filter((n) => n.recipient_id === id)).toHaveLength(1);

    // …but a new warning once the new date is within the window (a scan five days before it).
    const later = DateTime.fromISO(`${renewed}T12:00`, { zone: TOKYO }).minus({ days: 5 }).toJSDate();
    await scanRacing(later);
    await scanRacing(later);
    const own = (await warningsAbout(id)).filter((n) => n.recipient_id === id);
    expect(own.map((n) => n.payload.licenceExpiresOn).sort()).toEqual([tokyoDatePlus(3), renewed].sort());
    expect(own.find((n) => n.payload.licenceExpiresOn === renewed)?.payload.daysLeft).toBe(5);
    for (const admin of admins) expect((await warningsAbout(id)).filter((n) => n.recipient_id === admin)).toHaveLength(2);
  });

  it('should count days on Tokyo dates, not UTC dates', async () => {
    // 2031-03-01T15:30Z is already 2 March 00:30 in Tokyo.
    const now = new Date('2031-03-01T15:30:00Z');
    const tokyoToday = '2031-03-02';
    const plus = (days: number) => DateTime.fromISO(tokyoToday, { zone: TOKYO }).plus({ days }).toISODate() as string;
    const atTheEdge = await driver(plus(warningDays)); // UTC would count warningDays + 1: too early
    const expiredYesterday = await driver('2031-03-01'); // UTC would call it "expires today"
    await scanRacing(now);
    const notes = await warningsAbout(atTheEdge);
    expect(notes.find((n) => n.recipient_id === atTheEdge)?.payload.daysLeft).toBe(warningDays);
    expect(await warningsAbout(expiredYesterday)).toEqual([]);
  });

  it('should run the scan as the cars.licence-reminders job', async () => {
    const id = await driver(tokyoDatePlus(7));
    await a.get(QueueService).enqueue('cars.licence-reminders', {}, { jobId: `licence-reminders-test-${randomUUID()}` });
    await eventually(async () => (await warningsAbout(id)).some((n) => n.recipient_id === id), 30_000, 100);
  });
});
