/**
 * The real labelled markets in ../shared/data, read into bidwatch Datasets with their labels kept apart.
 *
 * Each set is mapped the way a data clerk would import it (spec/import-format.md): tender code, bidder, price,
 * winner, the reserve price as control price where the source has one, and the evaluation method its auction rule
 * implies. What the detectors never see: dates (labels follow investigation periods, so every tender gets one
 * constant year), the labels, the authors' screen columns, bid counts, consortium flags and firm attributes.
 *
 * Sources (cite them where figures are reported; the files are never copied into the repository):
 *   García Rodríguez, Rodríguez-Montequín, Ballesteros-Pérez, Love & Signor (2022), "Collusion detection in public
 *   procurement auctions with machine learning algorithms", Automation in Construction 133:104047 — Ticino,
 *   GR/See-Gaster, Ohio school milk, Turin (average-bid auctions, Conley & Decarolis 2016).
 *   Chassang, Kawai, Nakabayashi & Ortner (2022), "Robust Screens for Non-Competitive Bidding in Procurement
 *   Auctions", Econometrica 90(1) — Tsuchiura (weak, researcher-made cartel labels).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { bidRow } from '../../detectors/lib/rows.js';
import type { BidRow, Dataset, EvaluationMethod, TenderRow } from '../../detectors/types.js';
import { usccCheckChar } from '../../detectors/lib/uscc.js';

export interface LabelledSetInfo {
  id: string;
  /** Path under ../shared/data. */
  file: string;
  title: string;
  /** How the winner is chosen: lowest price, or closest to an average benchmark (合理低价法 family). */
  mechanism: 'first_price' | 'average_bid';
  hasFirmIds: boolean;
  /** Labels the source calls weak (researcher-made, undocumented origin). */
  weakLabels: boolean;
  source: string;
}

export const LABELLED_SETS: readonly LabelledSetInfo[] = [
  {
    id: 'ticino',
    file: 'collusion-screens/swiss_ticino.csv',
    title: 'Ticino road works (CH)',
    mechanism: 'first_price',
    hasFirmIds: false,
    weakLabels: false,
    source: 'García Rodríguez et al. 2022; Imhof 2017',
  },
  {
    id: 'gr',
    file: 'collusion-screens/swiss_gr_see_gaster.csv',
    title: 'GR/See-Gaster construction (CH)',
    mechanism: 'first_price',
    hasFirmIds: false,
    weakLabels: false,
    source: 'García Rodríguez et al. 2022; Huber & Imhof 2019',
  },
  {
    id: 'milk',
    file: 'collusion-screens/usa_ohio_milk.csv',
    title: 'Ohio school milk (US)',
    mechanism: 'first_price',
    hasFirmIds: true,
    weakLabels: false,
    source: 'García Rodríguez et al. 2022; Porter & Zona 1999',
  },
  {
    id: 'turin',
    file: 'collusion-screens/italy_turin.csv',
    title: 'Turin road works, average-bid auctions (IT)',
    mechanism: 'average_bid',
    hasFirmIds: true,
    weakLabels: false,
    source: 'García Rodríguez et al. 2022; Conley & Decarolis 2016',
  },
  {
    id: 'tsuchiura',
    file: 'tsuchiura/tsuchiura_data.csv',
    title: 'Tsuchiura municipal works with floor prices (JP)',
    mechanism: 'first_price',
    hasFirmIds: true,
    weakLabels: true,
    source: 'Chassang, Kawai, Nakabayashi & Ortner 2022',
  },
];

export interface LabelledSet {
  info: LabelledSetInfo;
  dataset: Dataset;
  /** Tender code → collusive. */
  tenderLabel: Map<string, boolean>;
  /** USCC → ever a cartel member; null where the source has no firm ids. */
  firmLabel: Map<string, boolean> | null;
  /** Rows of the source that are not bids (no price, or a consortium member's copy of its consortium's bid). */
  skippedRows: number;
}

/** The constant year every evaluated tender gets: dates are withheld from the detectors. */
export const EVAL_YEAR = 2000;

/**
 * A valid USCC (GB 32100-2015 check digit) for the k-th firm of a set, so that the set can also be imported
 * through `bidwatch import` exactly as mapped here: 91 + the set's two digits + k in 13 digits + check character.
 */
export function evalUscc(setNumber: number, k: number): string {
  const first17 = `91${String(setNumber).padStart(2, '0')}${String(k).padStart(13, '0')}`;
  return first17 + (usccCheckChar(first17) as string);
}

