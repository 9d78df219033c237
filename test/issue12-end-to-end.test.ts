import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSeedCity } from '../seeds/city.js';
import type { Issue12Answers } from '../seeds/issue12.js';
import { runCli } from './support/run-cli.js';
import { createTestDb, serviceEnv, withEnv, type TestDb } from './support/test-db.js';

/**
 * Issue 12 end to end, as a clerk and an inspector meet it: the seed city with its issue-12 layer is imported
 * through the CLI (bids with buyer/agency, fingerprints and timing; firm-relations; boq), `detect` runs, and the
 * planted 第三十四条 and 清单雷同 pairs come back as stored flags, as rings of the co-bidder graph and as rigging
 * cases carrying that evidence; the report lists the findings by 招标人 and 代理机构.
 */
let db: TestDb;
let dir: string;
let answers: { issue12?: Issue12Answers };
const cli = (...args: string[]) => withEnv({ ...serviceEnv(db), REDIS_URL: undefined }, () => runCli(...args));
const pairKey = (pair: readonly string[]) => [...pair].sort().join(',');

beforeAll(async () => {
  db = await createTestDb('issue12e2e');
  dir = mkdtempSync(join(tmpdir(), 'bidwatch-issue12-'));
  await writeSeedCity(dir, { issue12: true });
  answers = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')) as { issue12?: Issue12Answers };
  for (const [file, kind] of [['bids.csv', 'bids'], ['contracts.csv', 'contracts'], ['attendance.csv', 'attendance'], ['firm-relations.csv', 'firm-relations'], ['boq.csv', 'boq']]) {
    const r = await cli('import', join(dir, file), '--kind', kind, '--json');
    if (r.status !== 0) throw new Error(`import ${file}: exit ${r.status}\n${(r.stderr + r.stdout).slice(0, 800)}`);
  }
  const d = await cli('detect');
  if (d.status !== 0) throw new Error(`detect: exit ${d.status}\n${(d.stderr + d.stdout).slice(0, 800)}`);
}, 600_000);
afterAll(async () => db?.drop());

describe('issue 12 from import to case', () => {
  it('stores an A34 flag for every planted 第三十四条 pair and a BOQSIM flag for every planted 清单雷同 pair', async () => {
    const flags = await db.ds.query(
      `SELECT detector, tender_code, evidence->'pair' AS pair, severity, explanation FROM flags WHERE detector IN ('A34', 'BOQSIM')`,
    );
    const found = new Set(flags.map((f: { detector: string; tender_code: string; pair: string[] }) => `${f.detector}|${f.tender_code}|${pairKey(f.pair)}`));
    const planted = answers.issue12!;
    expect(planted.article34.length).toBeGreaterThan(0);
    expect(planted.boq.length).toBeGreaterThan(0);
    for (const p of planted.article34) expect(found).toContain(`A34|${p.tenderCode}|${pairKey(p.bidderUsccs)}`);
    for (const p of planted.boq) expect(found).toContain(`BOQSIM|${p.tenderCode}|${pairKey(p.bidderUsccs)}`);
    const a34 = flags.find((f: { detector: string }) => f.detector === 'A34');
    expect(a34.explanation).toContain('第三十四条');
  });

  it('makes each 第三十四条 pair a ring of the co-bidder graph and opens a rigging case that carries the A34 finding', async () => {
    const p = answers.issue12!.article34[0]!;
    const rings = await db.ds.query(`SELECT ring_key, members, evidence FROM rings WHERE members @> $1::text[]`, [p.bidderUsccs]);
    expect(rings.length).toBeGreaterThan(0);
    const ring = rings.find((r: { evidence: { links?: { rule: string }[] } }) => (r.evidence.links ?? []).some((l) => l.rule === 'article34'));
    expect(ring).toBeDefined();
    const [c] = await db.ds.query(`SELECT kind, detectors, evidence FROM cases WHERE subject_type = 'ring' AND subject_id = $1`, [ring.ring_key]);
    expect(c.kind).toBe('rigging');
    expect(c.detectors).toContain('A34');
    expect((c.evidence.flags as { detector: string; tenderCode: string }[]).some((f) => f.detector === 'A34' && f.tenderCode === p.tenderCode)).toBe(true);
    const list = await cli('cases', 'list', '--kind', 'rigging', '--json');
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('A34');
  });

  it('names the 第三十四条 finding on both firms of the pair in the firms export', async () => {
    const p = answers.issue12!.article34[0]!;
    const out = join(dir, 'firms.csv');
    const r = await cli('export', 'firms', '--out', out);
    if (r.status !== 0) throw new Error(`export: exit ${r.status}\n${(r.stderr + r.stdout).slice(0, 800)}`);
    const lines = readFileSync(out, 'utf8').split('\n');
    for (const u of p.bidderUsccs) expect(lines.find((l) => l.startsWith(u))?.split(',').pop()).toContain('A34');
  });

  it('reports findings by 招标人 and by 代理机构, the planted buyers among those the buyer-level indicators flagged', async () => {
    const out = join(dir, 'report.json');
    const r = await cli('report', 'discount-trend', '--from', '2019', '--to', '2025', '--format', 'json', '--out', out);
    if (r.status !== 0) throw new Error(`report: exit ${r.status}\n${(r.stderr + r.stdout).slice(0, 800)}`);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const buyers = report.parties.buyer;
    expect(buyers.total).toBeGreaterThan(0);
    expect(report.parties.agency.total).toBeGreaterThan(0);
    const flaggedBuyers = new Set(buyers.rows.filter((x: { indicators: string }) => x.indicators).map((x: { uscc: string }) => x.uscc));
    const planted = answers.issue12!.orgs.filter((o) => o.kind === 'buyer');
    expect(planted.length).toBeGreaterThan(0);
    for (const o of planted) expect(flaggedBuyers).toContain(o.uscc);
    expect(report.summary.map((s: { zh: string }) => s.zh).join('\n')).toMatch(/个招标人中/);
  });
});
