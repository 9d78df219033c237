import type { QueryRunner } from 'typeorm';
import type { RunDetectorsResult } from '../../detectors/index.js';

const BATCH = 5_000;

/** Writes one run's flags, rings and metrics with array inserts (unnest), in batches, on the caller's transaction. */
export async function storeResults(
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
  for (let i = 0; i < flags.length; i += BATCH) {
    const b = flags.slice(i, i + BATCH);
    await qr.query(
      `INSERT INTO flags (run_id, detector, version, subject_type, subject_id, tender_code, bidder_uscc, score, severity,
                          explanation, evidence, year)
       SELECT $1, d, v, st, sid, tc, bu, sc, sev, ex, ev::jsonb, y
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::text[],
                   $10::text[], $11::text[], $12::int[]) AS x(d, v, st, sid, tc, bu, sc, sev, ex, ev, y)`,
      [
        runId,
        b.map((f) => f.detector),
        b.map((f) => f.version),
        b.map((f) => f.subjectType),
        b.map((f) => f.subjectId),
        b.map((f) => f.tenderCode),
        b.map((f) => f.bidderUscc),
        b.map((f) => Math.max(0, Math.min(1, Math.round(f.score * 10_000) / 10_000))),
        b.map((f) => f.severity),
        b.map((f) => f.explanation),
        b.map((f) => JSON.stringify(f.evidence)),
        b.map((f) => (f.tenderCode ? yearOf.get(f.tenderCode) ?? null : null)),
      ],
    );
  }
  const metrics = [...result.tenderMetrics].filter(([code]) => !keepYears || keepYears.has(yearOf.get(code) ?? -1));
  for (let i = 0; i < metrics.length; i += BATCH) {
    const b = metrics.slice(i, i + BATCH);
    await qr.query(
      `INSERT INTO tender_metrics (run_id, tender_code, year, metrics)
       SELECT $1, c, y, m::jsonb FROM unnest($2::text[], $3::int[], $4::text[]) AS x(c, y, m)`,
      [runId, b.map(([c]) => c), b.map(([c]) => yearOf.get(c) ?? null), b.map(([, m]) => JSON.stringify(m))],
    );
  }
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
  return flags.length;
}

function round4(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(Math.max(0, Math.min(1, v)) * 10_000) / 10_000;
}
