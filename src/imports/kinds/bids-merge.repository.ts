/**
 * The SQL half of the `bids` import: the staging table the parsed rows are copied into, and the merge that applies
 * the cross-row rules and moves what passes into the real tables, on the import's own transaction (import-runner.ts).
 */
import type { KindStore, MergeCounts, Sql } from './kind-pipeline.js';

/** The tender columns that must agree on every row of one tender (import-format §1). */
const TENDER_FIELDS: [string, string][] = [
  ['project_name', 'project_name'],
  ['district', 'district'],
  ['category', 'category'],
  ['work_type', 'work_type'],
  ['tender_method', 'tender_method'],
  ['evaluation_method', 'evaluation_method'],
  ['funding', 'funding'],
  ['control_price', 'control_price::numeric(18,2)::text'],
  ['open_date', 'open_date::text'],
  ['buyer_uscc', 'buyer_uscc'],
  ['buyer_name', 'buyer_name'],
  ['agency_uscc', 'agency_uscc'],
  ['agency_name', 'agency_name'],
];

export const bidsStore: KindStore = {
  stageDdl: `CREATE TEMP TABLE stage (
      line integer NOT NULL, status smallint NOT NULL, tender_code text, project_name text, district text,
      category text, work_type text, tender_method text, evaluation_method text, funding text,
      control_price numeric, open_date date, bidder_uscc text, bidder_name text, bid_price numeric,
      bid_valid boolean, invalid_reason text, is_winner boolean, rank integer, pm_hash text, tl_hash text,
      agent_hash text, bond_hash text, machine_code text, mac text, ip text, creator text,
      buyer_uscc text, buyer_name text, agency_uscc text, agency_name text, creation_id text, lock_serial text,
      cpu_serial text, disk_serial text, upload_time timestamptz, file_created_at timestamptz,
      tsig text, rdigest bigint
    ) ON COMMIT DROP`,
  async merge(sql: Sql, importId: number): Promise<MergeCounts> {
    await sql(`SET LOCAL default_statistics_target = 10`);
    await sql(`SET LOCAL work_mem = '256MB'`);
    await sql(`ANALYZE stage`);

    // One pass over the staged rows, per tender: everything the cross-row rules and the merge need. The rules'
    // detail queries below run only where this pass found a problem (most files have none).
    await sql(`CREATE TEMP TABLE stage_agg ON COMMIT DROP AS
      SELECT tender_code, count(*) AS n_rows, count(DISTINCT tsig) AS n_sig, count(DISTINCT bidder_uscc) AS n_bidders,
             count(*) FILTER (WHERE is_winner) AS n_winners, count(*) FILTER (WHERE bid_valid) AS n_valid,
             min(bidder_uscc) FILTER (WHERE is_winner) AS winner_uscc, min(bid_price) FILTER (WHERE is_winner) AS winner_price,
             min(line) AS first_line,
             -- content digest: tender signature, row count and the sum of row digests (order-free, sort-free)
             min(tsig) || ':' || count(*) || ':' || sum(rdigest) AS content_hash
      FROM stage WHERE status = 0 GROUP BY tender_code`);
    await sql(`ANALYZE stage_agg`);
    const [p] = await sql<{ sig: number; dup: number; win: number }>(
      `SELECT count(*) FILTER (WHERE n_sig > 1)::int AS sig, count(*) FILTER (WHERE n_bidders < n_rows)::int AS dup,
              count(*) FILTER (WHERE n_winners > 1)::int AS win FROM stage_agg`,
    );

    // 1. Tender columns must agree with the tender's first row.
    if (p!.sig > 0) {
      const cmp = TENDER_FIELDS.map(([col, expr]) => `('${col}', s.${expr}, f.${expr})`).join(', ');
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, s.line, c.col, format($2, f.line, c.col, coalesce(c.v, '（空）'), coalesce(c.fv, '（空）'))
         FROM stage_agg d
         JOIN stage f ON f.line = d.first_line
         JOIN stage s ON s.tender_code = d.tender_code AND s.status = 0 AND s.line <> d.first_line
         CROSS JOIN LATERAL (VALUES ${cmp}) AS c(col, v, fv)
         WHERE d.n_sig > 1 AND c.v IS DISTINCT FROM c.fv`,
        [importId, '与同一标段第 %s 行的 %s 不一致（本行“%s”，第一行“%s”）(tender columns must agree on every row of a tender)'],
      );
    }
    // 2. One bid per bidder per tender.
    if (p!.dup > 0) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, line, 'bidder_uscc', format($2, first_line)
         FROM (SELECT s.line, min(s.line) OVER (PARTITION BY s.tender_code, s.bidder_uscc) AS first_line
               FROM stage s JOIN stage_agg d ON d.tender_code = s.tender_code AND d.n_bidders < d.n_rows
               WHERE s.status = 0) x
         WHERE line <> first_line`,
        [importId, '同一投标人在本标段重复出现（首次在第 %s 行）(the same bidder appears twice in one tender)'],
      );
    }
    // 3. At most one winner per tender.
    if (p!.win > 0) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, line, 'is_winner', format($2, first_line)
         FROM (SELECT s.line, min(s.line) OVER (PARTITION BY s.tender_code) AS first_line
               FROM stage s JOIN stage_agg d ON d.tender_code = s.tender_code AND d.n_winners > 1
               WHERE s.status = 0 AND s.is_winner) w
         WHERE line <> first_line`,
        [importId, '同一标段只能有一个中标人（第 %s 行已标为中标人）(at most one winner per tender)'],
      );
    }
    if (p!.sig + p!.dup + p!.win > 0) {
      await sql(
        `UPDATE stage s SET status = 1 FROM (SELECT DISTINCT line FROM import_rejects WHERE import_id = $1) r
         WHERE s.line = r.line AND s.status = 0`,
        [importId],
      );
    }
    // 4. A tender's rows land together or not at all.
    await sql(`CREATE TEMP TABLE stage_bad ON COMMIT DROP AS
      SELECT tender_code, string_agg(line::text, ', ' ORDER BY line) FILTER (WHERE rn <= 5) AS lines, count(*) AS n
      FROM (SELECT tender_code, line, row_number() OVER (PARTITION BY tender_code ORDER BY line) AS rn
            FROM stage WHERE status = 1 AND tender_code IS NOT NULL) x
      GROUP BY tender_code`);
    const [bad] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM stage_bad`);
    if (bad!.n > 0) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, s.line, NULL, format($2, s.tender_code, bad.lines || CASE WHEN bad.n > 5 THEN ' 等' ELSE '' END)
         FROM stage s JOIN stage_bad bad ON bad.tender_code = s.tender_code WHERE s.status = 0`,
        [importId, '同一标段（%s）第 %s 行有错误，为保证标段完整，本行一并未导入 (a tender\'s rows land together or not at all)'],
      );
      await sql(`UPDATE stage SET status = 2 WHERE status = 0 AND tender_code IN (SELECT tender_code FROM stage_bad)`);
    }

    // 5. Classify the surviving tenders by content: new, replaced (changed), unchanged. A tender's aggregate
    //    is unaffected by rows the rules refused: any refusal takes the whole tender out.
    await sql(`CREATE TEMP TABLE stage_tender ON COMMIT DROP AS
      SELECT f.tender_code, f.project_name, f.district, f.category, f.work_type, f.tender_method,
             f.evaluation_method, f.funding, f.control_price, f.open_date, f.buyer_uscc, f.buyer_name, f.agency_uscc,
             f.agency_name, a.content_hash, a.n_rows, a.n_valid,
             a.winner_uscc, a.winner_price, t.id AS tender_id,
             CASE WHEN t.id IS NULL THEN 'new' WHEN t.content_hash = a.content_hash THEN 'unchanged' ELSE 'replaced' END AS fate
      FROM stage_agg a
      JOIN stage f ON f.line = a.first_line
      LEFT JOIN tenders t ON t.code = a.tender_code
      WHERE NOT EXISTS (SELECT 1 FROM stage_bad b WHERE b.tender_code = a.tender_code)`);
    await sql(`ANALYZE stage_tender`);

    await sql(
      `INSERT INTO firms (uscc, name)
       SELECT DISTINCT ON (n.bidder_uscc) n.bidder_uscc, n.bidder_name
       FROM (SELECT s.bidder_uscc, s.bidder_name, max(s.line) AS last_line
             FROM stage s JOIN stage_tender st ON st.tender_code = s.tender_code AND st.fate <> 'unchanged'
             WHERE s.status = 0 GROUP BY s.bidder_uscc, s.bidder_name) n
       ORDER BY n.bidder_uscc, n.last_line DESC
       ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
       WHERE firms.name IS DISTINCT FROM EXCLUDED.name`,
    );
    const aggregates = `n_bids = st.n_rows, n_valid_bids = st.n_valid, winner_firm_id = wf.id,
         winner_price = st.winner_price,
         winner_discount = round((st.control_price - st.winner_price) / st.control_price, 8)`;
    await sql(
      `UPDATE tenders t SET project_name = st.project_name, district = st.district, category = st.category,
         work_type = st.work_type, tender_method = st.tender_method, evaluation_method = st.evaluation_method,
         funding = st.funding, control_price = st.control_price, open_date = st.open_date,
         buyer_uscc = st.buyer_uscc, buyer_name = st.buyer_name, agency_uscc = st.agency_uscc, agency_name = st.agency_name,
         year = extract(year FROM st.open_date)::smallint, content_hash = st.content_hash, import_id = $1,
         updated_at = now(), ${aggregates}
       FROM stage_tender st LEFT JOIN firms wf ON wf.uscc = st.winner_uscc
       WHERE st.fate = 'replaced' AND t.id = st.tender_id`,
      [importId],
    );
    await sql(`DELETE FROM bids b USING stage_tender st WHERE st.fate = 'replaced' AND b.tender_id = st.tender_id`);
    // A replaced tender keeps the BOQ of the bidders it still has; the lines of a bidder the corrected file dropped
    // go with that bid (after the bids are inserted, below).
    await sql(
      `INSERT INTO tenders (code, project_name, district, category, work_type, tender_method, evaluation_method,
         funding, control_price, open_date, buyer_uscc, buyer_name, agency_uscc, agency_name, year, content_hash,
         import_id, n_bids, n_valid_bids, winner_firm_id, winner_price, winner_discount)
       SELECT st.tender_code, st.project_name, st.district, st.category, st.work_type, st.tender_method,
         st.evaluation_method, st.funding, st.control_price, st.open_date, st.buyer_uscc, st.buyer_name,
         st.agency_uscc, st.agency_name, extract(year FROM st.open_date)::smallint,
         st.content_hash, $1, st.n_rows, st.n_valid, wf.id, st.winner_price,
         round((st.control_price - st.winner_price) / st.control_price, 8)
       FROM stage_tender st LEFT JOIN firms wf ON wf.uscc = st.winner_uscc WHERE st.fate = 'new'
       ORDER BY st.tender_code`,
      [importId],
    );
    await sql(`UPDATE stage_tender st SET tender_id = t.id FROM tenders t WHERE st.fate = 'new' AND t.code = st.tender_code`);
    // Firms as a small text-keyed map, so the planner hashes it and streams the staged rows past it in file order
    // (joining firms.uscc char(18) to text made it hash the million staged rows instead: twice as slow).
    await sql(`CREATE TEMP TABLE stage_firm ON COMMIT DROP AS
      SELECT f.uscc::text AS uscc, f.id FROM firms f
      WHERE f.uscc IN (SELECT DISTINCT bidder_uscc FROM stage WHERE status = 0)`);
    await sql(`ANALYZE stage_firm`);
    await sql(
      `INSERT INTO bids (tender_id, firm_id, bid_price, discount_rate, bid_valid, invalid_reason, is_winner, rank,
         project_manager_hash, technical_lead_hash, agent_hash, bond_account_hash, file_machine_code, file_mac,
         upload_ip, file_creator, file_creation_id, lock_serial, cpu_serial, disk_serial, upload_time, file_created_at,
         source_line)
       SELECT st.tender_id, f.id, s.bid_price, round((st.control_price - s.bid_price) / st.control_price, 8),
         s.bid_valid, s.invalid_reason, s.is_winner, s.rank, s.pm_hash, s.tl_hash, s.agent_hash, s.bond_hash,
         s.machine_code, s.mac, s.ip, s.creator, s.creation_id, s.lock_serial, s.cpu_serial, s.disk_serial,
         s.upload_time, s.file_created_at, s.line
       FROM stage s
       JOIN stage_tender st ON st.tender_code = s.tender_code AND st.fate <> 'unchanged'
       JOIN stage_firm f ON f.uscc = s.bidder_uscc
       WHERE s.status = 0`,
    );
    await sql(
      `DELETE FROM boq_lines l USING stage_tender st
       WHERE st.fate = 'replaced' AND l.tender_id = st.tender_id
         AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.tender_id = l.tender_id AND b.firm_id = l.firm_id)`,
    );
    await sql(
      `DELETE FROM boq_bids l USING stage_tender st
       WHERE st.fate = 'replaced' AND l.tender_id = st.tender_id
         AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.tender_id = l.tender_id AND b.firm_id = l.firm_id)`,
    );
    const [c] = await sql<{ [k: string]: string | number }>(
      `SELECT
         coalesce(sum(n_rows) FILTER (WHERE fate <> 'unchanged'), 0)::int AS accepted,
         coalesce(sum(n_rows) FILTER (WHERE fate = 'unchanged'), 0)::int AS unchanged,
         count(*) FILTER (WHERE fate = 'new')::int AS tenders_new,
         count(*) FILTER (WHERE fate = 'replaced')::int AS tenders_replaced,
         count(*) FILTER (WHERE fate = 'unchanged')::int AS tenders_unchanged
       FROM stage_tender`,
    );
    return {
      accepted: Number(c!.accepted),
      unchanged: Number(c!.unchanged),
      tendersNew: Number(c!.tenders_new),
      tendersReplaced: Number(c!.tenders_replaced),
      tendersUnchanged: Number(c!.tenders_unchanged),
    };
  },
};
