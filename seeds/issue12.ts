/**
 * The issue-12 layer of the synthetic city (opt-in: `writeSeedCity(dir, { issue12: true })`): 招标人 and 代理机构 on
 * every tender, the device serials and timestamps on every bid, firm relations and profiles, BOQ lines for some
 * construction tenders — each with a few planted cases, recorded in `answers.issue12`.
 *
 * It draws only from its own streams (`Rng.from(seed, 'issue12', …)`) and claims ids from its own registry, so the
 * rest of the city (every byte of bids.csv's first 25 columns, contracts, attendance, answers) is the same with the
 * layer on or off. Off by default until the importer reads the new columns (issue 12's storage half).
 *
 * Ordinary data: uploads spread over the 72 hours before 09:00 on the open day, files created 1 hour to 10 days
 * before their upload; each firm its own dongle and disk serial, a CPU id from five model-level WMI ProcessorIds
 * (shared by many firms: A40's device cap must ignore them); one legal representative each, 10 % with a 30 %
 * corporate shareholder (not 控股); a unique address and phone, except 15 firms registered at one business centre;
 * BOQ prices independent per bidder (log-normal around the item's base, to the fen) with 0.2 % arithmetic slips.
 */
import { civil, type Day } from './calendar.js';
import { CsvSink, csvFields } from './csv-sink.js';
import type { Firm } from './firms.js';
import { makeIdCard, makeUscc, UniqueRegistry } from './ids.js';
import type { Tender } from './market.js';
import { Rng } from './prng.js';

export const ISSUE12_BID_COLUMNS = [
  'buyer_uscc',
  'buyer_name',
  'agency_uscc',
  'agency_name',
  'file_creation_id',
  'lock_serial',
  'cpu_serial',
  'disk_serial',
  'upload_time',
  'file_created_at',
] as const;

export const FIRM_RELATION_COLUMNS = ['firm_uscc', 'relation', 'person_id', 'related_uscc', 'share_pct', 'valid_from', 'valid_to', 'firm_address', 'firm_phone'] as const;
export const BOQ_COLUMNS = ['tender_code', 'bidder_uscc', 'line_no', 'item_code', 'item_name', 'unit', 'quantity', 'unit_price', 'amount'] as const;

export interface PairAnswer {
  tenderCode: string;
  bidderUsccs: [string, string];
  kind: string;
}

export interface OrgAnswer {
  kind: 'buyer' | 'agency';
  uscc: string;
  detector: string;
  tenders: number;
}

export interface Issue12Answers {
  /** A40 1.1: a shared lock serial, disk serial or file creation id. */
  deviceLinks: PairAnswer[];
  /** TIMING: three firms uploading within seconds; the first two also created their files together. */
  timing: Array<{ tenderCode: string; bidderUsccs: string[] }>;
  /** A34: same head, control through a two-level chain, or management. */
  article34: PairAnswer[];
  /** R044: shared address and phone. */
  r044: PairAnswer[];
  /** BOQSIM: the second bidder copied the first's unit prices and slips. */
  boq: PairAnswer[];
  boqTenders: string[];
  /** BCONC, BSINGLE, BR038, BLOWBID: a buyer given the tenders with the property. */
  orgs: OrgAnswer[];
}

const CPU_MODELS = ['BFEBFBFF000906EA', 'BFEBFBFF000A0653', 'BFEBFBFF000906ED', 'BFEBFBFF00090672', 'AFEBFBFF00A20F12'];
const BUREAUS = ['昆山市住房和城乡建设局', '昆山市交通运输局', '昆山市水务局', '昆山市教育局', '昆山市卫生健康委员会', '昆山市城市管理局'];
const AGENCIES = ['江苏中诚工程咨询有限公司', '苏州华衡项目管理有限公司', '昆山正信招标代理有限公司', '江苏天宇建设咨询有限公司', '苏州同创工程造价事务所有限公司', '昆山市建设工程招标中心有限公司', '江苏华睿项目管理有限公司', '苏州建诚招标有限公司', '江苏国信工程咨询有限公司', '昆山嘉和工程咨询有限公司', '苏州中正项目管理有限公司', '江苏永信工程管理有限公司'];
const BOQ_UNITS = ['m3', 'm2', 't', 'm', '项', '个'];
const CATALOGUE = 600;

interface Org {
  uscc: string;
  name: string;
}

