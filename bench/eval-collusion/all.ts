import { LABELLED_SETS, loadLabelledSet } from '../../src/backtest/labelled-sets.js';
import { backtestDataset } from '../../src/backtest/backtest.js';
const dir = process.argv[2] ?? '/work/shared/data';
const only = process.argv[3]?.split(',');
for (const info of LABELLED_SETS) {
  if (only && !only.includes(info.id)) continue;
  const set = loadLabelledSet(info, dir);
  if (!set) continue;
  const { report, result, ms } = backtestDataset(set.dataset, { tenders: set.tenderLabel, firms: set.firmLabel ?? undefined }, JSON.parse(process.env.SETTINGS ?? '{}'));
  console.log(`${info.id}: ${set.dataset.tenders.length} tenders, ${set.dataset.bids.length} bids, ${ms.toFixed(0)} ms, flags ${result.flags.length}`);
  for (const [lvl, r] of [['tenders', report.tenders], ['firms', report.firms]] as const) {
    if (!r) continue;
    console.log(`  ${lvl} ${r.subjects} (${r.positives} +)`);
    for (const x of r.rows) console.log(`    ${x.signal.padEnd(30)} ${x.roc?.toFixed(3) ?? '—'}  ${x.pr?.toFixed(3) ?? '—'}  nz=${x.nonZero}`);
  }
  console.log('  coverage ' + result.coverage.map((c) => `${c.detector} ${c.flagged}/${c.applied}`).join('; '));
}
