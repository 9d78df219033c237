/**
 * The SQL half of the `boq` import: the staging table and the merge into boq_lines (and boq_bids, each bid's line
 * count and content digest), on the import's own transaction (import-runner.ts).
 *
 * A bid's lines land together or not at all: a line refused for any reason takes the bid's other lines in the file
 * out with it. A bid's lines in a file are the bid's whole BOQ: when they differ from what is stored (digest), the
 * stored lines are replaced; when they are the same, nothing is written. Set-based throughout, per bid group, so a
 * file of millions of lines costs a few passes over the staging table.
 */
import type { KindStore, MergeCounts, Sql } from './kind-pipeline.js';

export const boqStore: KindStore = {
  stageDdl: `CREATE TEMP TABLE stage (
      line integer NOT NULL, status smallint NOT NULL, tender_code text, bidder_uscc text, line_no integer,
      item_code text, item_name text, unit text, quantity numeric, unit_price numeric, amount numeric, rdigest bigint
    ) ON COMMIT DROP`,
  async merge(sql: Sql, importId: number): Promise<MergeCounts> {
    await sql(`SET LOCAL default_statistics_target = 10`);
    await sql(`SET LOCAL work_mem = '256MB'`);
    await sql(`ANALYZE stage`);

    // One pass per bid: what the rules and the merge need. Unknown tenders and bids are found per bid, then named
    // on each of the bid's lines.
    await sql(`CREATE TEMP TABLE stage_bid ON COMMIT DROP AS
      SELECT a.tender_code, a.bidder_uscc, a.n_rows, a.n_line_nos, a.content_hash, t.id AS tender_id, f.id AS firm_id,
             (b.tender_id IS NOT NULL) AS bid_known
      FROM (SELECT tender_code, bidder_uscc, count(*) AS n_rows, count(DISTINCT line_no) AS n_line_nos,
                   count(*) || ':' || sum(rdigest) AS content_hash
            FROM stage WHERE status = 0 GROUP BY tender_code, bidder_uscc) a
      LEFT JOIN tenders t ON t.code = a.tender_code
      LEFT JOIN firms f ON f.uscc = a.bidder_uscc::char(18)
      LEFT JOIN bids b ON b.tender_id = t.id AND b.firm_id = f.id`);
    await sql(`ANALYZE stage_bid`);
    const [p] = await sql<{ tender: number; bid: number; dup: number }>(
      `SELECT count(*) FILTER (WHERE tender_id IS NULL)::int AS tender,
              count(*) FILTER (WHERE tender_id IS NOT NULL AND NOT bid_known)::int AS bid,
              count(*) FILTER (WHERE n_line_nos < n_rows)::int AS dup FROM stage_bid`,
    );
    // 1. The tender must be imported, and the bidder must have bid in it.
    if (p!.tender > 0) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, s.line, 'tender_code', format($2, s.tender_code)
         FROM stage s JOIN stage_bid sb ON sb.tender_code = s.tender_code AND sb.bidder_uscc = s.bidder_uscc
         WHERE s.status = 0 AND sb.tender_id IS NULL`,
        [importId, '标段编号“%s”尚未导入：请先导入该标段的投标记录 (the tender must be imported first)'],
      );
    }
    if (p!.bid > 0) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, s.line, 'bidder_uscc', format($2, s.bidder_uscc, s.tender_code)
         FROM stage s JOIN stage_bid sb ON sb.tender_code = s.tender_code AND sb.bidder_uscc = s.bidder_uscc
         WHERE s.status = 0 AND sb.tender_id IS NOT NULL AND NOT sb.bid_known`,
        [importId, '投标人 %s 在标段“%s”中没有投标记录：清单须对应已导入的投标 (no such bid: the BOQ must belong to an imported bid)'],
      );
    }
    // 2. One line per line_no in a bid.
    if (p!.dup > 0) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, line, 'line_no', format($2, line_no, first_line)
         FROM (SELECT s.line, s.line_no, min(s.line) OVER (PARTITION BY s.tender_code, s.bidder_uscc, s.line_no) AS first_line
               FROM stage s JOIN stage_bid sb ON sb.tender_code = s.tender_code AND sb.bidder_uscc = s.bidder_uscc
               WHERE s.status = 0 AND sb.n_line_nos < sb.n_rows) x
         WHERE line <> first_line`,
        [importId, '同一投标的清单行号 %s 重复（首次在第 %s 行）(line_no appears twice in one bid)'],
      );
    }
    if (p!.tender + p!.bid + p!.dup > 0) {
      await sql(
        `UPDATE stage s SET status = 1 FROM (SELECT DISTINCT line FROM import_rejects WHERE import_id = $1) r
         WHERE s.line = r.line AND s.status = 0`,
        [importId],
      );
    }
    // 3. A bid's lines land together or not at all.
    await sql(`CREATE TEMP TABLE stage_bad ON COMMIT DROP AS
      SELECT tender_code, bidder_uscc, string_agg(line::text, ', ' ORDER BY line) FILTER (WHERE rn <= 5) AS lines, count(*) AS n
      FROM (SELECT tender_code, bidder_uscc, line, row_number() OVER (PARTITION BY tender_code, bidder_uscc ORDER BY line) AS rn
            FROM stage WHERE status = 1 AND tender_code IS NOT NULL AND bidder_uscc IS NOT NULL) x
      GROUP BY tender_code, bidder_uscc`);
    const [bad] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM stage_bad`);
    if (bad!.n > 0) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, s.line, NULL, format($2, s.tender_code, s.bidder_uscc, bad.lines || CASE WHEN bad.n > 5 THEN ' 等' ELSE '' END)
         FROM stage s JOIN stage_bad bad ON bad.tender_code = s.tender_code AND bad.bidder_uscc = s.bidder_uscc
         WHERE s.status = 0`,
        [importId, '同一投标（标段 %s，投标人 %s）的清单第 %s 行有错误，为保证清单完整，本行一并未导入 (a bid\'s lines land together or not at all)'],
      );
      await sql(
        `UPDATE stage s SET status = 2 FROM stage_bad bad
         WHERE s.status = 0 AND bad.tender_code = s.tender_code AND bad.bidder_uscc = s.bidder_uscc`,
      );
      await sql(
        `DELETE FROM stage_bid sb USING stage_bad bad WHERE bad.tender_code = sb.tender_code AND bad.bidder_uscc = sb.bidder_uscc`,
      );
    }
    await sql(`DELETE FROM stage_bid WHERE tender_id IS NULL OR NOT bid_known`);

    // 4. Classify the surviving bids by content, and replace the changed ones' lines whole.
    await sql(`ALTER TABLE stage_bid ADD COLUMN fate text NOT NULL DEFAULT 'new'`);
    await sql(
      `UPDATE stage_bid sb SET fate = CASE WHEN bb.content_hash = sb.content_hash THEN 'unchanged' ELSE 'replaced' END
       FROM boq_bids bb WHERE bb.tender_id = sb.tender_id AND bb.firm_id = sb.firm_id`,
    );
    await sql(`ANALYZE stage_bid`);
    await sql(
      `DELETE FROM boq_lines l USING stage_bid sb
       WHERE sb.fate = 'replaced' AND l.tender_id = sb.tender_id AND l.firm_id = sb.firm_id`,
    );
    await sql(
      `INSERT INTO boq_lines (tender_id, firm_id, line_no, item_code, item_name, unit, quantity, unit_price, amount, source_line)
       SELECT sb.tender_id, sb.firm_id, s.line_no, s.item_code, s.item_name, s.unit, s.quantity, s.unit_price, s.amount, s.line
       FROM stage s JOIN stage_bid sb ON sb.tender_code = s.tender_code AND sb.bidder_uscc = s.bidder_uscc
       WHERE s.status = 0 AND sb.fate <> 'unchanged'`,
    );
    await sql(
      `INSERT INTO boq_bids (tender_id, firm_id, n_lines, content_hash, import_id)
       SELECT tender_id, firm_id, n_rows, content_hash, $1 FROM stage_bid WHERE fate <> 'unchanged'
       ON CONFLICT (tender_id, firm_id) DO UPDATE SET n_lines = EXCLUDED.n_lines, content_hash = EXCLUDED.content_hash,
         import_id = EXCLUDED.import_id, updated_at = now()`,
      [importId],
    );
    const [c] = await sql<{ accepted: number; unchanged: number }>(
      `SELECT coalesce(sum(n_rows) FILTER (WHERE fate <> 'unchanged'), 0)::int AS accepted,
              coalesce(sum(n_rows) FILTER (WHERE fate = 'unchanged'), 0)::int AS unchanged
       FROM stage_bid`,
    );
    return { accepted: Number(c!.accepted), unchanged: Number(c!.unchanged), tendersNew: 0, tendersReplaced: 0, tendersUnchanged: 0 };
  },
};
