/**
 * Leave-one-dataset-out check of the scorers' constants: for each labelled set, the candidate settings are ranked
 * on the *other* sets (mean margin of collusion_score over the −CV baseline, and of ring_score over the number of
 * bids where firm ids exist), the best is applied to the held-out set, and that figure is reported.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/eval-collusion/lodo.js [data-dir]
 */
import { LABELLED_SETS, loadLabelledSet, type LabelledSet } from '../../src/backtest/labelled-sets.js';
import { backtestDataset, type BacktestReport } from '../../src/backtest/backtest.js';
import { sharedPath } from '../../src/backtest/shared-data.js';

const dir = process.argv[2] ?? sharedPath('data');
const CANDIDATES: Array<Record<string, unknown>> = [];
for (const alpha of [0.3, 0.5, 0.7]) {
  for (const behaviourWeight of [0.5, 0.7, 0.9]) {
    for (const exposureWeight of [0.7, 0.9]) CANDIDATES.push({ SCORES: { alpha, behaviourWeight, exposureWeight } });
  }
}

const roc = (r: BacktestReport, level: 'tenders' | 'firms', signal: string) => r[level]?.rows.find((x) => x.signal === signal)?.roc ?? null;
function margins(r: BacktestReport): { tender: number; firm: number | null; troc: number; froc: number | null } {
  const troc = roc(r, 'tenders', 'collusion_score') as number;
  const froc = roc(r, 'firms', 'ring_score');
  return {
    troc,
    froc,
    tender: troc - (roc(r, 'tenders', 'baseline: −CV') as number),
    firm: froc === null ? null : froc - (roc(r, 'firms', 'baseline: number of bids') as number),
  };
}

const sets = LABELLED_SETS.map((i) => loadLabelledSet(i, dir)).filter((s): s is LabelledSet => s !== null);
if (sets.length === 0) {
  console.log(`no labelled set found under ${dir}; nothing evaluated`);
  process.exit(0);
}
// results[candidate][set]
const results = CANDIDATES.map((c) =>
  sets.map((s) => margins(backtestDataset(s.dataset, { tenders: s.tenderLabel, firms: s.firmLabel ?? undefined }, c).report)),
);
const objective = (m: ReturnType<typeof margins>) => m.tender + (m.firm ?? 0);
console.log('candidate'.padEnd(40) + sets.map((s) => s.info.id.padStart(18)).join(''));
CANDIDATES.forEach((c, ci) => {
  console.log(JSON.stringify(c.SCORES).padEnd(40) + results[ci]!.map((m) => `${m.troc.toFixed(3)}/${m.froc?.toFixed(3) ?? '  —  '}`.padStart(18)).join(''));
});
console.log('\nleave-one-dataset-out (tender ROC / firm ROC on the held-out set, candidate chosen on the others):');
sets.forEach((s, si) => {
  let best = 0;
  let bestVal = -Infinity;
  CANDIDATES.forEach((_, ci) => {
    const v = sets.reduce((acc, _s, sj) => (sj === si ? acc : acc + objective(results[ci]![sj]!)), 0);
    if (v > bestVal) [best, bestVal] = [ci, v];
  });
  const m = results[best]![si]!;
  console.log(`  ${s.info.id.padEnd(10)} chosen ${JSON.stringify(CANDIDATES[best]!.SCORES)}: tender ${m.troc.toFixed(3)} (margin ${m.tender >= 0 ? '+' : ''}${m.tender.toFixed(3)}), firm ${m.froc?.toFixed(3) ?? '—'}${m.firm === null ? '' : ` (margin ${m.firm >= 0 ? '+' : ''}${m.firm.toFixed(3)})`}`);
});
