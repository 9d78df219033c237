/**
 * BOQSIM on a large 工程量清单 file: by default 300 tenders × 8 bidders × 2,000 lines = 4,800,000 BOQ lines, timed
 * as runDetectors runs it (viewOf + resolveSettings + run), with the heap before and after and the process's peak
 * RSS. Issue 12 asks for "a few seconds" and memory flat. A benchmark script, never a timed test.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/detect/boqsim.js [tenders] [bidders] [lines]
 *
 * The data are synthetic and deterministic (seeded PRNG), generated in memory: each tender draws its items from a
 * 5,000-code catalogue, and each bidder prices every line independently (unit price log-normal around the item's
 * base price, to the fen), with 0.2 % arithmetic slips and 0.1 % missing lines at random. In every 20th tender the
 * first two bidders are a planted pair: the second copies the first's unit prices on 90 % of lines, its slips and
 * its missing lines. The expected result is those 15 pairs and few others.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { viewOf } from '../../detectors/dataset-view.js';
import { boqsimDetector, boqsimSettingsSchema } from '../../detectors/boq/boqsim.js';
import { bidRow, tenderRow } from '../../detectors/lib/rows.js';
import { resolveSettings } from '../../detectors/settings.js';
import type { BidRow, BoqLineRow, Dataset, TenderRow } from '../../detectors/types.js';
import { mulberry32, normal } from '../eval-low-bid/prng.js';

export function syntheticBoq(nTenders: number, nBidders: number, nLines: number, seed = 20261203): { dataset: Dataset; planted: Set<string> } {
  const rand = mulberry32(seed);
  const catalogue = Array.from({ length: 5_000 }, (_, i) => `0101${String(i).padStart(8, '0')}`);
  const base = catalogue.map(() => Math.exp(Math.log(300) + normal(rand)));
  const firms = Array.from({ length: 2_000 }, (_, i) => `91320583${String(i).padStart(9, '0')}X`);
  const tenders: TenderRow[] = [];
  const bids: BidRow[] = [];
  const lines: BoqLineRow[] = [];
  const planted = new Set<string>();
  for (let t = 0; t < nTenders; t++) {
    const code = `BQ-${String(t).padStart(5, '0')}`;
    tenders.push(tenderRow(code));
    const first = Math.floor(rand() * catalogue.length);
    const items = Array.from({ length: nLines }, (_, k) => (first + k) % catalogue.length);
    const qty = items.map(() => Math.round(rand() * 50_000) / 100);
    const who = Array.from({ length: nBidders }, (_, k) => firms[(t * 7 + k * 13) % firms.length] as string);
    const pairTender = t % 20 === 0;
    if (pairTender) planted.add(`${code}|${[who[0], who[1]].sort().join('|')}`);
    let leader: Array<{ price: number; amount: number; missing: boolean }> = [];
    who.forEach((uscc, b) => {
      bids.push(bidRow({ tenderCode: code, bidderUscc: uscc, price: 1_000_000 + b }));
      const mine: Array<{ price: number; amount: number; missing: boolean }> = [];
      let lineNo = 0;
      items.forEach((it, k) => {
        const copy = pairTender && b === 1 && rand() < 0.9 ? leader[k] : undefined;
        const price = copy ? copy.price : Math.round((base[it] as number) * Math.exp(0.08 * normal(rand)) * 100) / 100;
        const q = qty[k] as number;
        const right = Math.round(q * price * 100) / 100;
        const amount = copy ? copy.amount : rand() < 0.002 ? right + 10 : right;
        const missing = pairTender && b === 1 ? (leader[k] as { missing: boolean }).missing : rand() < 0.001;
        mine.push({ price, amount, missing });
        if (missing) return;
        lines.push({ tenderCode: code, bidderUscc: uscc, lineNo: ++lineNo, itemCode: catalogue[it] as string, itemName: null, unit: null, quantity: q, unitPrice: price, amount });
      });
      if (b === 0) leader = mine;
    });
  }
  return { dataset: { tenders, bids, contracts: [], attendance: [], boqLines: lines }, planted };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function main(argv: string[]): void {
  const [nT = 300, nB = 8, nL = 2_000] = argv.map(Number);
  const g0 = performance.now();
  const { dataset, planted } = syntheticBoq(nT, nB, nL);
  const genMs = performance.now() - g0;
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const times: number[] = [];
  let flags: ReturnType<typeof boqsimDetector.run>['flags'] = [];
  let coverage: ReturnType<typeof boqsimDetector.run>['coverage'] | null = null;
  let heapPeak = heapBefore;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const view = viewOf(dataset);
    const { settings } = resolveSettings('BOQSIM', boqsimSettingsSchema, {});
    const out = boqsimDetector.run(view, settings, { asOf: '2026-12-03', previous: new Map() });
    times.push(performance.now() - t0);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    flags = out.flags;
    coverage = out.coverage;
  }
  times.sort((a, b) => a - b);
  const found = new Set(flags.map((f) => `${f.tenderCode}|${(f.evidence.pair as string[]).join('|')}`));
  const hit = [...planted].filter((k) => found.has(k)).length;
  const th = (flags[0]?.evidence.thresholds ?? {}) as Record<string, unknown>;
  const lines = dataset.boqLines?.length ?? 0;
  console.log(`BOQSIM: ${nT} tenders × ${nB} bidders × ${nL} lines = ${lines.toLocaleString('en-US')} BOQ lines (generated in ${(genMs / 1000).toFixed(1)} s)`);
  console.log(`  run (viewOf + settings + run), median of 3: ${(times[1]! / 1000).toFixed(2)} s  [${times.map((x) => (x / 1000).toFixed(2)).join(', ')}]`);
  console.log(`  heap: ${mb(heapBefore)} with the data loaded, ${mb(heapPeak)} at most after a run (+${mb(heapPeak - heapBefore)}); RSS before ${mb(rssBefore)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
  console.log(`  coverage ${JSON.stringify(coverage)}; flags ${flags.length}; planted pairs found ${hit}/${planted.size}`);
  const others = flags.filter((f) => !planted.has(`${f.tenderCode}|${(f.evidence.pair as string[]).join('|')}`));
  console.log(`  other flags: ${others.map((f) => `${String(f.evidence.identicalPrices)}/${String(f.evidence.comparedItems)} identical, ${String(f.evidence.errorTotal)} errors`).join('; ') || 'none'}`);
  console.log(`  thresholds: share ${String(th.share)}, errors ${String(th.errors)}, source ${String(th.source)}, market pairs ${String(th.marketPairs)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
