/**
 * The annual 下浮率 report end to end over a real PostgreSQL: a tiny fixture (2 years × 3 tenders) whose numbers are
 * computed by hand below, every format, the HTTP route (roles, content types, errors) and the CLI.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';

import { tmpdir } from 'node:os';

import { join } from 'node:path';

import ExcelJS from 'exceljs';
import saxes from 'saxes';
import request from 'supertest';
import { CliContext } from '../src/cli/cli-context.js';

import { reportCommand } from '../src/cli/report.command.js';

import { DIMENSIONS } from '../src/reports/dimensions.js';

import { DiscountTrendService } from '../src/reports/discount-trend.service.js';

import { renderReport } from '../src/reports/render/index.js';

import type { DiscountTrendReport, ReportRow } from '../src/reports/report-types.js';

import { csv, tenderRows, tmpFile, type Row } from './support/fixtures.js';

import { runCli } from './support/run-cli.js';

import { startTestApp, type TestApp } from './support/test-app.js';

import { serviceEnv, withEnv } from './support/test-db.js';
import { importService, discountTrendService } from './support/services.js';


/**
 * Fixture. 下浮率 d = (control − price)/control; W = winner; x = invalid bid.
 *   2023 A building/comprehensive/玉山镇, control 10,000,000: d 0.10 W, 0.08, 0.05
 *   2023 B municipal/reasonable_low_price/周市镇, control 2,000,000: d 0.10, 0.15 W
 *   2023 C building/comprehensive/玉山镇, control 20,000,000: d 0.10, 0.12 W, 0.05, 0.20 x
 *   2024 A building/comprehensive/玉山镇, control 10,000,000: d 0.12 W, 0.10, 0.06
 *   2024 B municipal/reasonable_low_price/周市镇, control 5,000,000: d 0.12, 0.15 W, 0.10, 0.08
 *   2024 C municipal/lowest_evaluated_price/花桥经济开发区, control 800,000: d 0.20 W, 0.15
 */
interface Spec {
  code: string;
  date: string;
  category: string;
  method: string;
  district: string;
  control: number;
  bids: { d: number; win?: boolean; invalid?: boolean }[];
}
const SPECS: Spec[] = [
  { code: 'RPT-23-A', date: '2023-03-01', category: 'building', method: 'comprehensive', district: '玉山镇', control: 10_000_000, bids: [{ d: 0.1, win: true }, { d: 0.08 }, { d: 0.05 }] },
  { code: 'RPT-23-B', date: '2023-06-01', category: 'municipal', method: 'reasonable_low_price', district: '周市镇', control: 2_000_000, bids: [{ d: 0.1 }, { d: 0.15, win: true }] },
  { code: 'RPT-23-C', date: '2023-09-01', category: 'building', method: 'comprehensive', district: '玉山镇', control: 20_000_000, bids: [{ d: 0.1 }, { d: 0.12, win: true }, { d: 0.05 }, { d: 0.2, invalid: true }] },
  { code: 'RPT-24-A', date: '2024-03-01', category: 'building', method: 'comprehensive', district: '玉山镇', control: 10_000_000, bids: [{ d: 0.12, win: true }, { d: 0.1 }, { d: 0.06 }] },
  { code: 'RPT-24-B', date: '2024-06-01', category: 'municipal', method: 'reasonable_low_price', district: '周市镇', control: 5_000_000, bids: [{ d: 0.12 }, { d: 0.15, win: true }, { d: 0.1 }, { d: 0.08 }] },
  { code: 'RPT-24-C', date: '2024-09-01', category: 'municipal', method: 'lowest_evaluated_price', district: '花桥经济开发区', control: 800_000, bids: [{ d: 0.2, win: true }, { d: 0.15 }] },
];

function fixtureCsv(): string {
  const rows: Row[] = [];
  let firm = 0;
  for (const s of SPECS) {
    const base = tenderRows(s.code, s.bids.length, {}, firm);
    s.bids.forEach((b, i) => {
      rows.push({
        ...base[i]!,
        open_date: s.date,
        category: s.category,
        evaluation_method: s.method,
        district: s.district,
        control_price: s.control.toFixed(2),
        bid_price: (s.control * (1 - b.d)).toFixed(2),
        is_winner: b.win ? 'true' : 'false',
        bid_valid: b.invalid ? 'false' : 'true',
        invalid_reason: b.invalid ? '未按要求签章' : '',
        rank: String(i + 1),
      });
    });
    firm += s.bids.length;
  }
  return csv(rows);
}

const REQUIRED = [
  'year', 'dimension', 'value', 'tenders', 'bids', 'winner_discount_median', 'winner_discount_p25', 'winner_discount_p75',
  'bid_discount_median', 'abnormal_bid_share',
] as const;

