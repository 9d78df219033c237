import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { writeSeedCity } from '../../seeds/city.js';
import { startTestApp, waitForDetectionOfAllImports, type TestApp, type TestAppOptions } from '../support/test-app.js';
import { checkPrerequisites, launch } from './browser.js';

export interface SeededConsole {
  t: TestApp;
  /** The app's address on its real port. */
  base: string;
  browser: Browser;
}

/**
 * What the console's browser tests start from: the real app with its worker, the seed city written to a temporary
 * folder and uploaded through the API kind by kind by `importer` (each import job waited for), detection of every
 * import done, the app listening on a free port, and Debian's Chromium launched.
 */
export async function startSeededConsole(opts: {
  users: NonNullable<TestAppOptions['users']>;
  importer: string;
  kinds: readonly string[];
  seed?: Parameters<typeof writeSeedCity>[1];
}): Promise<SeededConsole> {
  checkPrerequisites();
  const t = await startTestApp({ users: opts.users });
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-e2e-seed-'));
  await writeSeedCity(dir, opts.seed);
  for (const kind of opts.kinds) {
    const res = await request(t.server)
      .post(`/api/imports?kind=${kind}`)
      .set({ Authorization: `Bearer ${t.keys[opts.importer]}` })
      .set('Content-Type', 'text/csv')
      .send(readFileSync(join(dir, `${kind}.csv`)));
    expect({ kind, status: res.status }).toEqual({ kind, status: 202 });
    await t.waitForJob('import', String(res.body.importId));
  }
  await waitForDetectionOfAllImports(t);
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  return { t, base, browser: await launch() };
}
