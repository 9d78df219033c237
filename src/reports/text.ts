/** Number formatting for the text people read (hand-rolled, as detectors/price/format.ts, so output is stable). */

/** 0.12345 → "12.35%"; null → "—". */
export function pct(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const s = (x * 100).toFixed(digits);
  return `${/^-0\.?0*$/.test(s) ? s.slice(1) : s}%`;
}

/** 0.0035 → "+0.35"; the caller adds 个百分点 / pp. */
export function pp(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const s = (x * 100).toFixed(digits);
  if (/^-?0\.?0*$/.test(s)) return (0).toFixed(digits);
  return x > 0 ? `+${s}` : s;
}

/** p-values: "< 0.001" or 3 decimals. */
export function pval(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function int(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fixed(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x.toFixed(digits);
}

/** Rounds to 8 decimals (the database keeps 下浮率 as numeric(12,8)); null stays null. */
export function r8(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const v = Math.round(x * 1e8) / 1e8;
  return Object.is(v, -0) ? 0 : v;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
