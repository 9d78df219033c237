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
  errors: RowError[];
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
