import type { DataSource } from 'typeorm';

let n = 0;

/** A case row made for one test (no detection run needed): returns its id. */
export async function insertCase(
  ds: DataSource,
  over: { title?: string; district?: string | null; status?: string; kind?: string; assigneeId?: number | null; subjectId?: string } = {},
): Promise<number> {
  n++;
  const [row] = await ds.query(
    `INSERT INTO cases (case_key, kind, subject_type, subject_id, title, district, priority, status, assignee_id, due_at)
     VALUES ($1, $2, 'tender', $3, $4, $5, 3, $6, $7, now() + interval '30 days') RETURNING id`,
    [
      `test:${process.pid}:${n}:${Math.random()}`,
      over.kind ?? 'low_bid',
      over.subjectId ?? `T-CASE-${n}`,
      over.title ?? `测试案件 ${n}`,
      over.district === undefined ? '玉山镇' : over.district,
      over.status ?? 'new',
      over.assigneeId ?? null,
    ],
  );
  return Number(row.id);
}
