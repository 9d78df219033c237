import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FINGERPRINTS } from '../../detectors/article-40/fingerprints.js';
import { LINK_FIELD_ZH } from '../../detectors/rings/link-fields.js';

/** Keyed hashes of persons never leave the API whole: an 8-character prefix tells people apart on screen. */
export const personRef = (hash: string | null | undefined): string | null => (hash ? hash.slice(0, 8) : null);

export interface AttendanceDay {
  date: string;
  project_manager: number;
  technical_lead: number;
  safety_officer: number;
  worker: number;
  /** Rows with present = false that day. */
  absent: number;
  /** The PM named in the winning bid checked in (in any role). */
  bid_pm: boolean;
  /** Someone registered as project_manager checked in. */
  site_pm: boolean;
}

/** SITE's presence facts for a tender (detectors/site-check/site.ts presenceFacts). */
export interface SitePresence {
  basis: 'bid_pm' | 'site_pm';
  threshold: number;
  minSiteDays: number;
  months: AttendanceMonth[];
}

export interface AttendanceMonth {
  month: string;
  siteDays: number;
  pmDays: number;
  presence: number | null;
  judged: boolean;
  below: boolean;
}

const FIELD_ZH = new Map<string, string>([...FINGERPRINTS.map((f) => [f.field, f.zh] as const), ...Object.entries(LINK_FIELD_ZH)]);
FIELD_ZH.set('projectManagerHash/technicalLeadHash', '项目管理成员（一方的项目负责人为另一方的技术负责人）');

interface LinkEvidence {
  pair?: [string, string];
  tender?: string;
  rule?: string;
  matches?: { field: string; article: string; kind: string }[];
}

