import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 §1: indicators at the level of a 招标人 or 招标代理机构 (BCONC, BR038, BSINGLE, BLOWBID) flag the buyer or
 * the agency itself, by its USCC; flags accept those subjects beside bids, tenders, firms, rings, persons, contracts.
 */
export class FlagSubjectsBuyerAgency1764300000001 implements MigrationInterface {
  name = 'FlagSubjectsBuyerAgency1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE flags DROP CONSTRAINT IF EXISTS flags_subject_type_check`);
    await q.query(
      `ALTER TABLE flags ADD CONSTRAINT flags_subject_type_check
         CHECK (subject_type IN ('bid','tender','firm','ring','person','contract','buyer','agency'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM flags WHERE subject_type IN ('buyer','agency')`);
    await q.query(`ALTER TABLE flags DROP CONSTRAINT IF EXISTS flags_subject_type_check`);
    await q.query(`ALTER TABLE flags ADD CONSTRAINT flags_subject_type_check CHECK (subject_type IN ('bid','tender','firm','ring','person','contract'))`);
  }
}
