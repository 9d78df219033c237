import type { DataSource } from 'typeorm';
import type { RecallFlag, RecallRing } from './planted-recall.js';

/** The current run's flags and rings in the shape plantedRecall takes. */
export async function loadRecallInputs(ds: DataSource, runId: number): Promise<{ flags: RecallFlag[]; rings: RecallRing[]; tenders: string[] }> {
  const flags = (
    await ds.query(
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
  const rings = (await ds.query(`SELECT members FROM rings WHERE run_id = $1`, [runId])).map((r: { members: string[] }) => ({ members: r.members }));
  const tenders = (await ds.query(`SELECT code FROM tenders`)).map((r: { code: string }) => r.code);
  return { flags, rings, tenders };
}
