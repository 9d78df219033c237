import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countLines, ProgressLine } from './progress-line.js';

describe('progress line', () => {
  it('counts lines, with or without a final newline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lines-'));
    writeFileSync(join(dir, 'a.csv'), 'h\n1\n2\n');
    writeFileSync(join(dir, 'b.csv'), 'h\n1\n2');
    expect(await countLines(join(dir, 'a.csv'))).toBe(3);
    expect(await countLines(join(dir, 'b.csv'))).toBe(3);
  });

  it('terminal: a bar with percent, rows and time left, redrawn in place', () => {
    const out: string[] = [];
    const p = new ProgressLine(200_000, true, (s) => void out.push(s));
    p.reading(50_000, 10_000);
    expect(out[0]?.startsWith('\r\u001b[2K  [██████░')).toBe(true);
    expect(out[0]).toContain(' 25%  50,000 / 200,000 行，10,000 行/秒，剩余约 15 秒');
    p.merging(200_000);
    expect(out.at(-1)).toContain('正在合并入库');
  });

  it('not a terminal: a plain line at most every few seconds', () => {
    const out: string[] = [];
    const p = new ProgressLine(null, false, (s) => void out.push(s), 5_000);
    p.reading(10, 5, 10_000);
    p.reading(20, 5, 12_000);
    p.reading(30, 5, 16_000);
    expect(out).toEqual(['  已读取 10 行，5 行/秒 (rows read, rows/s)\n', '  已读取 30 行，5 行/秒 (rows read, rows/s)\n']);
  });
});
