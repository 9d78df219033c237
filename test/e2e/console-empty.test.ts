import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { csv, tenderRows, tmpFile } from '../support/fixtures.js';
import { detectionService, importService } from '../support/services.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { checkPrerequisites, launch, openPage, type WatchedPage } from './browser.js';

/**
 * An empty console says why (issue 15 §2): nothing imported, then data imported but never detected (the CLI's
 * import does not detect), then detection that opened no case.
 */
let t: TestApp;
let base = '';
let browser: Browser;
let w: WatchedPage;

beforeAll(async () => {
  checkPrerequisites();
  t = await startTestApp({ users: [['张科长', 'supervisor']] });
  await t.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  browser = await launch();
  w = await openPage(browser, base);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

it('says whether the console is empty for want of data or of detection', async () => {
  const { page } = w;
  await page.goto('/console/');
  await page.fill('#api-key', t.keys['张科长']!);
  await page.click('#login-submit');
  const why = page.locator('[data-testid=why-empty]');
  await why.waitFor();
  expect(await why.getAttribute('data-reason')).toBe('no_data');
  expect(await why.textContent()).toContain('还没有导入数据');

  // Imported the way the CLI does it: no detection follows.
  const file = tmpFile('empty-console.csv', csv(tenderRows('EMPTY-1', 3)));
  expect((await importService(t.db.ds).importFile({ path: file, kind: 'bids', format: 'csv' })).accepted).toBe(3);
  await page.reload();
  await why.waitFor();
  expect(await why.getAttribute('data-reason')).toBe('not_detected');
  expect(await why.textContent()).toContain('已导入 1 个标段，但还没有运行过检测');

  await detectionService(t.db.ds).run({});
  await page.reload();
  await page.locator('[data-testid=case-total]').waitFor();
  const cases = Number((await page.textContent('[data-testid=case-total]'))!.match(/共 (\d+) 件/)![1]);
  if (cases === 0) {
    await why.waitFor();
    expect(await why.getAttribute('data-reason')).toBe('no_cases');
  }
  expect(w.problems).toEqual([]);
}, 90_000);
