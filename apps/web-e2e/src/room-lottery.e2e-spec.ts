import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';

const TOKYO_OFFSET_MS = 9 * 3_600_000;

/** A Tokyo calendar date `days` from today, as YYYY-MM-DD. */
function tokyoDatePlus(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A `datetime-local` value (Tokyo wall clock, whole minutes) for an instant. */
function tokyoLocal(ms: number): string {
  return new Date(ms + TOKYO_OFFSET_MS).toISOString().slice(0, 16);
}

async function sleepUntil(ms: number): Promise<void> {
  const wait = ms - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

async function signInAs(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

describe('Room lottery (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should let General Affairs create a round over the high-demand rooms, staff apply and see the entry, the admin see it and the draw, and staff confirm the win', async () => {
    // A two-day period three weeks ahead: away from the demo bookings and the rooms test's day.
    const firstDate = tokyoDatePlus(20);
    const lastDate = tokyoDatePlus(21);
    const endDate = tokyoDatePlus(22);
    const now = Date.now();
    const opensAt = now - 10 * 60_000;
    // Whole minutes (the form's resolution), at least 90 s from now: time for staff1 to apply before the draw.
    const closesAt = Math.ceil((now + 90_000) / 60_000) * 60_000;
    const confirmBy = closesAt + 3 * 3_600_000;
    const name = `大会議室 抽選 e2e ${now}`;
    const title = '庁議準備会（抽選e2e）';
    const pageErrors: string[] = [];

    // --- ga1 creates the round; the high-demand rooms come preselected.
    const admin = await newPage(browser);
    const a = admin.page;
    a.on('pageerror', (e) => pageErrors.push(`admin: ${e.message}`));
    await signInAs(a, 'ga1');
    await a.goto('/rooms/admin/lottery');
    await a.getByRole('heading', { name: '会議室の抽選（管理）', level: 1 }).waitFor();
    const form = a.getByRole('form', { name: '抽選回を作成' });
    await form.getByRole('checkbox', { name: /3階 大会議室/ }).waitFor();
    expect(await form.getByRole('checkbox', { name: /3階 大会議室/ }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: /5階 特別会議室/ }).isChecked()).toBe(true);
    await form.getByLabel('名称').fill(name);
    await form.getByLabel(/^受付開始/).fill(tokyoLocal(opensAt));
    await form.getByLabel(/^受付締切/).fill(tokyoLocal(closesAt));
    await form.getByLabel(/^抽選日時/).fill(tokyoLocal(closesAt));
    await form.getByLabel(/^確定期限/).fill(tokyoLocal(confirmBy));
    await form.getByLabel(/^先着受付開始/).fill(tokyoLocal(confirmBy));
    await form.getByLabel(/^対象期間の開始/).fill(`${firstDate}T00:00`);
    await form.getByLabel(/^対象期間の終了/).fill(`${endDate}T00:00`);
    await form.getByRole('button', { name: '抽選回を作成' }).click();
    await a.getByText(`抽選回「${name}」を作成しました。`).waitFor();
    const roundsTable = a.getByRole('table', { name: '抽選回の一覧' });
    const roundRow = roundsTable.getByRole('row').filter({ hasText: name });
    await roundRow.waitFor();
    expect(await roundRow.textContent()).toMatch(/受付中|受付前/);

    // --- staff1 finds it under 会議室 › 抽選 and applies for the large room on the first day.
    const staff = await newPage(browser);
    const s = staff.page;
    s.on('pageerror', (e) => pageErrors.push(`staff: ${e.message}`));
    await signInAs(s, 'staff1');
    await s.goto('/rooms');
    await s.getByRole('navigation', { name: '会議室メニュー' }).getByRole('link', { name: '抽選' }).click();
    await s.waitForURL(/\/rooms\/lottery$/);
    await s.getByRole('heading', { name: '会議室の抽選', level: 1 }).waitFor();
    const card = s.getByRole('region', { name });
    await card.getByRole('heading', { name }).waitFor();
    await card.getByRole('button', { name: '申し込む' }).click();
    const dialog = s.getByRole('dialog', { name: `${name} に申し込む` });
    await dialog.getByLabel('件名').fill(title);
    await dialog.getByLabel('参加人数').fill('12');
    await dialog.getByRole('combobox', { name: '会議室' }).selectOption({ label: '3階 大会議室（本庁舎）' });
    await dialog.getByLabel('日付').fill(lastDate);
    await dialog.getByRole('combobox', { name: '開始' }).selectOption('13:00');
    await dialog.getByRole('combobox', { name: '終了' }).selectOption('15:00');
    // An end before the start is refused in the form, with a message.
    await dialog.getByRole('combobox', { name: '終了' }).selectOption('12:00');
    await dialog.getByRole('button', { name: '申し込む' }).click();
    await dialog.getByText('終了は開始より後にしてください。').waitFor();
    await dialog.getByRole('combobox', { name: '終了' }).selectOption('15:00');
    await dialog.getByRole('button', { name: '申し込む' }).click();
    await dialog.waitFor({ state: 'detached' });
    await s.getByText('申し込みました。').waitFor();

    const mine = s.getByRole('table', { name: '自分の申込' });
    const entry = mine.getByRole('row').filter({ hasText: title });
    await entry.waitFor();
    const text = await entry.textContent();
    expect(text).toContain(name);
    expect(text).toContain('抽選待ち');
    expect(text).toContain('3階 大会議室');
    expect(text).toContain('13:00〜15:00');
    await entry.getByRole('button', { name: '変更' }).waitFor();
    await entry.getByRole('button', { name: '取下げ' }).waitFor();

    // --- ga1 sees the entry under the round's details.
    await a.reload();
    await a.getByRole('table', { name: '抽選回の一覧' }).getByRole('link', { name: `${name} 申込と結果` }).click();
    await a.waitForURL(/\/rooms\/admin\/lottery\/[0-9a-f-]{36}$/);
    await a.getByRole('heading', { name, level: 1 }).waitFor();
    const entries = a.getByRole('table', { name: '申込一覧（1件）' });
    const adminRow = entries.getByRole('row').filter({ hasText: title });
    await adminRow.waitFor();
    expect(await adminRow.textContent()).toContain('抽選待ち');
    await a.getByText('まだ抽選されていません。').waitFor();

    // --- After the window closes the admin runs the due steps (the worker's tick may get there first) and sees the result.
    await sleepUntil(closesAt + 2_000);
    for (let i = 0; i < 5; i += 1) {
      if ((await a.getByText('抽選済み・確定受付中', { exact: true }).count()) > 0) break;
      await a.getByRole('button', { name: '期日の来た処理を今すぐ実行' }).click();
      await a.waitForTimeout(1_000);
    }
    await a.getByText('抽選済み・確定受付中', { exact: true }).first().waitFor();
    const wonRow = a.getByRole('table', { name: '申込一覧（1件）' }).getByRole('row').filter({ hasText: title });
    await wonRow.getByText('当選（未確定）').waitFor();
    expect(await wonRow.textContent()).toContain('第1希望で当選');
    await a.getByText('抽選記録（JSON）').click();
    await a.getByText(/"resultDigest"|"digest"|"seed"/).first().waitFor();

    // --- staff1 sees the win and confirms it.
    await s.reload();
    const won = s.getByRole('table', { name: '自分の申込' }).getByRole('row').filter({ hasText: title });
    await won.getByText('当選（未確定）').waitFor();
    expect(await won.getByRole('button', { name: '変更' }).count()).toBe(0);
    await won.getByRole('button', { name: '確定' }).click();
    await s.getByText('当選を確定しました。予約一覧に表示されます。').waitFor();
    await won.getByText('確定', { exact: true }).waitFor();
    expect(await won.getByRole('button', { name: '確定' }).count()).toBe(0);

    expect(pageErrors).toEqual([]);
    await staff.context.close();
    await admin.context.close();
  }, 240_000);
});
