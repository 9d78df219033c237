import type { z } from 'zod';
import type { PiiHasher } from '../pii-hasher.js';
import type { ImportKind } from '../import-kinds.js';
import type { StageValue } from '../../database/stage-writer.js';

/** Runs one SQL statement on the import's own connection (inside its transaction) and returns the rows. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export interface RowMessage {
  line: number;
  column: string | null;
  message: string;
}

export interface MergeCounts {
  /** Rows written (new or changed). */
  accepted: number;
  /** Valid rows identical to what is stored. */
  unchanged: number;
  tendersNew: number;
  tendersReplaced: number;
  tendersUnchanged: number;
}

/**
 * Everything that differs between the record kinds. The import service streams rows through `schema`, loads
 * `toStage` values into the temp table `stage`, and calls `merge`, which applies the cross-row rules (they need the
 * whole file), writes `import_rejects` for what they refuse, and moves the rest into the real tables.
 *
 * Stage rows carry `status`: 0 = valid so far, 1 = rejected with its own reason, 2 = rejected with a sibling.
 */
export interface KindPipeline<Row> {
  kind: ImportKind;
  schema: z.ZodType<Row, Record<string, string | undefined>>;
  stageColumns: readonly string[];
  /** The staging table and the merge (the kind's SQL, in its *-merge.repository.ts). */
  store: KindStore;
  toStage(line: number, row: Row, hasher: PiiHasher): StageValue[];
  /**
   * A stage row for a line that failed validation: it still takes its group down with it (a bids tender, a BOQ bid).
   * `cells`: the row's raw cells where they could be read, for kinds whose group needs more than the tender code.
   */
  rejectedStage(line: number, tenderCode: string | null, cells?: Record<string, string | undefined>): StageValue[];
  warnings?(line: number, row: Row): RowMessage[];
}

/** A kind's SQL: the staging table's DDL, and the merge run on the import's transaction. */
export interface KindStore {
  stageDdl: string;
  merge(sql: Sql, importId: number): Promise<MergeCounts>;
}
