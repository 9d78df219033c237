import { z } from 'zod';
import { usccProblem } from '../../detectors/lib/uscc.js';

/**
 * zod field parsers for import rows. Each takes the raw cell text (undefined when the column is absent) and yields
 * the normalised value, or an issue whose message a data clerk understands (Chinese first, English beside).
 */
type Cell = string | undefined;

const show = (v: string): string => `“${v.length > 40 ? v.slice(0, 40) + '…' : v}”`;

export const MSG = {
  required: '必填项为空 (required value missing)',
  money: (v: string) => `金额格式不正确：${show(v)}，应为以元为单位、最多两位小数的数字，如 12345678.90 (amount in yuan, at most 2 decimals)`,
  positive: (v: string) => `金额必须大于 0：${show(v)} (must be greater than 0)`,
  date: (v: string) => `日期格式不正确：${show(v)}，应为 YYYY-MM-DD，如 2024-03-15 (date must be YYYY-MM-DD)`,
  dateRange: (v: string, maxYear: number) => `日期不合理：${show(v)}，应在 1990-01-01 至 ${maxYear}-12-31 之间 (date out of range)`,
  bool: (v: string) => `无法识别的是/否值：${show(v)}，应为 true/false、1/0 或 是/否 (boolean expected)`,
  int: (v: string) => `应为非负整数：${show(v)} (whole number expected)`,
  enumValue: (v: string, allowed: string) => `取值${show(v)}不在允许范围内，应为 ${allowed} (not an allowed value)`,
  usccLength: (v: string) => `统一社会信用代码应为 18 位：${show(v)} (USCC must have 18 characters)`,
  usccAlphabet: (v: string) => `统一社会信用代码含不允许的字符（不使用 I、O、Z、S、V）：${show(v)} (USCC has characters outside its alphabet)`,
  usccCheck: (v: string) => `统一社会信用代码校验位错误（GB 32100-2015）：${show(v)} (USCC check digit is wrong)`,
  tooLong: (max: number) => `内容过长，最多 ${max} 个字符 (too long, max ${max} characters)`,
  timestamp: (v: string) => `时间格式不正确：${show(v)}，应为 YYYY-MM-DD HH:MM:SS（北京时间），如 2024-03-15 09:30:00 (time must be YYYY-MM-DD HH:MM:SS, Asia/Shanghai)`,
  decimal: (v: string, max: number) => `数值格式不正确：${show(v)}，应为最多 ${max} 位小数的数字 (decimal number expected, at most ${max} decimals)`,
  negative: (v: string) => `数值不能为负：${show(v)} (must not be negative)`,
  percent: (v: string) => `持股比例应在 0 至 100 之间：${show(v)} (share must lie between 0 and 100)`,
  phone: (v: string) => `电话号码格式不正确：${show(v)}，应为 5–20 位数字（可含空格、短横线、+86）(phone number expected)`,
} as const;

const MAX_TEXT = 500;

function clean(v: Cell): string {
  return v === undefined ? '' : v.trim();
}

export const requiredText = (max = MAX_TEXT) =>
  z.custom<Cell>().transform((v, ctx): string => {
    const t = clean(v);
    if (!t) ctx.addIssue({ code: 'custom', message: MSG.required });
    else if (t.length > max) ctx.addIssue({ code: 'custom', message: MSG.tooLong(max) });
    return t;
  });

export const optionalText = (max = MAX_TEXT) =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (t.length > max) ctx.addIssue({ code: 'custom', message: MSG.tooLong(max) });
    return t || null;
  });

const MONEY_RE = /^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d{1,2})?$/;

/** Yuan as an exact decimal string (never a float): "1,234.5" → "1234.5". Thousands separators from Excel are accepted. */
function parseMoney(t: string): string | null {
  if (!MONEY_RE.test(t)) return null;
  return t.includes(',') ? t.replaceAll(',', '') : t;
}

export const money = (opts: { required: boolean; positive: boolean }) =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (!t) {
      if (opts.required) ctx.addIssue({ code: 'custom', message: MSG.required });
      return null;
    }
    const m = parseMoney(t);
    if (m === null) {
      ctx.addIssue({ code: 'custom', message: MSG.money(t) });
      return null;
    }
    if (opts.positive && !(Number(m) > 0)) ctx.addIssue({ code: 'custom', message: MSG.positive(t) });
    return m;
  });

const DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const MIN_YEAR = 1990;

