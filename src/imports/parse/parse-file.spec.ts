import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFile, type ParsedChunk } from './parse-file.js';

const HEADER =
  'tender_code,project_name,district,category,work_type,tender_method,evaluation_method,funding,control_price,open_date,' +
  'bidder_uscc,bidder_name,bid_price,bid_valid,invalid_reason,is_winner,rank,project_manager_id';

describe('parseFile chunking', () => {
  it('ends a chunk at 8 M characters as well as at 20,000 rows, so very long cells cannot swell one chunk', async () => {
    // 6,000 rows, each with three cells near the 500-character limit: about 9.3 M characters of COPY text → two
    // chunks, not one. (A row may hold a dozen such cells: 20,000 of them would be 100 M characters.)
    const long = (c: string) => c.repeat(490);
    const rows = Array.from(
      { length: 6_000 },
      (_, i) =>
        `T${String(Math.floor(i / 10)).padStart(4, '0')},${long('长')},玉山镇,municipal,construction,open,comprehensive,state,` +
        `1000000.00,2024-05-01,913205837973776809,${long('建')}${i % 10},${900000 + i}.00,false,${long('否')},false,,` +
        `32058319690127${String(i).padStart(4, '0')}`,
    );
    const path = join(mkdtempSync(join(tmpdir(), 'parse-')), 'bids.csv');
    writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
    const chunks: ParsedChunk[] = [];
    const result = await parseFile(
      { path, fileName: 'bids.csv', kind: 'bids', format: 'csv', hashKey: Buffer.from('test-key-0123456789').toString('base64') },
      async (c) => void chunks.push(c),
    );
    expect(result.rowsRead).toBe(6_000);
    const nonEmpty = chunks.filter((c) => c.stageRows > 0);
    expect(nonEmpty.length).toBe(2);
    expect(nonEmpty.reduce((n, c) => n + c.stageRows, 0)).toBe(6_000);
    expect(chunks.flatMap((c) => c.rejects)).toEqual([]);
    // The first chunk stopped at the first row that took it past 8 M characters (a row is ~1,550 characters).
    const firstChars = Buffer.from(nonEmpty[0]!.copyText).toString('utf8').length;
    expect(firstChars).toBeGreaterThanOrEqual(8_000_000);
    expect(firstChars).toBeLessThan(8_000_000 + 1_700);
  });
});
