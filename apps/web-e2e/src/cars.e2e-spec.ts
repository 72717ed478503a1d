import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';

/** A Tokyo calendar date `days` from today, as YYYY-MM-DD. */
function tokyoDatePlus(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function signInAs(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The first grid row whose cells for every given quarter-hour say 空き. */
function freeRow(grid: Locator, cellNames: string[]): Locator {
  let rows = grid.getByRole('row');
  for (const name of cellNames) rows = rows.filter({ has: grid.page().getByRole('gridcell', { name, exact: true }) });
  return rows.first();
}

// Several sign-ins and page loads: more than Jest's default 5 s (the projects' testTimeout is not
// applied per project), hence the explicit timeout on the test.
describe('Official cars (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should let staff1 book a free car from the grid, refuse the same slot to staff2 (重複予約), and let staff1 cancel', async () => {
    // A few days ahead, well inside the one-month horizon; 10:00–11:00 Tokyo.
    const date = tokyoDatePlus(3);
    const [, month, day] = date.split('-').map(Number);

    // --- staff1 (an approved driver) books from the availability grid.
    const staff1 = await newPage(browser);
    const page = staff1.page;
    await signInAs(page, 'staff1');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '公用車' }).click();
    await page.waitForURL(/\/cars$/);
    await page.getByRole('heading', { name: '空き状況・予約', level: 1 }).waitFor();

    await page.getByLabel('日付').fill(date);
    const grid = page.getByRole('grid');
    await grid.locator('caption', { hasText: `${month}月${day}日` }).waitFor();

    const row = freeRow(grid, ['10:00〜10:15 空き', '10:15〜10:30 空き', '10:30〜10:45 空き', '10:45〜11:00 空き']);
    const plate = ((await row.locator('.car-plate').textContent()) ?? '').trim();
    expect(plate).toMatch(/^北九州 /);
    await row.getByRole('gridcell', { name: '10:00〜10:15 空き', exact: true }).click();
    await row.getByRole('gridcell', { name: '10:45〜11:00 空き', exact: true }).click();
    await page.getByText(`選択中: ${plate}`).waitFor();
    expect(await row.locator('td[aria-selected="true"]').count()).toBe(4);

    await page.getByRole('button', { name: '予約フォームへ進む' }).click();
    await page.getByRole('heading', { name: '新規予約', level: 1 }).waitFor();
    const carId = new URL(page.url()).searchParams.get('carId');
    expect(carId).toBeTruthy();
    // The form is prefilled with the chosen car and range.
    expect(await page.getByLabel('出発予定').inputValue()).toBe(`${date}T10:00`);
    expect(await page.getByLabel('帰庁予定').inputValue()).toBe(`${date}T11:00`);
    expect(await page.getByRole('combobox', { name: '車両' }).inputValue()).toBe(carId);
    await page.getByLabel('用務').fill('環境学習施設の打合せ（e2e）');
    await page.getByLabel('行先').fill('小倉北区役所');
    await page.getByRole('button', { name: '予約する', exact: true }).click();

    // --- it is listed in 予約一覧 as 予約確定.
    await page.waitForURL(/\/cars\/bookings/);
    await page.getByRole('heading', { name: '予約一覧', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: `予約しました: ${plate}` }).waitFor();
    const listed = page.getByRole('row').filter({ hasText: plate }).filter({ hasText: `${month}月${day}日` });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('予約確定');
    expect(await listed.textContent()).toContain('10:00〜11:00');

    // --- staff2 (also an approved driver) tries the same car and slot through the form: refused.
    const staff2 = await newPage(browser);
    const other = staff2.page;
    await signInAs(other, 'staff2');
    await other.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '公用車' }).click();
    await other.getByRole('link', { name: '新規予約' }).click();
    await other.getByRole('heading', { name: '新規予約', level: 1 }).waitFor();
    await other.getByRole('combobox', { name: '車両' }).selectOption(carId!);
    await other.getByLabel('出発予定').fill(`${date}T10:00`);
    await other.getByLabel('帰庁予定').fill(`${date}T11:00`);
    await other.getByLabel('用務').fill('同じ枠の予約（e2e）');
    await other.getByLabel('行先').fill('戸畑区役所');
    await other.getByRole('button', { name: '予約する', exact: true }).click();
    const refusal = other.getByRole('alert').filter({ hasText: '重複予約があります' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('この車両はその時間帯にすでに予約されています');
    expect(new URL(other.url()).pathname).toBe('/cars/new');
    await staff2.context.close();

    // --- staff1 cancels it, after confirming.
    await listed.getByRole('button', { name: 'キャンセル', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '予約のキャンセル' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '予約をキャンセルする' }).click();
    await page.getByRole('status').filter({ hasText: `予約をキャンセルしました: ${plate}` }).waitFor();
    await listed.waitFor({ state: 'detached' });
    // …and it moved to the past/cancelled view with its status in words.
    await page.getByRole('button', { name: '過去・キャンセル済み' }).click();
    await page.getByRole('row').filter({ hasText: plate }).filter({ hasText: `${month}月${day}日` }).filter({ hasText: 'キャンセル済み' }).waitFor();

    // The slot is free again on the grid.
    await page.getByRole('link', { name: '空き状況・予約' }).click();
    await page.getByLabel('日付').fill(date);
    await grid.locator('caption', { hasText: `${month}月${day}日` }).waitFor();
    const again = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: plate }) });
    await again.getByRole('gridcell', { name: '10:00〜10:15 空き', exact: true }).waitFor();
    await staff1.context.close();
  }, 90_000);
});
