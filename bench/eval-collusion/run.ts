/**
 * Evaluation of the collusion detectors on labelled real data: García Rodríguez, Rodríguez-Montequín,
 * Ballesteros-Pérez, Love & Signor (2022), "Collusion detection in public procurement auctions with machine learning
 * algorithms", Automation in Construction 133:104047 (supplementary data; no licence stated, research use).
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/eval-collusion/run.js [data-dir]
 *
 * Reads ../shared/data/collusion-screens relative to the repository root (never copied into the repo); prints a
 * notice and exits 0 when absent. The detectors see tender, price, firm id (milk only) and winner — never dates,
 * labels or the authors' screen columns (load.ts). Default settings throughout; no weight is fitted to the labels.
 *
 * Tender level: collusion_score vs Collusive_competitor; beside it each single screen in its collusive direction
 * (null = not computable ranks lowest), the best of them (chosen with the labels — an optimistic baseline), the
 * authors' published CV column (their zeros included: the published reference point), and the trivial baseline
 * "number of bids in the tender". Firm level (firm ids only): ring_score vs "ever a cartel member" (max of
 * Collusive_competitor_original over the firm's bids), beside "number of bids the firm made".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { computeScreens, SCREEN_KEYS, type ScreenKey } from '../../detectors/lib/screens.js';
import { computeSubgroupScreens } from '../../detectors/lib/subgroup-screens.js';
import { validBidsSorted } from '../../detectors/dataset-view.js';
import { tenderCollusionScores } from '../../detectors/scores/collusion-score.js';
import { prAuc, rocAuc } from '../../detectors/lib/ranking-metrics.js';
import { loadCsv } from './load.js';
import { runCollusion } from './pipeline.js';

const FILES = [
  ['swiss_ticino.csv', 'ticino'],
  ['swiss_gr_see_gaster.csv', 'gr'],
  ['usa_ohio_milk.csv', 'milk'],
] as const;

/** Literature direction of each screen under collusion (lowest price wins): +1 higher is suspicious. KS: departure. */
const DIRECTION: Record<ScreenKey, 1 | -1> = { cv: -1, spd: -1, diffp: 1, rd: 1, rdnor: 1, rdalt: 1, skew: -1, kurt: 1, ks: 1 };

/** The repository root: the nearest ancestor holding bidwatch's package.json (else the cwd). */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bidwatch') return dir;
      } catch {
        /* not ours; keep walking */
      }
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

export interface Row {
  name: string;
  roc: number | null;
  pr: number | null;
}

function row(name: string, scores: Array<number | null>, labels: boolean[]): Row {
  return { name, roc: rocAuc(scores, labels), pr: prAuc(scores, labels) };
}

function fmt(x: number | null): string {
  return x === null ? '   —  ' : x.toFixed(3).padStart(6);
}

function print(title: string, rows: Row[]): void {
  console.log(`  ${title}`);
  console.log(`    ${'signal'.padEnd(44)} ROC-AUC  PR-AUC`);
  for (const r of rows) console.log(`    ${r.name.padEnd(44)} ${fmt(r.roc)}  ${fmt(r.pr)}`);
}

