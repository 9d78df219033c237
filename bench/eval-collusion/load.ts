/**
 * Reads one collusion-screens CSV (García Rodríguez et al. 2022) into a bidwatch Dataset for the detectors, and
 * keeps the labels apart. What the detectors see: tender code, price, firm id (where the file has one), winner.
 * What they never see: `Date` (labels follow investigation periods), `Collusive_*`, the authors' screen columns,
 * `Consortium`, `Number_bids` (it disagrees with the rows present in the milk file).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BidRow, Dataset, TenderRow } from '../../detectors/types.js';
import { bidRow } from '../../detectors/lib/rows.js';

export interface Labelled {
  dataset: Dataset;
  /** Tender code → Collusive_competitor (tender-level label). */
  tenderLabel: Map<string, boolean>;
  /** Firm USCC → ever a cartel member (max of Collusive_competitor_original over its bids); only with firm ids. */
  firmLabel: Map<string, boolean> | null;
  /** The authors' published CV column per tender (for the published reference point only). */
  publishedCv: Map<string, number>;
  hasFirmIds: boolean;
}

/** A synthetic, valid-looking 18-character USCC for a number (USCC validity is not checked inside detectors). */
export function syntheticUscc(n: number): string {
  return `913205830${String(n).padStart(8, '0')}X`;
}

export function loadCsv(path: string, prefix: string): Labelled {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const hasFirmIds = rows.length > 0 && 'Competitors' in (rows[0] as Record<string, string>);
  const tenders = new Map<string, TenderRow>();
  const bids: BidRow[] = [];
  const tenderLabel = new Map<string, boolean>();
  const firmLabel = hasFirmIds ? new Map<string, boolean>() : null;
  const publishedCv = new Map<string, number>();
  rows.forEach((r, i) => {
    const code = `${prefix}-${r.Tender}`;
    if (!tenders.has(code)) {
      tenders.set(code, {
        code,
        projectName: '',
        district: 'eval',
        category: 'municipal',
        workType: 'construction',
        tenderMethod: 'open',
        evaluationMethod: 'lowest_evaluated_price',
        funding: null,
        controlPrice: null,
        openDate: '2000-01-01',
        year: 2000,
      });
    }
    const uscc = hasFirmIds ? syntheticUscc(Number(r.Competitors)) : syntheticUscc(1_000_000 + i);
    bids.push(bidRow({ tenderCode: code, bidderUscc: uscc, price: Number(r.Bid_value), isWinner: Number(r.Winner) === 1 }));
    const label = Number(r.Collusive_competitor) === 1;
    tenderLabel.set(code, (tenderLabel.get(code) ?? false) || label);
    publishedCv.set(code, Number(r.CV));
    if (firmLabel) firmLabel.set(uscc, (firmLabel.get(uscc) ?? false) || Number(r.Collusive_competitor_original) === 1);
  });
  return { dataset: { tenders: [...tenders.values()], bids, contracts: [], attendance: [] }, tenderLabel, firmLabel, publishedCv, hasFirmIds };
}
