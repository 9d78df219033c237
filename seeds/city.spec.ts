/**
 * The synthetic city: determinism, the import contract, and every planted answer re-checked from the CSV
 * files with small independent recomputations (not the generator's own helpers). Also checks that ordinary
 * tenders do NOT show the planted properties, since detector false-positive rates are measured on them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { isValidUscc } from '../detectors/lib/uscc.js';
import type { Answers } from './answers.js';
import { writeSeedCity, type SeedManifest } from './city.js';

type Row = Record<string, string>;

const BID_HEADER =
  'tender_code,project_name,district,category,work_type,tender_method,evaluation_method,funding,control_price,open_date,bidder_uscc,bidder_name,bid_price,bid_valid,invalid_reason,is_winner,rank,project_manager_id,technical_lead_id,agent_id,file_machine_code,file_mac,upload_ip,file_creator,bond_account';
const CONTRACT_HEADER =
  'tender_code,winner_uscc,contract_price,contract_date,planned_completion,change_order_total,change_order_count,settlement_price,actual_completion,project_manager_changed';
const ATTENDANCE_HEADER = 'tender_code,person_id,role,employer_uscc,work_date,present';
const TENDER_COLUMNS = BID_HEADER.split(',').slice(0, 10);

// ---- small independent helpers -------------------------------------------------------------------

const cents = (s: string): number => Math.round(Number(s) * 100);
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const cv = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2))) / m;
};
/** Linear-interpolation quantile (R type 7). */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}
function idCardValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(id[i]) * w[i]!;
  return '10X98765432'[s % 11] === id[17];
}
/** Append to a list in a map (no array copies: the attendance file has ~150k rows). */
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
const days = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

function sortedGaps(prices: number[]): { gaps: number[]; eps: number[]; rel: number[] } {
  const p = [...prices].sort((a, b) => a - b);
  const gaps: number[] = [];
  const eps: number[] = [];
  for (let i = 1; i < p.length; i++) {
    gaps.push(p[i]! - p[i - 1]!);
    eps.push(p[i]! / p[i - 1]! - 1);
  }
  return { gaps, eps, rel: p.slice(1).map((x) => x / p[0]! - 1) };
}
const isArithmetic = (prices: number[]): boolean => prices.length >= 3 && cv(sortedGaps(prices).gaps) < 0.05;
const isGeometric = (prices: number[]): boolean => prices.length >= 3 && cv(sortedGaps(prices).eps) < 0.01;
const isRoundPercent = (prices: number[]): boolean =>
  prices.length >= 3 && sortedGaps(prices).rel.every((r) => Math.round(r / 0.005) >= 1 && Math.abs(r - Math.round(r / 0.005) * 0.005) <= 0.0005);

// ---- the generated city --------------------------------------------------------------------------

interface City {
  dir: string;
  manifest: SeedManifest;
  answers: Answers;
  bidText: string;
  bids: Row[];
  contracts: Row[];
  attendance: Row[];
  byTender: Map<string, Row[]>;
}

function load(dir: string, manifest: SeedManifest): City {
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  const bidText = read('bids.csv');
  const bids = parse(bidText, { columns: true }) as Row[];
  const byTender = new Map<string, Row[]>();
  for (const b of bids) {
    const list = byTender.get(b.tender_code!);
    if (list) list.push(b);
    else byTender.set(b.tender_code!, [b]);
  }
  return {
    dir,
    manifest,
    answers: JSON.parse(read('answers.json')) as Answers,
    bidText,
    bids,
    contracts: parse(read('contracts.csv'), { columns: true }) as Row[],
    attendance: parse(read('attendance.csv'), { columns: true }) as Row[],
    byTender,
  };
}

const dirs: string[] = [];
let city: City;
let twin: SeedManifest;

beforeAll(async () => {
  const a = mkdtempSync(join(tmpdir(), 'bidwatch-seed-a-'));
  const b = mkdtempSync(join(tmpdir(), 'bidwatch-seed-b-'));
  dirs.push(a, b);
  const manifest = await writeSeedCity(a);
  twin = await writeSeedCity(b);
  city = load(a, manifest);
}, 120_000);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tenderOf = (code: string): Row[] => {
  const rows = city.byTender.get(code);
  if (!rows) throw new Error(`answer refers to missing tender ${code}`);
  return rows;
};
const validPrices = (rows: Row[]): number[] => rows.filter((r) => r.bid_valid === 'true').map((r) => cents(r.bid_price!));
const winnerOf = (rows: Row[]): Row | undefined => rows.find((r) => r.is_winner === 'true');

// ---- determinism ---------------------------------------------------------------------------------

