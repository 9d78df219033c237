/**
 * TIMING — 投标文件上传与制作时间雷同 (bids uploaded together, files made in one session). Methodology: timing.md.
 *
 * Soft evidence (OECD 2025 BR-10 "same … IP … creation time", BR-17 "bids submitted together or within a short
 * interval"; 第四十条第（一）项 as supporting evidence). Thresholds from the market (market-gaps.ts):
 *   τ_u = Q_q(gaps between consecutive uploads of different firms, all tenders), q = `gapQuantile`
 *   τ_c = Q_q(the same for file-creation times)
 * Per tender and pair of different bidders (a, b), signals:
 *   upload     a and b in one upload burst (consecutive uploads each ≤ τ_u apart)
 *   sequence   that burst holds ≥ `minSequenceFirms` firms (a batch of uploads in a row)
 *   session    a and b in one file-creation burst (≤ τ_c apart: the files were made in one sitting)
 *   ip         the same upload IP (A40's normalisation; an IP held by more than `commonIpMaxFirms` firms is
 *              infrastructure). A40 already counts a shared IP as one soft match; here it only adds to timing.
 * A pair is flagged on ≥ 2 signals and at least one of them a timing signal (upload, sequence or session): one
 * coincidence never flags, and a shared IP plus nothing else is A40's business. Score 0.45 + 0.1 per further
 * signal (≤ 0.75), severity `medium` (soft evidence only; `high` needs a hard match elsewhere).
 */
import { z } from 'zod';
import type { Detector, DetectorOutput } from '../detector.js';
import { FINGERPRINTS } from '../article-40/fingerprints.js';
import { comparableValue, type MatchOptions } from '../article-40/pair-matches.js';
import { DEFAULT_IGNORED_VALUES } from '../article-40/a40.js';
import { sortFlags } from '../rings/flag-order.js';
import { compareStrings } from '../rings/union-find.js';
import type { BidRow, Flag } from '../types.js';
import { bursts, firmTimes, marketGapThreshold, type GapThreshold } from './market-gaps.js';

export const TIMING_VERSION = '1.0.0';

export const timingSettingsSchema = z.strictObject({
  /** The low quantile q of the market's consecutive-upload (and file-creation) gaps below which two are "close". */
  gapQuantile: z.number().gt(0).max(0.25).default(0.02),
  /** Fewest gaps in the market for a threshold; fewer → the signal is not applicable (default 100 = 2/q at q 0.02). */
  minMarketGaps: z.number().int().min(10).default(100),
  /** Fixed thresholds in seconds instead of the market quantile (cardinal-style `threshold` override). */
  uploadGapSeconds: z.number().min(0).nullable().default(null),
  creationGapSeconds: z.number().min(0).nullable().default(null),
  /** A burst of uploads with at least this many firms adds the `sequence` signal. */
  minSequenceFirms: z.number().int().min(3).default(3),
  /** An upload IP held by more than this many firms in the data is infrastructure (as A40's commonSoftValueMaxFirms). */
  commonIpMaxFirms: z.number().int().min(2).default(10),
});
export type TimingSettings = z.infer<typeof timingSettingsSchema>;

export type TimingSignal = 'upload' | 'sequence' | 'session' | 'ip';

const IP_SPEC = FINGERPRINTS.find((f) => f.field === 'uploadIp') as (typeof FINGERPRINTS)[number];

