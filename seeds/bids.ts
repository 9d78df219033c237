/** Ordinary bids: prices from the market model, personnel and file fingerprints from the firm's own stock. */
import type { Day } from './calendar.js';
import { iso } from './calendar.js';
import type { Evaluable } from './evaluation.js';
import { type Firm, type FirmMarket, freeProjectManager, type ProjectManager, type Registries, type Workstation } from './firms.js';
import { type DiscountModel, CLIP_E, CLIP_T, discountModel, isService, type Tender, type TenderCalendar } from './market.js';
import { csvFields } from './csv-sink.js';
import { yuan } from './money.js';
import type { Rng } from './prng.js';
import { guardSignals } from './signals.js';
import type { Issue12Layer } from './issue12.js';

/** What every generation step shares. `rng` is the one sequential stream for bids and everything after. */
export interface SeedContext {
  seed: number;
  rng: Rng;
  reg: Registries;
  market: FirmMarket;
  cal: TenderCalendar;
  /** data cut-off: nothing after this day is known (end of toYear) */
  asOf: Day;
  /** 实名制考勤 window (last months of toYear) */
  window: { from: Day; to: Day };
  /** firms with a planted role: kept out of the other planted tenders so cases do not overlap */
  roleFirms: Set<Firm>;
  /** The opt-in issue-12 layer (buyer, agency, device serials, timing, relations, BOQ): extra bid columns. */
  issue12?: Issue12Layer;
}

export interface BidDraft extends Evaluable {
  firm: Firm;
  reason: string | null;
  /** the firm's PM named on this bid (null when a planted case names someone else's) */
  pm: ProjectManager | null;
  pmId: string;
  tlId: string;
  agentId: string;
  station: Workstation;
  ip: string;
  creator: string;
  bond: string;
}

export const OVER_CONTROL_REASON = '报价超过最高投标限价';
export const INVALID_REASONS = [
  '未按要求提供投标保证金',
  '资格审查不合格',
  '投标文件未按招标文件要求签字盖章',
  '项目经理有在建工程',
  '未实质性响应招标文件要求',
  '投标有效期不满足招标文件要求',
  '已标价工程量清单与招标工程量清单不一致',
  '企业资质等级不满足招标文件要求',
  '投标文件格式不符合招标文件要求',
] as const;

/** Services bid to the yuan; works bid to the fen, as 计价 software prints them. */
export function priceForDiscount(t: Tender, d: number): number {
  const raw = t.controlCents * (1 - d);
  return isService(t.workType) ? Math.round(raw / 100) * 100 : Math.round(raw);
}

export function discountOf(t: Tender, cents: number): number {
  return (t.controlCents - cents) / t.controlCents;
}

export function modelFor(t: Tender): DiscountModel {
  return discountModel(t.category, t.workType, t.evaluationMethod, t.year);
}

/** 下浮率 = μ + tender effect + bid noise, both clipped (see market.ts). */
export function drawDiscounts(rng: Rng, m: DiscountModel, n: number): number[] {
  const effect = m.sigmaT * rng.clippedNormal(CLIP_T);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(m.mu + effect + m.sigmaE * rng.clippedNormal(CLIP_E));
  return out;
}

export function makeBid(ctx: SeedContext, t: Tender, firm: Firm, cents: number): BidDraft {
  const { rng } = ctx;
  const pm = freeProjectManager(rng, ctx.reg, firm, t.openDay);
  return {
    firm,
    cents,
    valid: true,
    reason: null,
    rank: null,
    winner: false,
    pm,
    pmId: pm.id,
    tlId: rng.pick(firm.techLeads),
    agentId: rng.pick(firm.agents),
    station: rng.pick(firm.stations),
    ip: firm.ip,
    creator: rng.pick(firm.creators),
    bond: firm.bond,
  };
}