describe('determinism', () => {
  it('two runs with the same options write byte-identical files', () => {
    for (const f of ['bids.csv', 'contracts.csv', 'attendance.csv', 'answers.json']) {
      expect(twin.files[f]!.sha256).toBe(city.manifest.files[f]!.sha256);
      expect(readFileSync(join(dirs[1]!, f)).equals(readFileSync(join(dirs[0]!, f)))).toBe(true);
    }
  });

  it('a different seed gives different data', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bidwatch-seed-c-'));
    dirs.push(d);
    const other = await writeSeedCity(d, { seed: 7, tenders: 900, attendance: false });
    expect(other.files['bids.csv']!.sha256).not.toBe(city.manifest.files['bids.csv']!.sha256);
    expect(other.counts.tenders).toBe(900);
    expect(other.files['attendance.csv']).toBeUndefined();
  }, 60_000);

  it('the manifest counts and hashes match the files', () => {
    const { manifest } = city;
    expect(manifest.counts.bids).toBe(city.bids.length);
    expect(manifest.counts.contracts).toBe(city.contracts.length);
    expect(manifest.counts.attendance).toBe(city.attendance.length);
    expect(manifest.counts.tenders).toBe(city.byTender.size);
    expect(createHash('sha256').update(city.bidText, 'utf8').digest('hex')).toBe(manifest.files['bids.csv']!.sha256);
  });
});

// ---- import contract -----------------------------------------------------------------------------

