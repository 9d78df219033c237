/**
 * The issue-12 layer of the seed city, read back as a Dataset (a small CSV reader here, since the importer does not
 * take the new columns and kinds yet) and run through every detector: each planted case found by its detector, and
 * how many other pairs or organisations each new detector flags.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runDetectors, type RunDetectorsResult } from '../detectors/index.js';
import type { BidRow, BoqLineRow, Dataset, FirmProfileRow, FirmRelationRow, Flag, TenderRow } from '../detectors/types.js';
import type { Answers } from './answers.js';
import { writeSeedCity } from './city.js';

type Row = Record<string, string>;

function rows(path: string): Row[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}

/** `YYYY-MM-DD HH:MM:SS` in Asia/Shanghai (UTC+8, no DST) → epoch ms. */
function shanghai(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h - 8, mi, se);
}

const orNull = (s: string | undefined) => (s === undefined || s === '' ? null : s);

export function loadIssue12City(dir: string): Dataset {
  const tenders = new Map<string, TenderRow>();
  const bids: BidRow[] = [];
  for (const r of rows(join(dir, 'bids.csv'))) {
    const control = Number(r.control_price);
    if (!tenders.has(r.tender_code as string)) {
      tenders.set(r.tender_code as string, {
        code: r.tender_code as string,
        projectName: r.project_name as string,
        district: r.district as string,
        category: r.category as TenderRow['category'],
        workType: r.work_type as TenderRow['workType'],
        tenderMethod: r.tender_method as TenderRow['tenderMethod'],
        evaluationMethod: r.evaluation_method as TenderRow['evaluationMethod'],
        funding: (orNull(r.funding) as TenderRow['funding']) ?? null,
        controlPrice: control,
        openDate: r.open_date as string,
        year: Number((r.open_date as string).slice(0, 4)),
        buyerUscc: orNull(r.buyer_uscc),
        buyerName: orNull(r.buyer_name),
        agencyUscc: orNull(r.agency_uscc),
        agencyName: orNull(r.agency_name),
      });
    }
    const price = Number(r.bid_price);
    bids.push({
      tenderCode: r.tender_code as string,
      bidderUscc: r.bidder_uscc as string,
      bidderName: r.bidder_name as string,
      price,
      discount: (control - price) / control,
      valid: r.bid_valid === 'true',
      invalidReason: orNull(r.invalid_reason),
      isWinner: r.is_winner === 'true',
      rank: r.rank ? Number(r.rank) : null,
      projectManagerHash: orNull(r.project_manager_id),
      technicalLeadHash: orNull(r.technical_lead_id),
      agentHash: orNull(r.agent_id),
      bondAccountHash: orNull(r.bond_account),
      fileMachineCode: orNull(r.file_machine_code),
      fileMac: orNull(r.file_mac),
      uploadIp: orNull(r.upload_ip),
      fileCreator: orNull(r.file_creator),
      fileCreationId: orNull(r.file_creation_id),
      lockSerial: orNull(r.lock_serial),
      cpuSerial: orNull(r.cpu_serial),
      diskSerial: orNull(r.disk_serial),
      uploadTime: shanghai(r.upload_time ?? ''),
      fileCreatedAt: shanghai(r.file_created_at ?? ''),
    });
  }
  const firmRelations: FirmRelationRow[] = [];
  const profiles = new Map<string, FirmProfileRow>();
  for (const r of rows(join(dir, 'firm-relations.csv'))) {
    firmRelations.push({
      firmUscc: r.firm_uscc as string,
      relation: r.relation as FirmRelationRow['relation'],
      personHash: orNull(r.person_id),
      relatedUscc: orNull(r.related_uscc),
      sharePct: r.share_pct ? Number(r.share_pct) : null,
      validFrom: orNull(r.valid_from),
      validTo: orNull(r.valid_to),
    });
    if (r.firm_address && !profiles.has(r.firm_uscc as string)) profiles.set(r.firm_uscc as string, { uscc: r.firm_uscc as string, addressNorm: r.firm_address, phoneHash: orNull(r.firm_phone) });
  }
  const boqLines: BoqLineRow[] = rows(join(dir, 'boq.csv')).map((r) => ({
    tenderCode: r.tender_code as string,
    bidderUscc: r.bidder_uscc as string,
    lineNo: Number(r.line_no),
    itemCode: r.item_code as string,
    itemName: orNull(r.item_name),
    unit: orNull(r.unit),
    quantity: Number(r.quantity),
    unitPrice: Number(r.unit_price),
    amount: Number(r.amount),
  }));
  return { tenders: [...tenders.values()], bids, contracts: [], attendance: [], firmRelations, firmProfiles: [...profiles.values()], boqLines };
}

