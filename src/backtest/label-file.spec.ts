import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabelFileError, parseLabelFile } from './label-file.js';

const file = (text: string) => {
  const p = join(mkdtempSync(join(tmpdir(), 'labels-')), 'l.csv');
  writeFileSync(p, text);
  return p;
};

describe('parseLabelFile', () => {
  it('reads tenders and firms, any of the accepted spellings, a BOM, and names bad rows by line', () => {
    const r = parseLabelFile(file('\uFEFFTender_Code,bidder_uscc,label\nT1,,1\nT2,,否\n,F1,confirmed\nT3,,?\n,,1\nT1,,0\n'));
    expect([...r.labels.tenders]).toEqual([['T1', true], ['T2', false]]);
    expect([...r.labels.firms]).toEqual([['F1', true]]);
    expect(r.errors.map((e) => e.line)).toEqual([5, 6]);
  });

  it('refuses a file with no usable header, or one that cannot be read', () => {
    expect(() => parseLabelFile(file('code,label\nT1,1\n'))).toThrow(LabelFileError);
    expect(() => parseLabelFile('/nonexistent/l.csv')).toThrow(/无法读取标签文件/);
  });
});
