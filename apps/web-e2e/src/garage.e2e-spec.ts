import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';

const GRID = 15 * 60_000;

interface SeededBooking {
  bookingId: string;
  plate: string;
  driverName: string;
}

/**
 * Today's bookings for the counter, written straight into the e2e database (the booking form refuses
 * a start in the past, and the counter only serves today): a free approved driver and a free car each,
 * starting at the current quarter hour.
 */
async function seedTodaysBookings(n: number): Promise<SeededBooking[]> {
  const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    const startsAt = new Date(Math.floor(Date.now() / GRID) * GRID);
    const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
    const out: SeededBooking[] = [];
    for (let i = 0; i < n; i++) {
      const { rows: drivers } = await db.query(
        `SELECT u.id, u.display_name, u.section_id FROM drivers d JOIN users u ON u.id = d.user_id
          WHERE d.approved AND u.is_active AND d.licence_expires_on >= (now() AT TIME ZONE 'Asia/Tokyo')::date + 1
            AND NOT EXISTS (SELECT 1 FROM car_bookings b WHERE b.driver_id = u.id AND b.status IN ('provisional','confirmed','in_use')
                            AND tstzrange(b.starts_at, b.ends_at) && tstzrange($1, $2))
          ORDER BY u.username LIMIT 1`,
        [startsAt, endsAt],
      );
      const { rows: cars } = await db.query(
        `SELECT c.id, c.plate_number FROM cars c
          WHERE c.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM car_bookings b WHERE b.car_id = c.id AND b.status IN ('provisional','confirmed','in_use')
                            AND tstzrange(b.starts_at, b.ends_at) && tstzrange($1, $2))
            AND NOT EXISTS (SELECT 1 FROM car_blocks k WHERE k.car_id = c.id AND tstzrange(k.starts_at, k.ends_at) && tstzrange($1, $2))
          ORDER BY c.plate_number LIMIT 1`,
        [startsAt, endsAt],
      );
      if (!drivers[0] || !cars[0]) throw new Error('demo data has no free driver or car for today');
      const { rows } = await db.query(
        `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, passengers, source, status)
         VALUES ($1, $2, $2, $3, $4, $5, $6, $7, 0, 'first_come', 'confirmed') RETURNING id`,
        [cars[0].id, drivers[0].id, drivers[0].section_id, startsAt, endsAt, `窓口e2e用務${i + 1}`, `小倉北区役所${i + 1}`],
      );
      out.push({ bookingId: rows[0].id, plate: cars[0].plate_number, driverName: drivers[0].display_name });
    }
    return out;
  } finally {
    await db.end();
  }
}

async function dbRow<T>(sql: string, params: unknown[]): Promise<T> {
  const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows[0] as T;
  } finally {
    await db.end();
  }
}

/**
 * 返却遅れ: a trip still out (in use) 30 minutes past its end, and the next booking of that car (by a
 * driver who can sign in) starting in 30 minutes; another car of the same class and pool is free.
 */