/** 'YYYY-MM-DD'; Excel's 'YYYY/M/D' is accepted and normalised. Calendar-checked; years 1990 … now + yearsAhead. */
export function parseDate(t: string, yearsAhead = 1): string | 'format' | 'range' {
  const m = DATE_RE.exec(t);
  if (!m) return 'format';
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return 'format';
  if (y < MIN_YEAR || y > new Date().getUTCFullYear() + yearsAhead) return 'range';
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date cell; `yearsAhead` bounds how far in the future it may lie (planned dates lie further ahead). */
export const date = (opts: { required: boolean; yearsAhead?: number }) =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (!t) {
      if (opts.required) ctx.addIssue({ code: 'custom', message: MSG.required });
      return null;
    }
    const ahead = opts.yearsAhead ?? 1;
    const r = parseDate(t, ahead);
    if (r === 'format' || r === 'range') {
      const maxYear = new Date().getUTCFullYear() + ahead;
      ctx.addIssue({ code: 'custom', message: r === 'format' ? MSG.date(t) : MSG.dateRange(t, maxYear) });
      return null;
    }
    return r;
  });

const TRUE = new Set(['true', '1', '是', 'yes', 'y', 't']);
const FALSE = new Set(['false', '0', '否', 'no', 'n', 'f']);

export const bool = (opts: { required: boolean }) =>
  z.custom<Cell>().transform((v, ctx): boolean | null => {
    const t = clean(v).toLowerCase();
    if (!t) {
      if (opts.required) ctx.addIssue({ code: 'custom', message: MSG.required });
      return null;
    }
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    ctx.addIssue({ code: 'custom', message: MSG.bool(clean(v)) });
    return null;
  });

export const wholeNumber = () =>
  z.custom<Cell>().transform((v, ctx): number | null => {
    const t = clean(v);
    if (!t) return null;
    if (!/^\d{1,9}$/.test(t)) {
      ctx.addIssue({ code: 'custom', message: MSG.int(t) });
      return null;
    }
    return Number(t);
  });

/** An enum cell: the contract's code, or the Chinese name the contract gives beside it. */
export const enumOf = <T extends string>(labels: Record<T, string>, opts: { required: boolean }) => {
  const lookup = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    lookup.set(code.toLowerCase(), code);
    for (const l of label.split('/')) lookup.set(l.trim(), code);
  }
  const allowed = (Object.entries(labels) as [T, string][]).map(([c, l]) => `${c}（${l}）`).join('、');
  return z.custom<Cell>().transform((v, ctx): T | null => {
    const t = clean(v);
    if (!t) {
      if (opts.required) ctx.addIssue({ code: 'custom', message: MSG.required });
      return null;
    }
    const code = lookup.get(t.toLowerCase()) ?? lookup.get(t);
    if (!code) {
      ctx.addIssue({ code: 'custom', message: MSG.enumValue(t, allowed) });
      return null;
    }
    return code;
  });
};

const TIMESTAMP_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * 'YYYY-MM-DD HH:MM:SS' read as Asia/Shanghai local time (UTC+8 all year: no daylight saving since 1991), as epoch
 * milliseconds. Excel's 'YYYY/M/D H:MM' (seconds dropped) and an ISO 'T' are accepted. Calendar- and clock-checked;
 * years as for dates.
 */
export function parseShanghaiTime(t: string, yearsAhead = 1): number | 'format' | 'range' {
  const m = TIMESTAMP_RE.exec(t);
  if (!m) return 'format';
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || sec > 59) return 'format';
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return 'format';
  if (y < MIN_YEAR || y > new Date().getUTCFullYear() + yearsAhead) return 'range';
  return Date.UTC(y, mo - 1, d, h, mi, sec) - 8 * 3_600_000;
}

/** The stage's text for an instant: ISO 8601 with the +08:00 offset, exact to the second (timestamptz reads it). */
export function shanghaiIso(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

/** A local-time cell (upload_time, file_created_at): yields the ISO text with +08:00, or null when empty. */
export const timestamp = () =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (!t) return null;
    const r = parseShanghaiTime(t);
    if (r === 'format' || r === 'range') {
      ctx.addIssue({ code: 'custom', message: MSG.timestamp(t) });
      return null;
    }
    return shanghaiIso(r);
  });

const DECIMAL_RE = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * A non-negative decimal (工程量, 持股比例) with at most `scale` decimals, as exact canonical text (no float):
 * thousands separators dropped, leading zeros and trailing fractional zeros trimmed ("001.500" → "1.5").
 */
