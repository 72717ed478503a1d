import type { Browser, Page } from 'playwright-core';
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

/**
 * 空調延長 in the browser: staff1 applies (prefilled from a room booking's link), chief1 (課長)
 * endorses from the approval inbox, ga1 (総務課) approves, and operator1 sees the instruction on the
 * daily operating sheet.
 */
describe('After-hours AC (browser, real api + worker + web)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('should take a request from staff through 課長 and 総務課 to the operator’s sheet', async () => {
    // Two weeks ahead: on time whatever holidays lie between. 18:00–19:30 is on the 30-minute grid
    // on business and closed days alike, so the test does not depend on the calendar.
    const date = tokyoDatePlus(14);

    // --- staff1 opens the form from a room booking's link (zone and time prefilled).
    const staff = (await newPage(browser)).page;
    await signInAs(staff, 'staff1');
    await staff.goto(`/ac/new?zone=3F-east&date=${date}&start=18:00&end=19:30`);
    await staff.getByRole('heading', { name: '空調延長申請', level: 1 }).waitFor();
    await staff.getByText('会議室予約から区域と時間帯を入力しました。').waitFor();
    expect(await staff.getByRole('checkbox', { name: '本庁舎3階 東（3F-east）' }).isChecked()).toBe(true);
    // Live estimate: 1.5 h × ¥30,000 = ¥45,000, and the deadline banner.
    await staff.getByTestId('ac-estimate-total').getByText('合計 1.5 時間・45,000 円').waitFor();
    await staff.getByText(/申請期限: /).waitFor();

    await staff.getByLabel('利用予定人数').fill('15');
    await staff.getByLabel('申請理由（具体的に）').fill('市民説明会のため（執務室温が28℃を超える見込み）');
    await staff.getByLabel('連絡先（内線など）').fill('内線 4321');
    await staff.getByRole('button', { name: '申請する' }).click();
    await staff.waitForURL(/\/ac\/requests\/[0-9a-f-]{36}$/);
    const requestUrl = new URL(staff.url()).pathname;
    const title = staff.getByRole('heading', { name: /^空調延長申請 No\.\d+$/, level: 1 });
    await title.waitFor();
    const heading = (await title.textContent()) ?? '';
    const number = /No\.(\d+)/.exec(heading)?.[1];
    expect(number).toBeDefined();
    await staff.getByTestId('ac-status').getByText('課長決裁待ち').waitFor();

    // --- chief1 finds it in the approval inbox and endorses (課長決裁).
    const chief = (await newPage(browser)).page;
    await signInAs(chief, 'chief1');
    await chief.goto('/ac/inbox');
    await chief.getByRole('heading', { name: '承認待ちの空調延長申請', level: 1 }).waitFor();
    await chief.getByRole('link', { name: `No.${number}`, exact: true }).click();
    await chief.getByRole('button', { name: '課長決裁' }).click();
    await chief.getByTestId('ac-status').getByText('総務課承認待ち').waitFor();

    // --- ga1 (総務課) approves.
    const ga = (await newPage(browser)).page;
    await signInAs(ga, 'ga1');
    await ga.goto('/ac/inbox');
    await ga.getByRole('link', { name: `No.${number}`, exact: true }).click();
    await ga.waitForURL((url) => url.pathname === requestUrl);
    await ga.getByRole('button', { name: '承認', exact: true }).click();
    await ga.getByTestId('ac-status').getByText('承認').waitFor();
    await ga.getByRole('cell', { name: '課長決裁' }).waitFor();

    // --- operator1 sees the instruction on the day's sheet.
    const operator = (await newPage(browser)).page;
    await signInAs(operator, 'operator1');
    await operator.goto(`/ac/operator?date=${date}`);
    await operator.getByRole('heading', { name: '空調運転指示書', level: 1 }).waitFor();
    const row = operator.getByRole('row').filter({ hasText: '3F-east' }).filter({ hasText: `No.${number}` });
    await row.waitFor();
    expect(await row.getByRole('cell', { name: '18:00', exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell', { name: '19:30', exact: true }).count()).toBe(1);
    await operator.getByText(/第\d+版/).waitFor();

    // --- plans change: staff1 cancels the approved extension with a reason; the sheet drops it.
    await staff.reload();
    await staff.getByRole('heading', { name: '承認済みの延長を取り消す' }).waitFor();
    await staff.getByLabel('取消しの理由（必須）').fill('説明会が延期になったため');
    await staff.getByRole('button', { name: '延長を取り消す' }).click();
    await staff.getByText('取り消しました。運転指示書は更新済みです。').waitFor();
    await staff.getByTestId('ac-status').getByText('取消し').waitFor();
    await staff.getByRole('cell', { name: '説明会が延期になったため' }).waitFor();
    await operator.reload();
    await operator.getByRole('heading', { name: '空調運転指示書', level: 1 }).waitFor();
    await operator.getByText(/第\d+版/).waitFor();
    expect(await operator.getByRole('row').filter({ hasText: `No.${number}` }).count()).toBe(0);
  }, 120_000);

  it('should let General Affairs register a building, a floor and a zone with its normal hours and rate', async () => {
    const tag = `${Date.now() % 1_000_000}`;
    const ga = (await newPage(browser)).page;
    await signInAs(ga, 'ga1');
    await ga.goto('/ac/zones');
    await ga.getByRole('heading', { name: '建物・フロア・区域の登録' }).waitFor();

    const building = ga.getByRole('form', { name: '建物を追加' });
    await building.getByLabel('コード').fill(`E2E${tag}`);
    await building.getByLabel('建物名').fill(`別館${tag}`);
    await building.getByRole('button', { name: '建物を追加する' }).click();
    await building.getByText(`登録しました: 別館${tag}`).waitFor();

    const floor = ga.getByRole('form', { name: 'フロアを追加' });
    await floor.getByLabel(/^建物/).click();
    await ga.getByRole('option', { name: `別館${tag}（E2E${tag}）` }).click();
    await floor.getByLabel('フロア名').fill('2階');
    await floor.getByLabel('階（地下は負の数）').fill('2');
    await floor.getByRole('button', { name: 'フロアを追加する' }).click();
    await floor.getByText('登録しました: 2階').waitFor();
    await ga.getByRole('row').filter({ hasText: `E2E${tag}` }).getByText('2階').waitFor();

    const zone = ga.getByRole('form', { name: '区域を追加' });
    await zone.getByLabel(/^建物・フロア/).click();
    await ga.getByRole('option', { name: `別館${tag} 2階` }).click();
    await zone.getByLabel('コード').fill(`2F-${tag}`);
    await zone.getByLabel('区域名').fill(`別館2階${tag}`);
    const business = zone.getByTestId('ac-hours-business');
    await business.getByLabel('終了').fill('18:00');
    const closed = zone.getByTestId('ac-hours-closed');
    await closed.getByLabel('運転する').check();
    await closed.getByLabel('開始').fill('09:00');
    await closed.getByLabel('終了').fill('12:00');
    await zone.getByLabel('単価（円/時）').fill('36000');
    await zone.getByRole('button', { name: '区域を追加する' }).click();
    await zone.getByText(`登録しました: 別館2階${tag}`).waitFor();

    const row = ga.getByRole('row').filter({ hasText: `2F-${tag}` });
    await row.waitFor();
    expect(await row.getByRole('cell', { name: '08:30–18:00', exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell', { name: '09:00–12:00', exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell', { name: '36,000', exact: true }).count()).toBe(1);

    // A duplicate zone code is refused with the coded message, not a crash.
    await zone.getByLabel('コード').fill(`2F-${tag}`);
    await zone.getByLabel('区域名').fill('重複');
    await zone.getByRole('button', { name: '区域を追加する' }).click();
    await zone.getByRole('alert').getByText(/すでに使われています/).waitFor();
  }, 120_000);
});