/** Read-only queries the console needs beyond the case and findings API. */
@Injectable()
export class ConsoleRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /**
   * A site's 实名制考勤 as a timeline: per day the present head count by role, whether the bid's PM (or, when the bid
   * named none or the contract records a PM change, a registered PM) was there, the key persons by 8-character
   * reference, and worker-days by employer. The PM presence per month is SITE's own, from the current detection run
   * (`site`: its basis, threshold in force and months); before any detection there is none to show.
   */
  async attendance(code: string, site: SitePresence | null) {
    const [t] = await this.ds.query(
      `SELECT t.id, t.code, t.project_name, t.work_type, wb.project_manager_hash AS bid_pm, wb.technical_lead_hash AS bid_tl,
              coalesce(cf.uscc, wf.uscc) AS winner_uscc, coalesce(cf.name, wf.name) AS winner_name,
              c.project_manager_changed
       FROM tenders t
       LEFT JOIN bids wb ON wb.tender_id = t.id AND wb.is_winner
       LEFT JOIN firms wf ON wf.id = wb.firm_id
       LEFT JOIN contracts c ON c.tender_id = t.id
       LEFT JOIN firms cf ON cf.id = c.winner_firm_id
       WHERE t.code = $1`,
      [code],
    );
    if (!t) return null;
    const pm: string | null = t.bid_pm ?? null;
    const tl: string | null = t.bid_tl ?? null;
    const days: AttendanceDay[] = await this.ds.query(
      `SELECT a.work_date::text AS date,
              count(*) FILTER (WHERE a.present AND a.role = 'project_manager')::int AS project_manager,
              count(*) FILTER (WHERE a.present AND a.role = 'technical_lead')::int AS technical_lead,
              count(*) FILTER (WHERE a.present AND a.role = 'safety_officer')::int AS safety_officer,
              count(*) FILTER (WHERE a.present AND a.role = 'worker')::int AS worker,
              count(*) FILTER (WHERE NOT a.present)::int AS absent,
              coalesce(bool_or(a.present AND a.person_hash = $2::text), false) AS bid_pm,
              coalesce(bool_or(a.present AND a.role = 'project_manager'), false) AS site_pm
       FROM attendance a WHERE a.tender_id = $1 GROUP BY a.work_date ORDER BY a.work_date`,
      [t.id, pm],
    );
    const persons: { ref: string; role: string; employer_uscc: string; employer_name: string | null; present_days: number; rows: number; first: string; last: string; bid_role: string | null }[] =
      await this.ds.query(
        `SELECT left(a.person_hash, 8) AS ref, a.role, f.uscc AS employer_uscc, f.name AS employer_name,
                count(*) FILTER (WHERE a.present)::int AS present_days, count(*)::int AS rows,
                min(a.work_date)::text AS first, max(a.work_date)::text AS last,
                CASE WHEN a.person_hash = $2::text THEN 'project_manager' WHEN a.person_hash = $3::text THEN 'technical_lead' END AS bid_role
         FROM attendance a JOIN firms f ON f.id = a.employer_firm_id
         WHERE a.tender_id = $1 AND (a.role IN ('project_manager', 'technical_lead') OR a.person_hash = $2::text OR a.person_hash = $3::text)
         GROUP BY a.person_hash, a.role, f.uscc, f.name ORDER BY a.role, present_days DESC`,
        [t.id, pm, tl],
      );
    const employers: { uscc: string; name: string | null; worker_days: number; persons: number; bid_in_tender: boolean; is_winner: boolean }[] =
      await this.ds.query(
        `SELECT f.uscc, f.name, count(*) FILTER (WHERE a.present AND a.role = 'worker')::int AS worker_days,
                count(DISTINCT a.person_hash)::int AS persons,
                EXISTS (SELECT 1 FROM bids b WHERE b.tender_id = $1 AND b.firm_id = f.id) AS bid_in_tender,
                (f.uscc = $2::text) AS is_winner
         FROM attendance a JOIN firms f ON f.id = a.employer_firm_id
         WHERE a.tender_id = $1 GROUP BY f.id, f.uscc, f.name ORDER BY worker_days DESC, f.uscc`,
        [t.id, t.winner_uscc ?? null],
      );
    const basis: 'bid_pm' | 'site_pm' = site?.basis ?? (pm && !t.project_manager_changed ? 'bid_pm' : 'site_pm');
    const months: AttendanceMonth[] = site?.months ?? [];
    const workerDays = employers.reduce((s, e) => s + e.worker_days, 0);
    return {
      tender: { code: t.code, projectName: t.project_name, workType: t.work_type, winnerUscc: t.winner_uscc, winnerName: t.winner_name },
      bid: { projectManagerRef: personRef(pm), technicalLeadRef: personRef(tl), projectManagerChanged: t.project_manager_changed ?? null },
      basis,
      threshold: site?.threshold ?? null,
      minSiteDays: site?.minSiteDays ?? null,
      judgedBy: site ? 'SITE' : null,
      from: days[0]?.date ?? null,
      to: days.at(-1)?.date ?? null,
      days,
      months,
      persons: persons.map((p) => ({
        ref: p.ref, role: p.role, employerUscc: p.employer_uscc, employerName: p.employer_name, presentDays: p.present_days,
        rows: p.rows, first: p.first, last: p.last, bidRole: p.bid_role,
      })),
      employers: employers.map((e) => ({
        uscc: e.uscc, name: e.name, workerDays: e.worker_days, persons: e.persons, bidInTender: e.bid_in_tender, isWinner: e.is_winner,
        share: workerDays ? e.worker_days / workerDays : null,
      })),
    };
  }

  /**
   * A ring as a graph: members (bids, wins), co-bid edges between every two members that met (all tenders, and
   * those the ring rests on), the 第四十条 links (which fingerprints, which items, in which tenders — never the
   * matched values, some of which are hashes of persons) and the rotation / recurrent-winner pairs.
   */
  async ringGraph(id: number) {
    const [r] = await this.ds.query(
      `SELECT id, run_id, ring_key, members, n_members, n_tenders_together, article40_links, score, explanation, evidence
       FROM rings WHERE id = $1`,
      [id],
    );
    if (!r) return null;
    const members: string[] = r.members.map((m: string) => m.trim());
    const ev = (r.evidence ?? {}) as {
      tenders?: string[];
      links?: LinkEvidence[];
      winsInside?: Record<string, number>;
      rotationPairs?: { pair: [string, string]; wins: [number, number]; ratio: number }[];
      recurrentPairs?: { winner: string; loser: string; coBids: number; share: number }[];
    };
    const nodes: { uscc: string; name: string | null; bids: number; wins: number }[] = await this.ds.query(
      `SELECT f.uscc, f.name, count(b.firm_id)::int AS bids, count(*) FILTER (WHERE b.is_winner)::int AS wins
       FROM firms f LEFT JOIN bids b ON b.firm_id = f.id WHERE f.uscc = ANY($1::text[]) GROUP BY f.uscc, f.name ORDER BY f.uscc`,
      [members],
    );
    const coBids: { a: string; b: string; co_bids: number; tenders: string[] }[] = await this.ds.query(
      `WITH m AS (SELECT id, uscc FROM firms WHERE uscc = ANY($1::text[]))
       SELECT ma.uscc AS a, mb.uscc AS b, count(*)::int AS co_bids, array_agg(t.code ORDER BY t.open_date DESC) AS tenders
       FROM bids ba JOIN m ma ON ma.id = ba.firm_id
       JOIN bids bb ON bb.tender_id = ba.tender_id JOIN m mb ON mb.id = bb.firm_id AND ma.id < mb.id
       JOIN tenders t ON t.id = ba.tender_id
       GROUP BY ma.uscc, mb.uscc`,
      [members],
    );
    const a40Flags: { tender_code: string; evidence: LinkEvidence }[] = await this.ds.query(
      `SELECT tender_code, evidence FROM flags
       WHERE run_id = $1 AND detector = 'A40' AND bidder_uscc = ANY($2::text[])`,
      [r.run_id, members],
    );
    const inRing = new Set(members);
    const ringTenders = new Set(ev.tenders ?? []);
    const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    type Edge = {
      a: string; b: string; coBids: number; coBidsInRing: number | null;
      a40: { tenders: Set<string>; articles: Set<string>; fields: Set<string>; hard: boolean } | null;
      rotation: { wins: [number, number]; ratio: number } | null;
      recurrent: { winner: string; share: number } | null;
    };
    const edges = new Map<string, Edge>();
    const edge = (x: string, y: string): Edge => {
      const k = key(x, y);
      let e = edges.get(k);
      if (!e) {
        const [a, b] = x < y ? [x, y] : [y, x];
        e = { a, b, coBids: 0, coBidsInRing: ringTenders.size ? 0 : null, a40: null, rotation: null, recurrent: null };
        edges.set(k, e);
      }
      return e;
    };
    for (const c of coBids) {
      const e = edge(c.a.trim(), c.b.trim());
      e.coBids = c.co_bids;
      if (ringTenders.size) e.coBidsInRing = c.tenders.filter((t) => ringTenders.has(t)).length;
    }
    const links: LinkEvidence[] = [...(ev.links ?? []), ...a40Flags.map((f) => ({ ...f.evidence, tender: f.tender_code }))];
    for (const l of links) {
      const [x, y] = l.pair ?? [];
      if (!x || !y || !inRing.has(x) || !inRing.has(y)) continue;
      const e = edge(x, y);
      e.a40 ??= { tenders: new Set(), articles: new Set(), fields: new Set(), hard: false };
      if (l.tender) e.a40.tenders.add(l.tender);
      for (const m of l.matches ?? []) {
        if (l.rule === 'hard' && m.kind !== 'hard') continue;
        e.a40.articles.add(m.article);
        e.a40.fields.add(FIELD_ZH.get(m.field) ?? m.field);
        if (m.kind === 'hard') e.a40.hard = true;
      }
    }
    for (const p of ev.rotationPairs ?? []) if (p.pair?.[0] && p.pair[1]) edge(p.pair[0], p.pair[1]).rotation = { wins: p.wins, ratio: p.ratio };
    for (const p of ev.recurrentPairs ?? []) if (p.winner && p.loser) edge(p.winner, p.loser).recurrent = { winner: p.winner, share: p.share };
    return {
      ring: {
        id: Number(r.id), key: r.ring_key, members, score: Number(r.score), tendersTogether: r.n_tenders_together,
        article40Links: r.article40_links, explanation: r.explanation,
      },
      nodes: nodes.map((n) => ({ ...n, uscc: n.uscc.trim(), ringWins: ev.winsInside?.[n.uscc.trim()] ?? null })),
      edges: [...edges.values()].map((e) => ({
        ...e,
        a40: e.a40 && { tenders: [...e.a40.tenders].sort(), articles: [...e.a40.articles].sort(), fields: [...e.a40.fields], hard: e.a40.hard },
      })),
    };
  }

  /** Who can be given a case: active inspectors and supervisors (and admins). */
  async assignees(): Promise<{ id: number; name: string; role: string; district: string | null }[]> {
    const rows = await this.ds.query(
      `SELECT id, name, role, district FROM users WHERE role IN ('inspector', 'supervisor', 'admin') AND disabled_at IS NULL
       ORDER BY CASE role WHEN 'inspector' THEN 0 WHEN 'supervisor' THEN 1 ELSE 2 END, name LIMIT 1000`,
    );
    return rows.map((r: { id: string | number }) => ({ ...r, id: Number(r.id) }));
  }

  /**
   * Why a console may be empty: how many tenders the reader's district holds (null = every district), when data
   * last came in, and whether detection has run since. Cases come only from detection runs.
   */
  async dataState(district: string | null): Promise<DataState> {
    const [row] = await this.ds.query(
      `SELECT (SELECT count(*)::int FROM tenders WHERE $1::text IS NULL OR district = $1) AS tenders,
              (SELECT max(finished_at) FROM import_runs WHERE status = 'succeeded' AND accepted > 0) AS last_import,
              (SELECT count(*)::int FROM detection_runs WHERE status = 'succeeded') AS detection_runs,
              (SELECT max(finished_at) FROM detection_runs WHERE status = 'succeeded') AS last_detection,
              (SELECT count(*)::int FROM detection_runs WHERE status = 'running') AS detecting`,
      [district],
    );
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      tenders: Number(row.tenders), lastImportAt: iso(row.last_import), detectionRuns: Number(row.detection_runs),
      lastDetectionAt: iso(row.last_detection), detecting: Number(row.detecting) > 0,
    };
  }
}

export interface DataState {
  /** Tenders in the reader's scope. */
  tenders: number;
  /** When an import last wrote rows. */
  lastImportAt: string | null;
  detectionRuns: number;
  lastDetectionAt: string | null;
  /** A detection run is in progress. */
  detecting: boolean;
}
