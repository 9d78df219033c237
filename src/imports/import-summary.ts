import type { ImportFormat, ImportKind } from './import-kinds.js';

export interface RowError {
  line: number;
  column: string | null;
  message: string;
}

/**
 * What every import returns (../shared/spec/cli-and-api.md fixes the first eight keys; the rest extend it).
 * rowsRead = accepted + unchanged + rejected: accepted rows were written (new or changed), unchanged rows were
 * valid and identical to what is stored, rejected rows are listed in `errors` with line, column and reason.
 */
export interface ImportSummary {
  importId: number;
  kind: ImportKind;
  rowsRead: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  /** The first errors in file order (at most 100 over HTTP; all of them from the CLI). */
  errors: RowError[];
  /** How many errors the run has in all (GET /api/imports/:id/errors pages them). */
  errorsTotal: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  format: ImportFormat;
  fileName: string;
  encoding: string | null;
  sha256: string | null;
  tenders: { new: number; replaced: number; unchanged: number } | null;
  warnings: RowError[];
  warningCount: number;
  /** Set when the whole file was refused (status failed): the one message for the clerk. */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One past import in GET /api/imports (newest first). */
export interface ImportRunListItem {
  importId: number;
  kind: ImportKind;
  format: ImportFormat;
  fileName: string;
  status: ImportSummary['status'];
  rowsRead: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  errorsTotal: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdBy: number | null;
  createdByName: string | null;
}
