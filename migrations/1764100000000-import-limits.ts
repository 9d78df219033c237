import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import summaries are bounded (issue 14): a run records how many rejection entries it has (`errors_total`), so the
 * summary shows the first 100 and a count without counting millions of rows, and the errors are paged by
 * (line, id). Runs are listed newest first by creator.
 */
export class ImportLimits1764100000000 implements MigrationInterface {
  name = 'ImportLimits1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_runs ADD COLUMN errors_total integer NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE import_runs r SET errors_total = x.n
      FROM (SELECT import_id, count(*)::int AS n FROM import_rejects GROUP BY import_id) x
      WHERE x.import_id = r.id`);
    await q.query(`CREATE INDEX import_runs_created_by_idx ON import_runs (created_by, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS import_runs_created_by_idx`);
    await q.query(`ALTER TABLE import_runs DROP COLUMN IF EXISTS errors_total`);
  }
}
