import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSeedCommand } from './cli.js';

describe('runSeedCommand', () => {
  it('writes the city and prints a Chinese-first summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bidwatch-seed-cli-'));
    try {
      const lines: string[] = [];
      const m = await runSeedCommand({ out: dir, tenders: 900, seed: 3 }, (l) => lines.push(l));
      expect(m.counts.tenders).toBe(900);
      expect(lines[0]).toMatch(/^已生成合成城市数据 synthetic city \(seed 3, 2019–2025\): 900 个标段 tenders/);
      expect(lines[1]).toMatch(/^预埋案例 planted: 异常低价 low bids 48/);
      expect(lines[2]).toContain(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
