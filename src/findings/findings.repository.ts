import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { RunDetectorsResult } from '../../detectors/index.js';
import type { Coverage, Flag } from '../../detectors/types.js';
import { isEmbedded } from '../database/data-source.js';
import { copyLine, StageWriter } from '../database/stage-writer.js';

export interface CurrentRuns {
  /** Newest succeeded full run: firm, ring and person findings come from it. */
  full: number | null;
  /** Per tender year, the newest succeeded run that covered that year. */
  byYear: Map<number, number>;
}

export interface FlagFilter {
  detector?: string;
  severity?: string;
  year?: number;
  tenderCode?: string;
  bidderUscc?: string;
  subjectType?: string;
  limit?: number;
  offset?: number;
}

/** One row of the tenders export as stored: the tender, its current metrics (null without a run) and its flags' detectors. */
export interface TenderExportRow {
  code: string;
  open_date: string;
  control_price: string | null;
  n_bids: number | null;
  n_valid_bids: number | null;
  winner_uscc: string | null;
  winner_price: string | null;
  winner_discount: string | null;
  buyer_uscc: string | null;
  buyer_name: string | null;
  agency_uscc: string | null;
  agency_name: string | null;
  metrics: Record<string, number | null> | null;
  codes: string | null;
}

/** One row of the flags export (../shared/spec/cli-and-api.md columns). */
export type FlagExportRow = Pick<FlagRow, 'detector' | 'version' | 'subject_type' | 'subject_id' | 'tender_code' | 'bidder_uscc' | 'score' | 'severity' | 'explanation'>;

export interface FlagRow {
  id: number;
  run_id: number;
  detector: string;
  version: string;
  subject_type: string;
  subject_id: string;
  tender_code: string | null;
  bidder_uscc: string | null;
  score: string;
  severity: string;
  explanation: string;
  evidence: Record<string, unknown>;
  year: number | null;
}

/** One 招标人 or 招标代理机构 and the current findings on its tenders (findingsByParty). */
export interface PartyFindingsRow {
  uscc: string;
  name: string | null;
  tenders: number;
  flaggedTenders: number;
  flags: number;
  highFlags: number;
  /** Flags per detector code. */
  detectors: Record<string, number>;
  /** The current flags whose subject is the party itself (its own indicators); none for a district-bound reader. */
  ownFlags: FlagRow[];
}

/** What a detection run records about itself before its findings are written. */
export interface RunRecord {
  scope: Record<string, unknown>;
  settings: Record<string, unknown>;
  settingsHash: string;
  versions: Record<string, string>;
  coverage: Coverage[];
  years: number[] | null;
  readFrom: Date;
}

/** A recall input: a stored flag reduced to what the seed's planted-case recall needs (seeds/recall.ts). */
export interface StoredFlagRef {
  detector: string;
  subjectType: string;
  subjectId: string;
  tenderCode: string | null;
  bidderUscc: string | null;
  rule: string | null;
  tenders: string[];
}

/** One at a time across every process: a run that read older data must never become the current run. */
const DETECTION_LOCK = 7_711_101;
const BATCH = 5_000;
const FLAG_COLUMNS = ['run_id', 'detector', 'version', 'subject_type', 'subject_id', 'tender_code', 'bidder_uscc', 'score', 'severity', 'explanation', 'evidence', 'year'];

/**
 * The detection runs and what they found: flags, rings, tender and firm metrics (tables detection_runs, flags,
 * rings, tender_metrics, firm_metrics). Reads always come from the current runs (see CurrentRuns); a read confined
 * to one 区镇 (`district`, null = every district) follows the access rule of issue 14:
 * - a tender, its attendance and its flags belong to the tender's district;
 * - a flag not tied to a tender (a firm's, a person's, a ring's) is not shown to a district-bound reader;
 * - a ring is shown when at least one of the tenders it rests on lies in the district, and its flags are then only
 *   those of the district's tenders and the ring's own.
 */
