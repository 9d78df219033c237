/**
 * Speed and memory of the collusion detectors on a synthetic city: 1,000,000 bids by 20,000 firms in 80,000 tenders
 * (deterministic, seeded; 200 planted rings whose members share file machine codes and bond accounts and enter
 * tenders together). Times viewOf + resolveSettings and each detector's run() in registry order, then the scorers;
 * median of 3 runs; peak RSS. Targets: < 60 s and < 4 GB. If `/usr/bin/python3 -c 'import networkx'` works, the
 * co-bid graph (edges with w ≥ 3) is written to a temp file and networkx's Louvain is timed beside graphology's.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/detect/collusion.js [bids] [firms]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { viewOf } from '../../detectors/dataset-view.js';
import { buildCoBidGraph } from '../../detectors/rings/cobid-graph.js';
import { detectCommunities } from '../../detectors/rings/communities.js';
import { mulberry32, randomInt } from '../../detectors/rings/prng.js';
import type { BidRow, Dataset, EvaluationMethod, TenderRow } from '../../detectors/types.js';
import { rocAuc } from '../../detectors/lib/ranking-metrics.js';
import { runCollusion } from '../eval-collusion/pipeline.js';

const uscc = (i: number) => `913205830${String(i).padStart(8, '0')}X`;

export function syntheticCity(nBids = 1_000_000, nFirms = 20_000, seed = 2026): { dataset: Dataset; rings: string[][]; plantedTenders: Set<string> } {
  const rng = mulberry32(seed);
  const regions = 50;
  const perRegion = Math.floor(nFirms / regions);
  const activity = Array.from({ length: nFirms }, () => 0.2 + rng() * rng() * 3); // a few busy firms, many occasional
  const rings: string[][] = [];
  const ringOf = new Int32Array(nFirms).fill(-1);
  for (let r = 0; r < 200; r++) {
    const region = r % regions;
    const size = 3 + randomInt(rng, 4);
    const members: number[] = [];
    while (members.length < size) {
      const f = region * perRegion + randomInt(rng, perRegion);
      if (ringOf[f] === -1) {
        ringOf[f] = r;
        members.push(f);
      }
    }
    rings.push(members.map(uscc));
  }
  const methods: EvaluationMethod[] = ['lowest_evaluated_price', 'lowest_evaluated_price', 'lowest_evaluated_price', 'reasonable_low_price', 'comprehensive'];
  const tenders: TenderRow[] = [];
  const bids: BidRow[] = [];
  const plantedTenders = new Set<string>();
  let t = 0;
  const pick = (region: number): number => {
    for (;;) {
      const f = region * perRegion + randomInt(rng, perRegion);
      if (rng() * 3.2 < (activity[f] as number)) return f;
    }
  };
  while (bids.length < nBids) {
    const code = `KS${String(t++).padStart(7, '0')}`;
    const region = randomInt(rng, regions);
    const control = Math.round(1e6 * (1 + 30 * rng() * rng()));
    const method = methods[randomInt(rng, methods.length)] as EvaluationMethod;
    tenders.push({
      code,
      projectName: `昆山项目 ${t}`,
      district: `区域${region}`,
      category: rng() < 0.5 ? 'building' : 'municipal',
      workType: 'construction',
      tenderMethod: 'open',
      evaluationMethod: method,
      funding: 'state',
      controlPrice: control,
      openDate: `${2021 + (t % 5)}-06-01`,
      year: 2021 + (t % 5),
    });
    const n = 5 + randomInt(rng, 16);
    const firms = new Set<number>();
    const planted = rng() < 0.05 ? rings[region + regions * randomInt(rng, 4)] : undefined;
    if (planted) {
      plantedTenders.add(code);
      for (const u of planted) firms.add(Number(u.slice(9, 17)));
    }
    while (firms.size < n) firms.add(pick(region));
    const list = [...firms];
    const prices = list.map((f) => control * (0.82 + 0.12 * rng()) * (ringOf[f] >= 0 && planted ? 1.04 : 1));
    const low = Math.min(...prices);
    list.forEach((f, k) => {
      const inRing = planted !== undefined && ringOf[f] >= 0 && rings[ringOf[f] as number] === planted;
      const r = ringOf[f] as number;
      bids.push({
        tenderCode: code,
        bidderUscc: uscc(f),
        bidderName: `昆山市第${f}建设工程有限公司`,
        price: Math.round((prices[k] as number) * 100) / 100,
        discount: null,
        valid: rng() > 0.03,
        invalidReason: null,
        isWinner: prices[k] === low,
        rank: null,
        projectManagerHash: `pm-${f}-${randomInt(rng, 5)}`,
        technicalLeadHash: `tl-${f}-${randomInt(rng, 5)}`,
        agentHash: `ag-${f}`,
        // planted rings build some files on one machine and pay bonds from one account
        bondAccountHash: inRing && rng() < 0.3 ? `bond-ring-${r}` : `bond-${f}`,
        fileMachineCode: inRing && rng() < 0.5 ? `MC-RING-${r}` : `MC-${f}`,
        fileMac: null,
        uploadIp: `58.${f % 250}.${(f >> 8) % 250}.${randomInt(rng, 4)}`,
        fileCreator: rng() < 0.3 ? 'Administrator' : `user${f}`,
      });
    });
  }
  return { dataset: { tenders, bids, contracts: [], attendance: [] }, rings, plantedTenders };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function networkxAvailable(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<number> {
  const nBids = Number(process.argv[2] ?? 1_000_000);
  const nFirms = Number(process.argv[3] ?? 20_000);
  let t0 = performance.now();
  const { dataset, rings, plantedTenders } = syntheticCity(nBids, nFirms);
  console.log(`collusion bench: ${dataset.bids.length.toLocaleString('en')} bids, ${new Set(dataset.bids.map((b) => b.bidderUscc)).size.toLocaleString('en')} firms, ${dataset.tenders.length.toLocaleString('en')} tenders, ${rings.length} planted rings (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const runs: Array<Record<string, number>> = [];
  let last: ReturnType<typeof runCollusion> | null = null;
  for (let r = 0; r < 3; r++) {
    t0 = performance.now();
    last = runCollusion(dataset);
    runs.push({ ...last.ms, total: performance.now() - t0 });
    console.log(`  run ${r + 1}: ${(runs[r]?.total as number / 1000).toFixed(1)} s`);
  }
  const keys = Object.keys(runs[0] ?? {});
  console.log('  median of 3 runs (s):');
  for (const k of keys) console.log(`    ${k.padEnd(16)} ${(median(runs.map((x) => x[k] as number)) / 1000).toFixed(2)}`);
  const peak = process.resourceUsage().maxRSS / 1024 / 1024; // KiB → GiB
  const total = median(runs.map((x) => x.total as number)) / 1000;
  console.log(`  peak RSS ${peak.toFixed(2)} GiB; targets < 60 s: ${total < 60 ? 'met' : 'NOT met'}, < 4 GB: ${peak < 4 ? 'met' : 'NOT met'}`);

  if (last) {
    const found = last.outputs.get('COBID')?.rings ?? [];
    const ringOf = new Map<string, number>();
    rings.forEach((m, i) => m.forEach((u) => ringOf.set(u, i)));
    const recovered = rings.filter((m) => found.some((r) => m.every((u) => r.members.includes(u)))).length;
    const a40 = last.outputs.get('A40');
    console.log(`  planted rings recovered whole in one output ring: ${recovered}/${rings.length}; output rings ${found.length}; A40 flags ${a40?.flags.length}`);
    for (const [code, o] of last.outputs) console.log(`    ${code.padEnd(9)} flags ${String(o.flags.length).padStart(6)}  coverage ${JSON.stringify(o.coverage)}`);
    // separation on the planted truth (a sanity check of the scores on data built to contain rings)
    const codes = dataset.tenders.map((x) => x.code);
    const tScore = codes.map((c) => last?.tenderMetrics.get(c)?.collusion_score ?? 0);
    const firms = [...last.view.tendersOfFirm.keys()];
    const fScore = firms.map((f) => last?.firmMetrics.get(f)?.ring_score ?? 0);
    console.log(
      `  planted truth: collusion_score ROC-AUC ${rocAuc(tScore, codes.map((c) => plantedTenders.has(c)))?.toFixed(3)} ` +
        `(tenders a planted ring entered: ${plantedTenders.size}); ring_score ROC-AUC ${rocAuc(fScore, firms.map((f) => ringOf.has(f)))?.toFixed(3)} ` +
        `(ring members: ${ringOf.size})`,
    );
  }

  // graphology vs networkx Louvain on the same co-bid graph (w ≥ 3)
  const view = viewOf(dataset);
  const g = buildCoBidGraph(view, () => 50);
  t0 = performance.now();
  const comms = detectCommunities(g, new Map(), { minCoBids: 3, article40Weight: 0, resolution: 1, seed: 1 });
  const gMs = performance.now() - t0;
  console.log(`  graphology Louvain: ${comms.edges.toLocaleString('en')} edges, ${comms.members.length} communities, modularity ${comms.modularity.toFixed(3)}, ${(gMs / 1000).toFixed(2)} s`);
  if (!networkxAvailable()) {
    console.log("  networkx: /usr/bin/python3 -c 'import networkx' failed — not installed here; comparison skipped.");
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-louvain-'));
  try {
    const edges: string[] = [];
    for (let k = 0; k < g.w.length; k++) if ((g.w[k] as number) >= 3) edges.push(`${g.pairI[k]} ${g.pairJ[k]} ${g.w[k]}`);
    const file = join(dir, 'cobid.edgelist');
    writeFileSync(file, edges.join('\n') + '\n');
    const py = [
      'import sys, time, networkx as nx',
      "G = nx.read_weighted_edgelist(sys.argv[1], nodetype=int)",
      't = time.perf_counter()',
      "c = nx.community.louvain_communities(G, weight='weight', seed=1)",
      'dt = time.perf_counter() - t',
      "print(f'{len(c)} {nx.community.modularity(G, c, weight=\"weight\"):.3f} {dt:.2f}')",
    ].join('\n');
    const out = execFileSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' }).trim().split(' ');
    console.log(`  networkx Louvain:   ${out[0]} communities, modularity ${out[1]}, ${out[2]} s (same edge list)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
