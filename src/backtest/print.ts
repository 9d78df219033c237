import type { BacktestReport, LevelReport, SignalRow } from './backtest.js';

const NAMES: Record<string, string> = {
  collusion_score: '围标串标风险分 collusion_score',
  low_bid_score: '异常低价分 low_bid_score',
  ring_score: '团伙关联分 ring_score',
  screen_score: '  其中：报价分布 screen_score',
  bidder_exposure: '  其中：投标人暴露度 bidder_exposure',
  behaviour_blend: '  其中：行为综合 behaviour_blend',
  exposure: '  其中：暴露度 exposure',
  'baseline: −CV': '基线：−变异系数 baseline −CV',
  'baseline: number of bids': '基线：投标次数 baseline n_bids',
};

const fmt = (x: number | null) => (x === null ? '    — ' : x.toFixed(3).padStart(6));

function label(r: SignalRow): string {
  if (NAMES[r.signal]) return NAMES[r.signal] as string;
  if (r.signal.startsWith('detector ')) return `检测项 ${r.signal.slice(9)}`;
  return r.signal;
}

function level(title: string, r: LevelReport, lines: string[], verbose: boolean): void {
  lines.push(`  ${title}：${r.subjects} 个，其中阳性 ${r.positives}（${((r.positives / Math.max(1, r.subjects)) * 100).toFixed(1)}%）`);
  lines.push(`    ${'信号 signal'.padEnd(40)} ROC-AUC  PR-AUC  非零 non-zero`);
  for (const x of r.rows) {
    if (!verbose && x.kind === 'component' && x.signal.includes(' part: ')) continue;
    lines.push(`    ${label(x).padEnd(40)} ${fmt(x.roc)}  ${fmt(x.pr)}  ${String(x.nonZero).padStart(6)}`);
  }
  const score = r.rows.find((x) => x.kind === 'score' && x.signal !== 'low_bid_score');
  const base = r.rows.find((x) => x.kind === 'baseline');
  if (score && base && score.roc !== null && base.roc !== null) {
    const d = score.roc - base.roc;
    lines.push(`    → ${score.signal} 比基线${d >= 0 ? '高' : '低'} ${Math.abs(d).toFixed(3)} (${d >= 0 ? 'above' : 'below'} the baseline)`);
  }
}

/** The human-readable table of one backtest. */
export function formatReport(title: string, report: BacktestReport, verbose = false): string {
  const lines = [title];
  if (report.tenders) level('标段层 (tenders)', report.tenders, lines, verbose);
  if (report.firms) level('企业层 (firms)', report.firms, lines, verbose);
  if (!report.tenders && !report.firms) lines.push('  没有可用的标签 (no usable labels)');
  return lines.join('\n');
}
