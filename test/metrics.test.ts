import request from 'supertest';
import { runWorker } from '../src/worker.js';
import { csv, tenderRows } from './support/fixtures.js';
import { startTestApp, waitForIdle, type TestApp } from './support/test-app.js';

/** Issue 15 §5: HTTP counts and latency by route pattern, queue depth, job durations, detection runs and flags. */
let t: TestApp;
let stopWorker: (() => Promise<void>) | null = null;
const WORKER_METRICS_PORT = 39_000 + (process.pid % 1_000);
beforeAll(async () => {
  t = await startTestApp({ worker: false });
  stopWorker = await runWorker({ ...t.config, workerMetricsPort: WORKER_METRICS_PORT, host: '127.0.0.1' }, { quiet: true });
});
afterAll(async () => {
  await stopWorker?.();
  await t?.close();
});

const auth = (name: string) => ({ Authorization: `Bearer ${t.keys[name]}` });
const scrape = async () => {
  const res = await request(t.server).get('/metrics').set(auth('admin'));
  expect(res.status).toBe(200);
  return res.text;
};
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

it('counts requests by route pattern (not by id) and times them', async () => {
  for (let i = 0; i < 3; i++) await request(t.server).get('/api/cases').set(auth('inspector'));
  await request(t.server).get('/api/cases/987654').set(auth('inspector'));
  await request(t.server).get('/api/cases/987655').set(auth('inspector'));
  const text = await scrape();
  expect(value(text, 'bidwatch_http_requests_total{method="GET",route="/api/cases",status="200"}')).toBe(3);
  expect(value(text, 'bidwatch_http_requests_total{method="GET",route="/api/cases/:id",status="404"}')).toBe(2);
  expect(text).not.toContain('987654');
  expect(value(text, 'bidwatch_http_request_duration_seconds_count{method="GET",route="/api/cases",status="200"}')).toBe(3);
  expect(value(text, 'bidwatch_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/cases",status="200"}')).toBe(3);
});

it('shows each queue by state, and the worker serves the durations of the jobs it ran', async () => {
  const res = await request(t.server).post('/api/imports?kind=bids').set(auth('importer')).set('Content-Type', 'text/csv').send(csv(tenderRows('MET-T-1', 3)));
  expect(res.status).toBe(202);
  await t.waitForJob('import', String(res.body.importId));
  const text = await scrape();
  for (const q of ['imports', 'detection', 'cases']) {
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(value(text, `bidwatch_queue_jobs{queue="${q}",state="${state}"}`)).toBeGreaterThanOrEqual(0);
    }
  }
  expect(value(text, 'bidwatch_queue_jobs{queue="imports",state="completed"}')).toBeGreaterThanOrEqual(1);
  const worker = await (await fetch(`http://127.0.0.1:${WORKER_METRICS_PORT}/metrics`)).text();
  expect(value(worker, 'bidwatch_jobs_total{job="import",outcome="succeeded"}')).toBe(1);
  expect(value(worker, 'bidwatch_job_duration_seconds_count{job="import",outcome="succeeded"}')).toBe(1);
  expect((await fetch(`http://127.0.0.1:${WORKER_METRICS_PORT}/other`)).status).toBe(404);
});

it('gives the latest detection run its duration and its flags per detector', async () => {
  await waitForIdle(t.config.queuePrefix); // the import's own detection run finishes first
  await t.db.ds.query(
    `INSERT INTO detection_runs (status, settings_hash, summary, finished_at)
     VALUES ('succeeded', 'h', '{"durationMs": 2500, "flagsByDetector": {"ALB": 7, "IDENT": 2}}', now()), ('failed', 'h', '{}', now())`,
  );
  const text = await scrape();
  expect(value(text, 'bidwatch_detection_last_duration_seconds')).toBe(2.5);
  expect(value(text, 'bidwatch_detection_flags{detector="ALB"}')).toBe(7);
  expect(value(text, 'bidwatch_detection_flags{detector="IDENT"}')).toBe(2);
  expect(value(text, 'bidwatch_detection_runs{status="failed"}')).toBeGreaterThanOrEqual(1);
  expect(value(text, 'bidwatch_detection_last_finished_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);
});