describe('import contract', () => {
  it('writes exactly the contract headers, and every row has every column', () => {
    for (const [file, header] of [
      ['bids.csv', BID_HEADER],
      ['contracts.csv', CONTRACT_HEADER],
      ['attendance.csv', ATTENDANCE_HEADER],
    ] as const) {
      const text = readFileSync(join(city.dir, file), 'utf8');
      expect(text.slice(0, text.indexOf('\n'))).toBe(header);
      const rows = parse(text, { relax_column_count: true }) as string[][];
      const n = header.split(',').length;
      expect(rows.every((r) => r.length === n)).toBe(true);
    }
  });

  it('has the default size: ~3,000 tenders, ~400 firms, ~8 bids a tender, 2019–2025', () => {
    expect(city.byTender.size).toBe(3000);
    expect(city.manifest.counts.firms).toBe(400);
    expect(city.bids.length / city.byTender.size).toBeGreaterThan(7);
    expect(city.bids.length / city.byTender.size).toBeLessThan(9);
    const years = new Set(city.bids.map((b) => b.open_date!.slice(0, 4)));
    expect([...years].sort()).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025']);
  });

  it('uses the enums, dates, money and booleans of the contract', () => {
    const money = /^-?\d+\.\d{2}$/;
    const date = /^\d{4}-\d{2}-\d{2}$/;
    const bool = /^(true|false)$/;
    const enums: Record<string, readonly string[]> = {
      category: ['building', 'municipal'],
      work_type: ['construction', 'supervision', 'design', 'survey', 'epc'],
      tender_method: ['open', 'invited'],
      evaluation_method: ['comprehensive', 'reasonable_low_price', 'lowest_evaluated_price', 'separation', 'other'],
      funding: ['state', 'private'],
    };
    const bad: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && bad.length < 20) bad.push(what);
    };
    for (const b of city.bids) {
      for (const [col, values] of Object.entries(enums)) check(values.includes(b[col]!), `${col}=${b[col]}`);
      check(money.test(b.control_price!) && money.test(b.bid_price!) && cents(b.bid_price!) > 0, `money ${b.bid_price}`);
      check(date.test(b.open_date!), `date ${b.open_date}`);
      check(bool.test(b.bid_valid!) && bool.test(b.is_winner!), 'bool');
      check((b.bid_valid === 'false') === (b.invalid_reason !== ''), `reason ${b.tender_code}`);
    }
    for (const c of city.contracts) {
      check(money.test(c.contract_price!) && money.test(c.change_order_total!), `contract money ${c.tender_code}`);
      check(date.test(c.contract_date!) && date.test(c.planned_completion!), `contract dates ${c.tender_code}`);
      check(c.settlement_price === '' || money.test(c.settlement_price!), `settlement ${c.tender_code}`);
      check(c.actual_completion === '' || date.test(c.actual_completion!), `actual ${c.tender_code}`);
      check(/^\d+$/.test(c.change_order_count!) && bool.test(c.project_manager_changed!), `contract fields ${c.tender_code}`);
    }
    const roles = ['project_manager', 'technical_lead', 'safety_officer', 'worker'];
    for (const a of city.attendance) check(roles.includes(a.role!) && date.test(a.work_date!) && bool.test(a.present!), `attendance ${a.tender_code}`);
    expect(bad).toEqual([]);
  });

  it('every USCC is valid (GB 32100-2015) and every person ID has a valid check digit', () => {
    const usccs = new Set([...city.bids.map((b) => b.bidder_uscc!), ...city.contracts.map((c) => c.winner_uscc!), ...city.attendance.map((a) => a.employer_uscc!)]);
    for (const u of usccs) expect(isValidUscc(u)).toBe(true);
    const ids = new Set([...city.bids.flatMap((b) => [b.project_manager_id!, b.technical_lead_id!, b.agent_id!]), ...city.attendance.map((a) => a.person_id!)]);
    const bad = [...ids].filter((id) => !idCardValid(id));
    expect(bad).toEqual([]);
  });

  it('tender columns repeat identically, at most one winner, ranks 1..n over valid bids', () => {
    const bad: string[] = [];
    for (const [code, rows] of city.byTender) {
      for (const col of TENDER_COLUMNS) if (new Set(rows.map((r) => r[col])).size !== 1) bad.push(`${code} ${col} differs`);
      if (rows.filter((r) => r.is_winner === 'true').length > 1) bad.push(`${code} two winners`);
      const winner = winnerOf(rows);
      if (winner && winner.bid_valid !== 'true') bad.push(`${code} invalid winner`);
      const ranks = rows.filter((r) => r.bid_valid === 'true').map((r) => Number(r.rank)).sort((a, b) => a - b);
      if (ranks.some((r, i) => r !== i + 1)) bad.push(`${code} ranks ${ranks.join(',')}`);
      if (!rows.filter((r) => r.bid_valid === 'false').every((r) => r.rank === '')) bad.push(`${code} ranked invalid bid`);
      if (new Set(rows.map((r) => r.bidder_uscc)).size !== rows.length) bad.push(`${code} firm bids twice`);
    }
    expect(bad).toEqual([]);
  });

  it('the lowest valid bid wins under 经评审的最低投标价法', () => {
    for (const [, rows] of city.byTender) {
      if (rows[0]!.evaluation_method !== 'lowest_evaluated_price') continue;
      const low = Math.min(...validPrices(rows));
      expect(cents(winnerOf(rows)!.bid_price!)).toBe(low);
    }
  });

  it('bids above the control price exist, are invalid and say why', () => {
    const over = city.bids.filter((b) => cents(b.bid_price!) > cents(b.control_price!));
    expect(over.length).toBeGreaterThan(3);
    for (const b of over) {
      expect(b.bid_valid).toBe('false');
      expect(b.invalid_reason).toBe('报价超过最高投标限价');
    }
  });

  it('contracts belong to awarded tenders and name the winner', () => {
    for (const c of city.contracts) {
      const w = winnerOf(tenderOf(c.tender_code!));
      expect(w?.bidder_uscc).toBe(c.winner_uscc);
      expect(days(c.contract_date!)).toBeGreaterThanOrEqual(days(w!.open_date!));
    }
    expect(city.contracts.length / city.byTender.size).toBeGreaterThan(0.85);
  });

  it('the 下浮率 rises over the years', () => {
    const byYear = new Map<string, number[]>();
    for (const b of city.bids) {
      if (b.bid_valid !== 'true' || b.work_type !== 'construction') continue;
      const d = 1 - cents(b.bid_price!) / cents(b.control_price!);
      const y = b.open_date!.slice(0, 4);
      push(byYear, y, d);
    }
    const medians = [...byYear.keys()].sort().map((y) => quantile([...byYear.get(y)!].sort((a, b) => a - b), 0.5));
    expect(medians[medians.length - 1]! - medians[0]!).toBeGreaterThan(0.015);
  });
});

// ---- planted answers -----------------------------------------------------------------------------