/** A firm's disqualification share stays ≤ 8 % so that only planted firms stand out (R038). */
function mayDisqualify(f: Firm): boolean {
  return (f.invalid + 1) / (f.bids + 1) <= 0.08;
}

/** About one tender in five has one 否决 bid — never the lowest, sometimes priced over the ceiling. */
function maybeInvalid(ctx: SeedContext, t: Tender, bids: BidDraft[]): void {
  const { rng } = ctx;
  if (bids.length < 3 || !rng.chance(0.2)) return;
  const lowest = Math.min(...bids.map((b) => b.cents));
  const candidates = bids.filter((b) => b.cents !== lowest && mayDisqualify(b.firm));
  if (candidates.length === 0) return;
  const b = rng.pick(candidates);
  b.valid = false;
  if (rng.chance(0.15)) {
    b.cents = priceForDiscount(t, -rng.float(0.002, 0.03));
    b.reason = OVER_CONTROL_REASON;
  } else {
    b.reason = rng.pick(INVALID_REASONS);
  }
}

/**
 * Ordinary bids from these firms, redrawn until the tender trips no rule even at the guard margins
 * (no low-price trigger, no identical or regular prices, no disqualification pattern).
 */
export function normalBids(ctx: SeedContext, t: Tender, firms: readonly Firm[], withInvalid = true): BidDraft[] {
  const bids = firms.map((f) => makeBid(ctx, t, f, 0));
  repriceNormally(ctx, t, bids, withInvalid);
  return bids;
}

export function repriceNormally(ctx: SeedContext, t: Tender, bids: BidDraft[], withInvalid = true): void {
  const m = modelFor(t);
  for (let attempt = 0; attempt < 500; attempt++) {
    const ds = drawDiscounts(ctx.rng, m, bids.length);
    bids.forEach((b, i) => {
      b.cents = priceForDiscount(t, ds[i]!);
      b.valid = true;
      b.reason = null;
    });
    if (withInvalid) maybeInvalid(ctx, t, bids);
    if (guardSignals(bids, t.controlCents).size === 0) return;
  }
  throw new Error(`seed: could not draw clean prices for ${t.code}`);
}

export function drawFirms(ctx: SeedContext, t: Tender, n: number, exclude?: ReadonlySet<Firm>): Firm[] {
  const pool = ctx.market.pools.get(t.workType === 'construction' ? `construction:${t.category}` : t.workType);
  if (!pool) throw new Error(`no firm pool for ${t.workType}`);
  return pool.draw(ctx.rng, n, exclude);
}

export const BID_COLUMNS = [
  'tender_code',
  'project_name',
  'district',
  'category',
  'work_type',
  'tender_method',
  'evaluation_method',
  'funding',
  'control_price',
  'open_date',
  'bidder_uscc',
  'bidder_name',
  'bid_price',
  'bid_valid',
  'invalid_reason',
  'is_winner',
  'rank',
  'project_manager_id',
  'technical_lead_id',
  'agent_id',
  'file_machine_code',
  'file_mac',
  'upload_ip',
  'file_creator',
  'bond_account',
] as const;

/** The tender's columns, formatted once for all its rows. */
export function tenderPrefix(t: Tender): string {
  return csvFields([t.code, t.projectName, t.district, t.category, t.workType, t.tenderMethod, t.evaluationMethod, t.funding, yuan(t.controlCents), iso(t.openDay)]);
}

export function bidLine(prefix: string, b: BidDraft): string {
  const own = [
    b.firm.uscc,
    b.firm.name,
    yuan(b.cents),
    b.valid ? 'true' : 'false',
    b.reason ?? '',
    b.winner ? 'true' : 'false',
    b.rank === null ? '' : String(b.rank),
    b.pmId,
    b.tlId,
    b.agentId,
    b.station.machineCode,
    b.station.mac,
    b.ip,
    b.creator,
    b.bond,
  ];
  return `${prefix},${csvFields(own)}\n`;
}
