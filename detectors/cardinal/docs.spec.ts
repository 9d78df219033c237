/**
 * Each indicator page's "Demonstration" (R0xx.md: a ```jsonl input, an ```ini settings file and a ```json output)
 * must be what the code produces, so the docs cannot drift from the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCardinalSettings } from './settings.js';
import { parseJsonLines, runCardinalIndicators } from './run.js';
import { CARDINAL_CODES } from './types.js';

const DIR = join(process.cwd(), 'detectors', 'cardinal');

function block(markdown: string, language: string): string {
  const demo = markdown.slice(markdown.indexOf('## Demonstration'));
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(demo);
  if (!match) throw new Error(`no \`\`\`${language} block in the Demonstration section`);
  return match[1]!;
}

describe('indicator docs', () => {
  it.each(CARDINAL_CODES)('%s.md demonstration matches the code', (code) => {
    const markdown = readFileSync(join(DIR, `${code}.md`), 'utf8');
    const headings = ['## Methodology', '## Why is this a red flag?', '## Output', '## Configuration', '## Exclusions'];
    for (const heading of headings) expect(markdown).toContain(heading);
    expect(markdown).toContain(`cardinal-rs \`docs/cli/indicators/R/${code.slice(1)}.md\``);
    const releases = parseJsonLines(block(markdown, 'jsonl'));
    const settings = parseCardinalSettings(block(markdown, 'ini'));
    expect(runCardinalIndicators(releases, settings)).toEqual(JSON.parse(block(markdown, 'json')));
  });
});
