import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One figure, one author (issue 11): besides its numbers (metrics), a detection run stores per tender the structured
 * figures its detectors used — ALB's peer group, quantiles and fence; SITE's presence per month against the
 * threshold in force — so the tender page and the attendance timeline show exactly what the flags rest on instead
 * of recomputing them under other rules. `{ "ALB": {…}, "SITE": {…} }`, null where no detector left any.
 */
export class TenderFacts1764200000000 implements MigrationInterface {
  name = 'TenderFacts1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tender_metrics ADD COLUMN facts jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tender_metrics DROP COLUMN IF EXISTS facts`);
  }
}
