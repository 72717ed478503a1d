import type { Browser, Page } from 'playwright-core';
import { baseUrl, launchBrowser, newPage, signIn } from './support/browser';

/** A Tokyo calendar date `days` from today, as YYYY-MM-DD. */
function tokyoDatePlus(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The next Monday–Friday on or after `days` from today (Tokyo), as YYYY-MM-DD. */
function weekdayOnOrAfter(days: number): string {
  for (let d = days; ; d += 1) {
    const date = tokyoDatePlus(d);
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (dow >= 1 && dow <= 5) return date;
  }
}

function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Japanese weekday letter of a date (月…日), as the recurrence form labels its checkboxes. */
function jaWeekday(date: string): string {
  return '日月火水木金土'[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/** Fill the booking form (page or dialog) with a room, date, time, title and attendees. */
async function fillBooking(scope: Page, v: { roomId: string; date: string; start: string; end: string; title: string; attendees: string }): Promise<void> {
  await scope.getByRole('combobox', { name: '会議室' }).selectOption(v.roomId);
  await scope.getByLabel('利用日').fill(v.date);
  await scope.getByRole('combobox', { name: '開始時刻' }).selectOption(v.start);
  await scope.getByRole('combobox', { name: '終了時刻' }).selectOption(v.end);
  await scope.getByLabel('件名').fill(v.title);
  await scope.getByLabel('参加人数').fill(v.attendees);
}

/** The id of a room, read from the booking form's room list by its name. */
async function roomIdByName(page: Page, name: string): Promise<string> {
  const value = await page.getByRole('combobox', { name: '会議室' }).locator('option', { hasText: name }).first().getAttribute('value');
  if (!value) throw new Error(`room ${name} not offered`);
  return value;
}

async function signInAs(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

// Several sign-ins and page loads: more than Jest's default 5 s, hence the explicit timeout.
describe('Meeting rooms (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should find a free room by size and equipment, book it, show it in the calendar and my bookings, refuse the same slot to staff2, and cancel it', async () => {
    // Beyond the demo bookings (days 1–4); 10:00–11:00 Tokyo.
    const date = tokyoDatePlus(6);
    const [, month, day] = date.split('-').map(Number);
    const title = '環境学習課 打合せ（e2e）';

    // --- staff1 searches: 5 people with Web会議 → the smallest fitting room with that equipment first.
    const staff1 = await newPage(browser);
    const page = staff1.page;
    await signInAs(page, 'staff1');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '会議室' }).click();
    await page.waitForURL(/\/rooms$/);
    await page.getByRole('heading', { name: '空き会議室検索', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: '検索条件' });
    await form.getByLabel('利用日').fill(date);
    await form.getByLabel('開始時刻').selectOption('10:00');
    await form.getByLabel('終了時刻').selectOption('11:00');
    await form.getByLabel('参加人数').fill('5');
    await form.getByRole('checkbox', { name: 'Web会議' }).check();
    await form.getByRole('button', { name: '空き会議室を検索' }).click();

    const results = page.getByRole('table').filter({ has: page.locator('caption', { hasText: '空いている会議室' }) });
    await results.locator('caption', { hasText: `${month}月${day}日` }).waitFor();
    const rows = results.locator('tbody tr');
    // Best fit: 第3会議室 (10 people, Web会議) before 第1会議室 (12) and 特別会議室 (24); rooms without
    // Web会議 or too small are not offered.
    const names = await rows.locator('th p:first-child').allTextContents();
    expect(names.slice(0, 2)).toEqual(['3階 第3会議室', '3階 第1会議室']);
    expect(names).not.toContain('3階 第2会議室');
    expect(names).not.toContain('3階 Web会議ブース3');
    expect(await rows.first().textContent()).toContain('最適');

    // --- book the best fit from the result.
    await rows.first().getByRole('link', { name: '3階 第3会議室 を予約する' }).click();
    await page.getByRole('heading', { name: '会議室の予約', level: 1 }).waitFor();
    const roomId = new URL(page.url()).searchParams.get('roomId');
    expect(roomId).toBeTruthy();
    expect(await page.getByRole('combobox', { name: '会議室' }).inputValue()).toBe(roomId);
    expect(await page.getByLabel('利用日').inputValue()).toBe(date);
    expect(await page.getByRole('combobox', { name: '開始時刻' }).inputValue()).toBe('10:00');
    expect(await page.getByRole('combobox', { name: '終了時刻' }).inputValue()).toBe('11:00');
    expect(await page.getByLabel('参加人数').inputValue()).toBe('5');
    await page.getByLabel('件名').fill(title);
    await page.getByRole('button', { name: '予約する', exact: true }).click();

    // --- listed in my bookings.
    await page.waitForURL(/\/rooms\/bookings/);
    await page.getByRole('heading', { name: '会議室の予約一覧', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: '予約しました: 3階 第3会議室' }).waitFor();
    const listed = page.getByRole('row').filter({ hasText: title });
    await listed.waitFor();
    expect(await listed.textContent()).toContain(`${month}月${day}日`);
    expect(await listed.textContent()).toContain('10:00〜11:00');
    expect(await listed.textContent()).toContain('予約済み');

    // --- and on the floor's calendar for that day: as an event in the room's column and in the list.
    await page.getByRole('navigation', { name: '会議室メニュー' }).getByRole('link', { name: 'カレンダー', exact: true }).click();
    await page.getByRole('heading', { name: '会議室カレンダー', level: 1 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'フロア' }).inputValue()).toBe('本庁舎|3');
    await page.getByLabel('日付').fill(date);
    const list = page.getByRole('table').filter({ has: page.locator('caption', { hasText: '本庁舎 3階' }) });
    await list.locator('caption', { hasText: `${month}月${day}日` }).waitFor();
    const entry = list.getByRole('row').filter({ hasText: title });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('3階 第3会議室');
    expect(await entry.textContent()).toContain('10:00〜11:00');
    const event = page.locator('.rbc-event', { hasText: title });
    await event.waitFor();
    // Tokyo wall clock in the grid, whatever the browser's zone.
    expect(await event.textContent()).toContain('10:00〜11:00');
    // It sits in 第3会議室's column: same horizontal position as that resource header.
    const headers = page.locator('.rbc-time-header .rbc-row-resource .rbc-header');
    const headerTexts = await headers.allTextContents();
    const column = headerTexts.findIndex((h) => h.includes('3階 第3会議室'));
    expect(column).toBeGreaterThanOrEqual(0);
    const headerBox = await headers.nth(column).boundingBox();
    const eventBox = await event.boundingBox();
    expect(eventBox && headerBox && eventBox.x >= headerBox.x - 1 && eventBox.x < headerBox.x + headerBox.width).toBe(true);

    // --- staff2 tries the same room and slot through the form: refused with the conflict message.
    const staff2 = await newPage(browser);
    const other = staff2.page;
    await signInAs(other, 'staff2');
    await other.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '会議室' }).click();
    await other.getByRole('navigation', { name: '会議室メニュー' }).getByRole('link', { name: '新規予約' }).click();
    await other.getByRole('heading', { name: '会議室の予約', level: 1 }).waitFor();
    await other.getByRole('combobox', { name: '会議室' }).selectOption(roomId!);
    await other.getByLabel('利用日').fill(date);
    await other.getByRole('combobox', { name: '開始時刻' }).selectOption('10:30');
    await other.getByRole('combobox', { name: '終了時刻' }).selectOption('11:30');
    await other.getByLabel('件名').fill('同じ枠の予約（e2e）');
    await other.getByLabel('参加人数').fill('3');
    await other.getByRole('button', { name: '予約する', exact: true }).click();
    const refusal = other.getByRole('alert').filter({ hasText: '予約できませんでした' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('この時間帯はすでに予約されています。');
    expect(new URL(other.url()).pathname).toBe('/rooms/new');
    await staff2.context.close();

    // --- staff1 cancels it from my bookings, after confirming.
    await page.getByRole('navigation', { name: '会議室メニュー' }).getByRole('link', { name: '予約一覧' }).click();
    await page.getByRole('heading', { name: '会議室の予約一覧', level: 1 }).waitFor();
    const mine = page.getByRole('row').filter({ hasText: title });
    await mine.getByRole('button', { name: 'キャンセル', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '予約のキャンセル' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '予約をキャンセルする' }).click();
    await page.getByRole('status').filter({ hasText: '予約をキャンセルしました: 3階 第3会議室' }).waitFor();
    await mine.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '過去・キャンセル済み' }).click();
    await page.getByRole('row').filter({ hasText: title }).filter({ hasText: 'キャンセル済み' }).waitFor();

    // The slot is free again: the same search offers 第3会議室 first.
    await page.goto(`/rooms?date=${date}&start=10:00&end=11:00&attendees=5&equipment=web_meeting`);
    await results.locator('caption', { hasText: `${month}月${day}日` }).waitFor();
    await rows.first().getByRole('link', { name: '3階 第3会議室 を予約する' }).waitFor();
    await staff1.context.close();
  }, 120_000);

  it('should open the booking form from a free slot of the calendar and book it there', async () => {
    const date = tokyoDatePlus(7);
    // A browser far from Tokyo: the grid and the chosen slot must still be Tokyo wall-clock time.
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'America/Los_Angeles', viewport: { width: 1024, height: 768 }, baseURL: baseUrl() });
    const page = await context.newPage();
    await signInAs(page, 'staff2');
    await page.goto(`/rooms/calendar?date=${date}`);
    await page.getByRole('heading', { name: '会議室カレンダー', level: 1 }).waitFor();
    await page.locator('.rbc-time-view').waitFor();

    // The column of 第4会議室 (08:00–20:00): click the 14:00 slot (one click = one hour).
    const headers = page.locator('.rbc-time-header .rbc-row-resource .rbc-header');
    const column = (await headers.allTextContents()).findIndex((h) => h.includes('3階 第4会議室'));
    expect(column).toBeGreaterThanOrEqual(0);
    const gutter = await page.locator('.rbc-time-gutter .rbc-timeslot-group').allTextContents();
    const hour = gutter.findIndex((g) => g.trim().startsWith('14:00'));
    expect(hour).toBeGreaterThanOrEqual(0);
    const slot = page.locator('.rbc-time-content > .rbc-day-slot').nth(column).locator('.rbc-timeslot-group').nth(hour).locator('.rbc-time-slot').first();
    await slot.scrollIntoViewIfNeeded();
    // The (empty) events layer lies over the slots: press the mouse where the slot is, as a user does.
    const box = await slot.boundingBox();
    expect(box).toBeTruthy();
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);

    const dialog = page.getByRole('dialog', { name: '会議室の予約' });
    await dialog.waitFor();
    expect(await dialog.getByRole('combobox', { name: '開始時刻' }).inputValue()).toBe('14:00');
    expect(await dialog.getByRole('combobox', { name: '終了時刻' }).inputValue()).toBe('15:00');
    expect(await dialog.getByLabel('利用日').inputValue()).toBe(date);
    await dialog.getByLabel('件名').fill('カレンダーからの予約（e2e）');
    await dialog.getByLabel('参加人数').fill('4');
    await dialog.getByRole('button', { name: '予約する', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '予約しました: 3階 第4会議室' }).waitFor();
    await page.locator('.rbc-event', { hasText: 'カレンダーからの予約（e2e）' }).waitFor();
    await context.close();
  }, 90_000);

  it('should book a weekly series, report the occurrence that is already taken instead of dropping it, and cancel this and following', async () => {
    const first = weekdayOnOrAfter(15);
    const taken = plusDays(first, 7);
    const [, tm, td] = taken.split('-').map(Number);
    const seriesTitle = '週次定例（e2e）';

    // staff2 already holds the second week's slot.
    const s2 = await newPage(browser);
    await signInAs(s2.page, 'staff2');
    await s2.page.goto('/rooms/new');
    await s2.page.getByRole('heading', { name: '会議室の予約', level: 1 }).waitFor();
    const roomId = await roomIdByName(s2.page, '3階 第2会議室');
    await fillBooking(s2.page, { roomId, date: taken, start: '10:00', end: '11:00', title: '先約の打合せ（e2e）', attendees: '4' });
    await s2.page.getByRole('button', { name: '予約する', exact: true }).click();
    await s2.page.getByRole('status').filter({ hasText: '予約しました: 3階 第2会議室' }).waitFor();
    await s2.context.close();

    // staff1 books the room every week on that weekday, three times, closed days included.
    const { page, context } = await newPage(browser);
    await signInAs(page, 'staff1');
    await page.goto('/rooms/new');
    await page.getByRole('heading', { name: '会議室の予約', level: 1 }).waitFor();
    await fillBooking(page, { roomId, date: first, start: '10:00', end: '11:00', title: seriesTitle, attendees: '6' });
    await page.getByRole('checkbox', { name: '繰り返し予約にする' }).check();
    const repeat = page.getByRole('group', { name: '繰り返しの設定' });
    expect(await repeat.getByRole('checkbox', { name: jaWeekday(first), exact: true }).isChecked()).toBe(true);
    await repeat.getByRole('textbox', { name: '回数' }).fill('3');
    await repeat.getByRole('checkbox', { name: '閉庁日（土日・祝日・年末年始）を除く' }).uncheck();
    await repeat.getByText('予定日（3回）').waitFor();
    await page.getByRole('button', { name: '繰り返し予約する' }).click();

    const report = page.getByRole('status').filter({ has: page.getByRole('heading', { name: /繰り返し予約の結果/ }) });
    await report.waitFor();
    expect(await report.textContent()).toContain('2回を処理しました。重複 1回');
    const rows = report.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    const conflictRow = rows.filter({ hasText: `${tm}月${td}日` });
    expect(await conflictRow.textContent()).toContain('重複のため予約できず');
    expect(await conflictRow.textContent()).toContain('「先約の打合せ（e2e）」');
    expect(await rows.filter({ hasText: '予約済み' }).count()).toBe(2);

    // Both booked occurrences are in my bookings, marked 繰り返し; cancelling "this and following"
    // from the first takes both.
    await page.getByRole('link', { name: '予約一覧へ' }).click();
    await page.getByRole('heading', { name: '会議室の予約一覧', level: 1 }).waitFor();
    const mine = page.getByRole('row').filter({ hasText: seriesTitle });
    await mine.first().waitFor();
    expect(await mine.count()).toBe(2);
    expect(await mine.first().textContent()).toContain('繰り返し');
    await mine.first().getByRole('button', { name: 'キャンセル', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '予約のキャンセル' });
    await dialog.getByRole('radio', { name: 'この回以降すべて' }).check();
    await dialog.getByRole('button', { name: '予約をキャンセルする' }).click();
    await page.getByRole('status').filter({ hasText: '繰り返し予約を2件キャンセルしました' }).waitFor();
    await mine.first().waitFor({ state: 'detached' });
    await context.close();
  }, 120_000);

  it('should let General Affairs add a room, widen the check-in window and print its QR code, and let staff check in from it', async () => {
    const roomName = `e2e チェックイン室 ${Date.now() % 100000}`;
    const ga = await newPage(browser);
    await signInAs(ga.page, 'ga1');
    // Check-in opens 120 minutes before the start, so a booking at the next quarter hour is open now.
    await ga.page.goto('/rooms/admin/settings');
    await ga.page.getByRole('heading', { name: '会議室の設定', level: 1 }).waitFor();
    const opens = ga.page.getByLabel('チェックイン受付開始（開始の何分前から）');
    await opens.waitFor();
    await opens.fill('120');
    await ga.page.getByRole('button', { name: '保存' }).click();
    await ga.page.getByRole('status').filter({ hasText: '設定を保存しました。' }).waitFor();

    // A room bookable round the clock (so the test runs at any hour).
    await ga.page.getByRole('navigation', { name: '会議室の管理メニュー' }).getByRole('link', { name: '会議室' }).click();
    await ga.page.getByRole('button', { name: '会議室を追加' }).click();
    const add = ga.page.getByRole('dialog', { name: '会議室を追加' });
    await add.getByLabel('名称').fill(roomName);
    await add.getByLabel('空調ゾーン').fill('3F-east');
    await add.getByLabel('定員').fill('4');
    await add.getByRole('combobox', { name: '予約できる開始時刻' }).selectOption('00:00');
    await add.getByRole('combobox', { name: '予約できる終了時刻' }).selectOption('24:00');
    await add.getByRole('button', { name: '保存' }).click();
    await ga.page.getByRole('status').filter({ hasText: `「${roomName}」を保存しました。` }).waitFor();
    await ga.page.getByRole('link', { name: `${roomName} の掲示用QRコード` }).click();
    await ga.page.getByRole('heading', { name: roomName, level: 1 }).waitFor();
    const qr = ga.page.getByRole('img', { name: `${roomName} のチェックイン用QRコード` });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const checkInPath = new URL((await ga.page.getByText(/\/rooms\/[0-9a-f-]+\/check-in$/).textContent()) ?? '').pathname;
    const roomId = checkInPath.split('/')[2];
    await ga.context.close();

    // staff1 books it from the next quarter hour (Tokyo) …
    const now = new Date(Date.now() + 3 * 60_000);
    const tokyo = new Date(now.getTime() + 9 * 3600_000);
    const minute = tokyo.getUTCHours() * 60 + tokyo.getUTCMinutes();
    const startMinute = Math.ceil(minute / 15) * 15;
    const startDate = startMinute >= 1440 ? plusDays(tokyo.toISOString().slice(0, 10), 1) : tokyo.toISOString().slice(0, 10);
    const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const start = hhmm(startMinute % 1440);
    const end = startMinute % 1440 === 1425 ? '24:00' : hhmm((startMinute % 1440) + 15);
    const { page, context } = await newPage(browser);
    await signInAs(page, 'staff1');
    await page.goto('/rooms/new');
    await page.getByRole('heading', { name: '会議室の予約', level: 1 }).waitFor();
    await fillBooking(page, { roomId, date: startDate, start, end, title: 'チェックインの確認（e2e）', attendees: '2' });
    await page.getByRole('button', { name: '予約する', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `予約しました: ${roomName}` }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'チェックインの確認（e2e）' });
    await row.getByText(/チェックイン受付/).waitFor();

    // … and checks in where the QR code leads.
    await page.goto(checkInPath);
    await page.getByRole('heading', { name: 'チェックイン', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'チェックイン' }).click();
    await page.getByRole('status').filter({ hasText: 'チェックインしました' }).waitFor();
    await page.getByRole('link', { name: '予約一覧を見る' }).click();
    await row.filter({ hasText: 'チェックイン済み' }).waitFor();
    expect(await row.getByRole('button', { name: 'チェックイン' }).count()).toBe(0);
    await context.close();
  }, 120_000);

  it('should show my private calendar feed URL, which serves my bookings as iCalendar', async () => {
    const { page, context } = await newPage(browser);
    await signInAs(page, 'chief1');
    await page.goto('/rooms/feed');
    await page.getByRole('heading', { name: 'カレンダー連携', level: 1 }).waitFor();
    const url = page.getByRole('textbox', { name: 'カレンダーのURL（iCal形式）' });
    await url.waitFor();
    const value = await url.inputValue();
    expect(value).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/ical\/users\/.+\.ics$/);
    // No session needed: the token is the key. chief1 organises the demo's 定例会議.
    const feed = await (await fetch(value)).text();
    expect(feed).toContain('BEGIN:VCALENDAR');
    expect(feed).toContain('環境学習課 定例会議');

    // Issuing a new URL invalidates the old one.
    await page.getByRole('button', { name: 'URLを再発行' }).click();
    await page.getByRole('dialog', { name: 'URLを再発行' }).getByRole('button', { name: 'URLを再発行' }).click();
    await page.getByRole('status').filter({ hasText: '新しいURLを発行しました' }).waitFor();
    expect(await url.inputValue()).not.toBe(value);
    expect((await fetch(value)).status).toBe(404);
    await context.close();
  }, 60_000);

  it('should offer an after-hours AC extension request for a booking that ends after the AC hours, and drop it when edited into them', async () => {
    const date = weekdayOnOrAfter(20);
    const { page, context } = await newPage(browser);
    await signInAs(page, 'staff2');
    await page.goto('/rooms/new');
    await page.getByRole('heading', { name: '会議室の予約', level: 1 }).waitFor();
    const roomId = await roomIdByName(page, '3階 第4会議室');
    await fillBooking(page, { roomId, date, start: '17:00', end: '18:00', title: '夕方の打合せ（e2e）', attendees: '3' });
    await page.getByRole('button', { name: '予約する', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '予約しました: 3階 第4会議室' }).waitFor();
    await page.getByRole('note').filter({ hasText: 'この予約は空調の運転時間外に及びます。' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '夕方の打合せ（e2e）' });
    const offer = row.getByRole('link', { name: '時間外の空調延長を申請する（17:15〜18:00）' });
    expect(await offer.getAttribute('href')).toBe(`/ac/new?zone=3F-west&date=${date}&start=17%3A15&end=18%3A00`);

    // Moved inside the AC hours (edit), the offer goes away.
    await row.getByRole('link', { name: '編集' }).click();
    await page.getByRole('heading', { name: '予約の変更', level: 1 }).waitFor();
    expect(await page.getByRole('combobox', { name: '開始時刻' }).inputValue()).toBe('17:00');
    await page.getByRole('combobox', { name: '開始時刻' }).selectOption('16:00');
    expect(await page.getByRole('combobox', { name: '終了時刻' }).inputValue()).toBe('17:00');
    await page.getByRole('button', { name: '変更を保存' }).click();
    await page.getByRole('status').filter({ hasText: '予約を変更しました: 3階 第4会議室' }).waitFor();
    const moved = row.filter({ hasText: '16:00〜17:00' });
    await moved.waitFor();
    expect(await moved.getByRole('link', { name: /空調延長/ }).count()).toBe(0);
    await context.close();
  }, 60_000);
});
