import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema. Money is numeric(18,2) (yuan, never float); 下浮率 is numeric(12,8), derived on import.
 * Personal identifiers (项目经理, 技术负责人, 委托代理人, 考勤人员, 保证金账户) exist only as HMAC-SHA256 hex.
 * SQL kept to what PostgreSQL 15 (server) and PGlite (PostgreSQL 18, embedded) both accept.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name          text NOT NULL UNIQUE,
        role          text NOT NULL CHECK (role IN ('importer','inspector','supervisor','auditor','admin')),
        district      text,
        api_key_hash  text NOT NULL UNIQUE,
        api_key_prefix text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        disabled_at   timestamptz
      )`);

    await q.query(`
      CREATE TABLE firms (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        uscc        char(18) NOT NULL UNIQUE,
        name        text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE import_runs (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind          text NOT NULL CHECK (kind IN ('bids','contracts','attendance')),
        format        text NOT NULL CHECK (format IN ('csv','ocds')),
        file_name     text NOT NULL,
        file_sha256   text,
        file_bytes    bigint,
        encoding      text,
        status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        rows_read     integer NOT NULL DEFAULT 0,
        accepted      integer NOT NULL DEFAULT 0,
        rejected      integer NOT NULL DEFAULT 0,
        unchanged     integer NOT NULL DEFAULT 0,
        tenders_new       integer NOT NULL DEFAULT 0,
        tenders_replaced  integer NOT NULL DEFAULT 0,
        tenders_unchanged integer NOT NULL DEFAULT 0,
        warnings      jsonb NOT NULL DEFAULT '[]'::jsonb,
        error         text,
        options       jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by    bigint REFERENCES users(id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        started_at    timestamptz,
        finished_at   timestamptz
      )`);
    await q.query(`CREATE INDEX import_runs_sha_idx ON import_runs (file_sha256)`);

    await q.query(`
      CREATE TABLE import_rejects (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        import_id  bigint NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
        line       integer NOT NULL,
        "column"   text,
        message    text NOT NULL
      )`);
    await q.query(`CREATE INDEX import_rejects_import_line_idx ON import_rejects (import_id, line)`);

    await q.query(`
      CREATE TABLE tenders (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code               text NOT NULL UNIQUE,
        project_name       text NOT NULL,
        district           text NOT NULL,
        category           text NOT NULL CHECK (category IN ('building','municipal')),
        work_type          text NOT NULL CHECK (work_type IN ('construction','supervision','design','survey','epc')),
        tender_method      text NOT NULL CHECK (tender_method IN ('open','invited')),
        evaluation_method  text NOT NULL CHECK (evaluation_method IN ('comprehensive','reasonable_low_price','lowest_evaluated_price','separation','other')),
        funding            text CHECK (funding IN ('state','private')),
        control_price      numeric(18,2) CHECK (control_price > 0),
        open_date          date NOT NULL,
        year               smallint NOT NULL,
        n_bids             integer NOT NULL DEFAULT 0,
        n_valid_bids       integer NOT NULL DEFAULT 0,
        winner_firm_id     bigint REFERENCES firms(id),
        winner_price       numeric(18,2),
        winner_discount    numeric(12,8),
        content_hash       text NOT NULL,
        import_id          bigint REFERENCES import_runs(id) ON DELETE SET NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tenders_year_idx ON tenders (year)`);
    await q.query(`CREATE INDEX tenders_peer_idx ON tenders (category, work_type, evaluation_method, year)`);
    await q.query(`CREATE INDEX tenders_district_idx ON tenders (district)`);
    await q.query(`CREATE INDEX tenders_winner_idx ON tenders (winner_firm_id)`);

    // Bids are written only by the import merge, which joins tenders and firms (so references hold by
    // construction) and replaces a tender's bids wholesale. They carry no surrogate id and no foreign-key triggers:
    // at a million rows per import those cost more than the rows themselves (bench/ingest). For the same reason the
    // primary key is the only index: every reader goes by tender, or scans all bids for the detectors.
    await q.query(`
      CREATE TABLE bids (
        tender_id            bigint NOT NULL,
        firm_id              bigint NOT NULL,
        bid_price            numeric(18,2) NOT NULL CHECK (bid_price > 0),
        discount_rate        numeric(12,8),
        bid_valid            boolean NOT NULL DEFAULT true,
        invalid_reason       text,
        is_winner            boolean NOT NULL DEFAULT false,
        rank                 integer,
        project_manager_hash text,
        technical_lead_hash  text,
        agent_hash           text,
        bond_account_hash    text,
        file_machine_code    text,
        file_mac             text,
        upload_ip            text,
        file_creator         text,
        source_line          integer,
        PRIMARY KEY (tender_id, firm_id)
      )`);

    await q.query(`
      CREATE TABLE contracts (
        id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tender_id               bigint NOT NULL UNIQUE REFERENCES tenders(id) ON DELETE CASCADE,
        winner_firm_id          bigint NOT NULL REFERENCES firms(id),
        contract_price          numeric(18,2) NOT NULL CHECK (contract_price > 0),
        contract_date           date NOT NULL,
        planned_completion      date,
        change_order_total      numeric(18,2),
        change_order_count      integer CHECK (change_order_count >= 0),
        settlement_price        numeric(18,2) CHECK (settlement_price > 0),
        actual_completion       date,
        project_manager_changed boolean,
        content_hash            text NOT NULL,
        source_line             integer,
        import_id               bigint REFERENCES import_runs(id) ON DELETE SET NULL,
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contracts_winner_idx ON contracts (winner_firm_id)`);

    await q.query(`
      CREATE TABLE attendance (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tender_id        bigint NOT NULL REFERENCES tenders(id) ON DELETE CASCADE,
        person_hash      text NOT NULL,
        role             text NOT NULL CHECK (role IN ('project_manager','technical_lead','safety_officer','worker')),
        employer_firm_id bigint NOT NULL REFERENCES firms(id),
        work_date        date NOT NULL,
        present          boolean NOT NULL,
        import_id        bigint REFERENCES import_runs(id) ON DELETE SET NULL,
        UNIQUE (tender_id, person_hash, work_date)
      )`);
    await q.query(`CREATE INDEX attendance_person_date_idx ON attendance (person_hash, work_date)`);

    await q.query(`
      CREATE TABLE detection_runs (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        status            text NOT NULL DEFAULT 'running' CHECK (status IN ('running','succeeded','failed')),
        scope             jsonb NOT NULL DEFAULT '{}'::jsonb,
        settings          jsonb NOT NULL DEFAULT '{}'::jsonb,
        settings_hash     text NOT NULL,
        detector_versions jsonb NOT NULL DEFAULT '{}'::jsonb,
        coverage          jsonb NOT NULL DEFAULT '[]'::jsonb,
        summary           jsonb NOT NULL DEFAULT '{}'::jsonb,
        error             text,
        started_at        timestamptz NOT NULL DEFAULT now(),
        finished_at       timestamptz
      )`);

    await q.query(`
      CREATE TABLE flags (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id        bigint NOT NULL REFERENCES detection_runs(id) ON DELETE CASCADE,
        detector      text NOT NULL,
        version       text NOT NULL,
        subject_type  text NOT NULL CHECK (subject_type IN ('bid','tender','firm','ring','person','contract')),
        subject_id    text NOT NULL,
        tender_code   text,
        bidder_uscc   char(18),
        score         numeric(6,4) NOT NULL CHECK (score >= 0 AND score <= 1),
        severity      text NOT NULL CHECK (severity IN ('info','low','medium','high')),
        explanation   text NOT NULL,
        evidence      jsonb NOT NULL DEFAULT '{}'::jsonb,
        year          smallint
      )`);
    await q.query(`CREATE INDEX flags_run_detector_idx ON flags (run_id, detector)`);
    await q.query(`CREATE INDEX flags_tender_idx ON flags (tender_code)`);
    await q.query(`CREATE INDEX flags_bidder_idx ON flags (bidder_uscc)`);

    await q.query(`
      CREATE TABLE rings (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id             bigint NOT NULL REFERENCES detection_runs(id) ON DELETE CASCADE,
        ring_key           text NOT NULL,
        members            text[] NOT NULL,
        n_members          integer NOT NULL,
        n_tenders_together integer NOT NULL,
        rotation           numeric(6,4),
        cohesion           numeric(6,4),
        exclusivity        numeric(6,4),
        article40_links    integer NOT NULL DEFAULT 0,
        score              numeric(6,4) NOT NULL,
        explanation        text NOT NULL,
        evidence           jsonb NOT NULL DEFAULT '{}'::jsonb,
        UNIQUE (run_id, ring_key)
      )`);

    await q.query(`
      CREATE TABLE cases (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_key         text NOT NULL UNIQUE,
        kind             text NOT NULL CHECK (kind IN ('post_award','site_check','rigging','low_bid')),
        subject_type     text NOT NULL,
        subject_id       text NOT NULL,
        title            text NOT NULL,
        district         text,
        priority         smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
        status           text NOT NULL DEFAULT 'new'
                         CHECK (status IN ('new','triaged','assigned','investigating','closed_confirmed','closed_dismissed')),
        assignee_id      bigint REFERENCES users(id),
        due_at           timestamptz,
        evidence         jsonb NOT NULL DEFAULT '{}'::jsonb,
        evidence_hash    text,
        outcome          text,
        version          integer NOT NULL DEFAULT 1,
        last_run_id      bigint REFERENCES detection_runs(id) ON DELETE SET NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        closed_at        timestamptz
      )`);
    await q.query(`CREATE INDEX cases_status_idx ON cases (status, kind)`);
    await q.query(`CREATE INDEX cases_assignee_idx ON cases (assignee_id)`);
    await q.query(`CREATE INDEX cases_district_idx ON cases (district)`);

    await q.query(`
      CREATE TABLE case_events (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id      bigint NOT NULL REFERENCES cases(id),
        at           timestamptz NOT NULL DEFAULT now(),
        actor_id     bigint REFERENCES users(id),
        actor_name   text NOT NULL,
        action       text NOT NULL,
        from_status  text,
        to_status    text,
        note         text,
        details      jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, id)`);
    // The audit trail is append-only for everyone who connects, not only for the API.
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only (审计记录不可修改或删除)';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_events_no_update_delete BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await q.query(`
      CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
      FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'case_events', 'cases', 'rings', 'flags', 'detection_runs', 'attendance', 'contracts', 'bids', 'tenders',
      'import_rejects', 'import_runs', 'firms', 'users',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS case_events_append_only()`);
  }
}
