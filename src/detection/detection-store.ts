import type { QueryRunner } from 'typeorm';
import type { RunDetectorsResult } from '../../detectors/index.js';
import type { Flag } from '../../detectors/types.js';
import { copyLine, StageWriter } from '../imports/stage/stage-writer.js';

const BATCH = 5_000;
const COPY_BATCH = 20_000;
const FLAG_COLUMNS = ['run_id', 'detector', 'version', 'subject_type', 'subject_id', 'tender_code', 'bidder_uscc', 'score', 'severity', 'explanation', 'evidence', 'year'];

/** Writes one run's flags and tender metrics with COPY, firm metrics and rings with array inserts, in batches, on the caller's transaction. */
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
  // COPY, not INSERT … unnest: a real market yields hundreds of thousands of flags, and the array casts and the
  // per-statement planning of 5,000-row inserts cost a minute per million bids (bench/detect/real-shaped).
  const timing = process.env.BIDWATCH_DEBUG_TIMING === '1';
  let t0 = Date.now();
  const lap = (what: string) => {
    if (timing) process.stderr.write(`[detect store] ${what} ${Date.now() - t0} ms\n`);
    t0 = Date.now();
  };
  const connection = await qr.connect();
  const flagWriter = new StageWriter(connection, 'flags', FLAG_COLUMNS);
  for (let i = 0; i < flags.length; i += COPY_BATCH) {
    const lines: string[] = [];
    for (let k = i; k < Math.min(flags.length, i + COPY_BATCH); k++) {
      const f = flags[k] as Flag;
      lines.push(
        copyLine([
          runId, f.detector, f.version, f.subjectType, f.subjectId, f.tenderCode, f.bidderUscc,
          Math.max(0, Math.min(1, Math.round(f.score * 10_000) / 10_000)), f.severity, f.explanation,
          JSON.stringify(f.evidence), f.tenderCode ? yearOf.get(f.tenderCode) ?? null : null,
        ]),
      );
    }
    await flagWriter.writeText(lines.join(''));
  }
  lap(`flags (${flags.length})`);
  const metricWriter = new StageWriter(connection, 'tender_metrics', ['run_id', 'tender_code', 'year', 'metrics']);
  let pending: string[] = [];
  for (const [code, m] of result.tenderMetrics) {
    if (keepYears && !keepYears.has(yearOf.get(code) ?? -1)) continue;
    pending.push(copyLine([runId, code, yearOf.get(code) ?? null, JSON.stringify(m)]));
    if (pending.length >= COPY_BATCH) {
      await metricWriter.writeText(pending.join(''));
      pending = [];
    }
  }
  await metricWriter.writeText(pending.join(''));
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

function round4(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(Math.max(0, Math.min(1, v)) * 10_000) / 10_000;
}
