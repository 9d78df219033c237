/** Number, money, date and percentage formatting for the console (zh-CN conventions). */

const money2 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

export function num(x: unknown): number | null {
  if (x === null || x === undefined || x === '') return null;
  const n = typeof x === 'number' ? x : Number(x);
  return Number.isFinite(n) ? n : null;
}

/** ¥ with two decimals; "—" when unknown. */
export function yuan(x: unknown): string {
  const n = num(x);
  return n === null ? '—' : `¥${money2.format(n)}`;
}

/** Compact money for dense tables: 万元 above 10,000. */
export function wan(x: unknown): string {
  const n = num(x);
  if (n === null) return '—';
  return Math.abs(n) >= 10_000 ? `${money2.format(n / 10_000)} 万` : money2.format(n);
}

/** A fraction as a percentage: 0.1234 → "12.34%". */
export function pct(x: unknown, digits = 2): string {
  const n = num(x);
  return n === null ? '—' : `${(n * 100).toFixed(digits)}%`;
}

export function count(x: unknown): string {
  const n = num(x);
  return n === null ? '—' : int.format(n);
}

export function decimal(x: unknown, digits = 2): string {
  const n = num(x);
  if (n === null) return '—';
  return Number.isInteger(n) ? int.format(n) : n.toFixed(digits);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date "2025-09-01". */
export function day(x: unknown): string {
  if (!x) return '—';
  const d = new Date(String(x));
  if (Number.isNaN(d.getTime())) return String(x);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local date and time "2025-09-01 14:03". */
export function dateTime(x: unknown): string {
  if (!x) return '—';
  const d = new Date(String(x));
  if (Number.isNaN(d.getTime())) return String(x);
  return `${day(d.toISOString())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole days from now until x (negative = past). */
export function daysUntil(x: unknown): number | null {
  if (!x) return null;
  const t = new Date(String(x)).getTime();
  if (Number.isNaN(t)) return null;
  return Math.ceil((t - Date.now()) / 86_400_000);
}

/** A person's keyed hash shown only as its first 8 characters. */
export function ref(hash: unknown): string {
  const s = String(hash ?? '');
  return s.length > 8 ? `${s.slice(0, 8)}…` : s || '—';
}

export const HASH = /^[0-9a-f]{32,}$/i;

/** Short firm label for charts: drops the usual legal-form suffixes. */
export function shortFirm(name: string | null | undefined, uscc?: string): string {
  const n = (name ?? '').replace(/(股份)?有限(责任)?公司$/, '').replace(/^(江苏省?|昆山市?|苏州市?)/, '');
  return n || uscc || '—';
}