let t: TestApp;
let service: DiscountTrendService;
const outDir = mkdtempSync(join(tmpdir(), 'bidwatch-report-'));

beforeAll(async () => {
  t = await startTestApp({ worker: false, users: [['importer', 'importer'], ['inspector', 'inspector'], ['auditor', 'auditor'], ['admin', 'admin']] });
  const imports = importService(t.db.ds);
  const s = await imports.importFile({ path: tmpFile('report-fixture.csv', fixtureCsv()), kind: 'bids', format: 'csv' });
  expect(s).toMatchObject({ accepted: 18, rejected: 0 });
  // A detection run that covered 2024 only (2023 has none): ALB flagged 2024 B's winner (4,250,000) and 2024 A's
  // 0.06 bid. So 2024: 2 of 9 valid bids, 1 of 3 winners; 2023: unknown (null).
  const [run] = await t.db.ds.query(
    `INSERT INTO detection_runs (status, settings_hash, full_scope, years, finished_at) VALUES ('succeeded', 'test', false, '{2024}', now()) RETURNING id`,
  );
  const flag = async (code: string, d: number) => {
    const [b] = await t.db.ds.query(
      `SELECT f.uscc FROM bids b JOIN tenders t ON t.id = b.tender_id JOIN firms f ON f.id = b.firm_id
       WHERE t.code = $1 AND b.discount_rate = $2`,
      [code, d],
    );
    await t.db.ds.query(
      `INSERT INTO flags (run_id, detector, version, subject_type, subject_id, tender_code, bidder_uscc, score, severity, explanation, year)
       VALUES ($1, 'ALB', '1.0.0', 'bid', $2, $3, $4, 0.6, 'medium', 'test', 2024)`,
      [run.id, `${code}/${b.uscc}`, code, b.uscc],
    );
  };
  await flag('RPT-24-B', 0.15);
  await flag('RPT-24-A', 0.06);
  service = discountTrendService(t.db.ds);
});
afterAll(async () => t?.close());