async function seedLateReturn(): Promise<{ nextId: string; lateCarId: string; plate: string; username: string }> {
  const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    const now = Math.floor(Date.now() / GRID) * GRID;
    const [from, to] = [new Date(now - 2 * 3_600_000), new Date(now + 3 * 3_600_000)];
    const free = `NOT EXISTS (SELECT 1 FROM car_bookings b WHERE b.car_id = c.id AND b.status IN ('provisional','confirmed','in_use') AND tstzrange(b.starts_at, b.ends_at) && tstzrange($1, $2))
                  AND NOT EXISTS (SELECT 1 FROM car_blocks k WHERE k.car_id = c.id AND tstzrange(k.starts_at, k.ends_at) && tstzrange($1, $2))`;
    const { rows: cars } = await db.query(
      `SELECT c.id, c.plate_number FROM cars c
        WHERE c.status = 'active' AND ${free}
          AND EXISTS (SELECT 1 FROM cars o WHERE o.id <> c.id AND o.status = 'active' AND o.class_code = c.class_code AND o.pool_id = c.pool_id AND o.seats >= 2
                        AND ${free.replaceAll('c.id', 'o.id')})
        ORDER BY c.plate_number LIMIT 1`,
      [from, to],
    );
    const { rows: drivers } = await db.query(
      `SELECT u.id, u.username, u.section_id FROM drivers d JOIN users u ON u.id = d.user_id
        WHERE d.approved AND u.is_active AND d.licence_expires_on >= (now() AT TIME ZONE 'Asia/Tokyo')::date + 1
          AND NOT EXISTS (SELECT 1 FROM car_bookings b WHERE b.driver_id = u.id AND b.status IN ('provisional','confirmed','in_use') AND tstzrange(b.starts_at, b.ends_at) && tstzrange($1, $2))
        ORDER BY u.username DESC LIMIT 2`,
      [from, to],
    );
    if (!cars[0] || drivers.length < 2) throw new Error('demo data has no free pair of cars or drivers for the late return');
    const insert = `INSERT INTO car_bookings (car_id, driver_id, booked_by, section_id, starts_at, ends_at, purpose, destination, passengers, source, status)
                    VALUES ($1, $2, $2, $3, $4, $5, $6, '小倉南区役所', 1, 'first_come', $7) RETURNING id`;
    await db.query(insert, [cars[0].id, drivers[0].id, drivers[0].section_id, new Date(now - 2 * 3_600_000), new Date(now - 30 * 60_000), '返却遅れe2e', 'in_use']);
    const { rows } = await db.query(insert, [cars[0].id, drivers[1].id, drivers[1].section_id, new Date(now + 30 * 60_000), new Date(now + 2.5 * 3_600_000), '次の予約e2e', 'confirmed']);
    return { nextId: rows[0].id, lateCarId: cars[0].id, plate: cars[0].plate_number, username: drivers[1].username };
  } finally {
    await db.end();
  }
}

async function openCounter(page: Page): Promise<void> {
  await signIn(page, 'garage1');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '車庫窓口' }).click();
  await page.waitForURL(/\/garage$/);
  await page.getByRole('heading', { name: '車庫窓口', level: 1 }).waitFor();
}

