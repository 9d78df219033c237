/**
 * The SQL behind the discount-trend report. Everything is aggregated where the data lives — percentile_cont,
 * count(*) FILTER, GROUP BY, GROUPING SETS — and only one row per (year, dimension value) comes back; bids are
 * never loaded into JavaScript.
 *
 * - tenderAggregates: per (year, value) and per year: tenders, awarded tenders, mean valid bidders, winning 下浮率
 *   (mean, P10/P25/P50/P75/P90), ALB-flagged bids and winners (current detection run of each year).
 * - bidAggregates: per (year, value) and per year: bids, valid bids, bid 下浮率 of the valid bids (mean, P10…P90).
 *   (Both: hash-aggregate into per-group arrays, then percentile_cont per array — see groupsAndTotals.)
 * - factorCells: per pair of factors (year, category, work type, evaluation method, district, bidder-count bin,
 *   price band): count, Σy and Σy² of the winning 下浮率 — all the decomposition needs (model/decomposition.ts).
 * - partyFindings: per 招标人 or 招标代理机构 (issue 12): its tenders, awards, single-bid tenders, median winning
 *   下浮率, ALB-flagged awards, and the current runs' findings on its tenders and on itself (BCONC, BR038, …).
 *
 * Percentiles are percentile_cont (linear interpolation between order statistics, Hyndman–Fan type 7).
 *
 * Each query runs in its own short transaction with three SET LOCALs, which end with it (nothing else on the pool
 * is affected): work_mem 128 MB on a server (32 MB embedded), so the hash tables — per-group arrays of a million
 * doubles, 21 grouping sets — stay in memory and the planner hashes the tenders instead of probing an index 125k
 * times; jit off (compiling costs 0.1–0.2 s per query and saves nothing here); enable_sort off, because every
 * GROUP BY here has few groups and should be hashed, which the planner cannot see through the dimension
 * expressions (it would sort a million rows instead; percentile_cont's own sorts are not plan nodes and are
 * unaffected). The three queries are independent: the service runs them side by side, one connection each (on
 * PGlite they queue).
 */
import { DataSource } from 'typeorm';
import { isEmbedded } from '../database/data-source.js';
import { Inject, Injectable } from '@nestjs/common';
import { FindingsRepository } from '../findings/findings.repository.js';
import { DIMENSION_DEFS, type Dimension } from './dimensions.js';

import { FACTORS, QUANTILES, type BidAgg, type Factor, type FactorCellRow, type PartyAgg, type TenderAgg } from './model/aggregates.js';

export { FACTORS, QUANTILES, type BidAgg, type Factor, type FactorCellRow, type TenderAgg } from './model/aggregates.js';

const Q_ARRAY = `ARRAY[${QUANTILES.join(', ')}]::float8[]`;

const arr = (v: unknown): number[] | null => {
  if (!Array.isArray(v) || v.every((x) => x === null)) return null;
  return v.map((x) => Number(x));
};

/** The dimension as a grouping key: byte order ("C") so grouping sorts compare with memcmp, not strcoll. */
const dimKey = (by: Dimension | null): string => (by ? `(${DIMENSION_DEFS[by].sql}) COLLATE "C"` : `'all'`);

