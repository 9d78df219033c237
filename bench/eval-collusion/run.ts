/**
 * Collusion scores on every real labelled market in ../shared/data, beside the fixed baselines and the analyst peer.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/eval-collusion/run.js [data-dir]
 *
 * bidwatch: `bidwatch evaluate --shared` (default settings; the detectors never see labels, dates, bid counts or the
 * authors' screens — src/backtest/labelled-sets.ts). Baselines fixed in advance (issue 10): −CV of the tender's
 * valid bids (null lowest) and a firm's number of bids. Peer: ../shared/peers/analyst_pipeline.py on the same rows in
 * bidwatch's import format, scored against the same labels. Prints a notice and exits 0 when the data is absent.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { backtestDataset } from '../../src/backtest/backtest.js';
import { LABELLED_SETS, loadLabelledSet } from '../../src/backtest/labelled-sets.js';
import { sharedPath } from '../../src/backtest/shared-data.js';
import { prAuc, rocAuc } from '../../detectors/lib/ranking-metrics.js';
import { peerAvailable, runPeer } from './peer.js';

const dir = process.argv[2] ?? sharedPath('data');
const script = sharedPath('peers', 'analyst_pipeline.py');

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? '  —  ' : x.toFixed(3));

async function main(): Promise<void> {
  if (!existsSync(dir)) {
    console.log(`eval-collusion: data folder not found: ${dir}; the labelled sets are not committed, nothing evaluated`);
    return;
  }
  const peerMissing = peerAvailable(script);
  if (peerMissing) console.log(`peer not run: ${peerMissing}`);
  console.log('set         | tender ROC (PR): bidwatch   −CV          peer         | firm ROC (PR): bidwatch   n_bids       peer         | detect s  peer s');
  for (const info of LABELLED_SETS) {
    const set = loadLabelledSet(info, dir);
    if (!set) {
      console.log(`${info.id}: absent, skipped`);
      continue;
    }
    const { report, ms } = backtestDataset(set.dataset, { tenders: set.tenderLabel, firms: set.firmLabel ?? undefined });
    const t = report.tenders!;
    const get = (rows: typeof t.rows, s: string) => rows.find((r) => r.signal === s);
    const ts = get(t.rows, 'collusion_score');
    const tb = get(t.rows, 'baseline: −CV');
    let peerT: { roc: number | null; pr: number | null } | null = null;
    let peerF: { roc: number | null; pr: number | null } | null = null;
    let peerS: number | null = null;
    if (!peerMissing) {
      const p = runPeer(set, script, join(tmpdir(), 'bidwatch-peer', info.id));
      const codes = [...set.tenderLabel.keys()];
      const y = codes.map((c) => set.tenderLabel.get(c) === true);
      const sc = codes.map((c) => (Number.isFinite(p.tender.get(c)) ? (p.tender.get(c) as number) : null));
      peerT = { roc: rocAuc(sc, y), pr: prAuc(sc, y) };
      if (set.firmLabel) {
        const ids = [...set.firmLabel.keys()];
        const fy = ids.map((u) => set.firmLabel?.get(u) === true);
        const fs = ids.map((u) => (Number.isFinite(p.firm.get(u)) ? (p.firm.get(u) as number) : null));
        peerF = { roc: rocAuc(fs, fy), pr: prAuc(fs, fy) };
      }
      peerS = p.seconds;
    }
    const pair = (r?: { roc: number | null; pr: number | null } | null) => (r ? `${f3(r.roc)} (${f3(r.pr)})` : '     —      ');
    const f = report.firms;
    const fsr = f ? get(f.rows, 'ring_score') : undefined;
    const fb = f ? get(f.rows, 'baseline: number of bids') : undefined;
    console.log(
      `${info.id.padEnd(11)} |                 ${pair(ts)}  ${pair(tb)}  ${pair(peerT)} |                ${f ? pair(fsr) : '     —      '}  ${f ? pair(fb) : '     —      '}  ${pair(peerF)} | ${(ms / 1000).toFixed(1).padStart(7)}  ${peerS === null ? '  —' : peerS.toFixed(1).padStart(6)}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
