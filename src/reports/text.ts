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

/** "p < 0.001" or "p = 0.028": the relation and the value together, so no sentence reads "p = < 0.001". */
export function pvalEq(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'p = —';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
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

/** The bureau's clock: China keeps one zone (UTC+8, no daylight saving), named here so the intent is plain. */
const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** 2026-12-03T17:54:41Z → "2026-12-04T01:54:41+08:00" (still ISO 8601, in Asia/Shanghai). */
export function shanghaiIso(at: Date): string {
  const p = Object.fromEntries(SHANGHAI.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`;
}

/** An ISO time as people read it in the bureau: "2026-12-04 01:54（北京时间 UTC+8）". */
export function shanghaiDisplay(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const s = shanghaiIso(at);
  return `${s.slice(0, 10)} ${s.slice(11, 16)}（北京时间 UTC+8）`;
}
