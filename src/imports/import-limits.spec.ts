import { IMPORT_LIMITS, stopReading } from './import-limits.js';

describe('when an import stops reading', () => {
  it('goes on while the share of bad rows is below the limit or too few rows were read', () => {
    expect(stopReading('bids', 999, 999)).toBeNull();
    expect(stopReading('bids', 10_000, 8_999)).toBeNull();
    expect(stopReading('bids', 0, 0)).toBeNull();
  });
  it('stops once 90 % of at least 1,000 rows are rejected, saying the file is not bid data', () => {
    const m = stopReading('bids', 1_000, 900)!;
    expect(m).toContain('文件似乎不是投标数据');
    expect(m).toContain('does not look like bid records');
    expect(m).toContain('900');
    expect(stopReading('attendance', 5_000, 5_000)).toContain('文件似乎不是考勤数据');
  });
  it('stops at the rejected-row ceiling whatever the share', () => {
    expect(stopReading('contracts', 10_000_000, IMPORT_LIMITS.maxRejectedRows)).toContain('上限 50000');
    expect(stopReading('contracts', 10_000_000, IMPORT_LIMITS.maxRejectedRows - 1)).toBeNull();
  });
});
