import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which detectors stand behind a case (for precision from outcomes) and when its reminders fire. */
export class CaseDetectors1764000000002 implements MigrationInterface {
  name = 'CaseDetectors1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN detectors text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE cases ADD COLUMN escalated_at timestamptz`);
    await q.query(`CREATE INDEX cases_due_idx ON cases (due_at) WHERE status NOT IN ('closed_confirmed', 'closed_dismissed')`);
    // What a detection run says each case should be; a 'case' job carries (case key, run id) and reads it here.
    await q.query(`
      CREATE TABLE case_drafts (
        run_id   bigint NOT NULL REFERENCES detection_runs(id) ON DELETE CASCADE,
        case_key text NOT NULL,
        draft    jsonb NOT NULL,
        PRIMARY KEY (run_id, case_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS case_drafts`);
    await q.query(`DROP INDEX IF EXISTS cases_due_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS escalated_at`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS detectors`);
  }
}