function tender(code: string, evaluationMethod: EvaluationMethod, controlPrice: number | null): TenderRow {
  return {
    code,
    projectName: code,
    district: 'eval',
    category: 'municipal',
    workType: 'construction',
    tenderMethod: 'open',
    evaluationMethod,
    funding: null,
    controlPrice,
    openDate: `${EVAL_YEAR}-01-01`,
    year: EVAL_YEAR,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

interface Mapped {
  code: string;
  firm: string | null;
  price: number;
  control: number | null;
  winner: boolean;
  tenderLabel: boolean;
  firmLabel: boolean | null;
  /** A consortium member's copy of the consortium's bid (kept once per tender). */
  consortium?: boolean;
}

function mapRow(id: string, r: Record<string, string>, i: number): Mapped | null {
  switch (id) {
    case 'ticino':
    case 'gr': {
      // Ticino lists a consortium's one bid once per member (same price, `Consortium` id > 0): one bid, one bidder.
      const consortium = Number(r.Consortium ?? 0);
      return { code: `${id}-${r.Tender}`, firm: consortium > 0 ? `c${r.Tender}x${consortium}` : null, consortium: consortium > 0, price: Number(r.Bid_value), control: null, winner: Number(r.Winner) === 1, tenderLabel: Number(r.Collusive_competitor) === 1, firmLabel: null };
    }
    case 'milk':
      return {
        code: `milk-${r.Tender}`,
        firm: r.Competitors as string,
        price: Number(r.Bid_value),
        control: null,
        winner: Number(r.Winner) === 1,
        tenderLabel: Number(r.Collusive_competitor) === 1,
        firmLabel: Number(r.Collusive_competitor_original) === 1,
      };
    case 'turin': {
      // The bid is a discount off the reserve price in percent; `Bid_value` is not a price (data README).
      const pte = Number(r['Pre-Tender Estimate (PTE)']);
      const discount = Number(r['Difference Bid/PTE']);
      return {
        code: `turin-${r.Tender}`,
        firm: r.Competitors as string,
        price: round2(pte * (1 - discount / 100)),
        control: pte,
        winner: Number(r.Winner) === 1,
        tenderLabel: Number(r.Collusive_competitor) === 1,
        firmLabel: Number(r.Collusive_competitor_original) === 1,
      };
    }
    case 'tsuchiura': {
      if (r.bid === '' || !(Number(r.bid) > 0)) return null;
      const reserve = Number(r.reserveprice);
      return {
        code: `tsuchiura-${r.pid}`,
        firm: r.bidder_id as string,
        price: Number(r.bid),
        control: reserve > 0 ? reserve : null,
        winner: r.winner === '1',
        tenderLabel: r.auction_cartelized === '1',
        firmLabel: r.is_cartel === '1',
      };
    }
    default:
      throw new Error(`unknown labelled set ${id} (row ${i})`);
  }
}

/** Reads one labelled set from the shared data folder; null when its file is absent there. */
export function loadLabelledSet(info: LabelledSetInfo, dataDir: string): LabelledSet | null {
  const path = join(dataDir, info.file);
  if (!existsSync(path)) return null;
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const method: EvaluationMethod = info.mechanism === 'average_bid' ? 'reasonable_low_price' : 'lowest_evaluated_price';
  const tenders = new Map<string, TenderRow>();
  const bids: BidRow[] = [];
  const tenderLabel = new Map<string, boolean>();
  const firmLabel = info.hasFirmIds ? new Map<string, boolean>() : null;
  const seen = new Set<string>();
  const ids = new Map<string, string>();
  const setNumber = LABELLED_SETS.indexOf(info) + 1;
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = evalUscc(setNumber, ids.size + 1)));
    return id;
  };
  let skippedRows = 0;
  rows.forEach((r, i) => {
    const m = mapRow(info.id, r, i);
    if (!m || !(m.price > 0)) {
      skippedRows++;
      return;
    }
    if (!tenders.has(m.code)) tenders.set(m.code, tender(m.code, method, m.control));
    // No firm id: one synthetic bidder per bid. A firm id met twice in one tender (Tsuchiura merges some
    // same-named firms) gets a suffix, so each bid keeps its own subject.
    let uscc = idOf(m.firm ?? `b${i}`);
    if (m.consortium && seen.has(`${m.code}/${uscc}`)) {
      skippedRows++;
      return;
    }
    for (let k = 2; seen.has(`${m.code}/${uscc}`); k++) uscc = idOf(`${m.firm}#${k}`);
    seen.add(`${m.code}/${uscc}`);
    bids.push(bidRow({ tenderCode: m.code, bidderUscc: uscc, price: m.price, isWinner: m.winner }, m.control));
    tenderLabel.set(m.code, (tenderLabel.get(m.code) ?? false) || m.tenderLabel);
    if (firmLabel && m.firmLabel !== null) firmLabel.set(uscc, (firmLabel.get(uscc) ?? false) || m.firmLabel);
  });
  return { info, dataset: { tenders: [...tenders.values()], bids, contracts: [], attendance: [] }, tenderLabel, firmLabel, skippedRows };
}
