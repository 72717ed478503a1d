import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';

/** The header bell's accessible name: 「通知」, or 「通知（未読3件）」 when something is unread. */
const BELL_UNREAD = /^通知（未読(\d+)件）$/;

async function unreadOnBell(page: Page): Promise<number> {
  const bell = page.getByRole('banner').getByRole('link', { name: BELL_UNREAD });
  await bell.waitFor();
  const name = (await bell.getAttribute('aria-label')) ?? '';
  return Number(BELL_UNREAD.exec(name)?.[1] ?? 0);
}

// Jest ignores `testTimeout` inside a project config: each browser test states its own.
const BROWSER_TEST_MS = 60_000;

describe('Notifications (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should send staff1 a test notification, show it on the bell and in お知らせ, and mark all read', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'staff1');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    // お知らせ → 通知設定
    await page.getByRole('navigation').getByRole('link', { name: 'お知らせ' }).click();
    await page.waitForURL(/\/notifications$/);
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: '通知設定' }).click();
    await page.waitForURL(/\/notifications\/settings$/);
    await page.getByRole('heading', { level: 1, name: '通知設定' }).waitFor();
    // Per-type channel switches are saved and survive a reload (then restored).
    const approvalMail = page.getByRole('switch', { name: '承認依頼をメールで受け取る' });
    expect(await approvalMail.isChecked()).toBe(true);
    // Mantine draws the switch's track over its (visually hidden) input: a user clicks the track.
    await approvalMail.uncheck({ force: true });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '通知設定を保存しました。' }).waitFor();
    await page.reload();
    await approvalMail.waitFor();
    expect(await approvalMail.isChecked()).toBe(false);
    await approvalMail.check({ force: true });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '通知設定を保存しました。' }).waitFor();
    expect(await approvalMail.isChecked()).toBe(true);

    // The in-app notice is written by the API in the request itself (outbox transaction).
    await page.getByRole('button', { name: 'テスト通知を送信' }).click();
    await page.getByRole('status').filter({ hasText: 'テスト通知を送信しました' }).waitFor();
    expect(await unreadOnBell(page)).toBeGreaterThanOrEqual(1);

    // The bell leads to the inbox, where the test notice is listed as unread.
    await page.getByRole('banner').getByRole('link', { name: BELL_UNREAD }).click();
    await page.waitForURL(/\/notifications$/);
    const list = page.getByRole('list', { name: 'お知らせの一覧（新しい順）' });
    const testNotice = list.getByRole('article').filter({ hasText: 'テスト通知' }).first();
    await testNotice.waitFor();
    expect(await testNotice.textContent()).toContain('未読');

    await page.getByRole('button', { name: 'すべて既読にする' }).click();
    await page.getByRole('status').filter({ hasText: '件を既読にしました' }).waitFor();
    // The count disappears from the bell; the notice stays, now read.
    await page.getByRole('banner').getByRole('link', { name: '通知', exact: true }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: BELL_UNREAD }).count()).toBe(0);
    await list.getByRole('article').filter({ hasText: 'テスト通知' }).first().waitFor();
    expect(await list.getByRole('button', { name: '既読にする' }).count()).toBe(0);

    // 未読のみ now shows nothing.
    // The switch mirrors the URL (?unread=1), so it turns on once the navigation has happened.
    const unreadOnly = page.getByRole('switch', { name: '未読のみ' });
    await unreadOnly.click();
    await page.waitForURL(/unread=1/);
    await page.waitForFunction(() => (document.querySelector('input[role="switch"]') as HTMLInputElement | null)?.checked === true);
    await page.getByText('未読のお知らせはありません。').waitFor();
    await context.close();
  }, BROWSER_TEST_MS);

  it('should show the sysadmin the delivery screen with the queue dashboard link', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'admin1');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/admin/notifications');
    await page.getByRole('heading', { level: 1, name: '通知の配信状況' }).waitFor();
    await page.getByRole('table', { name: 'チャネル・状態ごとの配信件数' }).waitFor();
    await page.getByRole('table', { name: /^配信エラー（\d+ 件）$/ }).waitFor();
    const queues = page.getByRole('link', { name: /キュー管理画面/ });
    expect(await queues.getAttribute('href')).toBe('/api/admin/queues');
    expect(await queues.getAttribute('target')).toBe('_blank');
    await context.close();
  }, BROWSER_TEST_MS);
});
