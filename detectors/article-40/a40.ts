/**
 * A40 — 条例第四十条 evidence ladder (投标文件雷同性 / 第四十条视为串通投标情形).
 *
 * Per tender, every pair of *different* bidders is compared on the bid-file fingerprints (fingerprints.ts): a pair
 * is linked on ≥ 1 hard match or ≥ 2 soft matches; one soft match never links. One flag per linked pair per
 * tender, naming the Art. 40 items it rests on. A firm reusing its own machine across its own bids is never
 * compared with itself, and matches across different tenders are not links (each link is within one tender).
 * Rings (union–find across tenders) are assembled by COBID from these flags (rings/cobid.ts).
 * Methodology: a40.md.
 */
import { z } from 'zod';
import type { DatasetView } from '../dataset-view.js';
import type { Detector, DetectorContext, DetectorOutput } from '../detector.js';
import { sortFlags } from '../rings/flag-order.js';
import type { Flag, Severity } from '../types.js';
import { ARTICLE_TEXT, FINGERPRINTS, type Article40Item, type FingerprintField } from './fingerprints.js';
import { comparableValue, linkRule, tenderPairEvidence, tenderPrints, type MatchOptions, type PairEvidence, type PairMatch } from './pair-matches.js';

export const A40_VERSION = '1.1.0';

const FIELD_NAMES = FINGERPRINTS.map((f) => f.field) as [FingerprintField, ...FingerprintField[]];

/** Tool defaults that carry no information: Windows default authors, unset addresses. Compared lower-case. */
export const DEFAULT_IGNORED_VALUES = [
  'administrator',
  'admin',
  'user',
  'owner',
  'unknown',
  '用户',
  '微软用户',
  'microsoft',
  '0.0.0.0',
  '127.0.0.1',
  '000000000000',
  'ffffffffffff',
  // what hardware and clients report when a serial is not set (device fields, issue 12 §3)
  'to be filled by o.e.m.',
  'default string',
  'system serial number',
  'not specified',
  'not applicable',
  'none',
  'null',
  'n/a',
];

export const a40SettingsSchema = z.strictObject({
  /** Soft matches (upload IP, file creator; counted by field) needed to link a pair without a hard match; ≥ 2. */
  minSoftMatches: z.number().int().min(2).default(2),
  /** A soft value (IP, creator) used by more than this many firms in the data is shared infrastructure: ignored. */
  commonSoftValueMaxFirms: z.number().int().min(2).default(10),
  /**
   * A device serial (文件创建标识码, 加密锁号, CPU / disk serial) held by more than this many firms in the data is a
   * placeholder or a model-level id, not one machine: ignored. Machine code, MAC and the people and accounts of
   * 40(2)(3)(6) are never capped (a 标书代做 agent serving thirty firms is what 40(2) is about).
   */
  commonDeviceValueMaxFirms: z.number().int().min(2).default(10),
  /** Normalised values never compared, lower-case. */
  ignoreValues: z.array(z.string()).default(DEFAULT_IGNORED_VALUES),
  /** Fingerprint fields left out (e.g. a source whose MAC column is unreliable). */
  disabledFields: z.array(z.enum(FIELD_NAMES)).default([]),
});
export type A40Settings = z.infer<typeof a40SettingsSchema>;

/** Codes of earlier price detectors whose tender flags corroborate a link (Art. 40(4) 报价呈规律性差异 / 异常一致). */
export const PRICE_PATTERN_DETECTORS = ['IDENT', 'REGDIFF'] as const;

export const a40Detector: Detector<A40Settings> = {
  code: 'A40',
  version: A40_VERSION,
  title: '第四十条雷同性（投标文件特征码） · Art. 40 bid-file fingerprint links',
  family: 'collusion',
  settingsSchema: a40SettingsSchema,
  maxFlagShare: 0.1,
  run(view, settings, ctx) {
    return runA40(view, settings.base, (t) => settings.for(t), ctx);
  },
};

function runA40(
  view: DatasetView,
  base: A40Settings,
  forTender: (t: DatasetView['tenders'][number]) => A40Settings,
  ctx: DetectorContext,
): DetectorOutput {
  const suppressed = commonSoftValues(view, base);
  const corroborated = priceCorroboration(ctx);
  const flags: Flag[] = [];
  const coverage = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
  const optsCache = new Map<A40Settings, MatchOptions>();

  for (const t of view.tenders) {
    const bids = view.bidsOf.get(t.code) ?? [];
    const s = forTender(t);
    let opts = optsCache.get(s);
    if (!opts) {
      opts = { ignore: new Set(s.ignoreValues.map((v) => v.toLowerCase())), disabled: new Set(s.disabledFields), suppressed };
      optsCache.set(s, opts);
    }
    const firms = new Set(bids.map((b) => b.bidderUscc));
    if (firms.size < 2) {
      coverage.notApplicable++;
      continue;
    }
    const prints = tenderPrints(bids, opts);
    const withPrint = new Set<string>();
    bids.forEach((b, k) => {
      if ((prints[k] as Array<string | null>).some((v) => v !== null)) withPrint.add(b.bidderUscc);
    });
    if (withPrint.size < 2) {
      coverage.excluded++; // no fingerprints to compare: a data gap, not a clean result
      continue;
    }
    coverage.applied++;
    const names = new Map(bids.map((b) => [b.bidderUscc, b.bidderName]));
    const price = corroborated.get(t.code) ?? [];
    let any = false;
    for (const e of tenderPairEvidence(bids, opts, prints)) {
      const rule = linkRule(e, s.minSoftMatches);
      if (!rule) continue;
      any = true;
      flags.push(pairFlag(t.code, e, rule, names, price));
    }
    if (any) coverage.flagged++;
  }
  return { flags: sortFlags(flags), coverage };
}

