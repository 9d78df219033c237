import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { TestApp } from '../support/test-app.js';
import { openPage, shot, waitShown, type WatchedPage } from './browser.js';
import { startSeededConsole } from './seeded-console.js';

/**
 * The 清标 evidence of issue 12 in the console, in Chromium: the seed city with its issue-12 layer (buyer and agency,
 * every fingerprint and the timing, firm relations, BOQ lines) uploaded through the API in all five kinds and
 * detected by the worker; then a BOQSIM pair read side by side, the new findings named in Chinese, and the page of
 * findings by 招标人 and 代理机构.
 */

let t: TestApp;
let base = '';
let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  ({ t, base, browser } = await startSeededConsole({
    users: [['王录入', 'importer'], ['张科长', 'supervisor']],
    importer: '王录入',
    kinds: ['bids', 'contracts', 'attendance', 'firm-relations', 'boq'],
    seed: { issue12: true },
  }));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

afterEach(() => {
  const problems = opened.splice(0).flatMap((p) => p.problems);
  expect(problems).toEqual([]);
});

function as(who: string): { Authorization: string } {
  return { Authorization: `Bearer ${t.keys[who]}` };
}

async function apiGet<T = any>(path: string): Promise<T> {
  const res = await request(t.server).get(path).set(as('张科长'));
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  return res.body as T;
}

async function signedIn(hash: string): Promise<Page> {
  const w = await openPage(browser, base);
  opened.push(w);
  const page = w.page;
  // the sign-in page's own `next`: the console goes there once the key is accepted (no race with its default page)
  await page.goto(`/console/#/login?next=${encodeURIComponent(hash.replace(/^#\//, ''))}`);
  await page.fill('#api-key', t.keys['张科长']!);
  await page.click('#login-submit');
  await page.locator('[data-testid=user]').waitFor();
  expect(new URL(page.url()).hash).toBe(hash);
  return page;
}

/** The watched page behind a Playwright page, for waits that explain themselves. */
const watched = (page: Page): WatchedPage => opened.find((w) => w.page === page)!;
const visible = (page: Page) => page.evaluate(() => (globalThis as any).document.body.innerText as string);
const openAll = (page: Page) => page.$$eval('details', (ds) => ds.forEach((d) => ((d as any).open = true)));
/** What a developer would see: snake_case codes, camelCase evidence keys, the signal and kind codes. */
const RAW = /\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+[A-Z][A-Za-z]*\b|\b(?:same_head|article34|boqsim|r044|timing|buyer|agency|upload|session|price|errors|address|phone)\b/;
/** Every evidence key shown in Chinese: the table headers of the opened flags hold a CJK character (or a USCC). */
const untranslatedKeys = (page: Page) =>
  page.$$eval('.flag-data th', (ths) => ths.map((th) => (th as any).innerText.trim() as string).filter((x) => x && !/[\u4e00-\u9fff]/.test(x) && !/^[0-9A-Z]{18}$/.test(x) && !/^(Q1|Q3|IQR|MAD|HHI)/.test(x)));