const auth = (name: string) => ({ Authorization: `Bearer ${t.keys[name]}` });
const row = (r: DiscountTrendReport, year: number, value = 'all'): ReportRow => {
  const found = [...r.rows, ...r.totals].find((x) => x.year === year && x.value === value);
  if (!found) throw new Error(`no row ${year}/${value}`);
  return found;
};
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('discount-trend report: numbers (hand-computed)', () => {
  it('one `all` row per year without --by, with every contract key', async () => {
    const r = await service.build({ from: 2023, to: 2024, by: null });
    expect(r).toMatchObject({ from: 2023, to: 2024, by: null });
    expect(r.rows.map((x) => [x.year, x.dimension, x.value])).toEqual([[2023, 'all', 'all'], [2024, 'all', 'all']]);
    for (const x of r.rows) for (const k of REQUIRED) expect(x).toHaveProperty(k);
  });

  it('2023: winners 0.10, 0.12, 0.15 → median 0.12, P25 0.11, P75 0.135; 8 valid bids → median 0.10, P25 0.0725, P75 0.105', async () => {
    const r = await service.build({ from: 2023, to: 2024, by: null });
    const y = row(r, 2023);
    expect(y).toMatchObject({ tenders: 3, tenders_awarded: 3, bids: 9, valid_bids: 8 });
    expect(y.winner_discount_median).toBeCloseTo(0.12, 8);
    expect(y.winner_discount_p25).toBeCloseTo(0.11, 8); // 0.10 + 0.5·(0.12 − 0.10)
    expect(y.winner_discount_p75).toBeCloseTo(0.135, 8); // 0.12 + 0.5·(0.15 − 0.12)
    expect(y.winner_discount_mean).toBeCloseTo(0.37 / 3, 8);
    // valid bids sorted: .05 .05 .08 .10 .10 .10 .12 .15 (the invalid 0.20 is left out)
    expect(y.bid_discount_median).toBeCloseTo(0.1, 8);
    expect(y.bid_discount_p25).toBeCloseTo(0.0725, 8); // position 1.75: 0.05 + 0.75·0.03
    expect(y.bid_discount_p75).toBeCloseTo(0.105, 8); // position 5.25: 0.10 + 0.25·0.02
    expect(y.mean_valid_bidders).toBeCloseTo(8 / 3, 6);
    expect(y.winner_minus_bid_median).toBeCloseTo(0.02, 8);
    // no detection run covered 2023
    expect(y.abnormal_bid_share).toBeNull();
    expect(y.abnormal_bids).toBeNull();
    expect(y.winner_discount_median_yoy).toBeNull();
  });

  it('2024: winners 0.12, 0.15, 0.20 → median 0.15 (+3 points on 2023); bids median 0.12; ALB 2/9 bids, 1/3 winners', async () => {
    const r = await service.build({ from: 2023, to: 2024, by: null });
    const y = row(r, 2024);
    expect(y).toMatchObject({ tenders: 3, bids: 9, valid_bids: 9, abnormal_bids: 2, abnormal_winners: 1 });
    expect(y.winner_discount_median).toBeCloseTo(0.15, 8);
    expect(y.winner_discount_p25).toBeCloseTo(0.135, 8);
    expect(y.winner_discount_p75).toBeCloseTo(0.175, 8);
    expect(y.bid_discount_median).toBeCloseTo(0.12, 8);
    expect(y.bid_discount_p25).toBeCloseTo(0.1, 8);
    expect(y.bid_discount_p75).toBeCloseTo(0.15, 8);
    expect(y.abnormal_bid_share).toBeCloseTo(2 / 9, 8);
    expect(y.abnormal_winner_share).toBeCloseTo(1 / 3, 8);
    expect(y.mean_valid_bidders).toBe(3);
    expect(y.winner_discount_median_yoy).toBeCloseTo(0.03, 8);
    expect(y.bid_discount_median_yoy).toBeCloseTo(0.02, 8);
    expect(y.tenders_yoy).toBe(0);
  });

  it('trend per series: two years → S = 1, reported as too few years; decomposition shares add up to R²', async () => {
    const r = await service.build({ from: 2023, to: 2024, by: null });
    const tr = r.trends.find((x) => x.dimension === 'all' && x.metric === 'winner_discount_median')!;
    expect(tr).toMatchObject({ n_years: 2, mk_s: 1, direction: 'insufficient' });
    expect(tr.slope).toBeCloseTo(0.03, 8);
    expect(tr.note).toContain('无法检验');
    const d = r.decomposition!;
    expect(d.tenders).toBe(6);
    expect(d.factors.reduce((s, f) => s + f.share, 0)).toBeCloseTo(d.r2, 6);
    expect(d.sentence_zh).toMatch(/解释了中标下浮率差异的 \d+%/);
    expect(d.caveat_zh).toContain('样本量较少');
    expect(r.summary.some((s) => s.zh.includes('检验效力'))).toBe(true);
    expect(r.notes.some((n) => n.zh.includes('2023'))).toBe(true); // no detection run for 2023
  });

  it('--by category: building 2023 winners 0.10, 0.12 → 0.11, bids → 0.09; municipal 2024 winners 0.15, 0.20 → 0.175', async () => {
    const r = await service.build({ from: 2023, to: 2024, by: 'category' });
    expect(r.by).toBe('category');
    expect(r.rows.every((x) => x.dimension === 'category')).toBe(true);
    expect(r.rows.map((x) => `${x.value}/${x.year}`)).toEqual(['building/2023', 'building/2024', 'municipal/2023', 'municipal/2024']);
    for (const x of r.rows) for (const k of REQUIRED) expect(x).toHaveProperty(k);
    expect(row(r, 2023, 'building')).toMatchObject({ label: '房屋建筑', tenders: 2, bids: 7, valid_bids: 6 });
    expect(row(r, 2023, 'building').winner_discount_median).toBeCloseTo(0.11, 8);
    expect(row(r, 2023, 'building').bid_discount_median).toBeCloseTo(0.09, 8);
    expect(row(r, 2023, 'municipal').bid_discount_median).toBeCloseTo(0.125, 8);
    expect(row(r, 2024, 'municipal').winner_discount_median).toBeCloseTo(0.175, 8);
    expect(row(r, 2024, 'municipal').abnormal_bid_share).toBeCloseTo(1 / 6, 8);
    // the per-year totals ride along
    expect(r.totals.map((x) => x.winner_discount_median)).toEqual([0.12, 0.15]);
  });

  it('--by every dimension: the groups partition each year', async () => {
    const expected: Record<string, string[]> = {
      category: ['building', 'municipal'],
      work_type: ['construction'],
      evaluation_method: ['comprehensive', 'reasonable_low_price', 'lowest_evaluated_price'],
      district: ['玉山镇', '周市镇', '花桥经济开发区'],
      // valid bids: 2023 A 3, B 2, C 3; 2024 A 3, B 4, C 2
      bidder_count: ['2', '3', '4-5'],
      // 10M and 20M → 10m-50m, 2M → 1m-4m, 5M → 4m-10m, 800k → lt1m
      price_band: ['lt1m', '1m-4m', '4m-10m', '10m-50m'],
    };
    for (const by of DIMENSIONS) {
      const r = await service.build({ from: 2023, to: 2024, by });
      expect([...new Set(r.rows.map((x) => x.value))]).toEqual(expected[by]);
      for (const year of [2023, 2024]) {
        const rows = r.rows.filter((x) => x.year === year);
        expect(rows.reduce((s, x) => s + x.tenders, 0)).toBe(3);
        expect(rows.reduce((s, x) => s + x.bids, 0)).toBe(9);
      }
      for (const x of r.rows) for (const k of REQUIRED) expect(x).toHaveProperty(k);
    }
    const bc = await service.build({ from: 2023, to: 2024, by: 'bidder_count' });
    expect(row(bc, 2023, '3')).toMatchObject({ tenders: 2, label: '3 家' });
    expect(row(bc, 2023, '3').winner_discount_median).toBeCloseTo(0.11, 8);
  });

  it('a range with no data gives empty rows and says so', async () => {
    const r = await service.build({ from: 2010, to: 2011, by: null });
    expect(r.rows).toEqual([]);
    expect(r.decomposition).toBeNull();
    expect(r.summary[0]!.zh).toContain('没有标段数据');
  });
});

