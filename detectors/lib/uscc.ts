/**
 * 统一社会信用代码 (Unified Social Credit Code) check, GB 32100-2015.
 *
 * 18 characters from the 31-symbol alphabet 0-9 A-H J-N P-R T U W-Y (no I, O, Z, S, V).
 * Check digit (18th): C18 = 31 − (Σ_{i=1..17} value(c_i) · W_i mod 31), with 31 written as 0, where
 * W_i = 3^(i−1) mod 31 = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const VALUE = new Map([...USCC_ALPHABET].map((c, i) => [c, i]));

/** The check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VALUE.get(first17[i]!);
    if (v === undefined) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c]!;
}

export type UsccProblem = 'length' | 'alphabet' | 'check_digit';

/** Why a code is not a valid USCC, or null when it is. Input is expected upper-cased and trimmed. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!VALUE.has(ch)) return 'alphabet';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check_digit';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}
