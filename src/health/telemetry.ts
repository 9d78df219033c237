import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds; requests of a case list are ~10 ms, an upload or a report a few seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds; a case job takes milliseconds, an import or a detection run of a province minutes. */
const JOB_BUCKETS = [0.01, 0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600];

/**
 * The process's Prometheus registry (issue 15 §5): default process metrics, HTTP requests by route pattern, and
 * jobs by name and outcome. One per process: the API has one, and each worker serves its own on
 * BIDWATCH_WORKER_METRICS_PORT, because a job's duration is known only where it ran.
 */
export class Telemetry {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpSeconds: Histogram<'method' | 'route' | 'status'>;
  private readonly jobs: Counter<'job' | 'outcome'>;
  private readonly jobSeconds: Histogram<'job' | 'outcome'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'bidwatch_' });
    const registers = [this.registry];
    this.httpRequests = new Counter({ name: 'bidwatch_http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers });
    this.httpSeconds = new Histogram({ name: 'bidwatch_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route', 'status'], buckets: HTTP_BUCKETS, registers });
    this.jobs = new Counter({ name: 'bidwatch_jobs_total', help: 'Jobs run in this process by name and outcome (succeeded, failed)', labelNames: ['job', 'outcome'], registers });
    this.jobSeconds = new Histogram({ name: 'bidwatch_job_duration_seconds', help: 'Job duration in this process', labelNames: ['job', 'outcome'], buckets: JOB_BUCKETS, registers });
  }

  /**
   * `route` is the pattern (`/api/cases/:id`), never the path itself: ids would make a series per case. Requests
   * that matched no route share one label.
   */
  observeRequest(method: string, route: string | null, status: number, seconds: number): void {
    const labels = { method, route: route ?? '(unmatched)', status: String(status) };
    this.httpRequests.inc(labels);
    this.httpSeconds.observe(labels, seconds);
  }

  readonly observeJob = (job: string, ok: boolean, seconds: number): void => {
    const labels = { job, outcome: ok ? 'succeeded' : 'failed' };
    this.jobs.inc(labels);
    this.jobSeconds.observe(labels, seconds);
  };

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