/**
 * `field|value` keys of soft values held by more than `commonSoftValueMaxFirms` distinct firms in the data, and of
 * device serials held by more than `commonDeviceValueMaxFirms`.
 */
export function commonSoftValues(view: DatasetView, s: A40Settings): Set<string> {
  const opts: MatchOptions = { ignore: new Set(s.ignoreValues.map((v) => v.toLowerCase())), disabled: new Set(s.disabledFields) };
  const out = new Set<string>();
  for (const f of FINGERPRINTS.filter((x) => x.kind === 'soft' || x.device)) {
    const cap = f.device ? s.commonDeviceValueMaxFirms : s.commonSoftValueMaxFirms;
    const firmsOf = new Map<string, Set<string>>(); // one map per field: no key concatenation per bid
    for (const b of view.dataset.bids) {
      const v = comparableValue(b, f, opts);
      if (v === null) continue;
      let set = firmsOf.get(v);
      if (!set) firmsOf.set(v, (set = new Set()));
      if (set.size <= cap) set.add(b.bidderUscc); // stop growing once over the cap
    }
    for (const [v, set] of firmsOf) if (set.size > cap) out.add(`${f.field}|${v}`);
  }
  return out;
}

/** Tender codes flagged by IDENT / REGDIFF (tender-level flags of the price detectors that ran earlier). */
function priceCorroboration(ctx: DetectorContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const code of PRICE_PATTERN_DETECTORS) {
    for (const f of ctx.previous.get(code)?.flags ?? []) {
      const t = f.tenderCode ?? (f.subjectType === 'tender' ? f.subjectId : null);
      if (!t) continue;
      const list = out.get(t) ?? [];
      if (!list.includes(code)) list.push(code);
      out.set(t, list);
    }
  }
  return out;
}

function pairFlag(tenderCode: string, e: PairEvidence, rule: 'hard' | 'soft2', names: Map<string, string>, price: string[]): Flag {
  const [a, b] = e.pair;
  const articles = [...new Set(e.matches.filter((m) => rule === 'hard' ? m.kind === 'hard' : true).map((m) => m.article))].sort() as Article40Item[];
  const withPrice = price.length > 0;
  const score = Math.min(1, (rule === 'hard' ? 0.9 : 0.6) + (withPrice ? 0.1 : 0));
  const severity: Severity = rule === 'hard' || withPrice ? 'high' : 'medium';
  return {
    detector: 'A40',
    version: A40_VERSION,
    subjectType: 'tender',
    subjectId: tenderCode,
    tenderCode,
    bidderUscc: a,
    score,
    severity,
    explanation: explain(tenderCode, e, rule, names, articles, price),
    evidence: {
      rule,
      pair: [a, b],
      matches: e.matches.map((m) => ({ field: m.field, article: m.article, kind: m.kind, value: m.value })),
      hardMatches: e.hard,
      softMatches: e.soft,
      articles,
      priceCorroboration: price,
    },
  };
}

function firmLabel(uscc: string, names: Map<string, string>): string {
  const n = names.get(uscc);
  return n && n !== uscc ? `${n}（${uscc}）` : uscc;
}

function shown(m: PairMatch): string {
  // keyed hashes are long and meaningless to read: show a prefix to tell them apart
  return m.field.endsWith('Hash') || m.field.includes('/') ? `${m.value.slice(0, 8)}…` : m.value;
}

function zhField(m: PairMatch): string {
  if (m.field === 'projectManagerHash/technicalLeadHash') return '项目管理成员（一方的项目负责人为另一方的技术负责人）';
  return FINGERPRINTS.find((f) => f.field === m.field)?.zh ?? m.field;
}

function enField(m: PairMatch): string {
  if (m.field === 'projectManagerHash/technicalLeadHash') return 'project-team member (PM of one is technical lead of the other)';
  return FINGERPRINTS.find((f) => f.field === m.field)?.en ?? m.field;
}

function explain(
  tender: string,
  e: PairEvidence,
  rule: 'hard' | 'soft2',
  names: Map<string, string>,
  articles: Article40Item[],
  price: string[],
): string {
  const [a, b] = e.pair;
  const facts = e.matches.map((m) => `${zhField(m)}相同（${shown(m)}${m.kind === 'soft' ? '，辅助特征' : ''}）`).join('；');
  const basis = articles.map((x) => ARTICLE_TEXT[x]).join('、');
  const ladder =
    rule === 'hard'
      ? `${e.hard} 项硬特征相同（≥ 1 项即关联）`
      : `${e.soft} 项辅助特征同时相同（需 ≥ 2 项；单项不构成关联）`;
  const corroborate = price.length ? `；同一标段另有报价规律性/雷同线索（${price.join('、')}）` : '';
  const en = `${e.matches.map(enField).join(', ')} shared: Art. ${articles.join(', ')}; ${rule === 'hard' ? 'hard match' : 'two soft matches'}`;
  const finding =
    rule === 'hard'
      ? `依据《招标投标法实施条例》${basis}，属“视为串通投标”的情形`
      : `对照《招标投标法实施条例》${basis}，提示可能存在“视为串通投标”的情形，需调取投标文件等进一步核实`;
  return (
    `标段 ${tender}：投标人 ${firmLabel(a, names)} 与 ${firmLabel(b, names)} 的${facts}。${ladder}，` +
    `${finding}${corroborate}；此为核查线索，不是定性结论 (${en}; a reason to review, not a finding)`
  );
}
