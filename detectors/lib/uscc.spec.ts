import { isValidUscc, usccCheckChar, usccProblem } from './uscc.js';

describe('USCC check digit (GB 32100-2015)', () => {
  it('accepts the sample code, checked by hand', () => {
    // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 weighted by 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
    // 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccProblem('91350100M000100Y43')).toBeNull();
  });

  it('computes the check char by hand: 17 zeros -> 0', () => {
    // Σ = 0, 31 − 0 = 31 → written as 0.
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });

  it('computes the check char by hand: "10000000000000000" -> Y', () => {
    // value(1)·W1 = 1; 31 − 1 = 30 → alphabet[30] = 'Y'.
    expect(usccCheckChar('10000000000000000')).toBe('Y');
  });

  it('rejects a wrong check digit, a bad letter and a wrong length', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check_digit');
    expect(usccProblem('91350100M000100I43')).toBe('alphabet');
    expect(usccProblem('91350100M000100')).toBe('length');
    expect(isValidUscc('')).toBe(false);
  });
});
