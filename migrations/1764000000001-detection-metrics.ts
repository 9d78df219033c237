import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-run tender and firm numbers behind `export tenders|firms` (scores, distribution screens). */
export class DetectionMetrics1764000000001 implements MigrationInterface {
  name = 'DetectionMetrics1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tender_metrics (
        run_id      bigint NOT NULL REFERENCES detection_runs(id) ON DELETE CASCADE,
        tender_code text NOT NULL,
        year        smallint,
        metrics     jsonb NOT NULL,
        PRIMARY KEY (run_id, tender_code)
      )`);
    await q.query(`
      CREATE TABLE firm_metrics (
        run_id   bigint NOT NULL REFERENCES detection_runs(id) ON DELETE CASCADE,
        uscc     char(18) NOT NULL,
        metrics  jsonb NOT NULL,
        PRIMARY KEY (run_id, uscc)
      )`);
    await q.query(`ALTER TABLE detection_runs ADD COLUMN full_scope boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE detection_runs ADD COLUMN years smallint[]`);
    await q.query(`CREATE INDEX flags_run_year_idx ON flags (run_id, year)`);
    await q.query(`CREATE INDEX rings_run_idx ON rings (run_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS rings_run_idx`);
    await q.query(`DROP INDEX IF EXISTS flags_run_year_idx`);
    await q.query(`ALTER TABLE detection_runs DROP COLUMN IF EXISTS years`);
    await q.query(`ALTER TABLE detection_runs DROP COLUMN IF EXISTS full_scope`);
    await q.query(`DROP TABLE IF EXISTS firm_metrics`);
    await q.query(`DROP TABLE IF EXISTS tender_metrics`);
  }
}
