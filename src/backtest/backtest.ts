/**
 * Backtest: how well each detector and score ranks known collusive tenders and cartel firms.
 *
 * For tenders: collusion_score, low_bid_score, and per detector the strongest flag it raised on the tender (0 where
 * none). For firms: ring_score and per detector the strongest flag naming the firm. Beside them two baselines fixed
 * in advance (issue 10): the −CV screen for tenders (the tender's coefficient of variation of valid bids, lower =
 * more suspicious; tenders where it cannot be computed rank lowest) and the number of tenders a firm bid in.
 * ROC-AUC and PR-AUC (average precision) per signal (detectors/lib/ranking-metrics.ts).
 */
import { runDetectors, type RunDetectorsResult } from '../../detectors/index.js';
import { prAuc, rocAuc } from '../../detectors/lib/ranking-metrics.js';
import type { Dataset, Flag } from '../../detectors/types.js';
import { tenderCollusionScores } from '../../detectors/scores/collusion-score.js';
import { firmRingScores } from '../../detectors/scores/ring-score.js';
import type { ScoreSettings } from '../../detectors/scores/score-settings.js';

export interface SignalRow {
  signal: string;
  roc: number | null;
  pr: number | null;
  /** Subjects with a non-zero value of this signal. */
  nonZero: number;
  kind: 'score' | 'baseline' | 'detector' | 'component';
}

export interface LevelReport {
  subjects: number;
  positives: number;
  rows: SignalRow[];
}

export interface BacktestReport {
  tenders: LevelReport | null;
  firms: LevelReport | null;
}

export interface Labels {
  tenders?: ReadonlyMap<string, boolean>;
  firms?: ReadonlyMap<string, boolean>;
}

/** Tender-level scores by tender code and firm-level scores by USCC, as the exports carry them. */
export interface Scored {
  tenderMetrics: ReadonlyMap<string, Record<string, number | null>>;
  firmMetrics: ReadonlyMap<string, Record<string, number | null>>;
  flags: Iterable<Pick<Flag, 'detector' | 'tenderCode' | 'bidderUscc' | 'subjectType' | 'subjectId' | 'score' | 'evidence'>>;
  /** Tenders per firm (the participation baseline). */
  tendersOfFirm: ReadonlyMap<string, number>;
  /** Score parts per tender / firm (collusion_score's and ring_score's terms), where known. */
  tenderParts?: ReadonlyMap<string, Record<string, number | null>>;
  firmParts?: ReadonlyMap<string, Record<string, number | null>>;
}

/** Extra tender-metric keys reported as score components, when present. */
const TENDER_COMPONENTS = ['screen_score', 'bidder_exposure', 'behaviour_blend'] as const;

function row(signal: string, kind: SignalRow['kind'], values: Array<number | null>, labels: boolean[]): SignalRow {
  return { signal, kind, roc: rocAuc(values, labels), pr: prAuc(values, labels), nonZero: values.filter((v) => v !== null && v !== 0).length };
}

/** Firms a flag is about: its bidder, and the members it lists (pairs, groups, rings). */
function firmsOf(f: Scored['flags'] extends Iterable<infer F> ? F : never): string[] {
  const out = new Set<string>();
  if (f.bidderUscc) out.add(f.bidderUscc);
  if (f.subjectType === 'firm') out.add(f.subjectId);
  for (const key of ['pair', 'members', 'group']) {
    const v = (f.evidence as Record<string, unknown>)[key];
    if (Array.isArray(v)) for (const u of v) if (typeof u === 'string') out.add(u);
  }
  return [...out];
}

function partRows(parts: Scored['tenderParts'], ids: string[], y: boolean[], of: string): SignalRow[] {
  if (!parts || parts.size === 0) return [];
  const keys = Object.keys(parts.values().next().value ?? {}).filter((k) => k !== 'score');
  return keys.map((k) => row(`  ${of} part: ${k}`, 'component', ids.map((c) => parts.get(c)?.[k] ?? 0), y));
}

