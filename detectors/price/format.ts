/**
 * Number formatting for flag explanations: money with thousands separators and 2 decimals, rates as percentages
 * with 2 decimals. Hand-rolled rather than Intl so the text is the same on every Node build (ICU data varies).
 */

/** 4100000 → "4,100,000.00"; −1234.5 → "-1,234.50". */
export function money(x: number): string {
  const fixed = Math.abs(x).toFixed(2);
  const [whole, cents] = fixed.split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${x < 0 && fixed !== '0.00' ? '-' : ''}${grouped}.${cents}`;
}

/** 0.1234 → "12.34%". */
export function pct(x: number): string {
  const s = (x * 100).toFixed(2);
  return `${s === '-0.00' ? '0.00' : s}%`;
}

/** A plain decimal with 2 places, for z-scores and the like. */
export function fixed2(x: number): string {
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** The stable subject id of a bid. */
export function bidId(tenderCode: string, bidderUscc: string): string {
  return `${tenderCode}/${bidderUscc}`;
}

/** Clamp to [0, 1]; NaN becomes 0. */
export function unit(x: number): number {
  return x > 1 ? 1 : x > 0 ? x : 0;
}

/** Byte-order string comparison, for deterministic sorting independent of locale. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
