import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSplit } from './split-file.js';

const file = (content: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'split-')), 'f.csv');
  writeFileSync(p, content);
  return p;
};

describe('findSplit', () => {
  it('cuts after a line break near the middle and knows its line number', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `r${i},x`).join('\n') + '\n';
    const s = await findSplit(file('h1,h2\n' + rows), 2, 0);
    expect(s).not.toBeNull();
    expect(s!.header.toString()).toBe('h1,h2\n');
    const text = 'h1,h2\n' + rows;
    expect(text[s!.points[0]!.offset - 1]).toBe('\n');
    expect(text.slice(0, s!.points[0]!.offset).split('\n').length).toBe(s!.points[0]!.line);
  });

  it('never cuts inside a quoted cell that holds line breaks', async () => {
    const quoted = '"' + 'line\n'.repeat(50) + '",y\n';
    const text = 'h1,h2\n' + 'a,b\n' + quoted + 'c,d\n';
    const s = await findSplit(file(text), 2, 0);
    expect(s!.points[0]!.offset).toBe(text.length - 'c,d\n'.length);
  });

  it('declines small files and files with no safe cut', async () => {
    expect(await findSplit(file('h\n1\n'), 2)).toBeNull();
    expect(await findSplit(file('h1,h2\n"' + 'x\n'.repeat(40)), 2, 0)).toBeNull();
  });
});
