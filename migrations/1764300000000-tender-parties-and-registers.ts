import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: what the e-bidding platform and the bureau's registers hold beyond the core of 第四十条.
 * - tenders: 招标人 (buyer) and 招标代理机构 (agency), code and name, optional (older files have neither).
 * - bids: the remaining file fingerprints (文件创建标识码, 计价软件加密锁号, CPU and disk serials) and the bid timing
 *   (upload time, file creation time; timestamptz, read as Asia/Shanghai local time on import).
 * - firms: registered address (normalised: NFKC, no whitespace) and contact phone as a keyed hash only (phone is
 *   personal data: never stored in clear, like every personal identifier).
 * - firm_relations (kind `firm-relations`): one row per relation of a firm to a person (hash) or to another firm.
 *   The natural key is (firm, relation, person or related firm, valid_from): a re-import of the same file finds
 *   every row unchanged; share and end date are updated in place.
 * - boq_lines (kind `boq`): 工程量清单报价, one row per line of one bid; money and quantities numeric, never float.
 *   Like bids: written only by the import merge (which joins tenders, firms and bids, so references hold by
 *   construction), no surrogate id and no foreign-key triggers (files run to millions of lines); the primary key
 *   (tender, firm, line_no) is the only index, and every reader goes by tender.
 * - boq_bids: per bid whose BOQ was imported, the line count and content digest of its lines, so that a re-import
 *   tells an unchanged bid's lines from changed ones without reading them back (a bid's lines are replaced whole).
 * SQL kept to what PostgreSQL 15 and PGlite (PostgreSQL 18) both accept (UNIQUE NULLS NOT DISTINCT is 15+).
 */
export class TenderPartiesAndRegisters1764300000000 implements MigrationInterface {
  name = 'TenderPartiesAndRegisters1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenders
        ADD COLUMN buyer_uscc char(18),
        ADD COLUMN buyer_name text,
        ADD COLUMN agency_uscc char(18),
        ADD COLUMN agency_name text`);
    // Findings by buyer and by agency group the current flags' tenders by these.
    await q.query(`CREATE INDEX tenders_buyer_idx ON tenders (buyer_uscc) WHERE buyer_uscc IS NOT NULL`);
    await q.query(`CREATE INDEX tenders_agency_idx ON tenders (agency_uscc) WHERE agency_uscc IS NOT NULL`);

    await q.query(`
      ALTER TABLE bids
        ADD COLUMN file_creation_id text,
        ADD COLUMN lock_serial text,
        ADD COLUMN cpu_serial text,
        ADD COLUMN disk_serial text,
        ADD COLUMN upload_time timestamptz,
        ADD COLUMN file_created_at timestamptz`);

    await q.query(`ALTER TABLE firms ADD COLUMN address_norm text, ADD COLUMN phone_hash text`);

    await q.query(`
      CREATE TABLE firm_relations (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        firm_uscc     char(18) NOT NULL,
        relation      text NOT NULL CHECK (relation IN ('legal_rep','shareholder','controller','manager')),
        person_hash   text,
        related_uscc  char(18),
        share_pct     numeric(7,4) CHECK (share_pct >= 0 AND share_pct <= 100),
        valid_from    date,
        valid_to      date,
        source_line   integer,
        import_id     bigint REFERENCES import_runs(id) ON DELETE SET NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CHECK ((person_hash IS NULL) <> (related_uscc IS NULL)),
        CHECK (related_uscc IS NULL OR related_uscc <> firm_uscc),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
        CONSTRAINT firm_relations_natural_key UNIQUE NULLS NOT DISTINCT (firm_uscc, relation, person_hash, related_uscc, valid_from)
      )`);
    // The detectors' links go both ways: from a firm to its people and holders, and from a holder to the firms it holds.
    await q.query(`CREATE INDEX firm_relations_person_idx ON firm_relations (person_hash) WHERE person_hash IS NOT NULL`);
    await q.query(`CREATE INDEX firm_relations_related_idx ON firm_relations (related_uscc) WHERE related_uscc IS NOT NULL`);

    await q.query(`
      CREATE TABLE boq_lines (
        tender_id   bigint NOT NULL,
        firm_id     bigint NOT NULL,
        line_no     integer NOT NULL CHECK (line_no > 0),
        item_code   text NOT NULL,
        item_name   text,
        unit        text,
        quantity    numeric(24,6) NOT NULL CHECK (quantity >= 0),
        unit_price  numeric(18,2) NOT NULL CHECK (unit_price >= 0),
        amount      numeric(18,2) NOT NULL,
        source_line integer,
        PRIMARY KEY (tender_id, firm_id, line_no)
      )`);
    await q.query(`
      CREATE TABLE boq_bids (
        tender_id    bigint NOT NULL,
        firm_id      bigint NOT NULL,
        n_lines      integer NOT NULL,
        content_hash text NOT NULL,
        import_id    bigint REFERENCES import_runs(id) ON DELETE SET NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tender_id, firm_id)
      )`);

    await q.query(`ALTER TABLE import_runs DROP CONSTRAINT IF EXISTS import_runs_kind_check`);
    await q.query(`ALTER TABLE import_runs ADD CONSTRAINT import_runs_kind_check
      CHECK (kind IN ('bids','contracts','attendance','firm-relations','boq'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM import_runs WHERE kind IN ('firm-relations','boq')`);
    await q.query(`ALTER TABLE import_runs DROP CONSTRAINT IF EXISTS import_runs_kind_check`);
    await q.query(`ALTER TABLE import_runs ADD CONSTRAINT import_runs_kind_check CHECK (kind IN ('bids','contracts','attendance'))`);
    await q.query(`DROP TABLE IF EXISTS boq_bids`);
    await q.query(`DROP TABLE IF EXISTS boq_lines`);
    await q.query(`DROP TABLE IF EXISTS firm_relations`);
    await q.query(`ALTER TABLE firms DROP COLUMN IF EXISTS address_norm, DROP COLUMN IF EXISTS phone_hash`);
    await q.query(`
      ALTER TABLE bids DROP COLUMN IF EXISTS file_creation_id, DROP COLUMN IF EXISTS lock_serial,
        DROP COLUMN IF EXISTS cpu_serial, DROP COLUMN IF EXISTS disk_serial, DROP COLUMN IF EXISTS upload_time,
        DROP COLUMN IF EXISTS file_created_at`);
    await q.query(`DROP INDEX IF EXISTS tenders_buyer_idx`);
    await q.query(`DROP INDEX IF EXISTS tenders_agency_idx`);
    await q.query(`
      ALTER TABLE tenders DROP COLUMN IF EXISTS buyer_uscc, DROP COLUMN IF EXISTS buyer_name,
        DROP COLUMN IF EXISTS agency_uscc, DROP COLUMN IF EXISTS agency_name`);
  }
}
