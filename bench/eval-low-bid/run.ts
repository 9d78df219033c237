/**
 * ALB evaluation on real auctions with a real label: Tsuchiura municipal works 2007–2015, where `belowminprice`
 * marks the 185 bids disqualified for being under the floor price (an abnormally low bid by the city's own rule).
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/eval-low-bid/run.js [csv]
 *
 * Reads ../shared/data/tsuchiura/tsuchiura_data.csv relative to the repository root (never copied into the repo);
 * prints a message and exits 0 if it is absent. Data: Chassang, Kawai, Nakabayashi & Ortner, Econometrica 90(1),
 * 2022, `missing_bids` repository (MIT licence). Mapping and peer groups: tsuchiura.ts. Figures go to
 * detectors/low-bid/ALB.md, "Evaluation".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { viewOf } from '../../detectors/dataset-view.js';
import type { Detector } from '../../detectors/detector.js';
import { createAlbAssessor, type AlbTrigger } from '../../detectors/low-bid/alb-assess.js';
import { albDetector, albScore } from '../../detectors/low-bid/alb.js';
import { albSettingsSchema } from '../../detectors/low-bid/alb-settings.js';
import { disqDetector } from '../../detectors/price/disq.js';
import { identDetector } from '../../detectors/price/ident.js';
import { regdiffDetector } from '../../detectors/price/regdiff.js';
import { wgapDetector } from '../../detectors/price/wgap.js';
import { resolveSettings } from '../../detectors/settings.js';
import { confusion, rocAuc } from './metrics.js';
import { toDataset, type TsuchiuraRow } from './tsuchiura.js';

function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bidwatch') return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));

interface Scored {
  label: boolean;
  floor: boolean;
  z: number | null;
  discount: number;
  score: number;
  triggers: readonly AlbTrigger[];
}

async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? join(repoRoot(), '..', 'shared', 'data', 'tsuchiura', 'tsuchiura_data.csv'));
  if (!existsSync(file)) {
    console.log(`eval-low-bid: data file not found: ${file}`);
    console.log('The Tsuchiura auctions (Chassang et al. 2022, MIT) are not committed; place the CSV there or pass its path.');
    return;
  }
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as TsuchiuraRow[];
  const { dataset, label, withFloor, droppedRows } = toDataset(rows);
  const view = viewOf(dataset);
  const settings = albSettingsSchema.parse({});
  const assessor = createAlbAssessor(view);

  const scored: Scored[] = [];
  const levels = new Map<string, number>();
  let aboveControl = 0;
  for (const t of view.tenders) {
    const a = assessor.assess(t, settings);
    aboveControl += a.aboveControl;
    if (a.status !== 'applied') continue;
    const lv = a.peer?.level ?? a.t4Skipped ?? 'none';
    levels.set(lv, (levels.get(lv) ?? 0) + 1);
    for (const b of a.bids) {
      scored.push({
        label: label.get(`${t.code}/${b.bid.bidderUscc}`) === true,
        floor: withFloor.has(t.code),
        z: b.robustZ,
        discount: b.discount!,
        score: albScore(b, a),
        triggers: b.triggers,
      });
    }
  }
  // Sensitivity: T4 with a far-out fence (k = 3) instead of 1.5.
  const far = albSettingsSchema.parse({ fenceK: 3 });
  const farT4: boolean[] = [];
  for (const t of view.tenders) {
    const a = assessor.assess(t, far);
    for (const b of a.bids) farT4.push(b.triggers.includes('T4'));
  }
  const positives = scored.filter((s) => s.label).length;
  console.log(`Tsuchiura: ${rows.length} rows, ${view.tenders.length} auctions, ${dataset.bids.length} bids (${droppedRows} rows without a bid dropped)`);
  console.log(`ALB assessed ${scored.length} bids (${aboveControl} above the reserve price left out), ${positives} labelled belowminprice`);
  console.log(`Peer level used per auction: ${[...levels.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}`);

  const auc = (pick: (s: Scored) => number | null, only: (s: Scored) => boolean = () => true) => {
    const xs = scored.filter((s) => only(s) && pick(s) !== null);
    return { n: xs.length, pos: xs.filter((s) => s.label).length, auc: rocAuc(xs.map((s) => pick(s)!), xs.map((s) => s.label)) };
  };
  console.log('\n| score (per bid) | bids | positives | ROC-AUC | ROC-AUC, auctions with a floor price |');
  console.log('|---|---|---|---|---|');
  for (const [name, pick] of [
    ['robust z of 下浮率 in peer group', (s: Scored) => s.z],
    ['下浮率 itself', (s: Scored) => s.discount],
    ['ALB flag score (0 if not flagged)', (s: Scored) => s.score],
  ] as const) {
    const all = auc(pick);
    const fl = auc(pick, (s) => s.floor);
    console.log(`| ${name} | ${all.n} | ${all.pos} | ${f3(all.auc)} | ${f3(fl.auc)} (${fl.n} bids) |`);
  }

  console.log('\n| trigger (default settings) | flagged bids | true positives | precision | recall |');
  console.log('|---|---|---|---|---|');
  const labels = scored.map((s) => s.label);
  for (const [name, fired] of [
    ['T1 (< 50 % of mean of valid bids)', (s: Scored) => s.triggers.includes('T1')],
    ['T2 (lowest < 50 % of second-lowest)', (s: Scored) => s.triggers.includes('T2')],
    ['T3 (< 45 % of control price)', (s: Scored) => s.triggers.includes('T3')],
    ['T4 (下浮率 > Q3 + 1.5·IQR of peer group)', (s: Scored) => s.triggers.includes('T4')],
    ['any of T1–T4 (an ALB flag)', (s: Scored) => s.triggers.length > 0],
  ] as const) {
    const c = confusion(scored.map(fired), labels);
    console.log(`| ${name} | ${c.flagged} | ${c.truePositives} | ${f3(c.precision)} | ${f3(c.recall)} |`);
  }

  const cFar = confusion(farT4, labels);
  console.log(`| T4 with fenceK = 3 (sensitivity, not the default) | ${cFar.flagged} | ${cFar.truePositives} | ${f3(cFar.precision)} | ${f3(cFar.recall)} |`);

  // The other price detectors on the same data, defaults: their flag shares (no label for them).
  console.log('\n| detector | applied | flagged tenders | share | notApplicable | excluded |');
  console.log('|---|---|---|---|---|---|');
  const detectors: Detector<any>[] = [albDetector, wgapDetector, identDetector, regdiffDetector, disqDetector];
  for (const d of detectors) {
    const { settings: s } = resolveSettings(d.code, d.settingsSchema, {});
    const c = d.run(view, s, { asOf: '2016-01-01', previous: new Map() }).coverage;
    console.log(`| ${d.code} | ${c.applied} | ${c.flagged} | ${c.applied ? ((100 * c.flagged) / c.applied).toFixed(1) : '—'}% | ${c.notApplicable} | ${c.excluded} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
