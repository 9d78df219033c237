/**
 * Price detectors on 1,000,000 bids: ALB, WGAP, IDENT, REGDIFF, DISQ and the low_bid_score scorer, timed as
 * runDetectors runs them (viewOf + resolveSettings + run), median of 3 runs, and the process's peak RSS.
 * Target: < 10 s and < 2 GB.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/detect/price.js [tenders] [bidsPerTender]
 *
 * The dataset is synthetic, generated in memory and deterministically by `syntheticDataset` below (never read
 * from disk).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { viewOf } from '../../detectors/dataset-view.js';
import type { Detector, DetectorOutput } from '../../detectors/detector.js';
import { albDetector } from '../../detectors/low-bid/alb.js';
import { disqDetector } from '../../detectors/price/disq.js';
import { identDetector } from '../../detectors/price/ident.js';
import { regdiffDetector } from '../../detectors/price/regdiff.js';
import { wgapDetector } from '../../detectors/price/wgap.js';
import { lowBidScorer } from '../../detectors/scores/low-bid-score.js';
import { resolveSettings } from '../../detectors/settings.js';
import { CATEGORIES, EVALUATION_METHODS, WORK_TYPES, type BidRow, type Dataset, type TenderRow } from '../../detectors/types.js';
import { mulberry32, normal } from '../eval-low-bid/prng.js';
import { bidRow } from '../../detectors/lib/rows.js';

const DETECTORS: Detector<any>[] = [albDetector, wgapDetector, identDetector, regdiffDetector, disqDetector];

/**
 * A synthetic Dataset for the detector benchmarks, generated deterministically (seeded PRNG): tenders of n bids in
 * 2017–2024 across categories, work types and evaluation methods; control prices log-normal around 800万元;
 * 下浮率 per tender ~ N(8 %, 3 %) plus N(0, 2 %) per bid; 0.5 % of bids 30 points lower (abnormally low); 3 % of
 * bids invalid; the lowest valid bid wins in 90 % of tenders, the second-lowest otherwise; bidders drawn from
 * 20,000 firms.
 */
export function syntheticDataset(nTenders: number, perTender: number, seed = 20260201): Dataset {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const firms = Array.from({ length: 20_000 }, (_, i) => `91320583${String(i).padStart(9, '0')}X`);
  const tenders: TenderRow[] = [];
  const bids: BidRow[] = [];
  for (let i = 0; i < nTenders; i++) {
    const year = 2017 + (i % 8);
    const code = `KS-${year}-${String(i).padStart(6, '0')}`;
    const control = Math.round(Math.exp(Math.log(8_000_000) + normal(rand)) / 100) * 100;
    tenders.push({
      code,
      projectName: `合成项目 ${i}`,
      district: '玉山镇',
      category: pick(CATEGORIES),
      workType: pick(WORK_TYPES),
      tenderMethod: rand() < 0.9 ? 'open' : 'invited',
      evaluationMethod: pick(EVALUATION_METHODS),
      funding: 'state',
      controlPrice: control,
      openDate: `${year}-06-15`,
      year,
    });
    const mu = Math.min(0.3, Math.max(0, 0.08 + 0.03 * normal(rand)));
    const start = Math.floor(rand() * firms.length);
    const stride = 1 + Math.floor(rand() * 97);
    const own: BidRow[] = [];
    for (let k = 0; k < perTender; k++) {
      let d = mu + 0.02 * normal(rand);
      if (rand() < 0.005) d += 0.3;
      const price = Math.round(control * (1 - d) * 100) / 100;
      const valid = rand() >= 0.03;
      own.push(
        bidRow(
          {
            tenderCode: code,
            bidderUscc: firms[(start + k * stride) % firms.length]!,
            bidderName: `合成公司 ${(start + k * stride) % firms.length}`,
            price,
            valid,
            invalidReason: valid ? null : '未响应实质性要求',
          },
          control,
        ),
      );
    }
    const ranked = own.filter((b) => b.valid).sort((a, b) => a.price - b.price);
    const w = ranked[rand() < 0.9 ? 0 : 1] ?? ranked[0];
    if (w) w.isWinner = true;
    for (const b of own) bids.push(b);
  }
  return { tenders, bids, contracts: [], attendance: [] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const nTenders = Number(process.argv[2] ?? 125_000);
  const perTender = Number(process.argv[3] ?? 8);
  const g0 = performance.now();
  const dataset = syntheticDataset(nTenders, perTender);
  console.log(`synthetic dataset: ${dataset.tenders.length.toLocaleString('en-US')} tenders, ${dataset.bids.length.toLocaleString('en-US')} bids, generated in ${((performance.now() - g0) / 1000).toFixed(2)} s; RSS ${mb(process.memoryUsage().rss / 1024)}`);

  const runs: Record<string, number[]> = { view: [], total: [], low_bid_score: [] };
  const cpu: number[] = [];
  let last = new Map<string, DetectorOutput>();
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const view = viewOf(dataset);
    (runs['view'] ??= []).push(performance.now() - t0);
    const outputs = new Map<string, DetectorOutput>();
    for (const d of DETECTORS) {
      const t = performance.now();
      const { settings } = resolveSettings(d.code, d.settingsSchema, {});
      outputs.set(d.code, d.run(view, settings, { asOf: '2025-01-01', previous: outputs }));
      (runs[d.code] ??= []).push(performance.now() - t);
    }
    const ts = performance.now();
    lowBidScorer.score(view, outputs);
    runs['low_bid_score']!.push(performance.now() - ts);
    runs['total']!.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000); // CPU ms of the whole process (GC threads included): robust to a busy machine
    last = outputs;
  }
  console.log('\n| step | median of 3 (s) | runs (s) |');
  console.log('|---|---|---|');
  for (const [k, v] of Object.entries(runs)) console.log(`| ${k} | ${(median(v) / 1000).toFixed(2)} | ${v.map((x) => (x / 1000).toFixed(2)).join(', ')} |`);
  console.log(`| total, process CPU time | ${(median(cpu) / 1000).toFixed(2)} | ${cpu.map((x) => (x / 1000).toFixed(2)).join(', ')} |`);
  console.log(`\npeak RSS (maxRSS): ${mb(process.resourceUsage().maxRSS)}`);
  console.log('\n| detector | applied | flagged | share | flags |');
  console.log('|---|---|---|---|---|');
  for (const [code, o] of last) {
    console.log(`| ${code} | ${o.coverage.applied} | ${o.coverage.flagged} | ${((100 * o.coverage.flagged) / Math.max(1, o.coverage.applied)).toFixed(2)}% | ${o.flags.length} |`);
  }
}

// Runs when executed (node dist/bench/detect/price.js), not when imported for its generator.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
