import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRICE_DETECTORS } from './index.js';

const DIR = join(process.cwd(), 'detectors');
const PAGES: Record<string, string> = {
  ALB: 'low-bid/ALB.md',
  WGAP: 'price/WGAP.md',
  IDENT: 'price/IDENT.md',
  REGDIFF: 'price/REGDIFF.md',
  DISQ: 'price/DISQ.md',
};

describe('price detector pages', () => {
  it.each(Object.entries(PAGES))('%s has the six sections and documents every setting', (code, page) => {
    const text = readFileSync(join(DIR, page), 'utf8');
    for (const h of ['## Methodology', '## Why is this a red flag?', '## Output', '## Settings', '## Exclusions', '## Example']) {
      expect(text).toContain(h);
    }
    const d = PRICE_DETECTORS.find((x) => x.code === code)!;
    const defaults = d.settingsSchema.parse({}) as Record<string, unknown>;
    for (const key of Object.keys(defaults)) expect(text).toContain(`\`${key}\``);
  });

  it('registers codes once, with a semver version stated on its page, family price, strict settings with defaults', () => {
    expect(PRICE_DETECTORS.map((d) => d.code)).toEqual(['ALB', 'WGAP', 'IDENT', 'REGDIFF', 'DISQ']);
    for (const d of PRICE_DETECTORS) {
      expect(d.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(d.family).toBe('price');
      expect(d.maxFlagShare).toBeGreaterThan(0);
      expect(d.settingsSchema.safeParse({ nope: 1 }).success).toBe(false);
    }
  });
});