@Injectable()
export class FindingsRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Runs `fn` holding the detection lock (an advisory lock on its own connection; embedded mode has one session). */
  async withDetectionLock<T>(fn: () => Promise<T>): Promise<T> {
    if (isEmbedded(this.ds)) return fn();
    const lock = this.ds.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [DETECTION_LOCK]);
      return await fn();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [DETECTION_LOCK]).catch(() => undefined);
      await lock.release();
    }
  }

  /** The database's clock: when a run begins reading (it covers every import that committed before). */
  async now(): Promise<Date> {
    const [{ at }] = await this.ds.query(`SELECT clock_timestamp() AS at`);
    return at as Date;
  }

  /**
   * Records a run and everything it found in one transaction: the run row, flags and tender metrics (COPY), firm
   * metrics and rings (array inserts), then the summary `summarise(runId, flagsStored)` builds. A run scoped to some
   * years (`keepYears`) stores only the findings of those years, and no firm findings.
   */
  async saveRun<S>(
    run: RunRecord,
    result: RunDetectorsResult,
    yearOf: ReadonlyMap<string, number>,
    keepYears: ReadonlySet<number> | null,
    summarise: (runId: number, flagsStored: number) => S,
  ): Promise<S> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const [row] = await qr.query(
        `INSERT INTO detection_runs (status, scope, settings, settings_hash, detector_versions, coverage, full_scope, years, started_at)
         VALUES ('running', $1::jsonb, $2::jsonb, $3, $4::jsonb, $5::jsonb, $6, $7::smallint[], $8) RETURNING id`,
        [
          JSON.stringify(run.scope), JSON.stringify(run.settings), run.settingsHash, JSON.stringify(run.versions),
          JSON.stringify(run.coverage), run.years === null, run.years, run.readFrom,
        ],
      );
      const runId = Number(row.id);
      const stored = await storeFindings(qr, runId, result, yearOf, keepYears);
      const summary = summarise(runId, stored);
      await qr.query(`UPDATE detection_runs SET status = 'succeeded', summary = $2::jsonb, finished_at = clock_timestamp() WHERE id = $1`, [
        runId,
        JSON.stringify(summary),
      ]);
      await qr.commitTransaction();
      return summary;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw err;
    } finally {
      await qr.release();
    }
  }

  /** The current runs' flags with only what a ranking needs (no explanations; the evidence's member lists). */
  async rankingFlags(): Promise<Array<Pick<Flag, 'detector' | 'subjectType' | 'subjectId' | 'tenderCode' | 'bidderUscc' | 'score' | 'evidence'>>> {
    const runs = await this.currentRuns();
    const years = [...runs.byYear.keys()];
    const rows = await this.ds.query(
      `SELECT f.detector, f.subject_type, f.subject_id, f.tender_code, nullif(trim(f.bidder_uscc), '') AS bidder_uscc,
              f.score::float8 AS score,
              jsonb_build_object('pair', f.evidence->'pair', 'members', f.evidence->'members', 'group', f.evidence->'group') AS evidence
       FROM flags f
       WHERE (f.year, f.run_id) IN (SELECT * FROM unnest($1::int[], $2::bigint[])) OR (f.year IS NULL AND f.run_id = $3)`,
      [years, years.map((y) => runs.byYear.get(y)), runs.full ?? -1],
    );
    return rows.map((r: Record<string, unknown>) => ({
      detector: r.detector as string,
      subjectType: r.subject_type as Flag['subjectType'],
      subjectId: r.subject_id as string,
      tenderCode: (r.tender_code as string) ?? null,
      bidderUscc: (r.bidder_uscc as string) ?? null,
      score: Number(r.score),
      evidence: r.evidence as Record<string, unknown>,
    }));
  }

  /** A run's flags and rings as the seed's planted-case recall reads them, and every tender code. */
  async recallInputs(runId: number): Promise<{ flags: StoredFlagRef[]; rings: { members: string[] }[]; tenders: string[] }> {
    const flags = (
      await this.ds.query(
        `SELECT detector, subject_type, subject_id, tender_code, bidder_uscc, evidence->>'rule' AS rule,
                coalesce(evidence->'tenders', '[]'::jsonb) AS tenders
         FROM flags WHERE run_id = $1`,
        [runId],
      )
    ).map((r: Record<string, unknown>) => ({
      detector: r.detector as string,
      subjectType: r.subject_type as string,
      subjectId: r.subject_id as string,
      tenderCode: (r.tender_code as string) ?? null,
      bidderUscc: ((r.bidder_uscc as string) ?? '').trim() || null,
      rule: (r.rule as string) ?? null,
      tenders: Array.isArray(r.tenders) ? (r.tenders as unknown[]).filter((t): t is string => typeof t === 'string') : [],
    }));
    const rings = (await this.ds.query(`SELECT members FROM rings WHERE run_id = $1`, [runId])).map((r: { members: string[] }) => ({ members: r.members }));
    const tenders = (await this.ds.query(`SELECT code FROM tenders`)).map((r: { code: string }) => r.code);
    return { flags, rings, tenders };
  }

  async currentRuns(): Promise<CurrentRuns> {
    const [full] = await this.ds.query(
      `SELECT max(id) AS id FROM detection_runs WHERE status = 'succeeded' AND full_scope`,
    );
    const rows = await this.ds.query(
      `SELECT y.year, max(r.id) AS run_id FROM (SELECT DISTINCT year FROM tenders) y
       JOIN detection_runs r ON r.status = 'succeeded' AND (r.full_scope OR y.year = ANY(r.years))
       GROUP BY y.year`,
    );
    return { full: full?.id ? Number(full.id) : null, byYear: new Map(rows.map((r: { year: number; run_id: number }) => [Number(r.year), Number(r.run_id)])) };
  }

  /** SQL (with parameters from $offset+1) selecting the current run of each flag row aliased `f`. */
  private currentClause(runs: CurrentRuns, offset: number): { sql: string; params: unknown[] } {
    const years = [...runs.byYear.keys()];
    return {
      sql: `((f.year, f.run_id) IN (SELECT * FROM unnest($${offset + 1}::int[], $${offset + 2}::bigint[]))
             OR (f.year IS NULL AND f.run_id = $${offset + 3}))`,
      params: [years, years.map((y) => runs.byYear.get(y)), runs.full ?? -1],
    };
  }

  /**
   * The current runs' flags, most severe first, then by score (scores are per detector and not comparable across
   * detectors, so the severity the detector gave comes first), a page at a time. With a district, only the flags of
   * that district's tenders (a flag not tied to a tender is not shown to a district-bound reader).
   */
  async flags(filter: FlagFilter = {}, district: string | null = null): Promise<{ total: number; rows: FlagRow[] }> {
    const runs = await this.currentRuns();
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (cond: string, v: unknown) => {
      params.push(v);
      where.push(cond.replace('?', `$${params.length}`));
    };
    if (district !== null) add('t.district = ?', district);
    if (filter.detector) add('f.detector = ?', filter.detector);
    if (filter.severity) add('f.severity = ?', filter.severity);
    if (filter.year) add('f.year = ?', filter.year);
    if (filter.tenderCode) add('f.tender_code = ?', filter.tenderCode);
    if (filter.bidderUscc) add('f.bidder_uscc = ?', filter.bidderUscc);
    if (filter.subjectType) add('f.subject_type = ?', filter.subjectType);
    const cur = this.currentClause(runs, params.length);
    params.push(...cur.params);
    where.push(cur.sql);
    const from = `FROM flags f ${district !== null ? 'JOIN tenders t ON t.code = f.tender_code' : ''} WHERE ${where.join(' AND ')}`;
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n ${from}`, params);
    const rows = await this.ds.query(
      `SELECT f.* ${from}
       ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.score DESC, f.id
       LIMIT ${Number(filter.limit ?? 1_000_000)} OFFSET ${Number(filter.offset ?? 0)}`,
      params,
    );
    return { total: n, rows };
  }

  /**
   * The current runs' flags for the flags export, most severe first as `flags` orders them, in batches through a
   * cursor: a province's millions of flags never sit in memory at once, and none is cut off by a page limit.
   */
  async *exportFlags(batch = 10_000): AsyncGenerator<FlagExportRow[]> {
    const cur = this.currentClause(await this.currentRuns(), 0);
    yield* this.cursorBatches<FlagExportRow>(
      `SELECT f.detector, f.version, f.subject_type, f.subject_id, f.tender_code, f.bidder_uscc, f.score, f.severity, f.explanation
       FROM flags f WHERE ${cur.sql}
       ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.score DESC, f.id`,
      cur.params,
      batch,
    );
  }

  /**
   * The tenders export's rows, by open date and code, in batches through a cursor: each tender with its current
   * metrics and the detectors flagging it (as flagCodes gives them), joined in SQL so that neither every tender's
   * metrics nor every code's flags are held in memory at once.
   */
  async *exportTenders(batch = 10_000): AsyncGenerator<TenderExportRow[]> {
    const runs = await this.currentRuns();
    const years = [...runs.byYear.keys()];
    const cur = this.currentClause(runs, 2);
    yield* this.cursorBatches<TenderExportRow>(
      `WITH cur_metrics AS (
         SELECT DISTINCT ON (tender_code) tender_code, metrics FROM tender_metrics
         WHERE (year, run_id) IN (SELECT * FROM unnest($1::int[], $2::bigint[])) ORDER BY tender_code, run_id DESC),
       codes AS (${flagCodesSql('tender_code', cur.sql)})
       SELECT t.code, t.open_date::text AS open_date, t.control_price, t.n_bids, t.n_valid_bids, w.uscc AS winner_uscc,
              t.winner_price, t.winner_discount, t.buyer_uscc, t.buyer_name, t.agency_uscc, t.agency_name, m.metrics, c.codes
       FROM tenders t LEFT JOIN firms w ON w.id = t.winner_firm_id
         LEFT JOIN cur_metrics m ON m.tender_code = t.code LEFT JOIN codes c ON c.k = t.code
       ORDER BY t.open_date, t.code`,
      [years, years.map((y) => runs.byYear.get(y)), ...cur.params],
      batch,
    );
  }

  /** A query's rows in batches through a cursor in a transaction of its own; closed however the reader stops. */
  private async *cursorBatches<T>(sql: string, params: unknown[], batch: number): AsyncGenerator<T[]> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      await qr.query(`DECLARE export_cursor NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows = (await qr.query(`FETCH ${Number(batch)} FROM export_cursor`)) as T[];
        if (rows.length === 0) break;
        yield rows;
      }
      await qr.query(`CLOSE export_cursor`);
      await qr.commitTransaction();
    } finally {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await qr.release();
    }
  }

  /**
   * Per tender (`tender_code`) or per firm (`bidder_uscc`), the detectors with a current flag on it, sorted and
   * joined with ";" (the exports' flags column). A pair finding (A40, A34, BOQSIM, R044, TIMING) counts for both
   * firms of its evidence's pair, not only the first. Aggregated in SQL: no flag's evidence is read into memory.
   */
  async flagCodes(field: 'tender_code' | 'bidder_uscc'): Promise<Map<string, string>> {
    const cur = this.currentClause(await this.currentRuns(), 0);
    const rows = (await this.ds.query(flagCodesSql(field, cur.sql), cur.params)) as Array<{ k: string; codes: string }>;
    return new Map(rows.map((r) => [r.k, r.codes]));
  }

  /**
   * The current runs' tender findings per 招标人 (`buyer`) or 招标代理机构 (`agency`): every party with at least one
   * tender in scope, its tenders, how many of them carry a flag, the flags (and high ones) and the flags per detector;
   * most flags first, a page at a time. Only flags tied to a tender count. With a district (an inspector's), only
   * that district's tenders; with a year, only tenders opened in it.
   */
  async findingsByParty(
    party: 'buyer' | 'agency',
    opts: { district: string | null; year?: number; limit: number; offset: number },
  ): Promise<{ total: number; rows: PartyFindingsRow[] }> {
    const runs = await this.currentRuns();
    const cur = this.currentClause(runs, 2);
    const col = party === 'buyer' ? 'buyer' : 'agency';
    const rows = await this.ds.query(
      `WITH cur AS (
         SELECT f.tender_code, f.detector, f.severity FROM flags f WHERE f.tender_code IS NOT NULL AND ${cur.sql}),
       scope AS (
         SELECT t.code, t.${col}_uscc AS uscc, t.${col}_name AS name, t.open_date FROM tenders t
         WHERE t.${col}_uscc IS NOT NULL AND ($1::text IS NULL OR t.district = $1) AND ($2::int IS NULL OR t.year = $2)),
       tf AS (SELECT tender_code, count(*) AS n, count(*) FILTER (WHERE severity = 'high') AS high FROM cur GROUP BY tender_code),
       per AS (
         SELECT s.uscc, c.detector, count(*)::int AS n FROM scope s JOIN cur c ON c.tender_code = s.code GROUP BY s.uscc, c.detector),
       agg AS (
         SELECT s.uscc, (array_agg(s.name ORDER BY s.open_date DESC, s.code) FILTER (WHERE s.name IS NOT NULL))[1] AS name,
                count(*)::int AS tenders, count(tf.tender_code)::int AS flagged_tenders,
                coalesce(sum(tf.n), 0)::int AS flags, coalesce(sum(tf.high), 0)::int AS high_flags
         FROM scope s LEFT JOIN tf ON tf.tender_code = s.code GROUP BY s.uscc)
       SELECT a.uscc, a.name, a.tenders, a.flagged_tenders, a.flags, a.high_flags,
              coalesce((SELECT jsonb_object_agg(p.detector, p.n ORDER BY p.detector) FROM per p WHERE p.uscc = a.uscc), '{}'::jsonb) AS detectors,
              count(*) OVER ()::int AS total
       FROM agg a ORDER BY a.flags DESC, a.flagged_tenders DESC, a.uscc
       LIMIT ${Number(opts.limit)} OFFSET ${Number(opts.offset)}`,
      [opts.district, opts.year ?? null, ...cur.params],
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && opts.offset > 0) {
      const [c] = await this.ds.query(
        `SELECT count(DISTINCT t.${col}_uscc)::int AS n FROM tenders t
         WHERE t.${col}_uscc IS NOT NULL AND ($1::text IS NULL OR t.district = $1) AND ($2::int IS NULL OR t.year = $2)`,
        [opts.district, opts.year ?? null],
      );
      total = Number(c.n);
    }
    // The party's own indicators (BCONC, BSINGLE, BR038, BLOWBID: subject = the buyer or agency). Not tied to one
    // tender, so a district-bound reader does not see them (the rule of issue 14).
    const own = new Map<string, FlagRow[]>();
    if (opts.district === null && rows.length) {
      const c2 = this.currentClause(runs, 2);
      const flags: FlagRow[] = await this.ds.query(
        `SELECT f.* FROM flags f WHERE f.subject_type = $1 AND f.subject_id = ANY($2::text[]) AND ${c2.sql}
         ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, f.score DESC, f.id`,
        [party, rows.map((r: { uscc: string }) => r.uscc), ...c2.params],
      );
      for (const f of flags) {
        const list = own.get(f.subject_id) ?? [];
        list.push(f);
        own.set(f.subject_id, list);
      }
    }
    return {
      total,
      rows: rows.map((r: Record<string, unknown>) => ({
        uscc: r.uscc as string, name: (r.name as string) ?? null, tenders: r.tenders as number,
        flaggedTenders: r.flagged_tenders as number, flags: r.flags as number, highFlags: r.high_flags as number,
        detectors: r.detectors as Record<string, number>,
        ownFlags: own.get(r.uscc as string) ?? [],
      })),
    };
  }

  async tenderMetrics(): Promise<Map<string, Record<string, number | null>>> {
    const runs = await this.currentRuns();
    const years = [...runs.byYear.keys()];
    const rows = await this.ds.query(
      `SELECT tender_code, metrics FROM tender_metrics
       WHERE (year, run_id) IN (SELECT * FROM unnest($1::int[], $2::bigint[]))`,
      [years, years.map((y) => runs.byYear.get(y))],
    );
    return new Map(rows.map((r: { tender_code: string; metrics: Record<string, number | null> }) => [r.tender_code, r.metrics]));
  }

  /** The structured figures the current run's detectors recorded for a tender (per detector code), or null. */
  async tenderFacts(code: string): Promise<Record<string, Record<string, unknown>> | null> {
    const runs = await this.currentRuns();
    const [t] = await this.ds.query(`SELECT year FROM tenders WHERE code = $1`, [code]);
    const run = t ? runs.byYear.get(Number(t.year)) : undefined;
    if (run === undefined) return null;
    const [row] = await this.ds.query(`SELECT facts FROM tender_metrics WHERE run_id = $1 AND tender_code = $2`, [run, code]);
    return (row?.facts as Record<string, Record<string, unknown>> | null) ?? null;
  }

  async firmMetrics(): Promise<Map<string, Record<string, number | null>>> {
    const runs = await this.currentRuns();
    const rows = await this.ds.query(`SELECT uscc, metrics FROM firm_metrics WHERE run_id = $1`, [runs.full ?? -1]);
    return new Map(rows.map((r: { uscc: string; metrics: Record<string, number | null> }) => [r.uscc, r.metrics]));
  }

  async rings(): Promise<RingRow[]> {
    const runs = await this.currentRuns();
    return this.ds.query(`SELECT * FROM rings WHERE run_id = $1 ORDER BY score DESC, id`, [runs.full ?? -1]);
  }

  async ring(id: number): Promise<RingRow | null> {
    const [r] = await this.ds.query(`SELECT * FROM rings WHERE id = $1`, [id]);
    return r ?? null;
  }

  /**
   * The flags shown beside a ring: its own, and the A40/COBID flags of its members in the tenders it rests on (in a
   * district, only that district's tenders).
   */
  async ringFlags(r: RingRow, district: string | null): Promise<Record<string, unknown>[]> {
    return this.ds.query(
      `SELECT detector, severity, score, subject_type, subject_id, tender_code, bidder_uscc, explanation, evidence
       FROM flags WHERE run_id = $1 AND ((subject_type = 'ring' AND subject_id = $2)
         OR (detector IN ('A40','COBID') AND bidder_uscc = ANY($3::text[]) AND tender_code = ANY($4::text[])
             AND ($5::text IS NULL OR tender_code IN (SELECT code FROM tenders WHERE district = $5))))
       ORDER BY score DESC LIMIT 500`,
      [r.run_id, r.ring_key, r.members, ((r.evidence as { tenders?: string[] }).tenders ?? []), district],
    );
  }

  async tenderVisible(code: string, district: string | null): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT 1 FROM tenders WHERE code = $1 AND ($2::text IS NULL OR district = $2)`, [code, district]);
    return !!row;
  }

  /** Flags confined to a district (null = every district): see `flags`. */
  flagsIn(filter: FlagFilter, district: string | null): Promise<{ total: number; rows: FlagRow[] }> {
    return this.flags(filter, district);
  }

  /** The current run's rings, highest score first, a page at a time. */
  async ringsIn(page: number, pageSize: number, district: string | null): Promise<{ total: number; rows: RingRow[] }> {
    const runs = await this.currentRuns();
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

export interface RingRow {
  id: number;
  run_id: number;
  ring_key: string;
  members: string[];
  n_members: number;
  n_tenders_together: number;
  rotation: string | null;
  cohesion: string | null;
  exclusivity: string | null;
  article40_links: number;
  score: string;
  explanation: string;
  evidence: Record<string, unknown>;
}

/** `$2` is the district (or NULL): the ring rests on at least one tender there. */
const IN_DISTRICT = `($2::text IS NULL OR EXISTS (
  SELECT 1 FROM tenders t WHERE t.district = $2
    AND t.code IN (SELECT jsonb_array_elements_text(coalesce(r.evidence->'tenders', '[]'::jsonb)))))`;

/** Writes one run's flags and tender metrics with COPY, firm metrics and rings with array inserts, in batches, on the caller's transaction. */
async function storeFindings(
  qr: QueryRunner,
  runId: number,
  result: RunDetectorsResult,
  yearOf: ReadonlyMap<string, number>,
  keepYears: ReadonlySet<number> | null,
): Promise<number> {
  const flags = result.flags.filter((f) => {
    if (!keepYears) return true;
    const y = f.tenderCode ? yearOf.get(f.tenderCode) : undefined;
    return y !== undefined && keepYears.has(y);
  });
  // COPY, not INSERT … unnest: a real market yields hundreds of thousands of flags, and the array casts and the
  // per-statement planning of 5,000-row inserts cost a minute per million bids (bench/detect/real-shaped).
  const timing = process.env.BIDWATCH_DEBUG_TIMING === '1';
  let t0 = Date.now();
  const lap = (what: string) => {
    if (timing) process.stderr.write(`[detect store] ${what} ${Date.now() - t0} ms\n`);
    t0 = Date.now();
  };
  const connection = await qr.connect();
  const flagSink = new StageWriter(connection, 'flags', FLAG_COLUMNS).open();
  for (const f of flags) {
    await flagSink.push(
      copyLine([
        runId, f.detector, f.version, f.subjectType, f.subjectId, f.tenderCode, f.bidderUscc,
        Math.max(0, Math.min(1, Math.round(f.score * 10_000) / 10_000)), f.severity, f.explanation,
        JSON.stringify(f.evidence), f.tenderCode ? yearOf.get(f.tenderCode) ?? null : null,
      ]),
    );
  }
  await flagSink.end();
  lap(`flags (${flags.length})`);
  const metricSink = new StageWriter(connection, 'tender_metrics', ['run_id', 'tender_code', 'year', 'metrics', 'facts']).open();
  for (const code of result.tenderMetrics.keys()) {
    if (keepYears && !keepYears.has(yearOf.get(code) ?? -1)) continue;
    const facts = result.tenderFacts.get(code);
    await metricSink.push(copyLine([runId, code, yearOf.get(code) ?? null, result.tenderMetrics.json(code), facts ? factsJson(facts) : null]));
  }
  await metricSink.end();
  lap('tender metrics');
  if (!keepYears) {
    const firms = [...result.firmMetrics];
    for (let i = 0; i < firms.length; i += BATCH) {
      const b = firms.slice(i, i + BATCH);
      await qr.query(
        `INSERT INTO firm_metrics (run_id, uscc, metrics) SELECT $1, u, m::jsonb FROM unnest($2::text[], $3::text[]) AS x(u, m)`,
        [runId, b.map(([u]) => u), b.map(([, m]) => JSON.stringify(m))],
      );
    }
    for (const r of result.rings) {
      await qr.query(
        `INSERT INTO rings (run_id, ring_key, members, n_members, n_tenders_together, rotation, cohesion, exclusivity,
                            article40_links, score, explanation, evidence)
         VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)
         ON CONFLICT (run_id, ring_key) DO NOTHING`,
        [
          runId, r.key, r.members, r.members.length, r.tenders.length, round4(r.rotation), round4(r.cohesion),
          round4(r.exclusivity), r.article40Links, round4(r.score) ?? 0, r.explanation,
          JSON.stringify({ ...r.evidence, tenders: r.tenders }),
        ],
      );
    }
  }
  lap('firm metrics and rings');
  return flags.length;
}

/**
 * (k, codes): per tender code or firm USCC, the sorted ";"-joined detectors of the flags `cur` selects (alias f); for
 * firms, every firm of a pair finding's evidence counts too.
 */
function flagCodesSql(field: 'tender_code' | 'bidder_uscc', cur: string): string {
  const pairs =
    field === 'bidder_uscc'
      ? `UNION ALL
         SELECT p.u, f.detector FROM flags f
         CROSS JOIN LATERAL jsonb_array_elements_text(
           CASE WHEN jsonb_typeof(f.evidence->'pair') = 'array' THEN f.evidence->'pair' ELSE '[]'::jsonb END) AS p(u)
         WHERE ${cur}`
      : '';
  return `SELECT k, string_agg(DISTINCT detector COLLATE "C", ';' ORDER BY detector COLLATE "C") AS codes
     FROM (SELECT btrim(f.${field}) AS k, f.detector FROM flags f WHERE f.${field} IS NOT NULL AND ${cur} ${pairs}) x
     WHERE k <> '' GROUP BY k`;
}

/**
 * A tender's facts as JSON: `{ detector: facts }`. A detector may share one facts object among many tenders (ALB's
 * peer group), so each object is serialised once (a WeakMap: it lasts as long as the run's result).
 */
const factsText = new WeakMap<object, string>();
function factsJson(facts: Record<string, Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [code, f] of Object.entries(facts) as Array<[string, unknown]>) {
    if (f === undefined) continue; // as JSON.stringify leaves such a key out
    let text = typeof f === 'object' && f !== null ? factsText.get(f) : undefined;
    if (text === undefined) {
      text = JSON.stringify(f);
      if (typeof f === 'object' && f !== null) factsText.set(f, text);
    }
    parts.push(`${JSON.stringify(code)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

function round4(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(Math.max(0, Math.min(1, v)) * 10_000) / 10_000;
}
