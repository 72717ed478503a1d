import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn } from './support/browser';

const ROOT = path.join(__dirname, '../../..');
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

async function signInAs(page: Page, username: string): Promise<void> {
  await signIn(page, username);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function sleepUntil(ms: number): Promise<void> {
  const wait = ms - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

// One round from start to end in real time: the window closes about a minute and a half after the
// test creates the round, so the test takes two to three minutes.
describe('Car lottery (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should let staff apply with ranked choices, an admin drive the round to the draw, and staff confirm the win and check the draw record', async () => {
    // A one-day period five days ahead: before the demo round's period and away from the cars test's day.
    const date = tokyoDatePlus(5);
    const [, month, day] = date.split('-').map(Number);
    const now = Date.now();
    const opensAt = now - 10 * 60_000;
    // Whole minutes (the form's resolution), at least 90 s from now: time for staff1 to apply.
    const closesAt = Math.ceil((now + 90_000) / 60_000) * 60_000;
    const confirmBy = closesAt + 3 * 3_600_000;

    // --- garage1 creates the round by hand and opens it.
    const admin = await newPage(browser);
    const a = admin.page;
    // No screen may throw (a broken chart or a bad date would show up here first).
    const pageErrors: string[] = [];
    a.on('pageerror', (e) => pageErrors.push(`admin: ${e.message}`));
    await signInAs(a, 'garage1');
    await a.goto('/cars/admin/lottery');
    await a.getByRole('heading', { name: '抽選ラウンド', level: 1 }).waitFor();
    const form = a.getByRole('form', { name: '抽選ラウンドの作成' });
    await form.getByRole('combobox', { name: '車両プール' }).selectOption({ label: '勝山地下駐車場 共用車' });
    await form.getByLabel('対象期間の初日').fill(date);
    await form.getByLabel('対象期間の最終日').fill(date);
    await form.getByLabel('受付開始').fill(tokyoLocal(opensAt));
    await form.getByLabel('申込締切').fill(tokyoLocal(closesAt));
    await form.getByLabel('抽選日時').fill(tokyoLocal(closesAt));
    await form.getByLabel('当選確定期限').fill(tokyoLocal(confirmBy));
    await form.getByLabel('先着予約の開始').fill(tokyoLocal(confirmBy));
    await form.getByRole('button', { name: 'ラウンドを作成' }).click();
    await a.waitForURL(/\/cars\/admin\/lottery\/[0-9a-f-]{36}$/);
    const roundId = new URL(a.url()).pathname.split('/').pop()!;
    await a.getByRole('heading', { name: new RegExp(`抽選ラウンドの運営: .*${month}月${day}日`), level: 1 }).waitFor();

    // The worker's tick may open it first; the button runs whatever is due either way.
    await a.getByRole('button', { name: '期限到来分の処理を実行' }).click();
    await a.getByText('申込受付中', { exact: true }).first().waitFor();

    // The external random value, fixed before the draw (asked twice: it cannot be changed).
    const external = `宝くじ 第9999回 1等 01組 123456（e2e ${roundId.slice(0, 8)}）`;
    await a.getByLabel('外部乱数値').fill(external);
    await a.getByRole('button', { name: '外部乱数値を確定する' }).click();
    const dialog = a.getByRole('dialog', { name: '外部乱数値の確定' });
    await dialog.getByRole('button', { name: '外部乱数値を確定する' }).click();
    await dialog.waitFor({ state: 'detached' });
    await a.getByText(external).waitFor();

    // --- staff1 finds the round under 抽選申込 and applies with two ranked choices.
    const staff = await newPage(browser);
    const s = staff.page;
    s.on('pageerror', (e) => pageErrors.push(`staff: ${e.message}`));
    await signInAs(s, 'staff1');
    await s.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '公用車' }).click();
    await s.getByRole('navigation', { name: '公用車メニュー' }).getByRole('link', { name: '抽選申込' }).click();
    await s.getByRole('heading', { name: '抽選申込', level: 1 }).waitFor();
    const card = s.getByRole('region', { name: new RegExp(`勝山地下駐車場 共用車 \\d{4}年${month}月${day}日\\(.\\)の抽選`) });
    await card.getByText('申込受付中').waitFor();
    await card.getByRole('link', { name: '申込・申込内容の確認' }).click();
    await s.waitForURL(new RegExp(`/cars/lottery/${roundId}$`));
    await s.getByRole('link', { name: '新しく申し込む' }).click();
    await s.getByRole('heading', { name: '抽選の申込', level: 1 }).waitFor();

    const first = s.getByRole('group', { name: '第1希望' });
    await first.getByRole('combobox', { name: '車種' }).selectOption('regular');
    await first.getByLabel('出発予定').fill(`${date}T10:00`);
    await first.getByLabel('帰庁予定').fill(`${date}T12:00`);
    await s.getByRole('button', { name: '第2希望を追加' }).click();
    const second = s.getByRole('group', { name: '第2希望' });
    await second.getByRole('combobox', { name: '車種' }).selectOption('kei');
    await second.getByLabel('出発予定').fill(`${date}T13:00`);
    await second.getByLabel('帰庁予定').fill(`${date}T15:00`);
    const purpose = `抽選の現地確認（e2e ${roundId.slice(0, 8)}）`;
    await s.getByLabel('用務').fill(purpose);
    await s.getByLabel('行先').fill('響灘ビオトープ（若松区）');
    // Four passengers fit a regular car but not a kei car (4 seats with the driver): the API refuses
    // the entry and the form shows its message, keeping everything typed.
    await s.getByLabel('同乗者数').fill('4');
    await s.getByRole('button', { name: '申し込む', exact: true }).click();
    const refusal = s.getByRole('alert').filter({ hasText: '申し込めませんでした' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('乗車定員（4人）を超えています。');
    expect(new URL(s.url()).pathname).toBe(`/cars/lottery/${roundId}/new`);
    await s.getByLabel('同乗者数').fill('1');
    await s.getByRole('button', { name: '申し込む', exact: true }).click();

    await s.waitForURL(new RegExp(`/cars/lottery/${roundId}$`));
    await s.getByRole('status').filter({ hasText: `申し込みました: ${purpose}` }).waitFor();
    const entry = s.getByRole('row').filter({ hasText: purpose });
    await entry.getByText('抽選待ち').waitFor();
    expect(await entry.textContent()).toContain('第1希望: 普通車');
    expect(await entry.textContent()).toContain('10:00〜12:00');
    expect(await entry.textContent()).toContain('第2希望: 軽自動車');
    expect(Date.now()).toBeLessThan(closesAt);

    // --- after the close, garage1 runs the due steps: freeze, draw, publish.
    await sleepUntil(closesAt + 2_000);
    await a.getByRole('button', { name: '期限到来分の処理を実行' }).click();
    await a.getByRole('status').filter({ hasText: /実行|ありませんでした/ }).waitFor();
    await a.reload();
    await a.getByText('当選確定の受付中', { exact: true }).first().waitFor();
    // The dashboard after the draw: one applicant, one win.
    const dashboard = a.getByRole('table', { name: '車種・日ごとの需要と供給' });
    await dashboard.getByRole('row').filter({ hasText: '普通車' }).waitFor();
    await a.getByText('1 / 1', { exact: true }).waitFor();

    // --- staff1 sees the win on the first choice and confirms it.
    await s.reload();
    const won = s.getByRole('row').filter({ hasText: purpose });
    await won.getByText('当選（未確定）').waitFor();
    expect(await won.textContent()).toMatch(/割当車両: 北九州 /);
    expect(await won.textContent()).toContain('第1希望: 普通車・');
    await s.getByRole('note').filter({ hasText: '当選の確定をお願いします' }).waitFor();
    await won.getByRole('button', { name: '当選確定' }).click();
    await s.getByRole('status').filter({ hasText: `当選を確定しました: ${purpose}` }).waitFor();
    await won.getByRole('button', { name: '当選確定' }).waitFor({ state: 'detached' });
    await won.locator('.car-badge', { hasText: /^当選確定$/ }).waitFor();

    // --- the draw page: staff1's key and place, the published values, the ticket table.
    await s.getByRole('link', { name: '抽選記録' }).first().click();
    await s.waitForURL(new RegExp(`/cars/lottery/${roundId}/draw$`));
    await s.getByRole('heading', { name: '抽選記録（公開）', level: 1 }).waitFor();
    const mine = s.getByRole('region', { name: 'あなたの抽選順' });
    await mine.getByText('1人中 1番目').waitFor();
    expect(await mine.textContent()).toContain('1枚（連続落選 0回）');
    expect(await mine.locator('code').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    const evidence = s.getByRole('region', { name: '公開された値' });
    expect(await evidence.textContent()).toContain(external);
    expect(await evidence.textContent()).toContain('担当者が入力した公開乱数');
    const tickets = s.getByRole('table', { name: /抽選券表/ });
    const myRow = tickets.getByRole('row').filter({ hasText: 'あなた' });
    await myRow.waitFor();
    expect((await myRow.getByRole('cell').allTextContents()).slice(-2)).toEqual(['1', '1']);

    // Download the record: the CLI verifier accepts it, and its digest is the one on the page.
    const [download] = await Promise.all([s.waitForEvent('download'), s.getByRole('button', { name: '抽選記録をダウンロード（JSON）' }).click()]);
    expect(download.suggestedFilename()).toBe(`lottery-record-${roundId}.json`);
    const file = await download.path();
    const record = JSON.parse(readFileSync(file, 'utf8')) as { roundId: string; externalValue: string; resultDigest: string; order: string[] };
    expect(record.roundId).toBe(roundId);
    expect(record.externalValue).toBe(external);
    expect(record.order).toHaveLength(1);
    expect(await evidence.textContent()).toContain(record.resultDigest);
    const cli = execFileSync(process.execPath, ['-r', '@swc-node/register', 'tools/lottery-verify.ts', file], { cwd: ROOT, encoding: 'utf8' });
    expect(cli.trim()).toBe(`OK ${record.resultDigest}`);

    // …and the server re-runs it too.
    await s.getByRole('button', { name: 'サーバーで再計算して検証' }).click();
    const ok = s.getByRole('status').filter({ hasText: '検証できました' });
    await ok.waitFor();
    expect(await ok.textContent()).toContain(`OK ${record.resultDigest}`);
    expect(await ok.textContent()).toContain('このシステムに保存された記録と一致します。');

    // The confirmed win is an ordinary booking in 予約一覧.
    await s.getByRole('link', { name: '予約一覧' }).click();
    const booking = s.getByRole('row').filter({ hasText: purpose });
    await booking.waitFor();
    expect(await booking.textContent()).toContain('予約確定');
    expect(await booking.textContent()).toContain('抽選');

    // --- garage1 changes the pool's lottery settings (the cap for rounds created from now on).
    await a.goto('/cars/admin/lottery');
    await a.getByRole('link', { name: '勝山地下駐車場 共用車の設定' }).click();
    await a.getByRole('heading', { name: '抽選の設定値', level: 1 }).waitFor();
    const cap = a.getByLabel('1人あたりの申込上限');
    expect(await cap.inputValue()).toBe('5');
    await cap.fill('6');
    await a.getByRole('button', { name: '保存', exact: true }).click();
    await a.getByRole('status').filter({ hasText: '設定を保存しました。' }).waitFor();
    await a.reload();
    expect(await a.getByLabel('1人あたりの申込上限').inputValue()).toBe('6');

    expect(pageErrors).toEqual([]);
    await staff.context.close();
    await admin.context.close();
  }, 300_000);
});
