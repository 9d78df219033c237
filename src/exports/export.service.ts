import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Inject, Injectable } from '@nestjs/common';
import { safeRow } from './spreadsheet-safe.js';
import { FindingsRepository, type FlagExportRow } from '../findings/findings.repository.js';
import { TendersRepository } from '../tenders/tenders.repository.js';

export const EXPORT_KINDS = ['tenders', 'firms', 'flags', 'rings'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Column lists fixed by ../shared/spec/cli-and-api.md (the tenders export extends its list at the end). */
export const EXPORT_COLUMNS: Record<ExportKind, string[]> = {
  tenders: [
    'tender_code', 'open_date', 'control_price', 'n_bids', 'n_valid_bids', 'winner_uscc', 'winner_price',
    'winner_discount', 'low_bid_score', 'collusion_score', 'cv', 'spd', 'diffp', 'rd', 'kurt', 'skew', 'ks', 'flags',
    // issue 12, after the contract's columns (extend, never break): 招标人 and 招标代理机构, empty where not known
    'buyer_uscc', 'buyer_name', 'agency_uscc', 'agency_name',
  ],
  firms: ['bidder_uscc', 'bidder_name', 'n_bids', 'n_wins', 'ring_id', 'ring_score', 'flags'],
  flags: ['detector', 'version', 'subject_type', 'subject_id', 'tender_code', 'bidder_uscc', 'score', 'severity', 'explanation'],
  rings: ['ring_id', 'members', 'n_members', 'n_tenders_together', 'rotation', 'cohesion', 'exclusivity', 'article40_links', 'score'],
};

type Cell = string | number | null;

const flagCells = (f: FlagExportRow): Cell[] => [f.detector, f.version, f.subject_type, f.subject_id, f.tender_code, f.bidder_uscc, Number(f.score), f.severity, f.explanation];

const fixed = (v: number | null | undefined, digits = 6): Cell =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits));

/** The four CSV exports, from the current detection runs. Rows are built in SQL order; numbers keep full precision. */
@Injectable()
export class ExportService {
  constructor(
    @Inject(FindingsRepository) private readonly findings: FindingsRepository,
    @Inject(TendersRepository) private readonly tendersRepo: TendersRepository,
  ) {}

  async rows(kind: ExportKind): Promise<Cell[][]> {
    switch (kind) {
      case 'tenders':
        return this.tenders();
      case 'firms':
        return this.firms();
      case 'flags':
        return this.flagRows();
      case 'rings':
        return this.ringRows();
    }
  }

  async writeCsv(kind: ExportKind, path: string, opts: { bom?: boolean } = {}): Promise<number> {
    let n = 0;
    const csv = stringify({ header: true, columns: EXPORT_COLUMNS[kind], bom: opts.bom ?? false });
    // Names, codes and explanations come from imported files: a cell that would start a formula is neutralised.
    async function* safe(batches: AsyncIterable<Cell[][]> | Iterable<Cell[][]>) {
      for await (const rows of batches) {
        for (const r of rows) {
          n++;
          yield safeRow(r);
        }
      }
    }
    // flags and tenders stream from a cursor (a province has millions); firms and rings are far fewer
    const source = kind === 'flags' ? this.flagBatches() : kind === 'tenders' ? this.tenderBatches() : [await this.rows(kind)];
    await pipeline(Readable.from(safe(source)), csv, createWriteStream(path));
    return n;
  }

  private async *flagBatches(): AsyncGenerator<Cell[][]> {
    for await (const rows of this.findings.exportFlags()) yield rows.map(flagCells);
  }

  private async tenders(): Promise<Cell[][]> {
    const out: Cell[][] = [];
    for await (const rows of this.tenderBatches()) for (const r of rows) out.push(r);
    return out;
  }

  private async *tenderBatches(): AsyncGenerator<Cell[][]> {
    for await (const rows of this.findings.exportTenders()) {
      yield rows.map((r) => {
        const m = r.metrics ?? {};
        return [
          r.code, r.open_date, r.control_price, r.n_bids, r.n_valid_bids, r.winner_uscc ?? null, r.winner_price ?? null,
          r.winner_discount ?? null, fixed(m.low_bid_score, 4), fixed(m.collusion_score, 4),
          fixed(m.cv), fixed(m.spd), fixed(m.diffp), fixed(m.rd), fixed(m.kurt), fixed(m.skew), fixed(m.ks),
          r.codes ?? '', r.buyer_uscc ?? null, r.buyer_name ?? null, r.agency_uscc ?? null, r.agency_name ?? null,
        ];
      });
    }
  }

  private async firms(): Promise<Cell[][]> {
    const metrics = await this.findings.firmMetrics();
    const codes = await this.findings.flagCodes('bidder_uscc');
    const rings = await this.findings.rings();
    const ringOf = new Map<string, { id: number; score: number }>();
    for (const r of rings) {
      for (const m of r.members) {
        const cur = ringOf.get(m);
        if (!cur || Number(r.score) > cur.score) ringOf.set(m, { id: r.id, score: Number(r.score) });
      }
    }
    const rows = await this.tendersRepo.exportFirms();
    return rows.map((r: Record<string, unknown>) => {
      const u = r.uscc as string;
      return [u, (r.name as string) ?? null, r.n_bids as number, r.n_wins as number, ringOf.get(u)?.id ?? null,
        fixed(metrics.get(u)?.ring_score, 4), codes.get(u) ?? ''];
    });
  }

  private async flagRows(): Promise<Cell[][]> {
    const out: Cell[][] = [];
    for await (const rows of this.flagBatches()) for (const r of rows) out.push(r);
    return out;
  }

  private async ringRows(): Promise<Cell[][]> {
    return (await this.findings.rings()).map((r) => [
      r.id, r.members.join(';'), r.n_members, r.n_tenders_together, r.rotation, r.cohesion, r.exclusivity, r.article40_links, r.score,
    ]);
  }
}