@Injectable()
export class DiscountTrendRepository {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(FindingsRepository) private readonly findings: FindingsRepository,
  ) {}

  /** The first and last year with tenders. */
  async yearSpan(): Promise<{ from: number | null; to: number | null }> {
    const [span] = await this.ds.query(`SELECT min(year)::int AS from, max(year)::int AS to FROM tenders`);
    return { from: span?.from ?? null, to: span?.to ?? null };
  }

  /** One query in its own transaction with report-sized work_mem and no JIT (see the file comment). */
  private async query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      await qr.query(`SET LOCAL work_mem = '${isEmbedded(this.ds) ? '32MB' : '128MB'}'`);
      await qr.query(`SET LOCAL jit = off`);
      await qr.query(`SET LOCAL enable_sort = off`);
      const rows = (await qr.query(sql, params)) as Record<string, unknown>[];
      await qr.commitTransaction();
      return rows;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw err;
    } finally {
      await qr.release();
    }
  }

  /** Per year in [from, to], the current detection run (the newest succeeded run that covered that year). */
  async detectionRuns(from: number, to: number): Promise<Map<number, number>> {
    const runs = await this.findings.currentRuns();
    return new Map([...runs.byYear].filter(([y]) => y >= from && y <= to).sort((a, b) => a[0] - b[0]));
  }

  /** The current full-scope run, whose findings have no year (a buyer's or agency's own flags). */
  async fullRun(): Promise<number | null> {
    return (await this.findings.currentRuns()).full;
  }

  /**
   * Per 招标人 (`buyer`) or 招标代理机构 (`agency`) of the range's tenders, the `limit` with the most findings and
   * how many there are in all. Tender findings come from each year's current run; the party's own flags from the
   * current full run.
   */
  async partyFindings(from: number, to: number, party: 'buyer' | 'agency', runs: Map<number, number>, fullRun: number | null, limit: number): Promise<{ total: number; rows: PartyAgg[] }> {
    const years = [...runs.keys()];
    const rows = await this.query(
      `WITH cur AS (SELECT * FROM unnest($3::int[], $4::bigint[]) AS c(year, run_id)),
       scope AS (
         SELECT t.code, t.${party}_uscc AS uscc, t.${party}_name AS name, t.open_date, t.n_valid_bids, t.winner_discount::float8 AS wd,
                w.uscc AS winner
         FROM tenders t LEFT JOIN firms w ON w.id = t.winner_firm_id
         WHERE t.${party}_uscc IS NOT NULL AND t.year BETWEEN $1 AND $2),
       tf AS (
         SELECT f.tender_code, count(*)::int AS n, count(*) FILTER (WHERE f.severity = 'high')::int AS high,
                bool_or(f.detector = 'ALB' AND f.subject_type = 'bid' AND f.bidder_uscc = s.winner) AS low_award
         FROM flags f JOIN cur ON cur.year = f.year AND cur.run_id = f.run_id JOIN scope s ON s.code = f.tender_code
         GROUP BY f.tender_code),
       per AS (
         SELECT s.uscc, f.detector, count(*)::int AS n
         FROM flags f JOIN cur ON cur.year = f.year AND cur.run_id = f.run_id JOIN scope s ON s.code = f.tender_code
         GROUP BY s.uscc, f.detector),
       own AS (
         SELECT f.subject_id AS uscc, array_agg(DISTINCT f.detector ORDER BY f.detector) AS codes,
                string_agg(f.explanation, '；' ORDER BY f.detector, f.id) AS why
         FROM flags f WHERE f.run_id = $5 AND f.subject_type = '${party}' GROUP BY f.subject_id),
       agg AS (
         SELECT s.uscc, (array_agg(s.name ORDER BY s.open_date DESC, s.code) FILTER (WHERE s.name IS NOT NULL))[1] AS name,
                count(*)::int AS tenders, count(s.wd)::int AS awarded,
                count(*) FILTER (WHERE s.n_valid_bids = 1)::int AS single_bid,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY s.wd) AS wd_median,
                count(*) FILTER (WHERE tf.low_award)::int AS low_awards,
                count(tf.tender_code)::int AS flagged_tenders,
                coalesce(sum(tf.n), 0)::int AS flags, coalesce(sum(tf.high), 0)::int AS high_flags
         FROM scope s LEFT JOIN tf ON tf.tender_code = s.code GROUP BY s.uscc)
       SELECT a.*, coalesce(o.codes, '{}') AS own_codes, o.why AS own_why,
              coalesce((SELECT jsonb_object_agg(p.detector, p.n) FROM per p WHERE p.uscc = a.uscc), '{}'::jsonb) AS detectors,
              count(*) OVER ()::int AS total
       FROM agg a LEFT JOIN own o ON o.uscc = a.uscc
       ORDER BY cardinality(coalesce(o.codes, '{}')) DESC, a.high_flags DESC, a.flags DESC, a.tenders DESC, a.uscc
       LIMIT ${Math.max(1, Math.floor(limit))}`,
      [from, to, years, years.map((y) => runs.get(y)), fullRun ?? -1],
    );
    return {
      total: rows.length ? Number(rows[0]!.total) : 0,
      rows: rows.map((r) => ({
        uscc: String(r.uscc),
        name: (r.name as string | null) ?? null,
        tenders: Number(r.tenders),
        awarded: Number(r.awarded),
        singleBid: Number(r.single_bid),
        winnerMedian: r.wd_median === null ? null : Number(r.wd_median),
        lowAwards: Number(r.low_awards),
        flaggedTenders: Number(r.flagged_tenders),
        flags: Number(r.flags),
        highFlags: Number(r.high_flags),
        detectors: r.detectors as Record<string, number>,
        ownCodes: (r.own_codes as string[]) ?? [],
        ownExplanation: (r.own_why as string | null) ?? null,
      })),
    };
  }

  private groupBy(by: Dimension | null): string {
    return by ? 'GROUP BY GROUPING SETS ((year, v), (year))' : 'GROUP BY year';
  }

  /**
   * Groups, then percentiles. Ordered-set aggregates (percentile_cont … WITHIN GROUP) over a GROUP BY force a sort
   * of every input row by the group key; instead the rows are hash-aggregated into one float8 array per
   * (year, value), and percentile_cont, avg and count run over each array (a sort of plain doubles, group by
   * group). The per-year totals come from the same arrays, so the table is read once.
   *
   * @param rowsSql   one row per unit (bid or tender): `year`, `v`, the columns `groupCols` aggregate, and `x`
   *                  (float8, the value to take percentiles of; rows with x NULL or not `keep` are left out of them)
   * @param groupCols aggregates per (year, v) over rowsSql, e.g. `count(*)::int AS bids`
   * @param totalCols the same per year, over the groups, e.g. `sum(bids)::int AS bids`
   */
  private groupsAndTotals(rowsSql: string, groupCols: string[], totalCols: string[], by: Dimension | null, withSql = ''): string {
    const pct = (from: string) =>
      `CROSS JOIN LATERAL (SELECT percentile_cont(${Q_ARRAY}) WITHIN GROUP (ORDER BY x) AS q, avg(x) AS x_mean, count(x)::int AS x_n FROM ${from}) p`;
    const names = groupCols.map((c) => c.replace(/^.* AS /, ''));
    return `${withSql ? `${withSql},` : 'WITH'}
      g AS MATERIALIZED (
        SELECT year, v, ${groupCols.join(', ')}, array_agg(x) FILTER (WHERE keep AND x IS NOT NULL) AS arr
        FROM (${rowsSql} OFFSET 0) s
        GROUP BY year, v)
      SELECT g.year, ${by ? 'g.v' : 'NULL::text'} AS value, ${by ? 0 : 1} AS is_total, ${names.map((n) => `g.${n}`).join(', ')}, p.*
      FROM g ${pct('unnest(g.arr) x')}
      ${by ? `UNION ALL
      SELECT y.year, NULL::text, 1, ${names.map((n) => `y.${n}`).join(', ')}, p.*
      FROM (SELECT year, ${totalCols.join(', ')} FROM g GROUP BY year) y
      ${pct('g g2, unnest(g2.arr) x WHERE g2.year = y.year')}` : ''}`;
  }

  /** Tenders of the range with the dimension evaluated once per tender (fenced: not re-evaluated per joined row). */
  private tendersSql(by: Dimension | null): string {
    return `(SELECT t.id, t.code, t.n_valid_bids, t.winner_discount, t.year::int AS y, ${dimKey(by)} AS v FROM tenders t WHERE t.year BETWEEN $1 AND $2 OFFSET 0)`;
  }

  async tenderAggregates(from: number, to: number, by: Dimension | null, runs: Map<number, number>): Promise<TenderAgg[]> {
    const years = [...runs.keys()];
    const sql = this.groupsAndTotals(
      `SELECT t.y AS year, t.v, t.n_valid_bids, t.winner_discount::float8 AS x, true AS keep,
              coalesce(a.n_flagged, 0) AS n_flagged, (a.winner_flagged > 0 AND t.winner_discount IS NOT NULL) AS winner_flagged
       FROM ${this.tendersSql(by)} t LEFT JOIN alb a ON a.tender_code = t.code`,
      ['count(*)::int AS tenders', 'sum(n_valid_bids)::float8 AS sum_valid', 'sum(n_flagged)::int AS abnormal_bids',
        'count(*) FILTER (WHERE winner_flagged)::int AS abnormal_winners'],
      ['sum(tenders)::int AS tenders', 'sum(sum_valid) AS sum_valid', 'sum(abnormal_bids)::int AS abnormal_bids',
        'sum(abnormal_winners)::int AS abnormal_winners'],
      by,
      `WITH cur AS (SELECT * FROM unnest($3::int[], $4::bigint[]) AS c(year, run_id)),
       alb AS (
         SELECT f.tender_code, count(*)::int AS n_flagged, count(*) FILTER (WHERE f.bidder_uscc = w.uscc)::int AS winner_flagged
         FROM flags f
         JOIN cur ON cur.year = f.year AND cur.run_id = f.run_id
         JOIN tenders t ON t.code = f.tender_code
         LEFT JOIN firms w ON w.id = t.winner_firm_id
         WHERE f.detector = 'ALB' AND f.subject_type = 'bid' AND f.year BETWEEN $1 AND $2
         GROUP BY f.tender_code)`,
    );
    const rows = await this.query(sql, [from, to, years, years.map((y) => runs.get(y))]);
    return rows.map((r) => {
      const tenders = Number(r.tenders);
      return {
        year: Number(r.year),
        value: Number(r.is_total) === 1 ? null : String(r.value),
        tenders,
        awarded: Number(r.x_n),
        meanValidBidders: tenders > 0 ? Number(r.sum_valid) / tenders : null,
        winnerMean: r.x_mean === null ? null : Number(r.x_mean),
        winnerQ: arr(r.q),
        abnormalBids: Number(r.abnormal_bids),
        abnormalWinners: Number(r.abnormal_winners),
      };
    });
  }

  async bidAggregates(from: number, to: number, by: Dimension | null): Promise<BidAgg[]> {
    const sql = this.groupsAndTotals(
      // one cast per bid: numeric → float8 goes through text, and every repeated expression would repeat it
      `SELECT t.y AS year, t.v, b.bid_valid AS keep, b.discount_rate::float8 AS x
       FROM bids b JOIN ${this.tendersSql(by)} t ON t.id = b.tender_id`,
      ['count(*)::int AS bids', 'count(*) FILTER (WHERE keep)::int AS valid_bids'],
      ['sum(bids)::int AS bids', 'sum(valid_bids)::int AS valid_bids'],
      by,
    );
    const rows = await this.query(sql, [from, to]);
    return rows.map((r) => ({
      year: Number(r.year),
      value: Number(r.is_total) === 1 ? null : String(r.value),
      bids: Number(r.bids),
      validBids: Number(r.valid_bids),
      discountedBids: Number(r.x_n),
      bidMean: r.x_mean === null ? null : Number(r.x_mean),
      bidQ: arr(r.q),
    }));
  }

  /**
   * Count, Σy, Σy² of the winning 下浮率 of awarded tenders for every pair of factors (21 grouping sets for 7
   * factors), from which X'X and X'y of any dummy-variable model over those factors follow exactly.
   */
  async factorCells(from: number, to: number): Promise<FactorCellRow[]> {
    const exprs: Record<Factor, string> = {
      year: 't.year::text',
      category: 't.category',
      work_type: 't.work_type',
      evaluation_method: 't.evaluation_method',
      district: 't.district',
      bidder_count: DIMENSION_DEFS.bidder_count.sql,
      price_band: DIMENSION_DEFS.price_band.sql,
    };
    const sets: string[] = [];
    for (let i = 0; i < FACTORS.length; i++) {
      for (let j = i + 1; j < FACTORS.length; j++) sets.push(`(${FACTORS[i]}, ${FACTORS[j]})`);
    }
    // Two stages: full cells first (one hash aggregate over the tenders), then the pairs over the cells.
    const cols = FACTORS.join(', ');
    const rows = await this.query(
      `SELECT ${cols}, sum(n)::int AS n, sum(sy) AS sy, sum(syy) AS syy
       FROM (SELECT ${cols}, count(*) AS n, sum(y) AS sy, sum(y * y) AS syy
             FROM (SELECT ${FACTORS.map((f) => `${exprs[f]} AS ${f}`).join(', ')}, t.winner_discount::float8 AS y
                   FROM tenders t WHERE t.year BETWEEN $1 AND $2 AND t.winner_discount IS NOT NULL) s0
             GROUP BY ${cols}) s
       GROUP BY GROUPING SETS (${sets.join(', ')})`,
      [from, to],
    );
    return rows.map((r) => ({
      // every factor expression is NOT NULL, so the factors a grouping set leaves out are exactly the NULL ones
      levels: Object.fromEntries(FACTORS.filter((f) => r[f] !== null && r[f] !== undefined).map((f) => [f, String(r[f])])),
      n: Number(r.n),
      sy: Number(r.sy),
      syy: Number(r.syy),
    }));
  }
}
