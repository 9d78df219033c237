/**
 * Chance false-positive rates of REGDIFF's tests: how often independent, competitive-looking bids pass each
 * regularity test by accident. Monte Carlo with a seeded PRNG (the figures in detectors/price/REGDIFF.md).
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/eval-low-bid/regdiff-chance.js [trials]
 *
 * Bids: P = C·(1 − 0.10 + σ·Z) rounded to the yuan, C = 10,000,000, Z standard normal (σ = 3 % "tight", 8 %
 * "wide"), or P uniform on C·[0.80, 1.00]; and the tight case rounded to 10,000 or 1,000 元 (round-number bidding).
 * Each cell is the share of simulated tenders of n bids that pass. The raw tests ignore rounding; DEFAULTS is
 * REGDIFF as shipped (n = 3 tolerance, rounding guards, chance-limited round steps).
 */
import { regdiffSettingsSchema, regularityOf } from '../../detectors/price/regdiff.js';
import { arithmeticCv, geometricCv, ratioCv, roundPercentStep } from '../../detectors/price/regularity.js';
import { mulberry32, normal } from './prng.js';

type Scenario = { name: string; draw: (rand: () => number) => number };

const C = 10_000_000;
const SCENARIOS: Scenario[] = [
  { name: 'normal σ=3%', draw: (r) => Math.round(C * (0.9 + 0.03 * normal(r))) },
  { name: 'normal σ=8%', draw: (r) => Math.round(C * (0.9 + 0.08 * normal(r))) },
  { name: 'uniform 80–100%', draw: (r) => Math.round(C * (0.8 + 0.2 * r())) },
  { name: 'normal σ=3%, rounded to 10,000', draw: (r) => 10_000 * Math.round((C * (0.9 + 0.03 * normal(r))) / 10_000) },
  { name: 'normal σ=3%, rounded to 1,000', draw: (r) => 1_000 * Math.round((C * (0.9 + 0.03 * normal(r))) / 1_000) },
];

const DEFAULTS = regdiffSettingsSchema.parse({});

const TESTS: { name: string; pass: (s: number[]) => boolean }[] = [
  { name: 'DEFAULTS', pass: (s) => regularityOf(s, DEFAULTS).rules.length > 0 },
  { name: 'CV(Δ)<0.05', pass: (s) => lt(arithmeticCv(s), 0.05) },
  { name: 'CV(Δ)<0.005', pass: (s) => lt(arithmeticCv(s), 0.005) },
  { name: 'CV(lnρ)<0.05', pass: (s) => lt(geometricCv(s), 0.05) },
  { name: 'CV(ρ)<0.01', pass: (s) => lt(ratioCv(s), 0.01) },
  { name: 'round 0.5%', pass: (s) => roundPercentStep(s, [0.005], 0.0005, 1) !== null },
  { name: 'round 1%', pass: (s) => roundPercentStep(s, [0.01], 0.0005, 1) !== null },
  { name: 'round 2%', pass: (s) => roundPercentStep(s, [0.02], 0.0005, 1) !== null },
  { name: 'round 5%', pass: (s) => roundPercentStep(s, [0.05], 0.0005, 1) !== null },
];

function lt(x: number | null, t: number): boolean {
  return x !== null && x < t;
}

async function main(): Promise<void> {
  const trials = Number(process.argv[2] ?? 200_000);
  console.log(`REGDIFF chance pass rates, ${trials.toLocaleString('en-US')} simulated tenders per cell (seeded)`);
  for (const sc of SCENARIOS) {
    console.log(`\n${sc.name}`);
    console.log(['n', ...TESTS.map((t) => t.name)].map((x) => x.padStart(13)).join(''));
    for (let n = 3; n <= 8; n++) {
      const rand = mulberry32(1000 * n + sc.name.length);
      const hits = TESTS.map(() => 0);
      for (let k = 0; k < trials; k++) {
        const s = Array.from({ length: n }, () => sc.draw(rand)).sort((a, b) => a - b);
        TESTS.forEach((t, i) => {
          if (t.pass(s)) hits[i]! += 1;
        });
      }
      console.log([String(n), ...hits.map((h) => `${((100 * h) / trials).toFixed(3)}%`)].map((x) => x.padStart(13)).join(''));
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
