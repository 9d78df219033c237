import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../src/backtest/shared-data.js';
import { runCli } from './support/run-cli.js';
import { tmpFile } from './support/fixtures.js';

const FIXTURES = sharedPath('data', 'cardinal-fixtures');

/** cardinal-rs's harness: the fixture's name enables its indicator; NPC/EXC are the global test settings. */
function settingsFor(name: string): string {
  const [code, ...rest] = name.split('-');
  const lines = ['no_price_comparison_procurement_methods = "NPC"', '', '[exclusions]', 'procurement_method_details = "EXC"', '', `[${code}]`];
  if (rest[0] === 'threshold' && rest[1]) lines.push(`threshold = ${rest[1]}`);
  return lines.join('\n') + '\n';
}

describe('bidwatch indicators (cardinal-rs parity)', () => {
  it('finds the shared fixtures', () => {
    if (!existsSync(FIXTURES)) throw new Error(`cardinal fixtures not found at ${FIXTURES} (../shared/data/cardinal-fixtures)`);
    expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThanOrEqual(4);
  });

  const names = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, '')) : [];
  it.each(names)('%s matches cardinal-rs exactly', async (name) => {
    const settings = tmpFile(`${name}.ini`, settingsFor(name));
    const r = await runCli('indicators', join(FIXTURES, `${name}.jsonl`), '--settings', settings);
    expect(r.status).toBe(0);
    const expected = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected`), 'utf8'));
    expect(JSON.parse(r.stdout)).toEqual(expected);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on unreadable input and on bad settings', async () => {
    expect((await runCli('indicators', '/nonexistent.jsonl')).status).toBe(2);
    const bad = tmpFile('bad.jsonl', '{"ocid": "x"}\nnot json\n');
    const r = await runCli('indicators', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('line 2');
    const ini = tmpFile('bad.ini', '[R024]\nthreshold = abc\n');
    expect((await runCli('indicators', join(FIXTURES, 'R024.jsonl'), '--settings', ini)).status).toBe(2);
  });
});
