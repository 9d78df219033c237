import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { allowedNext } from '../../src/cases/case-state.js';
import { csv, tenderRows } from '../support/fixtures.js';
import { usersService } from '../support/services.js';
import type { TestApp } from '../support/test-app.js';
import { openPage, shot, waitShown, type WatchedPage } from './browser.js';
import { startSeededConsole } from './seeded-console.js';

/**
 * The inspectors' console in a real browser (Debian's Chromium through playwright-core) against the real app on a
 * real port, over the seed city imported through the API, detected and turned into cases by the BullMQ worker.
 */

/** Until app.module.ts lists WebModule, the test adds it (same module, same app otherwise); afterwards a no-op. */
const USERS: [string, 'importer' | 'inspector' | 'supervisor' | 'auditor' | 'admin', string?][] = [
  ['王录入', 'importer'],
  ['李检查', 'inspector'],
  ['张科长', 'supervisor'],
  ['赵审计', 'auditor'],
];

let t: TestApp;
let base = '';
let browser: Browser;
const opened: WatchedPage[] = [];

beforeAll(async () => {
  ({ t, base, browser } = await startSeededConsole({ users: USERS, importer: '王录入', kinds: ['bids', 'contracts', 'attendance'] }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

afterEach(() => {
  // Every page must have run without a script error, a console error or a failed console asset.
  const problems = opened.splice(0).flatMap((p) => p.problems);
  expect(problems).toEqual([]);
});

function as(who: string): { Authorization: string } {
  return { Authorization: `Bearer ${t.keys[who]}` };
}

async function apiGet<T = any>(who: string, path: string): Promise<T> {
  const res = await request(t.server).get(path).set(as(who));
  expect(res.status).toBe(200);
  return res.body as T;
}

async function newPage(): Promise<Page> {
  const w = await openPage(browser, base);
  opened.push(w);
  return w.page;
}

/** The watched page behind a Playwright page, for waits that explain themselves. */
const watched = (page: Page): WatchedPage => opened.find((w) => w.page === page)!;

/**
 * Signs in; with a hash, through the sign-in page's own `next`, so the console goes there once the key is accepted
 * (a page.goto after sign-in could race the console's own move to its default page and lose).
 */
async function signIn(page: Page, who: string, hash = ''): Promise<void> {
  await page.goto(hash ? `/console/#/login?next=${encodeURIComponent(hash.replace(/^#\//, ''))}` : '/console/');
  await page.fill('#api-key', t.keys[who]!);
  await page.click('#login-submit');
  await page.locator('[data-testid=user]').waitFor();
  if (hash) expect(new URL(page.url()).hash).toBe(hash);
}

const rowIds = (page: Page) => page.$$eval('table.cases tbody tr', (trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))));
const waitTotal = (page: Page, total: number) => page.locator('[data-testid=case-total]', { hasText: `共 ${total} 件` }).waitFor();

describe('inspectors’ console in Chromium', () => {
  it('signs in with an API key, shows who is signed in and the pages of the role, and signs out', async () => {
    const page = await newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/console/');
    await page.locator('#api-key').waitFor();
    await shot(page, '01-login');

    await page.fill('#api-key', 'bw_not-a-key');
    await page.click('#login-submit');
    await page.locator('#login-error', { hasText: '密钥无效' }).waitFor();

    await page.fill('#api-key', t.keys['李检查']!);
    await page.click('#login-submit');
    const user = page.locator('[data-testid=user]');
    await user.waitFor();
    expect(await user.textContent()).toContain('李检查');
    expect(await user.textContent()).toContain('监督检查员');
    expect(await page.$$eval('.nav a', (as) => as.map((a) => a.textContent))).toEqual(['案件', '招标人与代理', '下浮率报告']);
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('bidwatch.apiKey'))).toBe(t.keys['李检查']);

    await page.click('text=退出');
    await page.locator('#api-key').waitFor();
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('bidwatch.apiKey'))).toBeNull();
  }, 60_000);

  it('filters, sorts and pages the case list and counts cases per status', async () => {
    const page = await newPage();
    await signIn(page, '张科长');
    await page.locator('table.cases tbody tr').first().waitFor();
    const open = await apiGet('张科长', '/api/cases?status=open&page_size=50');
    await waitTotal(page, open.total);
    for (const [status, n] of Object.entries(open.countsByStatus as Record<string, number>)) {
      expect(await page.textContent(`[data-status=${status}] .count`)).toBe(String(n));
    }
    expect(await rowIds(page)).toEqual(open.items.map((c: { id: number }) => c.id));
    await shot(page, '02-cases');

    await page.selectOption('#f-kind', 'site_check');
    const site = await apiGet('张科长', '/api/cases?status=open&kind=site_check&page_size=50');
    await waitTotal(page, site.total);
    expect(site.total).toBeGreaterThan(0);
    expect(await page.$$eval('table.cases tbody tr .kind-site_check', (els) => els.length)).toBe(site.items.length);
    expect(page.url()).toContain('kind=site_check');

    const district = site.items[0].district as string;
    await page.selectOption('#f-district', district);
    const inDistrict = await apiGet('张科长', `/api/cases?status=open&kind=site_check&district=${encodeURIComponent(district)}&page_size=50`);
    await waitTotal(page, inDistrict.total);
    expect(await rowIds(page)).toEqual(inDistrict.items.map((c: { id: number }) => c.id));

    await page.click('button:has-text("清除")');
    await page.selectOption('#f-priority', '2');
    await page.selectOption('#f-sort', 'due');
    const p2 = await apiGet('张科长', '/api/cases?status=open&priority=2&sort=due&page_size=50');
    await waitTotal(page, p2.total);
    expect(await rowIds(page)).toEqual(p2.items.map((c: { id: number }) => c.id));

    const due = p2.items.at(-1).due_at.slice(0, 10);
    await page.fill('#f-due', due);
    await page.click('button:has-text("筛选")');
    const before = await apiGet('张科长', `/api/cases?status=open&priority=2&sort=due&due_before=${due}&page_size=50`);
    await waitTotal(page, before.total);
    expect(await rowIds(page)).toEqual(before.items.map((c: { id: number }) => c.id));

    await page.click('button:has-text("清除")');
    await page.click('[data-status=all]');
    await page.selectOption('#f-page-size', '25');
    const page1 = await apiGet('张科长', '/api/cases?page_size=25&page=1');
    const page2 = await apiGet('张科长', '/api/cases?page_size=25&page=2');
    await page.locator('[data-testid=case-total]', { hasText: `第 1 / ${Math.ceil(page1.total / 25)} 页` }).waitFor();
    await page.click('button[aria-label=下一页]');
    await page.locator('[data-testid=case-total]', { hasText: '第 2 /' }).waitFor();
    expect(await rowIds(page)).toEqual(page2.items.map((c: { id: number }) => c.id));
  }, 90_000);

  it('claims a case from the list, walks it through the allowed transitions and shows every step in the audit trail', async () => {
    const page = await newPage();
    await signIn(page, '李检查', '#/cases?kind=low_bid');
    const claimable = page.locator('table.cases tbody tr').filter({ has: page.locator('[data-claim]') }).first();
    await claimable.waitFor();
    const id = Number(await claimable.getAttribute('data-id'));
    await claimable.locator('[data-claim]').click();
    await page.locator('.toast-ok', { hasText: `已认领案件 #${id}` }).waitFor();
    await page.locator(`tr[data-id="${id}"] .badge`, { hasText: '已指派' }).waitFor();
    expect(await apiGet('李检查', `/api/cases/${id}`)).toMatchObject({ status: 'assigned', assignee_name: '李检查' });

    await page.click(`tr[data-id="${id}"] a.case-link`);
    await waitShown(watched(page), '[data-testid=case-actions]');
    const offered = async () => (await page.$$eval('[data-to]', (bs) => bs.map((b) => b.getAttribute('data-to')))).sort();
    expect(await offered()).toEqual([...allowedNext('assigned')].sort());

    await page.click('[data-to=investigating]');
    await page.click('[data-testid=transition-submit]');
    await page.locator('[data-testid=case-status]', { hasText: '调查中' }).waitFor();
    expect(await offered()).toEqual([...allowedNext('investigating')].sort());

    // Closing needs a note: the console says so and sends nothing.
    let transitions = 0;
    page.on('request', (r) => {
      if (r.url().endsWith(`/api/cases/${id}/transition`)) transitions++;
    });
    await page.click('[data-to=closed_confirmed]');
    await page.click('[data-testid=transition-submit]');
    await page.locator('.transition-form .form-error', { hasText: '请填写说明' }).waitFor();
    expect(transitions).toBe(0);
    expect((await apiGet('李检查', `/api/cases/${id}`)).status).toBe('investigating');

    await page.fill('#transition-note', '中标人不能说明报价构成，主要材料价格明显低于市场价');
    await page.fill('#transition-outcome', '移送行政处罚');
    await page.click('[data-testid=transition-submit]');
    await page.locator('[data-testid=case-status]', { hasText: '已结案（属实）' }).waitFor();
    expect(transitions).toBe(1);
    expect(await offered()).toEqual(['triaged']);

    await page.press('body', 'n');
    await page.fill('#note-text', '已约谈中标人并调取投标文件');
    await page.press('#note-text', 'Control+Enter');
    await page.locator('[data-testid=history] li[data-action=note]', { hasText: '已约谈中标人并调取投标文件' }).waitFor();

    const shown = (await page.$$eval('[data-testid=history] li', (lis) => lis.map((li) => li.getAttribute('data-action')))).reverse();
    const events = await apiGet('李检查', `/api/cases/${id}/events`);
    expect(shown).toEqual(events.map((e: { action: string }) => e.action));
    expect(shown.filter((a) => !['evidence_updated', 'reminder', 'escalated'].includes(a!))).toEqual(['opened', 'routed', 'claimed', 'transition', 'transition', 'note']);
    const closing = page.locator('[data-testid=history] li[data-action=transition]').first();
    expect(await closing.textContent()).toContain('调查中 → 已结案（属实）');
    expect(await closing.textContent()).toContain('主要材料价格明显低于市场价');
    expect(await closing.textContent()).toContain('结论：移送行政处罚');
    // The audit trail shows that it verifies against the hash chain (issue 14).
    await page.locator('[data-testid=audit-verify][data-state=ok]', { hasText: '校验通过' }).waitFor();
    await shot(page, '03-case-low-bid', { full: true, maxHeight: 2200 });
  }, 90_000);

  it('draws each kind of evidence: bids against the peer band, the ring graph with its 第四十条 links, the site attendance', async () => {
    const page = await newPage();
    await signIn(page, '张科长');

    const low = (await apiGet('张科长', '/api/cases?kind=low_bid&status=new&page_size=1')).items[0];
    const code = String(low.subject_id).split('/')[0]!;
    const tender = await apiGet('张科长', `/api/tenders/${code}`);
    await page.goto(`/console/#/cases/${low.id}`);
    await page.locator('[data-testid=bids-chart] svg').waitFor();
    expect(await page.$$eval('.chart-bids .bid-row', (rows) => rows.length)).toBe(tender.bids.filter((b: { discount_rate: unknown }) => b.discount_rate !== null).length);
    for (const part of ['.band-outer', '.band-inner', '.median', '.fence', '.pt-winner']) expect(await page.$$eval(`.chart-bids ${part}`, (els) => els.length)).toBeGreaterThan(0);
    expect(await page.$$eval('table.bids tbody tr', (rows) => rows.length)).toBe(tender.bids.length);

    const rigging = (await apiGet('张科长', '/api/cases?kind=rigging&page_size=1')).items[0];
    expect(rigging).toBeDefined();
    const ringCase = await apiGet('张科长', `/api/cases/${rigging.id}`);
    const graph = await apiGet('张科长', `/api/rings/${ringCase.evidence.ring.id}/graph`);
    await page.goto(`/console/#/cases/${rigging.id}`);
    await page.locator('[data-testid=ring-graph] svg').waitFor();
    expect(await page.$$eval('.ring-graph .node', (n) => n.length)).toBe(ringCase.evidence.ring.members.length);
    const a40 = graph.edges.filter((e: { a40: unknown }) => e.a40);
    expect(await page.$$eval('.ring-graph .edge', (n) => n.length)).toBe(graph.edges.length);
    expect(await page.$$eval('.ring-graph .edge-a40', (n) => n.length)).toBe(a40.length);
    if (a40.length) {
      const labels = await page.$$eval('.ring-graph .a40-label text', (ts) => ts.map((x) => x.textContent));
      expect(labels.length).toBe(a40.length);
      expect(labels.every((l) => /^40条(\([一二三四五六]\)(\/\([一二三四五六]\))?)+ · \d+$/.test(l ?? ''))).toBe(true);
    }
    await shot(page, '04-case-rigging', { full: true, maxHeight: 2000 });

    const site = (await apiGet('张科长', '/api/cases?kind=site_check&page_size=50')).items.find((c: { subject_type: string }) => c.subject_type === 'tender');
    const attendance = await apiGet('张科长', `/api/tenders/${site.subject_id}/attendance`);
    expect(JSON.stringify(attendance)).not.toMatch(/[0-9a-f]{32,}/);
    await page.goto(`/console/#/cases/${site.id}`);
    await page.locator('[data-testid=attendance] .echart svg').first().waitFor();
    expect(await page.$$eval('[data-testid=attendance] .echart', (n) => n.length)).toBe(2);
    const refs = await page.$$eval('[data-testid=attendance] table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(refs.filter((r) => /^[0-9a-f]{8}…$/.test(r ?? '')).length).toBe(attendance.persons.length);
    // Person hashes appear only as 8-character prefixes, even inside the opened evidence.
    await page.$$eval('details', (ds) => ds.forEach((d) => ((d as any).open = true)));
    expect(await page.textContent('body')).not.toMatch(/[0-9a-f]{32,}/);
    await shot(page, '05-case-site-check', { full: true, maxHeight: 2400 });
  }, 90_000);

  it('names every code in Chinese, explains the scores, and keeps English behind the 中文/English switch', async () => {
    const page = await newPage();
    await signIn(page, '张科长');
    const visible = () => page.evaluate(() => (globalThis as any).document.body.innerText as string);
    // What a developer would see: snake_case codes, peer-group keys, the levels and bases of the evidence JSON.
    const RAW = /\b[a-z]+(?:_[a-z0-9]+)+\b|\||\b(?:full|no_band|bid_pm|any_present|soft2)\b/;
    const openAll = () => page.$$eval('details', (ds) => ds.forEach((d) => ((d as any).open = true)));
    // For each kind a case whose evidence carries the codes the issue named, so that their absence means something.
    const wanted: Record<string, RegExp> = { low_bid: /lowest_evaluated_price/, site_check: /"bid_pm"[\s\S]*"any_present"|"any_present"[\s\S]*"bid_pm"/, rigging: /"soft2"|"hard"/, post_award: /"rule"/ };
    for (const kind of ['low_bid', 'site_check', 'rigging', 'post_award']) {
      const list = (await apiGet('张科长', `/api/cases?kind=${kind}&page_size=50`)).items as { id: number }[];
      let c: { id: number } | undefined;
      for (const item of list) {
        if (wanted[kind]!.test(JSON.stringify((await apiGet('张科长', `/api/cases/${item.id}`)).evidence))) {
          c = item;
          break;
        }
      }
      expect({ kind, found: !!c }).toEqual({ kind, found: true });
      await page.goto(`/console/#/cases/${c!.id}`);
      await page.locator('#flags .card-body').waitFor();
      await page.locator('#tender table.bids, #tender .empty').first().waitFor();
      const more = page.locator('#flags button', { hasText: '显示其余' });
      if (await more.count()) await more.click();
      await openAll();
      const text = await visible();
      expect({ kind, raw: text.match(RAW)?.[0] ?? null }).toEqual({ kind, raw: null });
      expect(text).not.toMatch(/\(routed by district|\(a reason to review/);
    }

    // The low-bid case: its peer group in words, the scores and ALB's ratios explained.
    const low = (await apiGet('张科长', '/api/cases?kind=low_bid&page_size=1')).items[0];
    const detail = await apiGet('张科长', `/api/cases/${low.id}`);
    const alb = detail.evidence.flags.find((f: { detector: string; evidence: { peer: unknown } }) => f.detector === 'ALB' && f.evidence.peer);
    await page.goto(`/console/#/cases/${low.id}`);
    await page.locator('[data-metric=low_bid_score] .help-line').waitFor();
    expect(await page.textContent('[data-metric=low_bid_score] .help-line')).toContain('异常低价分（0–1');
    expect(await page.textContent('[data-metric=collusion_score] .help-line')).toContain('围标串标风险分（0–1');
    expect(await page.getAttribute('.flag .score', 'title')).toMatch(/不是违法|T1–T3/);
    await openAll();
    if (alb) {
      const key = alb.evidence.peer.key as string;
      const years = /^(\d{4})-(\d{4})\|/.exec(key);
      const peerText = await page.locator('.code-name', { hasText: '·' }).first().innerText();
      if (years) expect(peerText).toContain(`年份 ${years[1]}–${years[2]}`);
      expect(peerText).not.toContain('|');
      for (const r of ['r1', 'r2', 'r3']) expect(await page.getAttribute(`th[title="${r}"] .has-help`, 'title')).toMatch(/^T[123] 的比例/);
    }

    // English behind the switch: glosses and codes appear, the choice survives a reload, and 中文 hides them again.
    expect(await page.evaluate(() => (globalThis as any).document.body.classList.contains('lang-en'))).toBe(false);
    await page.click('[data-testid=lang-switch] [data-lang=en]');
    expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('bidwatch.lang'))).toBe('en');
    await page.reload();
    await page.locator('#flags .card-body').waitFor();
    await openAll();
    expect(await page.evaluate(() => (globalThis as any).document.body.classList.contains('lang-en'))).toBe(true);
    const english = await visible();
    expect(english).toMatch(/\(routed by district/);
    if (alb) expect(english).toContain(alb.evidence.peer.key);
    await shot(page, '08-case-english', { full: true, maxHeight: 2400 });
    await page.click('[data-testid=lang-switch] [data-lang=zh]');
    expect((await visible()).match(RAW)).toBeNull();
  }, 120_000);

  it('counts who sees a case now, city-wide inspectors included, beside the routing record', async () => {
    const page = await newPage();
    const c = (await apiGet('张科长', '/api/cases?page_size=1')).items[0];
    const routed = (await apiGet('张科长', `/api/cases/${c.id}/events`)).find((e: { action: string }) => e.action === 'routed');
    await usersService(t.db.ds).create('全市新检查员', 'inspector', null);
    const now = await apiGet('张科长', `/api/cases/${c.id}/audience`);
    expect(now.cityWideInspectors).toBe(routed.details.cityWideInspectors + 1);
    expect(now.inspectors).toBe(routed.details.inspectors + 1);
    await signIn(page, '张科长', `#/cases/${c.id}`);
    await waitShown(watched(page), '[data-testid=case-actions]');
    const line = page.locator('[data-testid=history] li[data-action=routed] [data-testid=audience-now]');
    await line.waitFor();
    expect(await line.textContent()).toContain(`现在可见：${now.inspectors} 名检查员`);
    expect(await page.textContent('[data-testid=history] li[data-action=routed] .ev-note')).toContain(`立案时 ${routed.details.inspectors} 名检查员可见`);
  }, 60_000);

  it('fits the bids table, 保证金账户 included, in a 1440 px window', async () => {
    const page = await newPage();
    await signIn(page, '张科长');
    const rigging = (await apiGet('张科长', '/api/cases?kind=rigging&page_size=1')).items[0];
    await page.goto(`/console/#/cases/${rigging.id}`);
    await page.locator('#tender table.bids').waitFor();
    const fit = await page.$eval('#tender table.bids', (table: any) => {
      const wrap = table.parentElement;
      const th = Array.from(table.querySelectorAll('th')).find((x: any) => x.textContent.includes('保证金账户')) as any;
      return { th: !!th, right: th?.getBoundingClientRect().right ?? 0, wrapRight: wrap.getBoundingClientRect().right, scroll: wrap.scrollWidth, width: wrap.clientWidth, viewport: (globalThis as any).innerWidth };
    });
    expect(fit.th).toBe(true);
    expect(fit.scroll).toBeLessThanOrEqual(fit.width + 1);
    expect(fit.right).toBeLessThanOrEqual(Math.min(fit.wrapRight, fit.viewport) + 1);
    await page.locator('#tender table.bids').scrollIntoViewIfNeeded();
    await shot(page, '09-bids-table-1440');
  }, 60_000);

  it('shows cases read-only to the auditor', async () => {
    const page = await newPage();
    const c = (await apiGet('赵审计', '/api/cases?status=new&page_size=1')).items[0];
    await signIn(page, '赵审计', `#/cases/${c.id}`);
    await waitShown(watched(page), '[data-testid=case-actions]', { hasText: '只读' });
    expect(await page.$$eval('[data-to], [data-action=claim], #note-text', (els) => els.length)).toBe(0);
    await page.goto('/console/#/cases');
    await page.locator('table.cases tbody tr').first().waitFor();
    expect(await page.$$eval('[data-claim]', (els) => els.length)).toBe(0);
  }, 60_000);

  it('lets a clerk upload a file, watch the import, see it was partial, and read the real error first with the rows it took out folded under it', async () => {
    const page = await newPage();
    await signIn(page, '王录入');
    expect(new URL(page.url()).hash).toBe('#/imports');
    expect(await page.$$eval('.nav a', (as) => as.map((a) => a.textContent))).toEqual(['数据导入']);
    // One bad row in the middle of a tender of four: the other three are refused with it.
    const bad = tenderRows('E2E-BAD-1', 4, {}, 950);
    bad[2]!.bid_price = '十二万';
    const body = csv([...tenderRows('E2E-OK-1', 3, {}, 900), ...bad]);
    await page.check('input[name=kind][value=bids]');
    await page.setInputFiles('#import-file', { name: '投标记录-有错误.csv', mimeType: 'text/csv', buffer: Buffer.from(body) });
    await page.locator('.file-name', { hasText: '投标记录-有错误.csv' }).waitFor();
    await page.click('#import-submit');
    await page.locator('#result [data-testid=import-status][data-status=succeeded]').waitFor({ timeout: 60_000 });
    const id = Number(new URL(page.url()).hash.split('/')[2]);
    const summary = await apiGet('王录入', `/api/imports/${id}`);
    expect(summary).toMatchObject({ rowsRead: 7, accepted: 3, rejected: 4, fileName: '投标记录-有错误.csv' });

    // Not a green 已完成: partial, with both counts.
    const status = page.locator('#result [data-testid=import-status]');
    expect(await status.getAttribute('data-outcome')).toBe('partial');
    expect(await status.textContent()).toBe('部分导入：3 行已导入，4 行被拒');

    // The real error (line 7, bid_price) comes first; the three cascaded rows sit under it, not as errors of their own.
    const rows = await page.$$eval('table.rejects tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll(':scope > td')).map((td: any) => td.firstChild?.innerText ?? td.firstChild?.textContent ?? '')));
    const cause = summary.errors.find((e: { line: number }) => e.line === 7);
    expect(cause.column).toBe('bid_price');
    expect(rows).toEqual([['7', 'bid_price', cause.message.replace(/\s*\([^()]*[a-z]{3,}[^()]*\)/g, '')]]);
    const cascaded = page.locator('table.rejects [data-testid=cascaded]');
    expect(await cascaded.locator('summary').textContent()).toBe('因此同一标段（E2E-BAD-1）另有 3 行一并未导入');
    await cascaded.locator('summary').click();
    expect(await cascaded.textContent()).toContain('第 5、6、8 行');
    expect(await page.textContent('[data-testid=rejects-gist]')).toContain('1 行有错误；另有 3 行本身无误');
    expect(await page.textContent('.stat-bad')).toContain('4');

    // The history lists it, partial too, and opens it.
    const listed = await apiGet('王录入', '/api/imports?page_size=20');
    const historyRow = page.locator(`[data-testid=import-history] tr[data-id="${id}"]`);
    await historyRow.waitFor();
    expect(await page.$$eval('[data-testid=import-history] tbody tr', (trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))))).toEqual(listed.items.map((r: { importId: number }) => r.importId));
    expect(await historyRow.locator('[data-testid=import-status]').getAttribute('data-outcome')).toBe('partial');
    const earlier = listed.items.find((r: { importId: number; rejected: number }) => r.importId !== id && r.rejected === 0);
    expect(await page.getAttribute(`[data-testid=import-history] tr[data-id="${earlier.importId}"] [data-testid=import-status]`, 'data-outcome')).toBe('complete');
    await shot(page, '06-imports', { full: true, maxHeight: 1800 });
    await page.click(`[data-testid=import-history] tr[data-id="${earlier.importId}"] a`);
    await page.locator(`#result [data-testid=import-status][data-outcome=complete]`).waitFor();
  }, 90_000);

  it('opens the 下浮率 report with its charts, table and downloads (or says the report service is unavailable)', async () => {
    const page = await newPage();
    const probe = await request(t.server).get('/api/reports/discount-trend?from=2019&to=2025&format=json').set(as('张科长'));
    await signIn(page, '张科长', '#/reports?from=2019&to=2025');
    if (probe.status === 404) {
      console.warn('GET /api/reports/discount-trend is not wired yet: checking the console’s 报告服务不可用 message only');
      await page.locator('[data-testid=report-unavailable]', { hasText: '报告服务不可用' }).waitFor();
      await shot(page, '07-report-unavailable');
      return;
    }
    expect(probe.status).toBe(200);
    await page.locator('#report-table table tbody tr').first().waitFor();
    expect(await page.$$eval('#report-table table tbody tr', (trs) => trs.length)).toBe(probe.body.rows.length);
    await page.locator('#trend .echart svg').waitFor();
    await page.locator('#share .echart svg').waitFor();
    for (const format of ['csv', 'xlsx', 'svg']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=report-downloads] [data-format=${format}]`)]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
      const file = readFileSync((await download.path())!);
      expect(file.length).toBeGreaterThan(100);
      if (format === 'csv') expect(file.toString('utf8')).toMatch(/2019/);
      if (format === 'svg') expect(file.toString('utf8')).toContain('<svg');
      if (format === 'xlsx') expect(file.subarray(0, 2).toString()).toBe('PK');
    }
    await shot(page, '07-report', { full: true, maxHeight: 2000 });
  }, 90_000);

  it('can be worked from the keyboard', async () => {
    const page = await newPage();
    await signIn(page, '张科长');
    await page.locator('table.cases tbody tr').first().waitFor();
    const ids = await rowIds(page);
    await page.press('body', 'j');
    await page.press('body', 'j');
    expect(await page.getAttribute('table.cases tbody tr.selected', 'data-id')).toBe(String(ids[1]));
    await page.press('body', 'Enter');
    await waitShown(watched(page), '[data-testid=case-actions]');
    expect(new URL(page.url()).hash).toBe(`#/cases/${ids[1]}`);
    await page.press('body', 'Escape');
    await page.locator('table.cases tbody tr').first().waitFor();
    await page.press('body', '/');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('f-q');
    await page.press('#f-q', 'Escape');
    await page.press('body', '?');
    await page.locator('#help').waitFor();
    await page.press('body', 'Escape');
    expect(await page.$('#help')).toBeNull();
    await page.press('body', 'g');
    await page.press('body', 'i');
    await page.locator('#result').waitFor();
    expect(new URL(page.url()).hash).toBe('#/imports');
  }, 60_000);
});
