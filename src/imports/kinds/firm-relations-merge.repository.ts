/**
 * The SQL half of the `firm-relations` import: the staging table and the merge into firm_relations and the firms'
 * register columns (address_norm, phone_hash), on the import's own transaction (import-runner.ts).
 *
 * A relation is identified by (firm, relation, person or related firm, valid_from) — the table's natural key — so a
 * re-import of the same file finds every row unchanged, and a corrected share or end date updates the row in place.
 */
import type { KindStore, MergeCounts, Sql } from './kind-pipeline.js';

export const firmRelationsStore: KindStore = {
  stageDdl: `CREATE TEMP TABLE stage (
      line integer NOT NULL, status smallint NOT NULL, firm_uscc text, relation text, person_hash text,
      related_uscc text, share_pct numeric, valid_from date, valid_to date, address_norm text, phone_hash text
    ) ON COMMIT DROP`,
  async merge(sql: Sql, importId: number): Promise<MergeCounts> {
    await sql(`CREATE INDEX ON stage (firm_uscc, line)`);
    // 1. One row per relation.
    await sql(
      `INSERT INTO import_rejects (import_id, line, "column", message)
       SELECT $1, line, 'relation', format($2, first_line)
       FROM (SELECT line, min(line) OVER (
               PARTITION BY firm_uscc, relation, person_hash, related_uscc, valid_from) AS first_line
             FROM stage WHERE status = 0) d
       WHERE line <> first_line`,
      [importId, '同一关联关系在文件中重复出现（首次在第 %s 行）(the same relation appears twice in the file)'],
    );
    // 2. A firm's register columns agree on every row that gives them (an empty cell = not known, never a conflict).
    for (const [col, stageCol, what] of [
      ['firm_address', 'address_norm', '注册地址'],
      ['firm_phone', 'phone_hash', '联系电话'],
    ] as const) {
      await sql(
        `INSERT INTO import_rejects (import_id, line, "column", message)
         SELECT $1, s.line, $2, format($3, f.first_line)
         FROM stage s
         JOIN (SELECT DISTINCT ON (firm_uscc) firm_uscc, line AS first_line, ${stageCol} AS v
               FROM stage WHERE status = 0 AND ${stageCol} IS NOT NULL ORDER BY firm_uscc, line) f
           ON f.firm_uscc = s.firm_uscc
         WHERE s.status = 0 AND s.${stageCol} IS NOT NULL AND s.${stageCol} <> f.v`,
        [importId, col, `同一企业的${what}与第 %s 行不一致 (the firm's ${col.replace('firm_', '')} differs from an earlier row)`],
      );
    }
    await sql(
      `UPDATE stage s SET status = 1 FROM (SELECT DISTINCT line FROM import_rejects WHERE import_id = $1) r
       WHERE s.line = r.line AND s.status = 0`,
      [importId],
    );

    await sql(
      `INSERT INTO firms (uscc)
       SELECT firm_uscc FROM stage WHERE status = 0
       UNION SELECT related_uscc FROM stage WHERE status = 0 AND related_uscc IS NOT NULL
       ON CONFLICT (uscc) DO NOTHING`,
    );
    // 3. The register columns: what the file gives replaces what is stored; what it leaves empty stays.
    await sql(`CREATE TEMP TABLE stage_changed (line integer NOT NULL) ON COMMIT DROP`);
    await sql(
      `WITH p AS (
         SELECT firm_uscc, min(address_norm) AS address_norm, min(phone_hash) AS phone_hash
         FROM stage WHERE status = 0 AND (address_norm IS NOT NULL OR phone_hash IS NOT NULL) GROUP BY firm_uscc),
       up AS (
         UPDATE firms f SET address_norm = coalesce(p.address_norm, f.address_norm),
           phone_hash = coalesce(p.phone_hash, f.phone_hash), updated_at = now()
         FROM p WHERE f.uscc = p.firm_uscc
           AND (f.address_norm, f.phone_hash) IS DISTINCT FROM
               (coalesce(p.address_norm, f.address_norm), coalesce(p.phone_hash, f.phone_hash))
         RETURNING f.uscc)
       INSERT INTO stage_changed (line)
       SELECT s.line FROM stage s JOIN up ON up.uscc = s.firm_uscc
       WHERE s.status = 0 AND (s.address_norm IS NOT NULL OR s.phone_hash IS NOT NULL)`,
    );
    // 4. The relations.
    await sql(
      `WITH up AS (
         INSERT INTO firm_relations (firm_uscc, relation, person_hash, related_uscc, share_pct, valid_from, valid_to,
           source_line, import_id)
         SELECT firm_uscc, relation, person_hash, related_uscc, share_pct, valid_from, valid_to, line, $1
         FROM stage WHERE status = 0
         ON CONFLICT ON CONSTRAINT firm_relations_natural_key DO UPDATE SET share_pct = EXCLUDED.share_pct,
           valid_to = EXCLUDED.valid_to, source_line = EXCLUDED.source_line, import_id = EXCLUDED.import_id,
           updated_at = now()
         WHERE (firm_relations.share_pct, firm_relations.valid_to) IS DISTINCT FROM (EXCLUDED.share_pct, EXCLUDED.valid_to)
         RETURNING source_line)
       INSERT INTO stage_changed (line) SELECT source_line FROM up`,
      [importId],
    );
    const [c] = await sql<{ accepted: number; total: number }>(
      `SELECT (SELECT count(DISTINCT line) FROM stage_changed)::int AS accepted,
              (SELECT count(*) FROM stage WHERE status = 0)::int AS total`,
    );
    const accepted = Number(c!.accepted);
    return { accepted, unchanged: Number(c!.total) - accepted, tendersNew: 0, tendersReplaced: 0, tendersUnchanged: 0 };
  },
};
