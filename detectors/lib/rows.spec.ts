import { bidRow } from './rows.js';

describe('bidRow', () => {
  it('fills what the caller does not know and derives 下浮率 from a control price', () => {
    const b = bidRow({ tenderCode: 'T', bidderUscc: 'U', price: 900 }, 1000);
    expect(b).toMatchObject({ bidderName: 'U', valid: true, isWinner: false, rank: null, fileMac: null });
    expect(b.discount).toBeCloseTo(0.1, 12);
    expect(bidRow({ tenderCode: 'T', bidderUscc: 'U', price: 900, valid: false }).discount).toBeNull();
    expect(bidRow({ tenderCode: 'T', bidderUscc: 'U', price: 900, valid: false }).valid).toBe(false);
  });
});
