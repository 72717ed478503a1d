import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';

describe('Sign-in (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should redirect to the login page, sign staff1 in, navigate and sign out', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/');
    await page.waitForURL(/\/login/);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    await signIn(page, 'staff1');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    // staff1's display name (demo data) is shown in the header.
    await page.getByRole('banner').getByText('白川 翔太').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: '公用車' }).click();
    await page.waitForURL(/\/cars/);
    // staff1 is not a sysadmin: no 管理 entry.
    expect(await page.getByRole('navigation').getByRole('link', { name: '管理' }).count()).toBe(0);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login/);
    // The session is really gone: a protected page sends us back to /login.
    await page.goto('/cars');
    await page.waitForURL(/\/login/);
    await context.close();
  });

  it('should show an error and stay on the login page when the password is wrong', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'staff1', 'wrong-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('ユーザー名またはパスワードが正しくありません');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('should let admin1 open the user administration page', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'admin1');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('navigation').getByRole('link', { name: '管理' }).click();
    await page.waitForURL(/\/admin/);
    await context.close();
  });
});
