/**
 * PERF.md and SITE.md must keep the house sections and list every setting with the default the schema really has,
 * so the docs cannot drift from the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { siteSettingsSchema } from '../site-check/settings.js';
import { perfSettingsSchema } from './settings.js';

const HEADINGS = ['## Methodology', '## Why is this a red flag?', '## Output', '## Settings', '## Exclusions', '## Example'];

function settingsTable(markdown: string): Record<string, unknown> {
  const section = markdown.slice(markdown.indexOf('## Settings'), markdown.indexOf('## Exclusions'));
  const out: Record<string, unknown> = {};
  for (const m of section.matchAll(/^\| `(\w+)` \| `([^`]+)` \|/gm)) out[m[1]!] = JSON.parse(m[2]!);
  return out;
}

describe.each([
  ['post-award/PERF.md', perfSettingsSchema as z.ZodType<Record<string, unknown>>],
  ['site-check/SITE.md', siteSettingsSchema as z.ZodType<Record<string, unknown>>],
])('%s', (file, schema) => {
  const markdown = readFileSync(join(process.cwd(), 'detectors', file), 'utf8');

  it('has the house sections', () => {
    for (const h of HEADINGS) expect(markdown).toContain(h);
  });

  it('lists every setting with its real default', () => {
    expect(settingsTable(markdown)).toEqual(schema.parse({}));
  });
});