export function backtest(scored: Scored, labels: Labels): BacktestReport {
  const tenderMax = new Map<string, Map<string, number>>();
  const firmMax = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, det: string, key: string, s: number) => {
    let d = m.get(det);
    if (!d) m.set(det, (d = new Map()));
    d.set(key, Math.max(d.get(key) ?? 0, s));
  };
  for (const f of scored.flags) {
    const t = f.tenderCode ?? (f.subjectType === 'tender' ? f.subjectId : null);
    if (t) bump(tenderMax, f.detector, t, f.score);
    for (const u of firmsOf(f)) bump(firmMax, f.detector, u, f.score);
  }

  let tenders: LevelReport | null = null;
  if (labels.tenders && labels.tenders.size > 0) {
    const codes = [...labels.tenders.keys()].sort();
    const y = codes.map((c) => labels.tenders?.get(c) === true);
    const metric = (c: string, k: string) => scored.tenderMetrics.get(c)?.[k] ?? null;
    const rows: SignalRow[] = [
      row('collusion_score', 'score', codes.map((c) => metric(c, 'collusion_score') ?? 0), y),
      row('low_bid_score', 'score', codes.map((c) => metric(c, 'low_bid_score') ?? 0), y),
      ...TENDER_COMPONENTS.filter((k) => codes.some((c) => metric(c, k) !== null)).map((k) => row(k, 'component', codes.map((c) => metric(c, k)), y)),
      row('baseline: −CV', 'baseline', codes.map((c) => {
        const cv = metric(c, 'cv');
        return cv === null ? null : -cv;
      }), y),
      ...partRows(scored.tenderParts, codes, y, 'collusion_score'),
      ...[...tenderMax.keys()].sort().map((d) => row(`detector ${d}`, 'detector', codes.map((c) => tenderMax.get(d)?.get(c) ?? 0), y)),
    ];
    tenders = { subjects: codes.length, positives: y.filter(Boolean).length, rows };
  }

  let firms: LevelReport | null = null;
  if (labels.firms && labels.firms.size > 0) {
    const ids = [...labels.firms.keys()].sort();
    const y = ids.map((u) => labels.firms?.get(u) === true);
    const rows: SignalRow[] = [
      row('ring_score', 'score', ids.map((u) => scored.firmMetrics.get(u)?.ring_score ?? 0), y),
      ...(ids.some((u) => scored.firmMetrics.get(u)?.exposure !== undefined)
        ? [row('exposure', 'component', ids.map((u) => scored.firmMetrics.get(u)?.exposure ?? 0), y)]
        : []),
      row('baseline: number of bids', 'baseline', ids.map((u) => scored.tendersOfFirm.get(u) ?? 0), y),
      ...partRows(scored.firmParts, ids, y, 'ring_score'),
      ...[...firmMax.keys()].sort().map((d) => row(`detector ${d}`, 'detector', ids.map((u) => firmMax.get(d)?.get(u) ?? 0), y)),
    ];
    firms = { subjects: ids.length, positives: y.filter(Boolean).length, rows };
  }
  return { tenders, firms };
}

/** Runs every detector with default (or given) settings over a dataset and scores the result against labels. */
export function backtestDataset(
  dataset: Dataset,
  labels: Labels,
  settings: Record<string, unknown> = {},
): { report: BacktestReport; result: RunDetectorsResult; ms: number } {
  const t0 = performance.now();
  const result = runDetectors(dataset, settings, { asOf: '2100-01-01' });
  const ms = performance.now() - t0;
  const tendersOfFirm = new Map<string, number>();
  const seen = new Set<string>();
  for (const b of dataset.bids) {
    const k = `${b.tenderCode}/${b.bidderUscc}`;
    if (seen.has(k)) continue;
    seen.add(k);
    tendersOfFirm.set(b.bidderUscc, (tendersOfFirm.get(b.bidderUscc) ?? 0) + 1);
  }
  const numeric = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'number' || v === null)) as Record<string, number | null>;
  const scoreSettings = result.settings.SCORES as ScoreSettings;
  const tenderParts = new Map([...tenderCollusionScores(result.view, result.outputs, scoreSettings)].map(([k, e]) => [k, numeric(e)]));
  const firmParts = new Map([...firmRingScores(result.view, result.outputs, scoreSettings)].map(([k, e]) => [k, numeric(e)]));
  const report = backtest({ tenderMetrics: result.tenderMetrics, firmMetrics: result.firmMetrics, flags: result.flags, tendersOfFirm, tenderParts, firmParts }, labels);
  return { report, result, ms };
}