describe('issue 12 in the console', () => {
  it('reads a 清单雷同 pair side by side: the flagged pair chosen, the lines BOQSIM counted marked, the counts the flag cites', async () => {
    const flags = (await apiGet('/api/flags?detector=BOQSIM&page_size=50')).items as { tender_code: string; evidence: { pair: [string, string]; identicalPrices: number; comparedItems: number } }[];
    expect(flags.length).toBeGreaterThan(0);
    const f = flags[0]!;
    const [a, b] = f.evidence.pair;
    const cmp = await apiGet(`/api/tenders/${f.tender_code}/boq/compare?a=${a}&b=${b}&marked=1&page_size=2000`);
    expect(cmp.counts).toMatchObject({ identical: f.evidence.identicalPrices, compared: f.evidence.comparedItems });
    expect(cmp.marked.identicalPrice).toBe(f.evidence.identicalPrices);

    const page = await signedIn(`#/tenders/${encodeURIComponent(f.tender_code)}`);
    await waitShown(watched(page), '[data-testid=boq] table.boq-table');
    expect([await page.inputValue('#boq-a'), await page.inputValue('#boq-b')]).toEqual([a, b]);
    expect(await page.isChecked('#boq-marked')).toBe(true);
    const shown = Math.min(cmp.total, 200);
    expect(await page.$$eval('table.boq-table tbody tr', (rs) => rs.length)).toBe(shown);
    const rows = cmp.items.slice(0, shown) as { itemCode: string; marks: string[] }[];
    const priceDups = rows.filter((r) => r.marks.includes('identicalPrice')).length;
    // both unit prices of every identical-price row are marked
    expect(await page.$$eval('table.boq-table tbody td.dup', (tds) => tds.length)).toBeGreaterThanOrEqual(2 * priceDups);
    expect(await page.textContent('.boq-summary')).toContain(`综合单价相同 ${f.evidence.identicalPrices} 项`);
    // The bids table marks red only what A40 cited: each red cell's bidder is in an A40 pair of this tender; a value
    // shared but left out by A40 (a model-level CPU id held market-wide) is grey.
    const tender = await apiGet(`/api/tenders/${f.tender_code}`);
    const a40Firms = new Set((tender.flags as { detector: string; evidence: { pair?: string[] } }[]).filter((x) => x.detector === 'A40').flatMap((x) => x.evidence.pair ?? []));
    const redRows = await page.$$eval('table.bids tbody tr', (trs) => trs.filter((tr) => tr.querySelector('.dup')).map((tr) => tr.getAttribute('data-uscc')));
    for (const u of redRows) expect(a40Firms).toContain(u);
    const shared = new Map<string, number>();
    for (const x of tender.bids as { cpu_serial: string | null }[]) if (x.cpu_serial) shared.set(x.cpu_serial, (shared.get(x.cpu_serial) ?? 0) + 1);
    if ([...shared.values()].some((n) => n > 1) && !redRows.length) expect(await page.locator('table.bids .dup-uncited').count()).toBeGreaterThan(0);
    await shot(page, '20-boq-side-by-side', { full: true, maxHeight: 2400 });

    // all rows, then another pair: the table follows the pickers
    await page.uncheck('#boq-marked');
    const all = await apiGet(`/api/tenders/${f.tender_code}/boq/compare?a=${a}&b=${b}&page_size=1`);
    await page.locator('table.boq-table tbody tr').nth(Math.min(all.total, 200) - 1).waitFor();
    expect(await page.$$eval('table.boq-table tbody tr', (rs) => rs.length)).toBe(Math.min(all.total, 200));
    const bids = (await apiGet(`/api/tenders/${f.tender_code}/boq?page_size=1`)).bids as { bidder_uscc: string }[];
    const other = bids.map((x) => x.bidder_uscc).find((u) => u !== a && u !== b);
    if (other) {
      await page.selectOption('#boq-b', other);
      const c2 = await apiGet(`/api/tenders/${f.tender_code}/boq/compare?a=${a}&b=${other}&page_size=1`);
      await waitShown(watched(page), '.boq-summary', { hasText: `综合单价相同 ${c2.counts.identical} 项` });
      expect(await page.$$eval('table.boq-table tbody tr', (rs) => rs.length)).toBe(Math.min(c2.total, 200));
    }
  }, 120_000);

  it('names the 第三十四条, R044, TIMING and BOQSIM findings and their evidence in Chinese', async () => {
    for (const det of ['A34', 'R044', 'TIMING', 'BOQSIM']) {
      const items = (await apiGet(`/api/flags?detector=${det}&page_size=1`)).items as { tender_code: string }[];
      expect({ det, found: items.length > 0 }).toEqual({ det, found: true });
      const page = await signedIn(`#/tenders/${encodeURIComponent(items[0]!.tender_code)}`);
      await waitShown(watched(page), `#flags .flag[data-detector=${det}] >> nth=0`);
      await openAll(page);
      const text = await visible(page);
      const raw = RAW.exec(text);
      expect({ det, raw: raw ? text.slice(Math.max(0, raw.index - 80), raw.index + 40) : null }).toEqual({ det, raw: null });
      expect({ det, keys: await untranslatedKeys(page) }).toEqual({ det, keys: [] });
      const tag = await page.locator(`#flags .flag[data-detector=${det}] .det`).first().innerText();
      expect(tag).toMatch(/[\u4e00-\u9fff]/);
      if (det === 'A34') expect(text).toContain('第三十四条');
      if (det === 'A34') await shot(page, '21-a34-flag', { full: true, maxHeight: 2400 });
    }
  }, 180_000);

  it('lists findings by 招标人 and by 代理机构, the party’s own indicators under its row', async () => {
    const buyers = await apiGet('/api/findings/by-buyer?page_size=50');
    expect(buyers.total).toBeGreaterThan(0);
    const withOwn = (buyers.items as { uscc: string; ownFlags: { detector: string }[] }[]).find((r) => r.ownFlags.length > 0);
    expect(withOwn).toBeDefined();

    const page = await signedIn('#/parties');
    await waitShown(watched(page), 'table.parties > tbody > tr >> nth=0');
    expect(await page.$$eval('table.parties > tbody > tr', (rs) => rs.length)).toBe(buyers.items.length);
    expect(await page.getAttribute('table.parties > tbody > tr:first-child', 'data-uscc')).toBe(buyers.items[0].uscc);
    const row = page.locator(`table.parties > tbody > tr[data-uscc="${withOwn!.uscc}"]`);
    expect(await row.locator('.own-flag').count()).toBe(withOwn!.ownFlags.length);
    // opened as a reader's click would (a click can land on the sticky top bar when the row scrolls under it)
    await row.locator('.own-flag').first().evaluate((d) => ((d as any).open = true));
    expect(await row.locator('.own-flag .flag').first().isVisible()).toBe(true);
    await openAll(page);
    expect((await visible(page)).match(RAW)).toBeNull();
    expect(await untranslatedKeys(page)).toEqual([]);
    await shot(page, '22-parties-buyer', { full: true, maxHeight: 2400 });

    await page.click('[data-party=agency]');
    await waitShown(watched(page), '[data-party=agency].active');
    const agencies = await apiGet('/api/findings/by-agency?page_size=50');
    await waitShown(watched(page), 'table.parties > tbody > tr >> nth=0');
    expect(await page.$$eval('table.parties > tbody > tr', (rs) => rs.length)).toBe(agencies.items.length);
    expect(await page.locator('nav.nav a[data-nav=parties]').getAttribute('aria-current')).toBe('page');

    // a shared link opened without a session: the sign-in page, then the page the link named
    const w = await openPage(browser, base);
    opened.push(w);
    await w.page.goto('/console/#/parties?party=agency');
    await w.page.locator('#api-key').waitFor();
    await w.page.fill('#api-key', t.keys['张科长']!);
    await w.page.click('#login-submit');
    await waitShown(w, '[data-party=agency].active');
    expect(new URL(w.page.url()).hash).toBe('#/parties?party=agency');
  }, 120_000);
});
