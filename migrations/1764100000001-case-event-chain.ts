import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail becomes tamper-evident (issue 14): each case_events row carries an HMAC over the previous row's
 * hash and its own columns (src/audit/event-chain.ts). The key lives with the application, never in the database,
 * so a superuser who bypasses the append-only trigger can change a row but not make the chain verify again.
 * Events written before this migration keep a NULL hash: `bidwatch audit verify` counts them as unchained, which it
 * allows only before the first chained event.
 */
export class CaseEventChain1764100000001 implements MigrationInterface {
  name = 'CaseEventChain1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events ADD COLUMN chain_hash text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events DROP COLUMN IF EXISTS chain_hash`);
  }
}