export async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? join(repoRoot(), '..', 'shared', 'data', 'collusion-screens'));
  if (!existsSync(dir)) {
    console.log(`eval-collusion: data folder not found: ${dir}`);
    console.log('The collusion-screens CSVs (García Rodríguez et al. 2022) are not committed; nothing was evaluated.');
    return 0;
  }
  console.log(`eval-collusion: ${dir}`);
  console.log('Data: García Rodríguez, Rodríguez-Montequín, Ballesteros-Pérez, Love & Signor (2022), Automation in');
  console.log('Construction 133:104047. Default settings; labels used only to score the ranking.\n');
  let found = 0;
  for (const [file, prefix] of FILES) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      console.log(`${file}: absent, skipped\n`);
      continue;
    }
    found++;
    const L = loadCsv(path, prefix);
    const t0 = performance.now();
    const res = runCollusion(L.dataset);
    const ms = performance.now() - t0;
    const codes = L.dataset.tenders.map((t) => t.code);
    const y = codes.map((c) => L.tenderLabel.get(c) === true);
    const pos = y.filter(Boolean).length;
    console.log(`${file}: ${codes.length} tenders (${pos} collusive, ${((pos / codes.length) * 100).toFixed(1)} %), ${L.dataset.bids.length} bids; detectors ${ms.toFixed(0)} ms`);

    const screens = new Map(codes.map((c) => [c, computeScreens(validBidsSorted(res.view, c).map((b) => b.price))]));
    const single = SCREEN_KEYS.map((k) =>
      row(`${k.toUpperCase()} ${DIRECTION[k] === 1 ? '↑' : '↓'}`, codes.map((c) => {
        const v = (screens.get(c) as ReturnType<typeof computeScreens>)[k];
        return v === null ? null : DIRECTION[k] * v;
      }), y),
    );
    // The subgroup screens (tightest 3–4 bids) count as single screens too; they are not in screen_score.
    for (const k of ['subcv', 'subspd'] as const) {
      single.push(row(`${k.toUpperCase()} ↓`, codes.map((c) => {
        const v = computeSubgroupScreens(validBidsSorted(res.view, c).map((b) => b.price))[k];
        return v === null ? null : -v;
      }), y));
    }
    const best = single.reduce((a, b) => ((b.roc ?? 0) > (a.roc ?? 0) ? b : a));
    const parts = tenderCollusionScores(res.view, res.outputs);
    const score = row('collusion_score', codes.map((c) => res.tenderMetrics.get(c)?.collusion_score ?? null), y);
    const rows: Row[] = [
      score,
      row('  component: screens (SCREENS screen_score)', codes.map((c) => res.tenderMetrics.get(c)?.screen_score ?? null), y),
      row('  component: rings (ring_score of bidders)', codes.map((c) => parts.get(c)?.ring ?? 0), y),
      { ...best, name: `best single screen (${best.name}, chosen on labels)` },
      ...single.map((r) => ({ ...r, name: `  ${r.name}` })),
      row('published CV column ↓ (authors’ zeros kept)', codes.map((c) => -(L.publishedCv.get(c) as number)), y),
      row('baseline: number of bids in the tender', codes.map((c) => (res.view.bidsOf.get(c) ?? []).length), y),
    ];
    print('tender level — Collusive_competitor', rows);
    const beat = (score.roc ?? 0) > (best.roc ?? 0);
    console.log(`    target "beat the best single screen": ${beat ? 'MET' : 'NOT MET'} (${fmt(score.roc).trim()} vs ${fmt(best.roc).trim()})`);

    if (L.firmLabel) {
      const firms = [...L.firmLabel.keys()].sort();
      const fy = firms.map((f) => L.firmLabel?.get(f) === true);
      const frows: Row[] = [
        row('ring_score', firms.map((f) => res.firmMetrics.get(f)?.ring_score ?? 0), fy),
        row('  component: cobid_score (best core)', firms.map((f) => res.firmMetrics.get(f)?.cobid_score ?? 0), fy),
        row('baseline: number of bids the firm made', firms.map((f) => (res.view.tendersOfFirm.get(f) ?? []).length), fy),
      ];
      console.log(`  firms: ${firms.length} (${fy.filter(Boolean).length} ever cartel members = max of Collusive_competitor_original over their bids)`);
      print('firm level — ever a cartel member', frows);
      const froc = frows[0]?.roc ?? 0;
      console.log(`    target "firm-level ROC-AUC ≥ 0.90": ${froc >= 0.9 ? 'MET' : 'NOT MET'} (${fmt(froc).trim()})`);
      const rings = res.outputs.get('COBID')?.rings ?? [];
      const top = [...rings].sort((a, b) => b.score - a.score).slice(0, 3);
      for (const r of top) {
        const hits = r.members.filter((m) => L.firmLabel?.get(m)).length;
        console.log(`    ring ${r.key}: ${r.members.length} firms (${hits} labelled members), score ${r.score.toFixed(3)}, cohesion ${r.cohesion?.toFixed(2)}, exclusivity ${r.exclusivity?.toFixed(2)}`);
      }
    }
    const cov = [...res.outputs].map(([k, o]) => `${k} applied ${o.coverage.applied}/flagged ${o.coverage.flagged}`).join('; ');
    console.log(`  coverage: ${cov}\n`);
  }
  if (found === 0) console.log('No data set found; nothing was evaluated.');
  return 0;
}

// run only as a script, so other benchmarks can import the helpers above
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
