/** Money is kept as integer fen (cents) inside the generator, so sums and equality are exact. */

/** `12345678.90` — the import contract's decimal string, always two decimals. */
export function yuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

export function toCents(yuanAmount: number): number {
  return Math.round(yuanAmount * 100);
}

/** Round a cent amount to a multiple of `stepCents` (e.g. 100 = whole yuan). */
export function roundTo(cents: number, stepCents: number): number {
  return Math.round(cents / stepCents) * stepCents;
}
