/**
 * Fixture parity: each `NAME.jsonl` runs with the settings cardinal-rs's test harness derives from NAME (build.rs:
 * `R024` → `[R024]`; `R035-threshold-2` → `[R035] threshold = 2`; `+` stands for `|`), plus the harness's global
 * settings `no_price_comparison_procurement_methods = NPC` and `[exclusions] procurement_method_details = EXC`;
 * the result must deep-equal `NAME.expected` (key order is irrelevant).
 *
 * 1. The peer's own fixtures, shared in ../shared/data/cardinal-fixtures/ (R018, R024, R028, R058; MIT,
 *    © Open Contracting Partnership). They are not copied into this repository: if the folder is missing, the
 *    test fails and says where it looked (set BIDWATCH_SHARED_DIR to point elsewhere).
 * 2. bidwatch's own fixtures for R035, R036 and R038 in ./fixtures/, hand-computed in ./fixtures/README.md.
 *
 * Specs may read files; the detectors themselves may not.
 */
import { sharedPath } from '../../src/backtest/shared-data.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCardinalIndicators, parseJsonLines } from './run.js';
import { validateCardinalSettings } from './settings.js';
import type { CardinalSettings } from './types.js';

const SHARED_DIR = sharedPath();
const SHARED_FIXTURES = join(SHARED_DIR, 'data', 'cardinal-fixtures');
const OWN_FIXTURES = join(process.cwd(), 'detectors', 'cardinal', 'fixtures');
const SHARED_NAMES = ['R018', 'R024', 'R028', 'R058'];

/** Settings from a fixture name, as cardinal's build.rs does, plus the harness's two global settings. */
export function settingsFromFixtureName(name: string): CardinalSettings {
  const [code, ...rest] = name.replace(/\+/g, '|').split('-');
  let section: Record<string, unknown> = {};
  if (rest.length === 2) {
    const [field, value] = rest as [string, string];
    section = { [field]: /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value };
  } else if (rest.length !== 0) {
    throw new Error(`fixture name ${name}: only CODE or CODE-field-value is supported`);
  }
  return validateCardinalSettings({
    [code!]: section,
    no_price_comparison_procurement_methods: 'NPC',
    exclusions: { procurement_method_details: 'EXC' },
  });
}

function runFixture(dir: string, name: string): { actual: unknown; expected: unknown } {
  const releases = parseJsonLines(readFileSync(join(dir, `${name}.jsonl`), 'utf8'));
  const expected: unknown = JSON.parse(readFileSync(join(dir, `${name}.expected`), 'utf8'));
  return { actual: runCardinalIndicators(releases, settingsFromFixtureName(name)), expected };
}

describe('cardinal-rs fixture parity (shared fixtures)', () => {
  it('finds the shared fixture folder', () => {
    if (!existsSync(SHARED_FIXTURES)) {
      throw new Error(
        `cardinal fixtures not found at ${SHARED_FIXTURES}: the parity test needs the shared data folder ` +
          '(../shared/data/cardinal-fixtures, or set BIDWATCH_SHARED_DIR to the folder that holds data/)',
      );
    }
    const missing = SHARED_NAMES.flatMap((n) => [`${n}.jsonl`, `${n}.expected`]).filter(
      (f) => !existsSync(join(SHARED_FIXTURES, f)),
    );
    expect(missing).toEqual([]);
  });

  it.each(SHARED_NAMES)('%s matches cardinal-rs', (name) => {
    if (!existsSync(join(SHARED_FIXTURES, `${name}.jsonl`))) {
      throw new Error(`missing ${join(SHARED_FIXTURES, `${name}.jsonl`)} (see the test above)`);
    }
    const { actual, expected } = runFixture(SHARED_FIXTURES, name);
    expect(actual).toEqual(expected);
  });
});

describe('bidwatch fixtures for R035, R036, R038 (hand-computed)', () => {
  const names = readdirSync(OWN_FIXTURES)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.slice(0, -'.jsonl'.length))
    .sort();

  it('has the fixtures', () => {
    expect(names).toEqual(
      expect.arrayContaining(['R035', 'R035-threshold-2', 'R036', 'R038', 'R038-threshold-0.5']),
    );
  });

  it.each(names)('%s', (name) => {
    const { actual, expected } = runFixture(OWN_FIXTURES, name);
    expect(actual).toEqual(expected);
  });
});

describe('settingsFromFixtureName', () => {
  it('follows cardinal build.rs', () => {
    expect(settingsFromFixtureName('R024')).toEqual({
      R024: {},
      no_price_comparison_procurement_methods: 'NPC',
      exclusions: { procurement_method_details: 'EXC' },
    });
    expect(settingsFromFixtureName('R035-threshold-2').R035).toEqual({ threshold: 2 });
    expect(settingsFromFixtureName('R018-procurement_methods-open+limited').R018).toEqual({
      procurement_methods: 'open|limited',
    });
  });
});
