/**
 * Small helpers shared by PERF and SITE: number and money formatting for the Chinese-first explanations, ISO-date
 * arithmetic, and score shaping. No locale and no clock, so every run prints the same text for the same data.
 * (Candidates for detectors/lib once a second family needs them.)
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 0.1234 → "12.3%". */
export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** 0.03 → "+3.0%", −0.03 → "-3.0%". */
export function signedPct(x: number, digits = 1): string {
  return `${x > 0 ? '+' : ''}${pct(x, digits)}`;
}

/** 12345678.9 → "12,345,678.90 元" (grouping by hand: toLocaleString depends on the ICU build). */
export function yuan(x: number): string {
  const [int, frac] = Math.abs(x).toFixed(2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${x < 0 ? '-' : ''}${grouped}.${frac} 元`;
}

/** Days since 1970-01-01 for a YYYY-MM-DD date (UTC, so no DST drift); null for anything else. */
export function dayNumber(iso: string | null | undefined): number | null {
  if (typeof iso !== 'string' || !ISO_DATE.test(iso)) return null;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.round(ms / DAY_MS) : null;
}

/** The ISO date n days after `iso` (which must be a valid YYYY-MM-DD). */
export function addDays(iso: string, n: number): string {
  const d = dayNumber(iso);
  if (d === null) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return new Date((d + n) * DAY_MS).toISOString().slice(0, 10);
}

/** "2024-12" → "2025-01". */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** A person hash as it may appear in an explanation: the first 8 characters only. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 8)}…`;
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * A score that starts at `base` when the value just reaches the threshold and rises linearly to 1 when the excess
 * reaches `span` (default: the threshold itself, i.e. at twice the threshold): base + (1 − base)·min(1, excess/span).
 */
export function excessScore(value: number, threshold: number, base: number, span = threshold): number {
  const excess = span > 0 ? (value - threshold) / span : 1;
  return clamp01(base + (1 - base) * clamp01(excess));
}

/** Rounds for evidence JSON (stable, readable): 4 decimals by default. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
