import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Category, EvaluationMethod, TenderRow } from './types.js';
import { CATEGORIES, EVALUATION_METHODS } from './types.js';

/**
 * Detector settings: one zod schema per detector with defaults (unknown keys rejected), plus overrides that apply
 * to tenders of a category and/or evaluation method — e.g. a looser ALB ratio for 合理低价法 tenders.
 *
 * A settings file (`bidwatch detect --settings file.json`):
 *   { "ALB": { "r1": 0.55, "overrides": [ { "evaluationMethod": "reasonable_low_price", "r1": 0.6 } ] } }
 */
export interface SettingsFor<S> {
  /** The detector's settings with no override applied. */
  base: S;
  /** The settings for one tender, overrides matching its category / evaluation method merged in, in file order. */
  for(tender: Pick<TenderRow, 'category' | 'evaluationMethod'>): S;
}

const overrideSelector = z.object({
  category: z.enum(CATEGORIES).optional(),
  evaluationMethod: z.enum(EVALUATION_METHODS).optional(),
});

export class SettingsError extends Error {}

/** Validates one detector's raw settings (base + overrides) against its schema and returns the resolver. */
export function resolveSettings<S extends Record<string, unknown>>(
  code: string,
  schema: z.ZodType<S>,
  raw: unknown,
): { settings: SettingsFor<S>; canonical: unknown } {
  const obj = (raw ?? {}) as Record<string, unknown>;
  if (typeof obj !== 'object' || Array.isArray(obj)) throw new SettingsError(`${code}: 设置必须是对象 (settings must be an object)`);
  const { overrides: rawOverrides, ...baseRaw } = obj;
  const base = parseOrThrow(code, schema, baseRaw);
  const overrides: { when: { category?: Category; evaluationMethod?: EvaluationMethod }; settings: S }[] = [];
  if (rawOverrides !== undefined) {
    if (!Array.isArray(rawOverrides)) throw new SettingsError(`${code}.overrides 必须是数组 (overrides must be an array)`);
    rawOverrides.forEach((o, i) => {
      const { category, evaluationMethod, ...rest } = (o ?? {}) as Record<string, unknown>;
      const when = overrideSelector.safeParse({ category, evaluationMethod });
      if (!when.success || (!category && !evaluationMethod)) {
        throw new SettingsError(`${code}.overrides[${i}] 需要 category 和/或 evaluationMethod (needs category and/or evaluationMethod)`);
      }
      overrides.push({ when: when.data, settings: parseOrThrow(`${code}.overrides[${i}]`, schema, { ...baseRaw, ...rest }) });
    });
  }
  const cache = new Map<string, S>();
  const settings: SettingsFor<S> = {
    base,
    for(t) {
      if (overrides.length === 0) return base;
      const key = `${t.category}|${t.evaluationMethod}`;
      let s = cache.get(key);
      if (!s) {
        s = base;
        for (const o of overrides) {
          if ((!o.when.category || o.when.category === t.category) && (!o.when.evaluationMethod || o.when.evaluationMethod === t.evaluationMethod)) {
            s = { ...s, ...changedKeys(base, o.settings) };
          }
        }
        cache.set(key, s);
      }
      return s;
    },
  };
  return { settings, canonical: { ...base, overrides: overrides.map((o) => ({ ...o.when, ...changedKeys(base, o.settings) })) } };
}

function changedKeys<S extends Record<string, unknown>>(base: S, s: S): Partial<S> {
  const out: Partial<S> = {};
  for (const k of Object.keys(s) as (keyof S)[]) if (JSON.stringify(s[k]) !== JSON.stringify(base[k])) out[k] = s[k];
  return out;
}

function parseOrThrow<S>(where: string, schema: z.ZodType<S>, raw: unknown): S {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${[where, ...i.path].join('.')}: ${i.message}`).join('; ');
    throw new SettingsError(`检测设置不正确 (invalid detector settings): ${msg}`);
  }
  return r.data;
}

/** Key-order-independent JSON, so equal settings always hash the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function settingsHash(canonical: unknown): string {
  return createHash('sha256').update(canonicalJson(canonical)).digest('hex').slice(0, 16);
}
