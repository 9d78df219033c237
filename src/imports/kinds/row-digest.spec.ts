import { digest60, digestHex, money2 } from './row-digest.js';

describe('row digests', () => {
  it('prints money as numeric(18,2) does', () => {
    expect(money2('1234.5')).toBe('1234.50');
    expect(money2('0012')).toBe('12.00');
    expect(money2('-20000.5')).toBe('-20000.50');
    expect(money2('0')).toBe('0.00');
    expect(money2('-0.00')).toBe('0.00');
    expect(money2(null)).toBe('');
  });
  it('tells null from the empty string and keeps 60 bits', () => {
    expect(digestHex([null])).not.toBe(digestHex(['']));
    const d = BigInt(digest60(['a', 1, true]));
    expect(d >= 0n && d < 2n ** 60n).toBe(true);
    expect(digest60(['a', 1, true])).toBe(digest60(['a', '1', 'true']));
  });
});
