/**
 * The SQL half of the `contracts` import: the staging table the parsed rows are copied into, and the merge that applies
 * the cross-row rules and moves what passes into the real tables, on the import's own transaction (import-runner.ts).
 */
import type { KindStore, MergeCounts, Sql } from './kind-pipeline.js';

export const contractsStore: KindStore = {
  stageDdl: `CREATE TEMP TABLE stage (
      line integer NOT NULL, status smallint NOT NULL, tender_code text, winner_uscc text, contract_price numeric,
      contract_date date, planned_completion date, change_order_total numeric, change_order_count integer,
      settlement_price numeric, actual_completion date, pm_changed boolean
    ) ON COMMIT DROP`,
  async merge(sql: Sql, importId: number): Promise<MergeCounts> {
    await sql(`CREATE INDEX ON stage (tender_code, line)`);
    await sql(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, line, 'tender_code', format($2, first_line)
       FROM (SELECT line, min(line) OVER (PARTITION BY tender_code) AS first_line FROM stage WHERE status = 0) d
       WHERE line <> first_line`,
      [importId, '同一标段的合同在文件中重复出现（首次在第 %s 行）(one contract per tender)'],
    );
    await sql(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, s.line, 'tender_code', format($2, s.tender_code)
       FROM stage s LEFT JOIN tenders t ON t.code = s.tender_code
       WHERE s.status = 0 AND t.id IS NULL`,
      [importId, '标段编号“%s”尚未导入：请先导入该标段的投标记录 (the tender must be imported first)'],
    );
    await sql(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, s.line, 'winner_uscc', format($2, s.winner_uscc, f.uscc, coalesce(f.name, ''))
       FROM stage s JOIN tenders t ON t.code = s.tender_code JOIN firms f ON f.id = t.winner_firm_id
       WHERE s.status = 0 AND f.uscc <> s.winner_uscc`,
      [importId, '中标人 %s 与投标记录中的中标人 %s（%s）不一致 (winner_uscc differs from the tender\'s winner)'],
    );
    await sql(
      `UPDATE stage s SET status = 1 FROM (SELECT DISTINCT line FROM import_rejects WHERE import_id = $1) r
       WHERE s.line = r.line AND s.status = 0`,
      [importId],
    );

    await sql(`CREATE TEMP TABLE stage_ok ON COMMIT DROP AS
      SELECT s.*, t.id AS tender_id, c.content_hash AS old_hash, md5(concat_ws('|', s.winner_uscc,
          s.contract_price::numeric(18,2)::text, s.contract_date::text, s.planned_completion::text,
          s.change_order_total::numeric(18,2)::text, s.change_order_count::text,
          s.settlement_price::numeric(18,2)::text, s.actual_completion::text, s.pm_changed::text)) AS content_hash
      FROM stage s JOIN tenders t ON t.code = s.tender_code LEFT JOIN contracts c ON c.tender_id = t.id
      WHERE s.status = 0`);
    await sql(
      `INSERT INTO firms (uscc) SELECT DISTINCT winner_uscc FROM stage_ok ON CONFLICT (uscc) DO NOTHING`,
    );
    const changed = await sql<{ n: number }>(
      `WITH up AS (
         INSERT INTO contracts (tender_id, winner_firm_id, contract_price, contract_date, planned_completion,
           change_order_total, change_order_count, settlement_price, actual_completion, project_manager_changed,
           content_hash, source_line, import_id)
         SELECT s.tender_id, f.id, s.contract_price, s.contract_date, s.planned_completion, s.change_order_total,
           s.change_order_count, s.settlement_price, s.actual_completion, s.pm_changed, s.content_hash, s.line, $1
         FROM stage_ok s JOIN firms f ON f.uscc = s.winner_uscc
         WHERE s.old_hash IS DISTINCT FROM s.content_hash
         ON CONFLICT (tender_id) DO UPDATE SET winner_firm_id = EXCLUDED.winner_firm_id,
           contract_price = EXCLUDED.contract_price, contract_date = EXCLUDED.contract_date,
           planned_completion = EXCLUDED.planned_completion, change_order_total = EXCLUDED.change_order_total,
           change_order_count = EXCLUDED.change_order_count, settlement_price = EXCLUDED.settlement_price,
           actual_completion = EXCLUDED.actual_completion,
           project_manager_changed = EXCLUDED.project_manager_changed, content_hash = EXCLUDED.content_hash,
           source_line = EXCLUDED.source_line, import_id = EXCLUDED.import_id, updated_at = now()
         RETURNING 1)
       SELECT count(*)::int AS n FROM up`,
      [importId],
    );
    const [total] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM stage_ok`);
    const accepted = Number(changed[0]!.n);
    return {
      accepted,
      unchanged: Number(total!.n) - accepted,
      tendersNew: 0,
      tendersReplaced: 0,
      tendersUnchanged: 0,
    };
  },
};
