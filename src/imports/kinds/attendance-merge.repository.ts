/**
 * The SQL half of the `attendance` import: the staging table the parsed rows are copied into, and the merge that applies
 * the cross-row rules and moves what passes into the real tables, on the import's own transaction (import-runner.ts).
 */
import type { KindStore, MergeCounts, Sql } from './kind-pipeline.js';

export const attendanceStore: KindStore = {
  stageDdl: `CREATE TEMP TABLE stage (
      line integer NOT NULL, status smallint NOT NULL, tender_code text, person_hash text, role text,
      employer_uscc text, work_date date, present boolean
    ) ON COMMIT DROP`,
  async merge(sql: Sql, importId: number): Promise<MergeCounts> {
    await sql(`CREATE INDEX ON stage (tender_code)`);
    await sql(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, s.line, 'tender_code', format($2, s.tender_code)
       FROM stage s LEFT JOIN tenders t ON t.code = s.tender_code
       WHERE s.status = 0 AND t.id IS NULL`,
      [importId, '标段编号“%s”尚未导入：请先导入该标段的投标记录 (the tender must be imported first)'],
    );
    await sql(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, line, 'person_id', format($2, first_line)
       FROM (SELECT line, min(line) OVER (PARTITION BY tender_code, person_hash, work_date) AS first_line
             FROM stage WHERE status = 0) d
       WHERE line <> first_line`,
      [importId, '同一人同一天在同一工地的考勤重复（首次在第 %s 行）(one row per person per site per day)'],
    );
    await sql(
      `UPDATE stage s SET status = 1 FROM (SELECT DISTINCT line FROM import_rejects WHERE import_id = $1) r
       WHERE s.line = r.line AND s.status = 0`,
      [importId],
    );
    await sql(
      `INSERT INTO firms (uscc) SELECT DISTINCT employer_uscc FROM stage WHERE status = 0 ON CONFLICT (uscc) DO NOTHING`,
    );
    const [w] = await sql<{ n: number }>(
      `WITH up AS (
         INSERT INTO attendance (tender_id, person_hash, role, employer_firm_id, work_date, present, import_id)
         SELECT t.id, s.person_hash, s.role, f.id, s.work_date, s.present, $1
         FROM stage s JOIN tenders t ON t.code = s.tender_code JOIN firms f ON f.uscc = s.employer_uscc
         WHERE s.status = 0
         ON CONFLICT (tender_id, person_hash, work_date) DO UPDATE SET role = EXCLUDED.role,
           employer_firm_id = EXCLUDED.employer_firm_id, present = EXCLUDED.present, import_id = EXCLUDED.import_id
         WHERE (attendance.role, attendance.employer_firm_id, attendance.present)
           IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.employer_firm_id, EXCLUDED.present)
         RETURNING 1)
       SELECT count(*)::int AS n FROM up`,
      [importId],
    );
    const [total] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM stage WHERE status = 0`);
    const accepted = Number(w!.n);
    return { accepted, unchanged: Number(total!.n) - accepted, tendersNew: 0, tendersReplaced: 0, tendersUnchanged: 0 };
  },
};
