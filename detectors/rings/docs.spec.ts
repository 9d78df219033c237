import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { a40SettingsSchema } from '../article-40/a40.js';
import { avgshapeSettingsSchema } from '../screens/avgshape.js';
import { screensSettingsSchema } from '../screens/distribution-screens.js';
import { cobidSettingsSchema } from './cobid.js';
import { COLLUSION_DETECTORS } from './collusion-detectors.js';

const root = join(process.cwd(), 'detectors');
const DOCS: Array<[string, string, { shape: Record<string, unknown> } | null]> = [
  ['A40', 'article-40/a40.md', a40SettingsSchema],
  ['SCREENS', 'screens/distribution-screens.md', null],
  ['AVGSHAPE', 'screens/avgshape.md', avgshapeSettingsSchema],
  ['COBID', 'rings/cobid.md', cobidSettingsSchema],
  ['scores', 'rings/scores.md', null],
];

describe('collusion detector docs', () => {
  it.each(DOCS)('%s has the sections and names every setting', (_code, file, schema) => {
    const text = readFileSync(join(root, file), 'utf8');
    for (const h of ['## Methodology', '## Why', '## Output', '## Settings', '## Exclusions', '## Example', '## Evaluation']) {
      expect(text).toContain(h);
    }
    for (const key of Object.keys(schema?.shape ?? {})) expect(text).toContain(`\`${key}\``);
  });

  it('SCREENS docs name every setting', () => {
    const text = readFileSync(join(root, 'screens/distribution-screens.md'), 'utf8');
    const defaults = screensSettingsSchema.parse({});
    for (const key of Object.keys(defaults)) expect(text).toContain(`\`${key}\``);
  });

  it('detectors: codes, versions, families, defaults parse, run order', () => {
    expect(COLLUSION_DETECTORS.map((d) => d.code)).toEqual(['A40', 'SCREENS', 'COBID', 'AVGSHAPE']);
    for (const d of COLLUSION_DETECTORS) {
      expect(d.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(d.family).toBe('collusion');
      expect(d.settingsSchema.safeParse({}).success).toBe(true);
      expect(d.settingsSchema.safeParse({ notASetting: 1 }).success).toBe(false);
      expect(d.maxFlagShare).toBeGreaterThan(0);
    }
  });
});