export const timingDetector: Detector<TimingSettings> = {
  code: 'TIMING',
  version: TIMING_VERSION,
  title: '投标文件上传/制作时间雷同 · Bids uploaded together, files made in one session',
  family: 'collusion',
  settingsSchema: timingSettingsSchema,
  maxFlagShare: 0.1,
  run(view, settings, ctx) {
    const s = settings.base; // thresholds are market-wide: one set for the run
    const coverage = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
    const flags: Flag[] = [];
    const hasTimes = view.dataset.bids.some((b) => (b.uploadTime ?? null) !== null || (b.fileCreatedAt ?? null) !== null);
    if (!hasTimes) {
      coverage.notApplicable = view.tenders.length;
      return { flags, coverage };
    }
    const up: GapThreshold = s.uploadGapSeconds !== null ? { field: 'uploadTime', seconds: s.uploadGapSeconds, quantile: s.gapQuantile, gaps: 0 } : marketGapThreshold(view, 'uploadTime', s.gapQuantile, s.minMarketGaps);
    const cr: GapThreshold = s.creationGapSeconds !== null ? { field: 'fileCreatedAt', seconds: s.creationGapSeconds, quantile: s.gapQuantile, gaps: 0 } : marketGapThreshold(view, 'fileCreatedAt', s.gapQuantile, s.minMarketGaps);
    const ipOpts: MatchOptions = { ignore: new Set(DEFAULT_IGNORED_VALUES), disabled: new Set(), suppressed: commonIps(view.dataset.bids, s.commonIpMaxFirms) };
    const a40 = new Set<string>();
    for (const f of ctx.previous.get('A40')?.flags ?? []) {
      const pair = (f.evidence as { pair?: string[] }).pair;
      if (pair) a40.add(`${f.tenderCode}|${pair[0]}|${pair[1]}`);
    }

    for (const t of view.tenders) {
      const bids = view.bidsOf.get(t.code) ?? [];
      if (new Set(bids.map((b) => b.bidderUscc)).size < 2) {
        coverage.notApplicable++;
        continue;
      }
      const ut = firmTimes(bids, 'uploadTime');
      const ct = firmTimes(bids, 'fileCreatedAt');
      if ((ut.length < 2 || up.seconds === null) && (ct.length < 2 || cr.seconds === null)) {
        coverage.excluded++; // timestamps missing, or the market gives no threshold
        continue;
      }
      coverage.applied++;
      const pairs = new Map<string, PairTiming>();
      const get = (a: string, b: string): PairTiming => {
        const [x, y] = a < b ? [a, b] : [b, a];
        const key = `${x}\u0000${y}`;
        let p = pairs.get(key);
        if (!p) pairs.set(key, (p = { pair: [x, y], signals: new Set() }));
        return p;
      };
      if (up.seconds !== null) {
        for (const burst of bursts(ut, up.seconds)) {
          const seq = burst.length >= s.minSequenceFirms;
          eachPair(burst, (a, b) => {
            const p = get(a.firm, b.firm);
            p.signals.add('upload');
            if (seq) {
              p.signals.add('sequence');
              p.sequence = { firms: burst.map((x) => x.firm), spanSeconds: ((burst[burst.length - 1] as { ms: number }).ms - (burst[0] as { ms: number }).ms) / 1000 };
            }
            p.uploadGapSeconds = Math.abs(b.ms - a.ms) / 1000;
          });
        }
      }
      if (cr.seconds !== null) {
        for (const burst of bursts(ct, cr.seconds)) {
          eachPair(burst, (a, b) => {
            const p = get(a.firm, b.firm);
            p.signals.add('session');
            p.creationGapSeconds = Math.abs(b.ms - a.ms) / 1000;
          });
        }
      }
      // the IP only matters for pairs that already have a timing signal
      const ipOf = new Map<string, string>();
      for (const b of bids) {
        const v = comparableValue(b, IP_SPEC, ipOpts);
        if (v !== null && !ipOf.has(b.bidderUscc)) ipOf.set(b.bidderUscc, v);
      }
      const names = new Map(bids.map((b) => [b.bidderUscc, b.bidderName]));
      let any = false;
      for (const p of [...pairs.values()].sort((x, y) => compareStrings(x.pair[0], y.pair[0]) || compareStrings(x.pair[1], y.pair[1]))) {
        const ipA = ipOf.get(p.pair[0]);
        if (ipA !== undefined && ipA === ipOf.get(p.pair[1])) {
          p.signals.add('ip');
          p.ip = ipA;
        }
        if (p.signals.size < 2) continue;
        any = true;
        flags.push(timingFlag(t.code, p, up, cr, s, names, a40.has(`${t.code}|${p.pair[0]}|${p.pair[1]}`)));
      }
      if (any) coverage.flagged++;
    }
    return { flags: sortFlags(flags), coverage } satisfies DetectorOutput;
  },
};

interface PairTiming {
  pair: [string, string];
  signals: Set<TimingSignal>;
  uploadGapSeconds?: number;
  creationGapSeconds?: number;
  sequence?: { firms: string[]; spanSeconds: number };
  ip?: string;
}

