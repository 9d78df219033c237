import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The console's browser tests run Debian's Chromium (never a downloaded browser) through playwright-core.
 * CI installs it (.ci/run); on another machine: apt-get install -y chromium.
 */
export const CHROMIUM = process.env.BIDWATCH_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Refuses to start without the browser or with console scripts older than their sources, saying what to do. */
export function checkPrerequisites(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `浏览器测试需要 Debian 的 Chromium：${CHROMIUM} 不存在。请运行 apt-get install -y chromium（CI 的 .ci/run 会自动安装）。` +
        ` (browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium)`,
    );
  }
  const src = join(ROOT, 'src', 'web', 'client');
  const out = join(ROOT, 'dist', 'src', 'web', 'client');
  const stale = readdirSync(src)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .filter((f) => {
      const js = join(out, f.replace(/\.ts$/, '.js'));
      return !existsSync(js) || statSync(js).mtimeMs < statSync(join(src, f)).mtimeMs;
    });
  if (stale.length) {
    throw new Error(
      `控制台脚本未编译或已过期（${stale.join(', ')}）：请先运行 npm run build。` +
        ` (the console's browser code is served from dist/: run npm run build first)`,
    );
  }
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  page: Page;
  /** Uncaught errors, console errors and 5xx answers seen so far (4xx are the API's own answers, checked by the tests). */
  problems: string[];
  /** Every API answer of 400 and above, kept to explain a page that did not draw. */
  refusals: string[];
}

export async function openPage(browser: Browser, base: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true, baseURL: base });
  const page = await context.newPage();
  const problems: string[] = [];
  const refusals: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A refused request logs "Failed to load resource"; the response handler below judges those.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (r.status() >= 500 || (u.pathname.startsWith('/console/') && r.status() >= 400)) problems.push(`HTTP ${r.status()} ${u.pathname}`);
    if (r.status() >= 400) refusals.push(`HTTP ${r.status()} ${u.pathname}${u.search}`);
  });
  return { page, problems, refusals };
}

/**
 * Waits for an element; on a timeout the error says what the page showed instead, which API answers were
 * refused and which requests never came back, so a failure on a loaded CI machine can be read from its log.
 */
export async function waitShown(w: WatchedPage, selector: string, opts: { hasText?: string; timeout?: number } = {}): Promise<void> {
  const pending = new Set<string>();
  const onRequest = (r: { url(): string }) => pending.add(r.url());
  const onDone = (r: { url(): string }) => pending.delete(r.url());
  w.page.on('request', onRequest);
  w.page.on('requestfinished', onDone);
  w.page.on('requestfailed', onDone);
  try {
    await w.page.locator(selector, opts.hasText ? { hasText: opts.hasText } : {}).waitFor({ timeout: opts.timeout ?? 45_000 });
  } catch (e) {
    const shown = await w.page.evaluate(() => String((globalThis as any).document.querySelector('#main, main')?.innerText ?? '').slice(0, 600)).catch(() => '?');
    throw new Error(
      `${(e as Error).message.split('\n')[0]}\n  url: ${w.page.url()}\n  page shows: ${JSON.stringify(shown)}\n  refused: ${w.refusals.slice(-8).join('; ') || 'none'}\n  still pending: ${[...pending].join('; ') || 'none'}`,
      { cause: e },
    );
  } finally {
    w.page.off('request', onRequest);
    w.page.off('requestfinished', onDone);
    w.page.off('requestfailed', onDone);
  }
}

/** Screenshots go to docs/screenshots with BIDWATCH_UPDATE_SCREENSHOTS=1, else to a temporary folder. */
export const SHOTS = process.env.BIDWATCH_UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(tmpdir(), 'bidwatch-screenshots');

export async function shot(page: Page, name: string, opts: { full?: boolean; maxHeight?: number } = {}): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.evaluate(() => (globalThis as any).document.fonts.ready);
  // Toasts come and go: keep them out of the pictures.
  await page.evaluate(() => (globalThis as any).document.querySelectorAll('.toast').forEach((el: any) => el.remove()));
  if (opts.full) {
    const height: number = await page.evaluate(() => (globalThis as any).document.documentElement.scrollHeight);
    await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1440, height: Math.min(height, opts.maxHeight ?? 2600) } });
  } else {
    await page.screenshot({ path });
  }
  return path;
}
