import type { DataSource } from 'typeorm';
import { FindingsRepository, type FlagFilter, type FlagRow, type RingRow } from '../detection/findings.repository.js';

/**
 * Reads of tenders, flags and rings confined to one 区镇 (`district`; null = every district), for the read routes
 * (issue 14, point 6). Unconfined reads go to FindingsRepository as before; confined ones add the district here:
 * - a tender, its attendance and its flags belong to the tender's district;
 * - a flag not tied to a tender (a firm's, a person's, a ring's) is not shown to a district-bound inspector;
 * - a ring is shown when at least one of the tenders it rests on lies in the district — the inspector must be able
 *   to investigate a ring that works there — and its flags are then only those of the district's tenders and the
 *   ring's own.
 */
export class ScopedFindingsRepository {
  private readonly findings: FindingsRepository;

  constructor(private readonly ds: DataSource) {
    this.findings = new FindingsRepository(ds);
  }

  async tenderVisible(code: string, district: string | null): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT 1 FROM tenders WHERE code = $1 AND ($2::text IS NULL OR district = $2)`, [code, district]);
    return !!row;
  }

  /**
   * Flags as FindingsRepository.flags orders and pages them. With a district, the same query with a join on the
   * flag's tender: the current-run condition below is FindingsRepository's (kept in step with it).
   */
  async flags(filter: FlagFilter, district: string | null): Promise<{ total: number; rows: FlagRow[] }> {
    if (district === null) return this.findings.flags(filter);
    const runs = await this.findings.currentRuns();
    const params: unknown[] = [district];
    const where: string[] = ['t.district = $1'];
    const add = (cond: string, v: unknown) => {
      params.push(v);
      where.push(cond.replace('?', `$${params.length}`));
    };
    if (filter.detector) add('f.detector = ?', filter.detector);
    if (filter.severity) add('f.severity = ?', filter.severity);
    if (filter.year) add('f.year = ?', filter.year);
    if (filter.tenderCode) add('f.tender_code = ?', filter.tenderCode);
    if (filter.bidderUscc) add('f.bidder_uscc = ?', filter.bidderUscc);
    if (filter.subjectType) add('f.subject_type = ?', filter.subjectType);
    const years = [...runs.byYear.keys()];
    const n = params.length;
    params.push(years, years.map((y) => runs.byYear.get(y)), runs.full ?? -1);
    where.push(`((f.year, f.run_id) IN (SELECT * FROM unnest($${n + 1}::int[], $${n + 2}::bigint[]))
                 OR (f.year IS NULL AND f.run_id = $${n + 3}))`);
    const from = `FROM flags f JOIN tenders t ON t.code = f.tender_code WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows = await this.ds.query(
      `SELECT f.* ${from}
       ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.score DESC, f.id
       LIMIT ${Number(filter.limit ?? 50)} OFFSET ${Number(filter.offset ?? 0)}`,
      params,
    );
    return { total, rows };
  }

  /** The current run's rings, highest score first, a page at a time. */
  async rings(page: number, pageSize: number, district: string | null): Promise<{ total: number; rows: RingRow[] }> {
    const runs = await this.findings.currentRuns();
    const params: unknown[] = [runs.full ?? -1, district];
    const where = `r.run_id = $1 AND ${IN_DISTRICT}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM rings r WHERE ${where}`, params);
    const rows = await this.ds.query(
      `SELECT r.* FROM rings r WHERE ${where} ORDER BY r.score DESC, r.id LIMIT ${Number(pageSize)} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { total, rows };
  }

  async ringVisible(id: number, district: string | null): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT 1 FROM rings r WHERE r.id = $1 AND ${IN_DISTRICT}`, [id, district]);
    return !!row;
  }

  /** Districts with their tender counts: all of them, or the one the user is confined to. */
  async districts(district: string | null): Promise<{ district: string; tenders: number }[]> {
    return this.ds.query(
      `SELECT district, count(*)::int AS tenders FROM tenders WHERE ($1::text IS NULL OR district = $1)
       GROUP BY district ORDER BY count(*) DESC, district LIMIT 1000`,
      [district],
    );
  }
}

/** `$2` is the district (or NULL): the ring rests on at least one tender there. */
const IN_DISTRICT = `($2::text IS NULL OR EXISTS (
  SELECT 1 FROM tenders t WHERE t.district = $2
    AND t.code IN (SELECT jsonb_array_elements_text(coalesce(r.evidence->'tenders', '[]'::jsonb)))))`;