interface FirmExtra {
  lock: string;
  cpu: string;
  disk: string;
}

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[rng.int(0, 15)];
  return s;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS` for 09:00 on `day` minus `secondsBefore` (local wall clock). */
export function wallClock(day: Day, secondsBefore: number): string {
  const { y, m, d } = civil(day);
  const t = new Date(Date.UTC(y, m - 1, d, 9, 0, 0) - Math.round(secondsBefore) * 1000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

interface Bidder {
  firm: Firm;
  valid: boolean;
}

export class Issue12Layer {
  readonly answers: Issue12Answers = { deviceLinks: [], timing: [], article34: [], r044: [], boq: [], boqTenders: [], orgs: [] };
  private readonly reg = new UniqueRegistry();
  private readonly rng: Rng;
  private readonly firmExtra = new Map<Firm, FirmExtra>();
  private readonly districtBuyer = new Map<string, Org>();
  private readonly bureaus: Org[];
  private readonly agencies: Org[];
  private readonly planted: Record<'conc' | 'single' | 'disq' | 'low', Org>;
  private readonly orgCount = new Map<Org, number>();
  /** The busiest construction firm: the planted concentrated buyer gets every ordinary tender it wins. */
  private readonly concWinner: Firm | null;
  private readonly boqBase: number[];
  private boqOrdinal = 0;
  /** Relations to write at the end: planted A34 and R044 pairs, with the year they start. */
  private readonly relPlans: Array<{ a: Firm; b: Firm; kind: string; from: string }> = [];

  constructor(
    private readonly seed: number,
    private readonly boq: CsvSink,
    private readonly lowBid: (tenderCode: string, uscc: string) => boolean,
    firms: readonly Firm[],
  ) {
    this.concWinner = firms.filter((f) => f.kind === 'construction').reduce<Firm | null>((best, f) => (!best || f.weight > best.weight ? f : best), null);
    this.rng = Rng.from(seed, 'issue12');
    const org = (name: string): Org => ({ uscc: this.reg.claim(() => makeUscc(this.rng, '320583', '12')), name });
    this.bureaus = BUREAUS.map(org);
    this.agencies = AGENCIES.map((n) => ({ uscc: this.reg.claim(() => makeUscc(this.rng, '320583')), name: n }));
    this.planted = { conc: org('昆山市某镇村级建设管理站'), single: org('昆山市某街道社区服务中心'), disq: org('昆山市某学校后勤管理处'), low: org('昆山市某园区公共事务中心') };
    this.boqBase = Array.from({ length: CATALOGUE }, () => this.rng.logNormal(300, 1));
  }

  private extra(f: Firm): FirmExtra {
    let e = this.firmExtra.get(f);
    if (!e) {
      const r = Rng.from(this.seed, 'issue12', 'firm', f.idx);
      e = { lock: this.reg.claim(() => `GLD${hex(r, 10)}`), cpu: CPU_MODELS[r.int(0, CPU_MODELS.length - 1)] as string, disk: this.reg.claim(() => `WD-WX${hex(r, 10)}`) };
      this.firmExtra.set(f, e);
    }
    return e;
  }

  private buyerFor(t: Tender, r: Rng, bidders: readonly Bidder[], winner: Firm | null, plantedTender: boolean): Org {
    const p = this.planted;
    if (winner && winner === this.concWinner && !plantedTender) return p.conc;
    if (new Set(bidders.map((b) => b.firm)).size === 1) return p.single;
    if (bidders.filter((b) => !b.valid).length >= 2) return p.disq;
    if (winner && this.lowBid(t.code, winner.uscc)) return p.low;
    if (r.chance(0.5)) {
      let b = this.districtBuyer.get(t.district);
      if (!b) this.districtBuyer.set(t.district, (b = { uscc: this.reg.claim(() => makeUscc(this.rng, '320583')), name: `昆山市${t.district}城市建设投资发展有限公司` }));
      return b;
    }
    return r.pick(this.bureaus);
  }

  /**
   * The ten extra columns for each bid of a tender (in the bids' order), and its BOQ lines when it is chosen.
   * `plantedTender`: the tender carries a planted case of the main city (kept free of issue-12 plants).
   */
  tenderColumns(t: Tender, bids: ReadonlyArray<{ firm: Firm; valid: boolean }>, winner: Firm | null, plantedTender: boolean): string[] {
    const r = Rng.from(this.seed, 'issue12', 'tender', t.index);
    const buyer = this.buyerFor(t, r, bids, winner, plantedTender);
    this.orgCount.set(buyer, (this.orgCount.get(buyer) ?? 0) + 1);
    const agency = r.pick(this.agencies);
    const n = bids.length;
    const upload = bids.map(() => r.float(0, 72 * 3600));
    const created = upload.map((u) => u + r.float(3600, 10 * 24 * 3600));
    const creation = bids.map((_, k) => `FC${t.index.toString(36).toUpperCase()}${k}${hex(r, 8)}`);
    const lock = bids.map((b) => this.extra(b.firm).lock);
    const disk = bids.map((b) => this.extra(b.firm).disk);
    const distinct = new Set(bids.map((b) => b.firm)).size === n;
    const free = !plantedTender && distinct && n >= 3;
    const pair = (): [string, string] => [bids[0]!.firm.uscc, bids[1]!.firm.uscc].sort() as [string, string];
    if (free && t.index % 113 === 7) {
      const kind = (['lockSerial', 'diskSerial', 'fileCreationId'] as const)[this.answers.deviceLinks.length % 3]!;
      if (kind === 'lockSerial') lock[1] = lock[0]!;
      else if (kind === 'diskSerial') disk[1] = disk[0]!;
      else creation[1] = creation[0]!;
      this.answers.deviceLinks.push({ tenderCode: t.code, bidderUsccs: pair(), kind });
    }
    if (free && t.index % 89 === 11) {
      const base = r.float(3600, 48 * 3600);
      upload[0] = base;
      upload[1] = base - r.int(2, 4);
      upload[2] = base - r.int(5, 8);
      created[0] = base + 7200;
      created[1] = base + 7200 + r.int(10, 40);
      this.answers.timing.push({ tenderCode: t.code, bidderUsccs: [bids[0]!.firm.uscc, bids[1]!.firm.uscc, bids[2]!.firm.uscc].sort() });
    }
    if (free && t.index % 131 === 13) {
      const kind = (['same_head', 'control', 'management'] as const)[this.answers.article34.length % 3]!;
      this.relPlans.push({ a: bids[0]!.firm, b: bids[1]!.firm, kind, from: `${t.year - 1}-01-01` });
      this.answers.article34.push({ tenderCode: t.code, bidderUsccs: pair(), kind });
    }
    if (free && t.index % 137 === 17) {
      this.relPlans.push({ a: bids[0]!.firm, b: bids[1]!.firm, kind: 'profile', from: '' });
      this.answers.r044.push({ tenderCode: t.code, bidderUsccs: pair(), kind: 'address+phone' });
    }
    if (t.workType === 'construction' && t.index % 40 === 0 && distinct && n >= 2) this.writeBoq(t, bids, free && this.boqOrdinal % 4 === 0);
    return bids.map((b, k) =>
      csvFields([buyer.uscc, buyer.name, agency.uscc, agency.name, creation[k]!, lock[k]!, this.extra(b.firm).cpu, disk[k]!, wallClock(t.openDay, upload[k]!), wallClock(t.openDay, created[k]!)]),
    );
  }

  private writeBoq(t: Tender, bids: ReadonlyArray<{ firm: Firm }>, copyPair: boolean): void {
    this.boqOrdinal++;
    this.answers.boqTenders.push(t.code);
    const r = Rng.from(this.seed, 'issue12', 'boq', t.index);
    const m = r.int(60, 120);
    const first = r.int(0, CATALOGUE - 1);
    const items = Array.from({ length: m }, (_, k) => (first + k * 7) % CATALOGUE);
    const qty = items.map(() => Math.round(r.float(1, 5000) * 100) / 100);
    let leader: Array<{ price: number; amount: number }> = [];
    bids.forEach((b, k) => {
      const mine: Array<{ price: number; amount: number }> = [];
      items.forEach((it, i) => {
        const copy = copyPair && k === 1 && r.chance(0.9) ? leader[i] : undefined;
        const price = copy ? copy.price : Math.round(this.boqBase[it]! * Math.exp(0.08 * r.normal()) * 100) / 100;
        const right = Math.round(qty[i]! * price * 100) / 100;
        const amount = copy ? copy.amount : r.chance(0.002) ? Math.round((right + 10) * 100) / 100 : right;
        mine.push({ price, amount });
        this.boq.add([t.code, b.firm.uscc, String(i + 1), `0101${String(it).padStart(8, '0')}`, `清单项目${it}`, BOQ_UNITS[it % BOQ_UNITS.length]!, qty[i]!.toFixed(2), price.toFixed(2), amount.toFixed(2)]);
      });
      if (k === 0) leader = mine;
    });
    if (copyPair) this.answers.boq.push({ tenderCode: t.code, bidderUsccs: [bids[0]!.firm.uscc, bids[1]!.firm.uscc].sort() as [string, string], kind: 'copied unit prices' });
  }

  /** firm-relations.csv for every firm, and the planted organisations' answers. Call once, after all tenders. */
  writeRelations(sink: CsvSink, firms: readonly Firm[]): void {
    const r = Rng.from(this.seed, 'issue12', 'relations');
    const person = () => this.reg.claim(() => makeIdCard(r, '320583', 1960, 1990));
    const head = new Map<Firm, string>();
    const profile = new Map<Firm, { address: string; phone: string }>();
    const centre = '江苏省昆山市前进东路科技商务中心1001室';
    firms.forEach((f, i) => {
      head.set(f, person());
      profile.set(f, { address: i % 20 === 3 && i < 300 ? centre : `江苏省昆山市某镇工业园${f.idx + 1}号`, phone: this.reg.claim(() => `0512-5${String(r.int(0, 9_999_999)).padStart(7, '0')}`) });
    });
    const rows: string[][] = [];
    const extraRows = new Map<Firm, string[][]>();
    const addRow = (f: Firm, row: string[]) => {
      const list = extraRows.get(f) ?? [];
      list.push(row);
      extraRows.set(f, list);
    };
    // a firm may sit in several plans: join each kind's firms into groups, so a later plan never undoes an earlier one
    const root = new Map<string, Map<Firm, Firm>>([['same_head', new Map()], ['profile', new Map()]]);
    const find = (m: Map<Firm, Firm>, f: Firm): Firm => {
      let x = f;
      while (m.get(x) && m.get(x) !== x) x = m.get(x)!;
      return x;
    };
    for (const p of this.relPlans) {
      const m = root.get(p.kind);
      if (m) {
        const ra = find(m, p.a);
        const rb = find(m, p.b);
        m.set(ra, ra);
        if (rb !== ra) m.set(rb, ra);
      }
    }
    for (const f of firms) {
      const h = root.get('same_head')!;
      if (h.has(f)) head.set(f, head.get(find(h, f))!);
    }
    const pm = root.get('profile')!;
    const rootProfile = new Map([...pm.keys()].map((f) => [f, profile.get(f)!]));
    for (const f of pm.keys()) profile.set(f, rootProfile.get(find(pm, f))!);
    for (const p of this.relPlans) {
      if (p.kind === 'same_head' || p.kind === 'profile') continue;
      else if (p.kind === 'control') {
        // b holds 55 % of an intermediate company M, M holds 70 % of a: b 控股 a through two levels
        const mid = this.reg.claim(() => makeUscc(r, '320583'));
        rows.push([mid, 'shareholder', '', p.b.uscc, '55', p.from, '', '', '']);
        addRow(p.a, [p.a.uscc, 'shareholder', '', mid, '70', p.from, '', '', '']);
      } else if (p.kind === 'management') addRow(p.a, [p.a.uscc, 'manager', '', p.b.uscc, '', p.from, '', '', '']);
    }
    for (const f of firms) {
      const pr = profile.get(f)!;
      sink.add([f.uscc, 'legal_rep', head.get(f)!, '', '', '', '', pr.address, pr.phone]);
      if (r.chance(0.1)) {
        const other = firms[r.int(0, firms.length - 1)]!;
        if (other !== f) sink.add([f.uscc, 'shareholder', '', other.uscc, '30', '', '', pr.address, pr.phone]);
      }
      for (const row of extraRows.get(f) ?? []) sink.add(row);
    }
    for (const row of rows) sink.add(row);
    for (const [key, detector] of [['conc', 'BCONC'], ['single', 'BSINGLE'], ['disq', 'BR038'], ['low', 'BLOWBID']] as const) {
      const o = this.planted[key];
      const n = this.orgCount.get(o) ?? 0;
      if (n > 0) this.answers.orgs.push({ kind: 'buyer', uscc: o.uscc, detector, tenders: n });
    }
  }
}
