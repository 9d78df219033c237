import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETECTORS } from './registry.js';

/** Every registered detector's methodology page. The family specs check their own pages in detail. */
const PAGES: Record<string, string> = {
  ALB: 'low-bid/ALB.md',
  WGAP: 'price/WGAP.md',
  IDENT: 'price/IDENT.md',
  REGDIFF: 'price/REGDIFF.md',
  DISQ: 'price/DISQ.md',
  A40: 'article-40/a40.md',
  SCREENS: 'screens/distribution-screens.md',
  COBID: 'rings/cobid.md',
  AVGSHAPE: 'screens/avgshape.md',
  A34: 'relations/a34.md',
  R044: 'relations/r044.md',
  TIMING: 'timing/timing.md',
  BOQSIM: 'boq/boqsim.md',
  BCONC: 'buyer/bconc.md',
  BR038: 'buyer/br038.md',
  BSINGLE: 'buyer/bsingle.md',
  BLOWBID: 'buyer/blowbid.md',
  PERF: 'post-award/PERF.md',
  SITE: 'site-check/SITE.md',
};

/** Issue-12 detectors: every section, every setting named, the version stated. */
const ISSUE_12 = ['A34', 'R044', 'TIMING', 'BOQSIM', 'BCONC', 'BR038', 'BSINGLE', 'BLOWBID'];

const root = join(process.cwd(), 'detectors');

describe('registry', () => {
  it('registers each code once, each with a page', () => {
    const codes = DETECTORS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) {
      expect(PAGES[c]).toBeDefined();
      expect(existsSync(join(root, PAGES[c] as string))).toBe(true);
    }
  });

  it.each(ISSUE_12)('%s: page sections, settings, strict schema with defaults', (code) => {
    const d = DETECTORS.find((x) => x.code === code)!;
    const text = readFileSync(join(root, PAGES[code] as string), 'utf8');
    for (const h of ['## Methodology', '## Why is this a red flag?', '## Output', '## Settings', '## Exclusions', '## Example', '## Evaluation']) {
      expect(text).toContain(h);
    }
    const defaults = d.settingsSchema.parse({}) as Record<string, unknown>;
    for (const key of Object.keys(defaults)) expect(text).toContain(`\`${key}\``);
    expect(d.settingsSchema.safeParse({ notASetting: 1 }).success).toBe(false);
    expect(d.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(d.maxFlagShare).toBeGreaterThan(0);
  });
});
