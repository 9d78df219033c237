/**
 * The analyst peer (../shared/peers/analyst_pipeline.py: pandas + networkx, unsupervised) on the same labelled set:
 * the set is written in bidwatch's import format, the peer is run on it, and its tender collusion_score and firm
 * ring_score are read back. Where Debian's python3-pandas/networkx/scipy are missing, says so and returns null.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { LabelledSet } from '../../src/backtest/labelled-sets.js';

export interface PeerScores {
  tender: Map<string, number>;
  firm: Map<string, number>;
  seconds: number;
}

const PYTHON = '/usr/bin/python3';

export function peerAvailable(script: string): string | null {
  if (!existsSync(script)) return `peer script not found: ${script}`;
  const r = spawnSync(PYTHON, ['-c', 'import pandas, networkx, scipy'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'python3-pandas / python3-networkx / python3-scipy not installed (apt-get install python3-pandas python3-networkx python3-scipy)';
}

/** The set as the peer reads it; a control price where the source has none is the tender's highest bid. */
export function writeImportCsv(set: LabelledSet, path: string): void {
  const highest = new Map<string, number>();
  for (const b of set.dataset.bids) highest.set(b.tenderCode, Math.max(highest.get(b.tenderCode) ?? 0, b.price));
  const tender = new Map(set.dataset.tenders.map((t) => [t.code, t]));
  const rows = set.dataset.bids.map((b) => {
    const t = tender.get(b.tenderCode)!;
    return {
      tender_code: t.code, project_name: t.projectName, district: t.district, category: t.category, work_type: t.workType,
      tender_method: t.tenderMethod, evaluation_method: t.evaluationMethod, control_price: (t.controlPrice ?? highest.get(t.code)!).toFixed(2),
      open_date: t.openDate, bidder_uscc: b.bidderUscc, bidder_name: b.bidderName, bid_price: b.price.toFixed(2), is_winner: b.isWinner ? 'true' : 'false',
    };
  });
  writeFileSync(path, stringify(rows, { header: true }));
}

export function runPeer(set: LabelledSet, script: string, workDir: string): PeerScores {
  mkdirSync(workDir, { recursive: true });
  const csv = join(workDir, 'bids.csv');
  writeImportCsv(set, csv);
  const t0 = performance.now();
  const r = spawnSync(PYTHON, [script, csv, join(workDir, 'out')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`peer failed on ${set.info.id}: ${r.stderr.slice(-500)}`);
  const seconds = (performance.now() - t0) / 1000;
  const read = (f: string, key: string, col: string) => {
    const rows = parse(readFileSync(join(workDir, 'out', f), 'utf8'), { columns: true }) as Record<string, string>[];
    return new Map(rows.map((x) => [x[key] as string, x[col] === '' ? NaN : Number(x[col])]));
  };
  return { tender: read('tenders.csv', 'tender_code', 'collusion_score'), firm: read('firms.csv', 'bidder_uscc', 'ring_score'), seconds };
}