let answers: Answers;
let result: RunDetectorsResult;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-seed12-'));
  await writeSeedCity(dir, { issue12: true });
  answers = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')) as Answers;
  result = runDetectors(loadIssue12City(dir), {}, { asOf: '2025-12-31' });
}, 180_000);

const flagsOf = (code: string): Flag[] => result.flags.filter((f) => f.detector === code);
const pairKey = (tender: string | null, pair: readonly string[]) => `${tender}|${[...pair].sort().join('|')}`;

function pairRecall(code: string, planted: Array<{ tenderCode: string; bidderUsccs: readonly string[] }>): { found: number; planted: number; others: number; pairs: number } {
  const flagged = new Set(flagsOf(code).map((f) => pairKey(f.tenderCode, f.evidence.pair as string[])));
  const want = new Set(planted.map((p) => pairKey(p.tenderCode, p.bidderUsccs)));
  return { found: [...want].filter((k) => flagged.has(k)).length, planted: want.size, others: [...flagged].filter((k) => !want.has(k)).length, pairs: flagged.size };
}

describe('issue-12 planted cases in the seed city', () => {
  it('A40 finds every shared dongle, disk serial and file creation id; model-level CPU ids link nobody', () => {
    const planted = answers.issue12!.deviceLinks;
    expect(planted.length).toBeGreaterThanOrEqual(3);
    const byPair = new Map(flagsOf('A40').map((f) => [pairKey(f.tenderCode, f.evidence.pair as string[]), f]));
    for (const p of planted) {
      const f = byPair.get(pairKey(p.tenderCode, p.bidderUsccs));
      expect({ p, fields: ((f?.evidence.matches ?? []) as Array<{ field: string }>).map((m) => m.field) }).toEqual({ p, fields: expect.arrayContaining([p.kind]) });
    }
    expect(flagsOf('A40').some((f) => (f.evidence.matches as Array<{ field: string }>).some((m) => m.field === 'cpuSerial'))).toBe(false);
  });

  it('TIMING finds each planted upload sequence (all three pairs), and flags few other tenders', () => {
    const planted = answers.issue12!.timing.flatMap((t) => {
      const [a, b, c] = t.bidderUsccs as [string, string, string];
      return [[a, b], [a, c], [b, c]].map((pair) => ({ tenderCode: t.tenderCode, bidderUsccs: pair }));
    });
    const r = pairRecall('TIMING', planted);
    process.stderr.write(`TIMING recall ${r.found}/${r.planted}, other pairs ${r.others}\n`);
    expect(r.found).toBe(r.planted);
    const plantedTenders = new Set(answers.issue12!.timing.map((t) => t.tenderCode));
    const otherTenders = new Set(flagsOf('TIMING').map((f) => f.tenderCode).filter((t) => !plantedTenders.has(t as string)));
    expect(otherTenders.size / result.view.tenders.length).toBeLessThanOrEqual(0.01);
  });

  it('A34 finds every planted same-head, two-level control and management pair, and nothing else', () => {
    const r = pairRecall('A34', answers.issue12!.article34);
    expect(r.planted).toBeGreaterThanOrEqual(3);
    expect(r.found).toBe(r.planted);
    // the relation holds in every tender the two meet after it began: every flagged pair is a planted pair
    const pairs = new Set(answers.issue12!.article34.map((p) => [...p.bidderUsccs].sort().join('|')));
    const heads = new Set(answers.issue12!.article34.filter((p) => p.kind === 'same_head').flatMap((p) => p.bidderUsccs));
    for (const f of flagsOf('A34')) {
      const key = [...(f.evidence.pair as string[])].sort().join('|');
      expect(pairs.has(key) || (f.evidence.pair as string[]).every((u) => heads.has(u))).toBe(true);
    }
    const kinds = new Map(flagsOf('A34').map((f) => [pairKey(f.tenderCode, f.evidence.pair as string[]), (f.evidence.kinds as string[])[0]]));
    for (const p of answers.issue12!.article34) expect(kinds.get(pairKey(p.tenderCode, p.bidderUsccs))).toBe(p.kind);
  });

  it('R044 finds every planted shared address and phone; the business centre (15 firms) is ignored', () => {
    const r = pairRecall('R044', answers.issue12!.r044);
    process.stderr.write(`R044 recall ${r.found}/${r.planted}, other pairs ${r.others}\n`);
    expect(r.found).toBe(r.planted);
    // a planted pair shares its address and phone in every tender they meet, and groups of planted firms share
    // one profile: every flagged pair is two planted firms
    const firms = new Set(answers.issue12!.r044.flatMap((p) => p.bidderUsccs));
    // sister firms under one planted A34 parent carry the `owner` signal
    const owners = new Set(answers.issue12!.article34.filter((p) => p.kind === 'control').flatMap((p) => p.bidderUsccs));
    for (const f of flagsOf('R044')) {
      const pair = f.evidence.pair as string[];
      const signals = f.evidence.signals as string[];
      const ok = signals.every((x) => (x === 'owner' ? pair.every((u) => owners.has(u)) : pair.every((u) => firms.has(u))));
      expect({ pair, signals, ok }).toEqual({ pair, signals, ok: true });
    }
  });

  it('BOQSIM finds every copied BOQ and nothing else among the BOQ tenders', () => {
    const r = pairRecall('BOQSIM', answers.issue12!.boq);
    const cov = result.coverage.find((c) => c.detector === 'BOQSIM')!;
    process.stderr.write(`BOQSIM recall ${r.found}/${r.planted}, other pairs ${r.others}, tenders with BOQ ${cov.applied}\n`);
    expect(r.planted).toBeGreaterThanOrEqual(3);
    expect(r.found).toBe(r.planted);
    expect(r.others).toBe(0);
  });

  it('each planted buyer is flagged by its indicator', () => {
    const orgs = answers.issue12!.orgs;
    expect(orgs.map((o) => o.detector).sort()).toEqual(['BCONC', 'BLOWBID', 'BR038', 'BSINGLE']);
    for (const o of orgs) {
      const hit = flagsOf(o.detector).some((f) => f.subjectType === o.kind && f.subjectId === o.uscc);
      expect({ o, hit }).toEqual({ o, hit: true });
    }
    // the small planted buyers (6–20 tenders, winners drawn from the planted firms) are concentrated by construction
    const plantedOrgs = new Set(orgs.map((o) => o.uscc));
    expect(flagsOf('BCONC').every((f) => plantedOrgs.has(f.subjectId))).toBe(true);
    for (const code of ['BCONC', 'BR038', 'BSINGLE', 'BLOWBID']) {
      const others = flagsOf(code).filter((f) => !orgs.some((o) => o.uscc === f.subjectId && o.detector === code));
      process.stderr.write(`${code}: ${flagsOf(code).length} flags, ${others.length} not planted (${others.map((f) => `${f.subjectType} ${f.subjectId}`).join(', ')})\n`);
    }
  });
});
