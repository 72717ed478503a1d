import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium, with the flags that keep it off the network on these machines (TOOLCHAIN.md). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through the e2e Jest project');
  return url;
}

/** A fresh context (own cookies) in Japanese, at tablet size. */
export async function newPage(browser: Browser, locale: 'ja-JP' | 'en-US' = 'ja-JP'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1024, height: 768 }, baseURL: baseUrl() });
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, username: string, password = 'demo-pass'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}
