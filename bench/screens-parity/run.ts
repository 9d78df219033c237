/**
 * Screens parity benchmark: recomputes the Huber–Imhof screens per tender from `Bid_value` and compares them with
 * the columns published by García Rodríguez et al. (2022), Automation in Construction 133:104047.
 *
 *   npm run build && node dist/bench/screens-parity/run.js [data-dir]
 *
 * The data are read from `../shared/data/collusion-screens` relative to the repository root (never committed);
 * pass a directory as the first argument to read from elsewhere. Methodology: detectors/lib/screens.md.
 */
import { sharedPath } from '../../src/backtest/shared-data.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  formatSummary,
  groupRows,
  replicateAuthorsRd,
  summarise,
  type ColumnSummary,
} from '../../detectors/lib/screens-parity.js';

export const DATA_SETS = ['swiss_ticino.csv', 'swiss_gr_see_gaster.csv', 'usa_ohio_milk.csv'] as const;

/** The repository root: the nearest ancestor of this file holding bidwatch's package.json (else the cwd). */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'bidwatch') return dir;
      } catch {
        /* not ours; keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

async function main(): Promise<number> {
  const dataDir = resolve(process.argv[2] ?? sharedPath('data', 'collusion-screens'));
  if (!existsSync(dataDir)) {
    console.log(`screens-parity: data folder not found: ${dataDir}`);
    console.log('The collusion-screens CSVs (García Rodríguez et al. 2022) are not committed; place them there, or');
    console.log('pass a folder: node dist/bench/screens-parity/run.js <dir>. Nothing was compared.');
    return 0;
  }
  console.log(`screens-parity: ${dataDir}`);
  console.log('Source: García Rodríguez, Rodríguez-Montequín, Ballesteros-Pérez, Love & Signor (2022),');
  console.log('Automation in Construction 133:104047 (supplementary data; no licence stated, research use).\n');
  let missing = 0;
  for (const file of DATA_SETS) {
    const path = join(dataDir, file);
    if (!existsSync(path)) {
      console.log(`${file}: absent, skipped\n`);
      missing++;
      continue;
    }
    const t0 = performance.now();
    const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const tenders = groupRows(rows);
    const summary = summarise(tenders);
    const replicated = summarise(tenders, { RD: replicateAuthorsRd(tenders) }).columns.RD;
    const extra: Array<[string, ColumnSummary]> = [['RD*', replicated]];
    console.log(formatSummary(file, summary, extra));
    const ms = (performance.now() - t0).toFixed(0);
    console.log(
      `  RD  = ours (Huber–Imhof: gap / s.d. of losing bids). RD* = replication of the authors' column construction,` +
        `\n        incl. its misalignment (not a screen; see screens.md §3). null↔0 = we return null, the authors store 0.`,
    );
    for (const c of ['DIFFP', 'RD'] as const) {
      const ids = summary.columns[c].divergentIds;
      if (ids.length > 0) console.log(`  ${c} divergent tenders: ${ids.length} (first: ${ids.slice(0, 12).join(', ')})`);
    }
    console.log(`  ${ms} ms\n`);
  }
  if (missing === DATA_SETS.length) console.log('No data set found; nothing was compared.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