describe('planted answers', () => {
  it('abnormally low bids: each designed trigger holds, and there are ≥ 10 of each', () => {
    const { lowBids } = city.answers;
    for (const trigger of ['mean', 'second_lowest', 'control', 'statistical'] as const)
      expect(lowBids.filter((l) => l.trigger === trigger).length).toBeGreaterThanOrEqual(10);
    for (const l of lowBids) {
      const rows = tenderOf(l.tenderCode);
      const bid = rows.find((r) => r.bidder_uscc === l.bidderUscc)!;
      expect(bid.bid_valid).toBe('true');
      const p = cents(bid.bid_price!);
      const valid = validPrices(rows).sort((a, b) => a - b);
      const C = cents(bid.control_price!);
      const holds = {
        mean: p < 0.5 * mean(valid),
        second_lowest: p === valid[0] && p < 0.5 * valid[1]!,
        control: p < 0.45 * C,
      };
      if (l.trigger === 'statistical') {
        expect(holds).toEqual({ mean: false, second_lowest: false, control: false });
      } else {
        expect(holds[l.trigger]).toBe(true);
        expect(l.triggers.slice().sort()).toEqual((Object.keys(holds) as (keyof typeof holds)[]).filter((k) => holds[k]).sort());
      }
    }
  });

  it('statistical low bids sit above the upper Tukey fence of their peer group (year × category × work type × method)', () => {
    const groups = new Map<string, number[]>();
    const key = (r: Row): string => [r.open_date!.slice(0, 4), r.category, r.work_type, r.evaluation_method].join('|');
    for (const b of city.bids) push(groups, key(b), 1 - cents(b.bid_price!) / cents(b.control_price!));
    for (const l of city.answers.lowBids.filter((x) => x.trigger === 'statistical')) {
      const bid = tenderOf(l.tenderCode).find((r) => r.bidder_uscc === l.bidderUscc)!;
      const g = [...groups.get(key(bid))!].sort((a, b) => a - b);
      expect(g.length).toBeGreaterThanOrEqual(30);
      const q1 = quantile(g, 0.25);
      const q3 = quantile(g, 0.75);
      expect(1 - cents(bid.bid_price!) / cents(bid.control_price!)).toBeGreaterThan(q3 + 1.5 * (q3 - q1) + 0.02);
    }
  });

  it('regular price differences: all valid bids form the named progression and no other', () => {
    const { regularDiff } = city.answers;
    expect(regularDiff.length).toBeGreaterThanOrEqual(10);
    for (const pattern of ['arithmetic', 'geometric', 'round_percent'] as const) expect(regularDiff.some((r) => r.pattern === pattern)).toBe(true);
    for (const r of regularDiff) {
      const prices = validPrices(tenderOf(r.tenderCode));
      expect(prices.length).toBeGreaterThanOrEqual(3);
      expect({ arithmetic: isArithmetic(prices), geometric: isGeometric(prices), round_percent: isRoundPercent(prices) }).toEqual({
        arithmetic: r.pattern === 'arithmetic',
        geometric: r.pattern === 'geometric',
        round_percent: r.pattern === 'round_percent',
      });
    }
  });

  it('identical prices come from different firms', () => {
    const { identicalPrices } = city.answers;
    expect(identicalPrices.length).toBeGreaterThanOrEqual(5);
    for (const x of identicalPrices) {
      const rows = tenderOf(x.tenderCode).filter((r) => x.bidderUsccs.includes(r.bidder_uscc!));
      expect(rows.length).toBe(x.bidderUsccs.length);
      expect(new Set(rows.map((r) => r.bid_price)).size).toBe(1);
      expect(rows[0]!.bid_price).toBe(x.price);
    }
  });

  it('rings: 3–4 rings of 3–6 firms, ≥ 8 tenders each, rotating wins, shared fingerprints, covers just above the winner', () => {
    const { rings } = city.answers;
    expect(rings.length).toBeGreaterThanOrEqual(3);
    const fields: Record<string, string> = {
      machine_code: 'file_machine_code',
      mac: 'file_mac',
      bond_account: 'bond_account',
      project_manager_id: 'project_manager_id',
      agent_id: 'agent_id',
      upload_ip: 'upload_ip',
      file_creator: 'file_creator',
    };
    for (const ring of rings) {
      expect(ring.members.length).toBeGreaterThanOrEqual(3);
      expect(ring.members.length).toBeLessThanOrEqual(6);
      expect(ring.tenders.length).toBeGreaterThanOrEqual(8);
      const wins = new Map<string, number>();
      for (const code of ring.tenders) {
        const rows = tenderOf(code);
        expect(ring.members.every((m) => rows.some((r) => r.bidder_uscc === m))).toBe(true);
        const w = winnerOf(rows)!;
        expect(ring.members).toContain(w.bidder_uscc);
        wins.set(w.bidder_uscc!, (wins.get(w.bidder_uscc!) ?? 0) + 1);
        // cover bids: within 3 % above the winner
        for (const r of rows.filter((x) => ring.members.includes(x.bidder_uscc!) && x !== w)) {
          const ratio = cents(r.bid_price!) / cents(w.bid_price!);
          expect(ratio).toBeGreaterThan(1);
          expect(ratio).toBeLessThan(1.03);
        }
      }
      // each member wins in turn: everyone wins, nobody more than one round ahead
      expect(wins.size).toBe(ring.members.length);
      expect(Math.max(...wins.values()) - Math.min(...wins.values())).toBeLessThanOrEqual(1);
      // the evidence is in the rows, and joins every member to the ring
      const parent = new Map(ring.members.map((m) => [m, m]));
      const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
      for (const e of ring.evidence) {
        const [a, b] = e.bidderUsccs.map((u) => tenderOf(e.tenderCode).find((r) => r.bidder_uscc === u)!);
        for (const link of e.links) expect(a![fields[link]!]).toBe(b![fields[link]!]);
        const hard = e.links.some((l) => ['machine_code', 'mac', 'bond_account', 'project_manager_id', 'agent_id'].includes(l));
        if (hard || e.links.length >= 2) parent.set(find(e.bidderUsccs[0]), find(e.bidderUsccs[1]));
      }
      expect(new Set(ring.members.map(find)).size).toBe(1);
    }
  });

  it('the negative control shares only the upload IP', () => {
    const [neg] = city.answers.negativeControls;
    expect(neg).toBeDefined();
    expect(neg!.tenders.length).toBeGreaterThanOrEqual(3);
    for (const code of neg!.tenders) {
      const [a, b] = neg!.bidderUsccs.map((u) => tenderOf(code).find((r) => r.bidder_uscc === u)!);
      expect(a!.upload_ip).toBe(b!.upload_ip);
      for (const f of ['file_machine_code', 'file_mac', 'bond_account', 'project_manager_id', 'technical_lead_id', 'agent_id', 'file_creator'])
        expect(a![f]).not.toBe(b![f]);
    }
  });

  it('average shaping: leaving the group out lowers the benchmark more than leaving out any other same-size set', () => {
    const [group] = city.answers.avgShaping;
    expect(group!.tenders.length).toBeGreaterThanOrEqual(10);
    const benchmark = (ps: number[]): number => {
      if (ps.length <= 5) return mean(ps);
      const s = [...ps].sort((a, b) => a - b).slice(1, -1);
      const m = mean(s);
      const kept = s.filter((p) => Math.abs(p - m) <= 0.2 * m);
      return mean(kept.length ? kept : s);
    };
    let extreme = 0;
    for (const code of group!.tenders) {
      const rows = tenderOf(code).filter((r) => r.bid_valid === 'true');
      expect(rows[0]!.evaluation_method).toBe('reasonable_low_price');
      const inGroup = rows.filter((r) => group!.members.includes(r.bidder_uscc!)).map((r) => cents(r.bid_price!));
      const outside = rows.filter((r) => !group!.members.includes(r.bidder_uscc!)).map((r) => cents(r.bid_price!));
      const all = [...inGroup, ...outside];
      const shiftGroup = benchmark(outside) - benchmark(all);
      // every same-size subset of the other bids
      const k = inGroup.length;
      let below = 0;
      let total = 0;
      const rec = (start: number, chosen: number[]): void => {
        if (chosen.length === k) {
          const rest = all.filter((_, i) => !chosen.includes(i + inGroup.length));
          total++;
          if (benchmark(rest) - benchmark(all) <= shiftGroup) below++;
          return;
        }
        for (let i = start; i < outside.length; i++) rec(i + 1, [...chosen, i]);
      };
      rec(0, []);
      if (below / total <= 0.05) extreme++;
      expect(winnerOf(tenderOf(code))!.bidder_uscc).toBe(group!.beneficiaries.find((b) => b.tenderCode === code)!.bidderUscc);
    }
    expect(extreme).toBeGreaterThanOrEqual(Math.ceil(group!.tenders.length * 0.8));
  });

  it('disqualification patterns hold', () => {
    let allBut = 0;
    let lowest = 0;
    for (const d of city.answers.disqualification) {
      if ('tenderCode' in d) {
        const rows = tenderOf(d.tenderCode);
        if (d.pattern === 'all_but_winner_invalid') {
          allBut++;
          expect(rows.filter((r) => r.bid_valid === 'true')).toEqual([winnerOf(rows)]);
          expect(rows.length).toBeGreaterThanOrEqual(3);
        } else {
          lowest++;
          const low = rows.reduce((a, b) => (cents(b.bid_price!) < cents(a.bid_price!) ? b : a));
          expect(low.bid_valid).toBe('false');
          expect(winnerOf(rows)).toBeDefined();
        }
      } else {
        const mine = city.bids.filter((b) => b.bidder_uscc === d.bidderUscc);
        expect(mine.length).toBe(d.submitted);
        expect(mine.filter((b) => b.bid_valid === 'false').length).toBe(d.disqualified);
        expect(d.disqualified).toBeGreaterThanOrEqual(5);
        expect(new Set(mine.map((b) => b.tender_code))).toEqual(new Set(d.tenders));
      }
    }
    expect(allBut).toBeGreaterThanOrEqual(5);
    expect(lowest).toBeGreaterThanOrEqual(5);
    expect(city.answers.singleBid.length).toBeGreaterThanOrEqual(5);
    for (const code of city.answers.singleBid) expect(tenderOf(code).length).toBe(1);
  });

  it('post-award cases show their pattern in contracts.csv', () => {
    const byCode = new Map(city.contracts.map((c) => [c.tender_code!, c]));
    const seen = new Set<string>();
    for (const p of city.answers.postAward) {
      seen.add(p.pattern);
      const c = byCode.get(p.tenderCode)!;
      expect(c).toBeDefined();
      const w = winnerOf(tenderOf(p.tenderCode))!;
      const price = cents(c.contract_price!);
      const win = cents(w.bid_price!);
      switch (p.pattern) {
        case 'change_order_share':
          expect(cents(c.change_order_total!) / price).toBeGreaterThan(0.1);
          break;
        case 'change_order_count':
          expect(Number(c.change_order_count)).toBeGreaterThanOrEqual(3);
          break;
        case 'low_bid_high_settlement':
          expect(cents(c.settlement_price!) / win).toBeGreaterThan(1.15);
          expect(1 - win / cents(w.control_price!)).toBeGreaterThan(0.1);
          break;
        case 'contract_price_mismatch':
          expect(price).not.toBe(win);
          break;
        case 'pm_changed':
          expect(c.project_manager_changed).toBe('true');
          break;
        case 'fast_completion':
          expect(days(c.actual_completion!) - days(c.contract_date!)).toBeLessThan(60);
          expect(cents(c.contract_price!)).toBeGreaterThan(1e9);
          break;
      }
    }
    expect(seen.size).toBe(6);
  });

  it('site cases show their pattern in attendance.csv', () => {
    const att = new Map<string, Row[]>();
    for (const a of city.attendance) push(att, a.tender_code!, a);
    const seen = new Set<string>();
    const contracts = new Map(city.contracts.map((c) => [c.tender_code!, c]));
    for (const s of city.answers.site) {
      seen.add(s.pattern);
      const w = winnerOf(tenderOf(s.tenderCode))!;
      const rows = att.get(s.tenderCode) ?? [];
      switch (s.pattern) {
        case 'pm_presence':
          for (const m of s.months) {
            const pm = rows.filter((r) => r.role === 'project_manager' && r.work_date!.startsWith(m.month));
            expect(pm.every((r) => r.person_id === w.project_manager_id)).toBe(true);
            const share = pm.filter((r) => r.present === 'true').length / pm.length;
            expect(share).toBeLessThan(0.8);
            expect(share).toBeCloseTo(m.presence, 3);
          }
          break;
        case 'key_role_mismatch':
          expect(rows.some((r) => r.role === 'project_manager' && r.person_id !== w.project_manager_id)).toBe(s.roles.includes('project_manager'));
          expect(rows.some((r) => r.role === 'technical_lead' && r.person_id !== w.technical_lead_id)).toBe(s.roles.includes('technical_lead'));
          break;
        case 'pm_two_sites_same_day': {
          const other = att.get(s.otherTenderCode) ?? [];
          const here = new Set(rows.filter((r) => r.role === 'project_manager' && r.present === 'true').map((r) => `${r.person_id}|${r.work_date}`));
          const both = other.filter((r) => r.role === 'project_manager' && r.present === 'true' && here.has(`${r.person_id}|${r.work_date}`));
          expect(both.length).toBe(s.sameDays);
          expect(s.sameDays).toBeGreaterThan(0);
          break;
        }
        case 'pm_two_active_contracts': {
          const w2 = winnerOf(tenderOf(s.otherTenderCode))!;
          expect(w2.project_manager_id).toBe(w.project_manager_id);
          const [c1, c2] = [contracts.get(s.tenderCode)!, contracts.get(s.otherTenderCode)!];
          const end = (c: Row): number => days(c.actual_completion || c.planned_completion!);
          expect(Math.max(days(c1.contract_date!), days(c2.contract_date!))).toBeLessThan(Math.min(end(c1), end(c2)));
          break;
        }
        case 'workforce_other_employer': {
          const workers = rows.filter((r) => r.role === 'worker' && r.work_date === rows[0]!.work_date);
          const other = workers.filter((r) => r.employer_uscc === s.employerUscc).length / workers.length;
          expect(s.employerUscc).not.toBe(w.bidder_uscc);
          expect(other).toBeGreaterThan(0.5);
          expect(other).toBeCloseTo(s.share, 3);
          break;
        }
      }
    }
    expect(seen).toEqual(new Set(['pm_presence', 'key_role_mismatch', 'pm_two_sites_same_day', 'pm_two_active_contracts', 'workforce_other_employer']));
  });

  it('answers never carry a person ID number', () => {
    const text = readFileSync(join(city.dir, 'answers.json'), 'utf8');
    const ids = new Set(city.bids.flatMap((b) => [b.project_manager_id!, b.technical_lead_id!, b.agent_id!]));
    for (const m of text.match(/\d{17}[\dX]/g) ?? []) expect(ids.has(m)).toBe(false);
  });
});