function eachPair<T extends { firm: string }>(xs: readonly T[], fn: (a: T, b: T) => void): void {
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if ((xs[i] as T).firm !== (xs[j] as T).firm) fn(xs[i] as T, xs[j] as T);
}

/** `uploadIp|value` keys of IPs held by more than `cap` distinct firms. */
function commonIps(bids: readonly BidRow[], cap: number): Set<string> {
  const opts: MatchOptions = { ignore: new Set(DEFAULT_IGNORED_VALUES), disabled: new Set() };
  const firms = new Map<string, Set<string>>();
  for (const b of bids) {
    const v = comparableValue(b, IP_SPEC, opts);
    if (v === null) continue;
    let set = firms.get(v);
    if (!set) firms.set(v, (set = new Set()));
    if (set.size <= cap) set.add(b.bidderUscc);
  }
  return new Set([...firms].filter(([, set]) => set.size > cap).map(([v]) => `uploadIp|${v}`));
}

const ORDER: TimingSignal[] = ['upload', 'sequence', 'session', 'ip'];

function secs(x: number): string {
  return Number.isInteger(x) ? `${x}` : x.toFixed(1);
}

function label(uscc: string, names: Map<string, string>): string {
  const n = names.get(uscc);
  return n && n !== uscc ? `${n}（${uscc}）` : uscc;
}

function timingFlag(tender: string, p: PairTiming, up: GapThreshold, cr: GapThreshold, s: TimingSettings, names: Map<string, string>, a40Linked: boolean): Flag {
  const signals = ORDER.filter((x) => p.signals.has(x));
  const q = `${(s.gapQuantile * 100).toFixed(0)}%`;
  const facts: string[] = [];
  if (p.uploadGapSeconds !== undefined) facts.push(`上传时间相差 ${secs(p.uploadGapSeconds)} 秒（阈值 ${secs(up.seconds as number)} 秒${up.gaps ? `，即全市场相邻上传间隔的 ${q} 分位，样本 ${up.gaps} 个` : '，设置值'}）`);
  if (p.sequence) facts.push(`${p.sequence.firms.length} 家投标人在 ${secs(p.sequence.spanSeconds)} 秒内依次上传（≥ ${s.minSequenceFirms} 家即为连续上传）`);
  if (p.creationGapSeconds !== undefined) facts.push(`投标文件创建时间相差 ${secs(p.creationGapSeconds)} 秒（阈值 ${secs(cr.seconds as number)} 秒${cr.gaps ? `，全市场相邻创建间隔的 ${q} 分位，样本 ${cr.gaps} 个` : '，设置值'}）`);
  if (p.ip) facts.push(`上传IP相同（${p.ip}）`);
  const score = Math.min(0.75, Math.round((0.45 + 0.1 * (signals.length - 2)) * 100) / 100);
  return {
    detector: 'TIMING',
    version: TIMING_VERSION,
    subjectType: 'tender',
    subjectId: tender,
    tenderCode: tender,
    bidderUscc: p.pair[0],
    score,
    severity: 'medium',
    explanation:
      `标段 ${tender}：投标人 ${label(p.pair[0], names)} 与 ${label(p.pair[1], names)} ${facts.join('；')}。共 ${signals.length} 项时间/网络特征雷同（需 ≥ 2 项，单项不构成线索）` +
      `${a40Linked ? '；该两家在本标段另有第四十条特征码关联（A40）' : ''}。属辅助线索（OECD 围标迹象 BR-10/BR-17；可作《招标投标法实施条例》第四十条第（一）项“由同一单位或者个人编制”的佐证），` +
      `需调取平台上传日志核实 (uploaded/created within the market's ${q} gap quantile: ${signals.join(', ')}; soft evidence, a reason to review)`,
    evidence: {
      rule: 'timing',
      pair: p.pair,
      signals,
      uploadGapSeconds: p.uploadGapSeconds ?? null,
      creationGapSeconds: p.creationGapSeconds ?? null,
      sequence: p.sequence ?? null,
      uploadIp: p.ip ?? null,
      a40Linked,
      thresholds: {
        quantile: s.gapQuantile,
        uploadGapSeconds: up.seconds,
        uploadMarketGaps: up.gaps,
        creationGapSeconds: cr.seconds,
        creationMarketGaps: cr.gaps,
        minSequenceFirms: s.minSequenceFirms,
      },
    },
  };
}
