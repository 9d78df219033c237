import { stringify } from 'csv-stringify/sync';
import { csvLine } from './csv-sink.js';

describe('csvLine', () => {
  it('formats exactly as csv-stringify does, quoting only commas, quotes and line breaks', () => {
    const rows = [
      ['E3205832019000000101', '昆山市玉山镇锦华苑二期住宅工程施工', '', '12345678.90', 'true'],
      ['a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', '全角，逗号'],
      ['', '', ''],
    ];
    for (const r of rows) expect(csvLine(r)).toBe(stringify([r]));
  });
});