describe('Garage counter (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should check a driver’s booking out at the counter, take it back, find the record in the CSV export, and block the key on a positive reading', async () => {
    const [trip, positive] = await seedTodaysBookings(2);
    const { context, page } = await newPage(browser);
    await openCounter(page);

    // --- 鍵の貸出: the pre-drive check passes, the key is released.
    const row = page.getByRole('row').filter({ hasText: trip.plate }).filter({ hasText: '窓口e2e用務1' });
    await row.waitFor();
    expect(await row.textContent()).toContain(trip.driverName);
    await row.getByRole('button', { name: `${trip.plate} の鍵の貸出` }).click();
    const out = page.getByRole('dialog', { name: `${trip.plate} の鍵の貸出` });
    await out.waitFor();
    await out.getByLabel('メーター（km）').fill('15200');
    expect(await out.getByRole('combobox', { name: 'アルコール検知器' }).inputValue()).not.toBe('');
    await out.getByLabel('測定値（mg/L）').fill('0.00');
    await out.getByRole('button', { name: '確認を記録して鍵を貸し出す' }).click();
    await page.getByRole('status').filter({ hasText: `${trip.plate} の鍵を ${trip.driverName} さんに貸し出しました` }).waitFor();
    await row.getByText('貸出中').waitFor();

    // --- 鍵の返却: post-drive check, odometer; the driving log is completed.
    await row.getByRole('button', { name: `${trip.plate} の鍵の返却` }).click();
    const back = page.getByRole('dialog', { name: `${trip.plate} の鍵の返却` });
    await back.waitFor();
    await back.getByLabel('メーター（km）').fill('15235');
    await back.getByLabel('測定値（mg/L）').fill('0.00');
    await back.getByRole('button', { name: '確認を記録して返却する' }).click();
    await page.getByRole('status').filter({ hasText: `${trip.plate} の返却を記録しました（走行距離 35 km）` }).waitFor();
    await row.getByText('返却済み').waitFor();

    // --- The record appears in the CSV export (UTF-8 with BOM), downloaded with the manager's session.
    await page.getByRole('tab', { name: '記録検索・CSV' }).click();
    await page.waitForURL(/\/garage\/records$/);
    await page.getByRole('table', { name: /酒気帯び確認記録/ }).getByRole('row').filter({ hasText: trip.driverName }).first().waitFor();
    const href = await page.getByRole('link', { name: '酒気帯び確認記録をCSV出力' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/garage\/records\.csv\?/);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').split('\r\n').filter((l) => l.includes(trip.driverName) && l.includes(trip.plate));
    expect(lines.map((l) => l.split(',')[1]).sort()).toEqual(['乗車前', '乗車後']);
    expect(lines.every((l) => l.includes(',なし,運転可,'))).toBe(true);
    const logsHref = await page.getByRole('link', { name: '運転日誌をCSV出力' }).getAttribute('href');
    const logs = (await (await page.request.get(logsHref!)).body()).toString('utf8');
    expect(logs).toContain('小倉北区役所1');
    expect(logs.split('\r\n').find((l) => l.includes(trip.plate) && l.includes('小倉北区役所1'))).toContain(',15200,15235,35,');

    // --- 訂正: the pre-drive check is corrected as a new record with a reason; both rows are listed.
    const checks = page.getByRole('table', { name: /酒気帯び確認記録/ });
    const pre = checks.getByRole('row').filter({ hasText: trip.driverName }).filter({ hasText: '乗車前' }).filter({ hasText: trip.plate });
    await pre.getByRole('button', { name: /さんの酒気帯び確認.*を訂正/ }).click();
    const fix = page.getByRole('dialog', { name: /さんの酒気帯び確認.*を訂正/ });
    await fix.getByLabel('指示事項').fill('安全運転に留意すること');
    await fix.getByRole('button', { name: '訂正を記録する' }).click();
    await fix.getByText('入力内容を確認してください。').waitFor(); // the reason is required
    await fix.getByLabel('訂正の理由').fill('指示事項の記入漏れ');
    await fix.getByRole('button', { name: '訂正を記録する' }).click();
    await page.getByRole('status').filter({ hasText: '訂正を記録しました' }).waitFor();
    await checks.getByRole('row').filter({ hasText: '訂正理由: 指示事項の記入漏れ' }).filter({ hasText: '安全運転に留意すること' }).waitFor();
    await checks.getByRole('row').filter({ hasText: trip.plate }).filter({ hasText: '乗車前' }).filter({ hasText: '訂正済み（旧）' }).waitFor();
    const corrections = await dbRow<{ n: number }>(
      `SELECT count(*)::int AS n FROM alcohol_checks c WHERE c.booking_id = $1 AND c.corrects_id IS NOT NULL AND c.correction_reason = '指示事項の記入漏れ'`,
      [trip.bookingId],
    );
    expect(corrections.n).toBe(1);

    // --- A positive reading blocks the key: the check is recorded, no key, the booking stays.
    await page.getByRole('tab', { name: '窓口（本日の予約）' }).click();
    const second = page.getByRole('row').filter({ hasText: positive.plate }).filter({ hasText: '窓口e2e用務2' });
    await second.getByRole('button', { name: `${positive.plate} の鍵の貸出` }).click();
    const blocked = page.getByRole('dialog', { name: `${positive.plate} の鍵の貸出` });
    await blocked.getByLabel('メーター（km）').fill('8000');
    await blocked.getByLabel('測定値（mg/L）').fill('0.25');
    // Instructions are required for a not-fit result: refused in the form first.
    await blocked.getByRole('button', { name: '確認を記録して鍵を貸し出す' }).click();
    await blocked.getByText('運転不可の場合は指示事項を入力してください。').waitFor();
    await blocked.getByLabel('指示事項').fill('運転禁止。所属長に連絡し、代わりの運転者を手配する。');
    await blocked.getByRole('button', { name: '確認を記録して鍵を貸し出す' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '運転不可: 鍵は貸し出せません' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${positive.driverName} さんは運転不可です（測定値 0.25 mg/L）`);
    await second.getByText('運転不可のため貸出停止').waitFor();
    await second.getByRole('button', { name: `${positive.plate} の鍵の貸出` }).waitFor();

    const state = await dbRow<{ status: string; handovers: number; detected: boolean; notified: number }>(
      `SELECT b.status,
              (SELECT count(*)::int FROM key_handovers h WHERE h.booking_id = b.id) AS handovers,
              (SELECT bool_and(c.alcohol_detected AND NOT c.fit_to_drive) FROM alcohol_checks c WHERE c.booking_id = b.id) AS detected,
              (SELECT count(*)::int FROM notifications n WHERE n.type = 'garage.alcohol_detected' AND n.payload->>'driverName' = $2) AS notified
         FROM car_bookings b WHERE b.id = $1`,
      [positive.bookingId, positive.driverName],
    );
    expect(state).toEqual({ status: 'confirmed', handovers: 0, detected: true, notified: expect.any(Number) });
    expect(state.notified).toBeGreaterThanOrEqual(2); // garage1 and garage2, the safe-driving managers
    await context.close();
  }, 120_000);

  it('should let the next holder of a late car take the offered car from my trips, and let the manager edit a detector', async () => {
    const late = await seedLateReturn();
    const { context, page } = await newPage(browser);
    await signIn(page, late.username);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    // The late-return notification links here, to the offer.
    await page.goto(`/garage/my-trips#offer-${late.nextId}`);
    const offer = page.getByRole('alert').filter({ hasText: `予約車両 ${late.plate} の返却が遅れています` });
    await offer.waitFor();
    const accept = offer.getByRole('button', { name: /に変更する$/ });
    const label = (await accept.textContent()) ?? '';
    const alt = label.replace(/ に変更する$/, '');
    expect(alt).not.toBe(late.plate);
    await accept.click();
    await page.getByRole('status').filter({ hasText: `予約を ${late.plate} から ${alt} に変更しました。` }).waitFor();
    await offer.waitFor({ state: 'detached' });
    const moved = await dbRow<{ plate_number: string; audits: number }>(
      `SELECT c.plate_number, (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = b.id::text AND a.action = 'car_booking.late_return_move') AS audits
         FROM car_bookings b JOIN cars c ON c.id = b.car_id WHERE b.id = $1`,
      [late.nextId],
    );
    expect(moved).toEqual({ plate_number: alt, audits: 1 });
    await context.close();

    // 検知器台帳: the manager edits a detector's details.
    const manager = await newPage(browser);
    await signIn(manager.page, 'garage1');
    await manager.page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await manager.page.goto('/garage/detectors');
    const edit = manager.page.getByRole('button', { name: /を編集$/ }).first();
    const serial = ((await edit.getAttribute('aria-label')) ?? '').replace(/ を編集$/, '');
    await edit.click();
    const dialog = manager.page.getByRole('dialog', { name: `${serial} を編集` });
    await dialog.getByLabel('設置・保管場所').fill('本庁舎 地下車庫 e2e');
    await dialog.getByLabel('使用回数の上限').fill('4321');
    await dialog.getByRole('button', { name: '保存する' }).click();
    await manager.page.getByRole('status').filter({ hasText: `検知器 ${serial} を更新しました。` }).waitFor();
    const row = manager.page.getByRole('row').filter({ hasText: serial });
    await row.getByText('本庁舎 地下車庫 e2e').waitFor();
    expect(await row.textContent()).toContain('/ 4321');
    await manager.context.close();
  }, 120_000);
});