// ---- ordinary tenders look ordinary --------------------------------------------------------------

describe('ordinary tenders show none of the planted properties', () => {
  const plantedTenders = (): Set<string> => {
    const a = city.answers;
    return new Set([
      ...a.lowBids.map((x) => x.tenderCode),
      ...a.regularDiff.map((x) => x.tenderCode),
      ...a.identicalPrices.map((x) => x.tenderCode),
      ...a.rings.flatMap((x) => x.tenders),
      ...a.negativeControls.flatMap((x) => x.tenders),
      ...a.avgShaping.flatMap((x) => x.tenders),
      ...a.disqualification.flatMap((x) => ('tenderCode' in x ? [x.tenderCode] : x.tenders)),
      ...a.singleBid,
    ]);
  };

  it('no rule-triggered low bid, identical price, regular pattern or disqualification pattern outside the answers', () => {
    const planted = plantedTenders();
    const hits: string[] = [];
    for (const [code, rows] of city.byTender) {
      if (planted.has(code)) continue;
      const valid = validPrices(rows).sort((a, b) => a - b);
      const C = cents(rows[0]!.control_price!);
      if (valid.some((p) => p < 0.5 * mean(valid) || p < 0.45 * C) || valid[0]! < 0.5 * (valid[1] ?? Infinity)) hits.push(`${code} low`);
      if (new Set(rows.map((r) => r.bid_price)).size !== rows.length) hits.push(`${code} identical`);
      if (isArithmetic(valid) || isRoundPercent(valid) || (valid.length >= 3 && cv(sortedGaps(valid).eps) < 0.02)) hits.push(`${code} regular`);
      const invalid = rows.filter((r) => r.bid_valid === 'false');
      const low = rows.reduce((a, b) => (cents(b.bid_price!) < cents(a.bid_price!) ? b : a));
      if (invalid.length >= 2 || low.bid_valid === 'false' || valid.length < 2) hits.push(`${code} disq`);
    }
    expect(hits).toEqual([]);
  });

  it('no ordinary bid lies above its peer group Tukey fence', () => {
    const planted = new Set(city.answers.lowBids.map((l) => `${l.tenderCode}|${l.bidderUscc}`));
    const groups = new Map<string, Row[]>();
    for (const b of city.bids) {
      const k = [b.open_date!.slice(0, 4), b.category, b.work_type, b.evaluation_method].join('|');
      push(groups, k, b);
    }
    const outliers: string[] = [];
    for (const [k, rows] of groups) {
      if (rows.length < 30) continue;
      const d = (r: Row): number => 1 - cents(r.bid_price!) / cents(r.control_price!);
      const g = rows.map(d).sort((a, b) => a - b);
      const fence = quantile(g, 0.75) + 1.5 * (quantile(g, 0.75) - quantile(g, 0.25));
      for (const r of rows) if (d(r) > fence && !planted.has(`${r.tender_code}|${r.bidder_uscc}`)) outliers.push(`${k} ${r.tender_code}`);
    }
    expect(outliers.length).toBeLessThanOrEqual(Math.ceil(city.bids.length * 0.0005));
  });

  it('no firm shares a machine, MAC, bond account, PM, agent, IP or author with another firm outside the rings', () => {
    const ringTenders = new Set(city.answers.rings.flatMap((r) => r.tenders));
    const negTenders = new Set(city.answers.negativeControls.flatMap((r) => r.tenders));
    for (const field of ['file_machine_code', 'file_mac', 'bond_account', 'project_manager_id', 'technical_lead_id', 'agent_id', 'upload_ip', 'file_creator']) {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const b of city.bids) {
        if (ringTenders.has(b.tender_code!) || (field === 'upload_ip' && negTenders.has(b.tender_code!))) continue;
        const o = owner.get(b[field]!);
        if (o === undefined) owner.set(b[field]!, b.bidder_uscc!);
        else if (o !== b.bidder_uscc) clashes.push(`${field} ${b.tender_code}`);
      }
      expect(clashes).toEqual([]);
    }
  });

  it('a firm reuses its own machine across bids (normal, not a link between firms)', () => {
    const uses = new Map<string, Set<string>>();
    for (const b of city.bids) uses.set(b.file_machine_code!, (uses.get(b.file_machine_code!) ?? new Set()).add(b.tender_code!));
    expect(Math.max(...[...uses.values()].map((s) => s.size))).toBeGreaterThan(20);
  });

  it('ordinary firms are disqualified in at most 8 % of their bids; the planted shells far more', () => {
    const shells = new Set(city.answers.disqualification.flatMap((d) => ('bidderUscc' in d ? [d.bidderUscc] : [])));
    const stats = new Map<string, [number, number]>();
    const planted = plantedTenders();
    for (const b of city.bids) {
      if (planted.has(b.tender_code!)) continue;
      const s = stats.get(b.bidder_uscc!) ?? [0, 0];
      s[0]++;
      if (b.bid_valid === 'false') s[1]++;
      stats.set(b.bidder_uscc!, s);
    }
    for (const [uscc, [n, bad]] of stats) if (!shells.has(uscc)) expect(bad / n).toBeLessThanOrEqual(0.08);
  });

  it('ordinary contracts: price = award, changes ≤ 10 % and ≤ 2, no fast completion, no high settlement, PM kept', () => {
    const planted = new Set(city.answers.postAward.map((p) => p.tenderCode));
    for (const c of city.contracts) {
      if (planted.has(c.tender_code!)) continue;
      const w = winnerOf(tenderOf(c.tender_code!))!;
      const price = cents(c.contract_price!);
      expect(price).toBe(cents(w.bid_price!));
      expect(Math.abs(cents(c.change_order_total!)) / price).toBeLessThanOrEqual(0.1);
      expect(Number(c.change_order_count)).toBeLessThanOrEqual(2);
      if (c.settlement_price) expect(cents(c.settlement_price) / price).toBeLessThan(1.15);
      if (c.actual_completion) expect(days(c.actual_completion) - days(c.contract_date!)).toBeGreaterThanOrEqual(60);
      expect(c.project_manager_changed).toBe('false');
    }
  });

  it('no PM is named on two overlapping contracts except the planted pairs', () => {
    const pairs = new Set(city.answers.site.flatMap((s) => (s.pattern === 'pm_two_active_contracts' ? [s.tenderCode, s.otherTenderCode] : [])));
    const spells = new Map<string, { code: string; from: number; to: number }[]>();
    for (const c of city.contracts) {
      const pm = winnerOf(tenderOf(c.tender_code!))!.project_manager_id!;
      const spell = { code: c.tender_code!, from: days(c.contract_date!), to: days(c.actual_completion || c.planned_completion!) };
      push(spells, pm, spell);
    }
    const overlaps: string[] = [];
    for (const list of spells.values())
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          if (list[i]!.from <= list[j]!.to && list[j]!.from <= list[i]!.to && !(pairs.has(list[i]!.code) && pairs.has(list[j]!.code)))
            overlaps.push(`${list[i]!.code} ${list[j]!.code}`);
    expect(overlaps).toEqual([]);
    expect(pairs.size).toBe(4);
  });

  it('ordinary sites: the bid PM runs the site ≥ 85 % of each month, the bid team is on site, the winner employs everyone', () => {
    const plantedSites = new Set(city.answers.site.map((s) => s.tenderCode));
    const att = new Map<string, Row[]>();
    for (const a of city.attendance) push(att, a.tender_code!, a);
    let checked = 0;
    for (const [code, rows] of att) {
      if (plantedSites.has(code)) continue;
      checked++;
      const w = winnerOf(tenderOf(code))!;
      expect(rows.every((r) => r.employer_uscc === w.bidder_uscc)).toBe(true);
      const pm = rows.filter((r) => r.role === 'project_manager');
      expect(pm.every((r) => r.person_id === w.project_manager_id)).toBe(true);
      expect(rows.filter((r) => r.role === 'technical_lead').every((r) => r.person_id === w.technical_lead_id)).toBe(true);
      const byMonth = new Map<string, Row[]>();
      for (const r of pm) push(byMonth, r.work_date!.slice(0, 7), r);
      for (const m of byMonth.values()) expect(m.filter((r) => r.present === 'true').length / m.length).toBeGreaterThanOrEqual(0.85);
    }
    expect(checked).toBeGreaterThan(20);
  });
});

// ---- scale mode ----------------------------------------------------------------------------------

describe('scale mode', () => {
  it('bids: 50,000 writes about that many bid rows, more firms, and a sampled attendance', async () => {
    const d = mkdtempSync(join(tmpdir(), 'bidwatch-seed-scale-'));
    dirs.push(d);
    const progress: number[] = [];
    const m = await writeSeedCity(d, { bids: 50_000 }, { onProgress: (p) => progress.push(p.bids) });
    expect(m.counts.bids).toBeGreaterThan(47_500);
    expect(m.counts.bids).toBeLessThan(52_500);
    expect(m.counts.firms).toBe(1000);
    expect(m.counts.tenders).toBe(6250);
    expect(m.counts.contracts).toBeGreaterThan(m.counts.tenders * 0.85);
    expect(m.counts.sites).toBeLessThan(150);
    const rows = parse(readFileSync(join(d, 'bids.csv'), 'utf8'), { columns: true }) as Row[];
    expect(rows.length).toBe(m.counts.bids);
    expect(rows.every((r) => isValidUscc(r.bidder_uscc!))).toBe(true);
    expect(progress).toEqual([]); // fewer than 100k rows: no progress report
  }, 60_000);
});