export function canonDecimal(t: string): string {
  const plain = t.replaceAll(',', '');
  const [i = '0', f = ''] = plain.split('.');
  const int = i.replace(/^0+(?=\d)/, '');
  const frac = f.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

export const decimal = (opts: { required: boolean; scale: number; max?: number }) =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (!t) {
      if (opts.required) ctx.addIssue({ code: 'custom', message: MSG.required });
      return null;
    }
    if (t.startsWith('-') && DECIMAL_RE.test(t.slice(1))) {
      ctx.addIssue({ code: 'custom', message: opts.max === 100 ? MSG.percent(t) : MSG.negative(t) });
      return null;
    }
    const frac = t.split('.')[1] ?? '';
    if (!DECIMAL_RE.test(t) || frac.replace(/0+$/, '').length > opts.scale) {
      ctx.addIssue({ code: 'custom', message: MSG.decimal(t, opts.scale) });
      return null;
    }
    const c = canonDecimal(t);
    if (opts.max !== undefined && Number(c) > opts.max) {
      ctx.addIssue({ code: 'custom', message: opts.max === 100 ? MSG.percent(t) : MSG.decimal(t, opts.scale) });
      return null;
    }
    return c;
  });

/** Money that may be zero but never negative (综合单价). */
export const nonNegativeMoney = (opts: { required: boolean }) =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (!t) {
      if (opts.required) ctx.addIssue({ code: 'custom', message: MSG.required });
      return null;
    }
    const m = parseMoney(t);
    if (m === null) {
      ctx.addIssue({ code: 'custom', message: MSG.money(t) });
      return null;
    }
    if (Number(m) < 0) {
      ctx.addIssue({ code: 'custom', message: MSG.negative(t) });
      return null;
    }
    return m;
  });

/**
 * A phone number, normalised so one number matches across files (spaces, dashes, brackets and a +86 / 0086
 * country prefix dropped). Personal data: hashed by the caller, never stored.
 */
export const phone = () =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (!t) return null;
    const digits = t.replace(/[\s\-()（）]+/g, '').replace(/^(?:\+86|0086)/, '');
    if (!/^\d{5,20}$/.test(digits)) {
      ctx.addIssue({ code: 'custom', message: MSG.phone(t) });
      return null;
    }
    return digits;
  });

/** A registered address as compared across firms: NFKC (full-width forms to half-width), no whitespace. */
export function normaliseAddress(v: string): string {
  return v.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export const address = (max = MAX_TEXT) =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v);
    if (!t) return null;
    if (t.length > max) {
      ctx.addIssue({ code: 'custom', message: MSG.tooLong(max) });
      return null;
    }
    return normaliseAddress(t) || null;
  });

function usccIssue(t: string): string | null {
  const p = usccProblem(t);
  if (p === 'length') return MSG.usccLength(t);
  if (p === 'alphabet') return MSG.usccAlphabet(t);
  if (p === 'check_digit') return MSG.usccCheck(t);
  return null;
}

/** An optional USCC (招标人, 招标代理机构, a related firm): empty = not known; when given, checked as a bidder's is. */
export const optionalUscc = () =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v).toUpperCase();
    if (!t) return null;
    const issue = usccIssue(t);
    if (issue) ctx.addIssue({ code: 'custom', message: issue });
    return t;
  });

export const uscc = () =>
  z.custom<Cell>().transform((v, ctx): string => {
    const t = clean(v).toUpperCase();
    if (!t) {
      ctx.addIssue({ code: 'custom', message: MSG.required });
      return t;
    }
    const p = usccProblem(t);
    if (p === 'length') ctx.addIssue({ code: 'custom', message: MSG.usccLength(t) });
    else if (p === 'alphabet') ctx.addIssue({ code: 'custom', message: MSG.usccAlphabet(t) });
    else if (p === 'check_digit') ctx.addIssue({ code: 'custom', message: MSG.usccCheck(t) });
    return t;
  });

/**
 * A personal identifier (身份证号, 注册证书编号, bank account), normalised so the same person matches across files
 * (spaces and dashes dropped, letters upper-cased: 身份证 'x' and 'X' are the same). Hashed by the caller, never stored.
 */
export const personId = (opts: { required: boolean }) =>
  z.custom<Cell>().transform((v, ctx): string | null => {
    const t = clean(v).replace(/[\s-]+/g, '').toUpperCase();
    if (!t) {
      if (opts.required) ctx.addIssue({ code: 'custom', message: MSG.required });
      return null;
    }
    if (t.length > 64) ctx.addIssue({ code: 'custom', message: MSG.tooLong(64) });
    return t;
  });

/** Fingerprints compare across bidders, so spelling variants of one MAC must compare equal. */
export const macAddress = () =>
  z.custom<Cell>().transform((v): string | null => {
    const t = clean(v).toUpperCase();
    if (!t) return null;
    const hex = t.replace(/[^0-9A-F]/g, '');
    return hex.length === 12 ? hex.match(/../g)!.join(':') : t;
  });

export const fingerprint = () =>
  z.custom<Cell>().transform((v): string | null => {
    const t = clean(v);
    return t ? t.toUpperCase() : null;
  });
