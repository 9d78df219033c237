import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

/** Every setting is read and checked in one place (issue 15 §5): a bad value stops the start with its name. */
const base = () => ({ BIDWATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'bw-config-')) });

describe('loadConfig', () => {
  it('reads the rate limits, the listen address and the job timing', () => {
    const c = loadConfig({ ...base(), BIDWATCH_RATE_LIMIT: '120', BIDWATCH_AUTH_FAILURE_LIMIT: '5', BIDWATCH_HOST: '127.0.0.1', BIDWATCH_JOB_LOCK_MS: '3000', BIDWATCH_JOB_STALLED_MS: '1000', BIDWATCH_WORKER_METRICS_PORT: '9464' });
    expect(c.rateLimits).toEqual({ perUser: 120, authFailuresPerAddress: 5, healthPerAddress: 6000 });
    expect(c.host).toBe('127.0.0.1');
    expect(c.jobs).toEqual({ lockMs: 3000, stalledMs: 1000 });
    expect(c.workerMetricsPort).toBe(9464);
  });

  it('has defaults for all of them', () => {
    const c = loadConfig(base());
    expect(c.rateLimits.perUser).toBe(600);
    expect(c.host).toBe('0.0.0.0');
    expect(c.jobs).toEqual({ lockMs: 60_000, stalledMs: 30_000 });
    expect(c.workerMetricsPort).toBeNull();
  });

  it.each([
    ['BIDWATCH_RATE_LIMIT', 'abc'],
    ['BIDWATCH_RATE_LIMIT', '0'],
    ['BIDWATCH_RATE_LIMIT', '-5'],
    ['BIDWATCH_RATE_LIMIT', '2.5'],
    ['BIDWATCH_AUTH_FAILURE_LIMIT', 'many'],
    ['BIDWATCH_JOB_LOCK_MS', '10'],
    ['BIDWATCH_WORKER_METRICS_PORT', '70000'],
    ['BIDWATCH_LOG_FORMAT', 'xml'],
    ['PORT', 'http'],
  ])('refuses %s=%s and names it', (name, bad) => {
    expect(() => loadConfig({ ...base(), [name]: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base(), [name]: bad })).toThrow(new RegExp(`配置错误.*${name}`));
  });
});