describe('discount-trend report: formats', () => {
  let report: DiscountTrendReport;
  beforeAll(async () => {
    report = await service.build({ from: 2023, to: 2024, by: 'evaluation_method' });
  });

  it('CSV: UTF-8 BOM, Chinese headers, one line per row', async () => {
    const out = await renderReport(report, 'csv');
    expect([...out.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = out.body.toString('utf8').slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^年份 \(year\),/);
    expect(lines[0]).toContain('中标下浮率中位数 (winner_discount_median)');
    expect(lines).toHaveLength(report.rows.length + 1);
    expect(out.contentType).toBe('text/csv; charset=utf-8');
  });

  it('XLSX: opens with exceljs, a sheet per view, Chinese headers, percentages formatted as such', async () => {
    const out = await renderReport(report, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['摘要', '年度汇总', '分组明细', '趋势检验', '影响因素', '各水平效应', '年度效应', '招标人', '代理机构']);
    // this market names no 招标人: the sheet says so instead of standing empty
    expect(String(wb.getWorksheet('招标人')!.getRow(1).getCell(1).value)).toContain('未填报招标人');
    const ws = wb.getWorksheet('年度汇总')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const col = headers.indexOf('中标下浮率中位数') + 1;
    expect(col).toBeGreaterThan(0);
    expect(ws.getCell(2, col).value).toBeCloseTo(0.12, 8);
    expect(ws.getCell(2, col).numFmt).toBe('0.00%');
    const detail = wb.getWorksheet('分组明细')!;
    expect(detail.rowCount).toBe(report.rows.length + 1);
    expect(detail.getCell(2, col).numFmt).toContain('%');
    // "(百分点)" columns hold points: +0.35 reads 0.35, not 0.35 %.
    const yoyCol = headers.indexOf('中标下浮率中位数同比(百分点)') + 1;
    const yoyRow = report.totals.findIndex((t) => t.winner_discount_median_yoy !== null);
    expect(yoyRow).toBeGreaterThanOrEqual(0);
    const yoy = ws.getCell(2 + yoyRow, yoyCol);
    expect(yoy.value).toBeCloseTo(report.totals[yoyRow]!.winner_discount_median_yoy! * 100, 8);
    expect(yoy.numFmt).not.toContain('%');
    const summary = wb.getWorksheet('摘要')!;
    const generated = summary.getColumn(1).values.indexOf('生成时间 (generated)');
    expect(String(summary.getCell(generated, 2).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间 UTC\+8）$/);
  });

  it('report text: p written once with its relation, English sentences without codes, time in Asia/Shanghai', () => {
    expect(report.generated_at).toMatch(/\+08:00$/);
    const text = report.summary.flatMap((s) => [s.zh, s.en]).join('\n');
    expect(text).not.toMatch(/p = </);
    const en = report.summary.map((s) => s.en).join('\n');
    expect(en).not.toMatch(/lowest_evaluated_price|reasonable_low_price|comprehensive(?! evaluation)/);
  });

  it('SVG: well-formed XML with Chinese labels and a Chinese font stack', async () => {
    const out = await renderReport(report, 'svg');
    const svg = out.body.toString('utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('中标下浮率');
    expect(svg).toContain('Noto Sans CJK SC');
    const parser = new saxes.SaxesParser();
    let root: string | null = null;
    parser.on('opentag', (tag) => (root ??= tag.name));
    parser.write(svg).close();
    expect(root).toBe('svg');
    expect(out.contentType).toBe('image/svg+xml');
  });

  it('HTML: self-contained, A4 print rules, inline SVG, no external URL', async () => {
    const html = (await renderReport(report, 'html')).body.toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/@page\s*{\s*size:\s*A4/);
    expect(html).toContain('break-before: page');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link\b/i);
    expect(html).toContain('什么在影响中标下浮率');
  });
});

describe('GET /api/reports/discount-trend', () => {
  const url = '/api/reports/discount-trend?from=2023&to=2024';

  it('JSON for an inspector, auditor and admin', async () => {
    for (const who of ['inspector', 'auditor', 'admin']) {
      const res = await request(t.server).get(`${url}&by=category`).set(auth(who));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ from: 2023, to: 2024, by: 'category' });
      for (const k of REQUIRED) expect(res.body.rows[0]).toHaveProperty(k);
    }
  });

  it('401 without a key, 403 for an importer', async () => {
    const none = await request(t.server).get(url);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'unauthorized' });
    const importer = await request(t.server).get(url).set(auth('importer'));
    expect(importer.status).toBe(403);
    expect(importer.body.error).toMatchObject({ code: 'forbidden' });
  });

  it('400 with the error shape for bad from/to, by or format', async () => {
    for (const q of ['from=abc&to=2024', 'from=2025&to=2019', 'to=2024', 'from=2023&to=20245', 'from=2023&to=2024&by=colour', 'from=2023&to=2024&format=pdf']) {
      const res = await request(t.server).get(`/api/reports/discount-trend?${q}`).set(auth('inspector'));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: 'validation_failed', message: expect.any(String), details: expect.any(Array) } });
    }
  });

  it('is in the OpenAPI document', async () => {
    const res = await request(t.server).get('/api/docs/json').set(auth('admin'));
    expect(res.status).toBe(200);
    const op = res.body.paths['/api/reports/discount-trend'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'by', 'format']));
  });

  it('CSV, XLSX, SVG and HTML with their content types', async () => {
    const csvRes = await request(t.server).get(`${url}&format=csv`).set(auth('inspector')).buffer(true).parse(binary);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers['content-disposition']).toContain('discount-trend-2023-2024.csv');
    expect([...(csvRes.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const xlsx = await request(t.server).get(`${url}&format=xlsx&by=district`).set(auth('inspector')).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    expect(wb.getWorksheet('分组明细')).toBeDefined();

    const svg = await request(t.server).get(`${url}&format=svg`).set(auth('inspector')).buffer(true).parse(binary);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect((svg.body as Buffer).toString('utf8')).toContain('<svg');

    const html = await request(t.server).get(`${url}&format=html`).set(auth('inspector')).buffer(true).parse(binary);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('bidwatch report discount-trend (CLI)', () => {
  it('the command writes each format and exits 0', async () => {
    await withEnv(serviceEnv(t.db), async () => {
      for (const format of ['json', 'csv', 'xlsx', 'svg', 'html']) {
        const out = join(outDir, `direct.${format}`);
        const ctx = new CliContext();
        try {
          expect(await reportCommand(ctx, 'discount-trend', { from: '2023', to: '2024', by: 'district', format, out })).toBe(0);
        } finally {
          await ctx.close();
        }
        expect(existsSync(out)).toBe(true);
      }
      const json = JSON.parse(readFileSync(join(outDir, 'direct.json'), 'utf8'));
      expect(json).toMatchObject({ from: 2023, to: 2024, by: 'district' });
      const ctx = new CliContext();
      try {
        expect(await reportCommand(ctx, 'discount-trend', { from: '2024', to: '2023', out: join(outDir, 'x.json') })).toBe(2);
        expect(await reportCommand(ctx, 'nope', { from: '2023', to: '2024', out: join(outDir, 'x.json') })).toBe(2);
      } finally {
        await ctx.close();
      }
    });
  });

  it('runCli: `report discount-trend --from --to --by --format --out` exits 0 and writes the file', async () => {
    const out = join(outDir, 'cli.json');
    const r = await withEnv(serviceEnv(t.db), () =>
      runCli('report', 'discount-trend', '--from', '2023', '--to', '2024', '--by', 'bidder_count', '--format', 'json', '--out', out),
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.by).toBe('bidder_count');
    expect(json.rows.length).toBeGreaterThan(0);
    const html = join(outDir, 'cli.html');
    const h = await withEnv(serviceEnv(t.db), () => runCli('report', 'discount-trend', '--from', '2023', '--to', '2024', '--format', 'html', '--out', html));
    expect(h.status).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('@page');
  });
});
