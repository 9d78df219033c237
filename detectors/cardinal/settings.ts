/**
 * cardinal-rs settings: its INI file (docs/topics/settings.md, docs/cli/indicators/index.md "Configuration" and
 * "Global configuration", each indicator page's "Configuration"; key names from src/indicators/mod.rs `Settings`
 * and the file written by `ocdscardinal init`, src/lib.rs).
 *
 * ```ini
 * currency = USD                                        ; top of the file, before any section
 * no_price_comparison_procurement_methods = Random Selection|Sorteo de Obras
 * price_comparison_procurement_methods = Reverse Auction
 *
 * [exclusions]
 * procurement_method_details = Random Selection
 *
 * [R018]
 * procurement_methods = open|selective
 * [R024]
 * threshold = 0.05
 * [R028]
 * [R035]
 * threshold = 1
 * [R036]
 * [R038]
 * threshold = 0.5
 * minimum_submitted_bids = 2
 * minimum_contracting_processes = 2
 * [R058]
 * threshold = 0.5
 * ```
 *
 * An indicator runs only if its section is present, even empty (cardinal: `if settings.R0xx.is_some()`;
 * "To enable an indicator, start a section with its code"); comment the section out to disable it.
 *
 * Format: `key = value` (or `key: value`); `;` or `#` starts a comment line; a `;` or `#` after whitespace starts
 * an inline comment (cardinal's own docs write `threshold = 1 # default`); a value may be quoted ("NPC" or 'NPC'),
 * and `\;` `\#` `\\` escape. Keys and sections are checked as cardinal does (`deny_unknown_fields`): an unknown
 * key or section is an error. Sections of cardinal features that bidwatch does not implement (R003, R025, R030,
 * R044, R048, R055, and the `prepare` command's [defaults], [redactions], [corrections], [modifications],
 * [codelists.*]) are accepted and reported in `unsupportedSections`, so a file from `ocdscardinal init` loads.
 * A repeated section or key is an error (cardinal silently keeps the last one).
 */
import { z } from 'zod';
import type { CardinalSettings } from './types.js';

export class CardinalSettingsError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `settings line ${line}: ${message}`);
    this.name = 'CardinalSettingsError';
  }
}

// --- Typed settings (programmatic callers, and the last step of INI parsing) ---

const pipeList = z.string();
const ratio = z.number(); // zod 4 numbers are finite
const natural = z.number().int().nonnegative();
const empty = z.strictObject({});

/** The settings object, strict: unknown keys are rejected. */
export const cardinalSettingsSchema = z.strictObject({
  currency: z.string().optional(),
  no_price_comparison_procurement_methods: pipeList.optional(),
  price_comparison_procurement_methods: pipeList.optional(),
  exclusions: z.strictObject({ procurement_method_details: pipeList.optional() }).optional(),
  R018: z.strictObject({ procurement_methods: pipeList.optional() }).optional(),
  R024: z.strictObject({ threshold: ratio.optional() }).optional(),
  R028: empty.optional(),
  R035: z.strictObject({ threshold: natural.optional() }).optional(),
  R036: empty.optional(),
  R038: z
    .strictObject({
      threshold: ratio.optional(),
      minimum_submitted_bids: natural.optional(),
      minimum_contracting_processes: natural.optional(),
    })
    .optional(),
  R058: z.strictObject({ threshold: ratio.optional() }).optional(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(settings)'}: ${issue.message}`)
    .join('; ');
}

/** Check a settings object (e.g. from JSON or code); throws CardinalSettingsError naming the bad key. */
export function validateCardinalSettings(value: unknown): CardinalSettings {
  const parsed = cardinalSettingsSchema.safeParse(value);
  if (!parsed.success) throw new CardinalSettingsError(describeIssues(parsed.error));
  return parsed.data as CardinalSettings;
}

// --- INI text ---

/** One parsed INI file: top-level keys, then sections in order. Values as written (unquoted, comments removed). */
export interface IniDocument {
  root: Map<string, { value: string; line: number }>;
  sections: Map<string, { line: number; keys: Map<string, { value: string; line: number }> }>;
}

const ESCAPABLE = new Set([';', '#', '\\', '"', "'", '=', ':']);

/** A value: trimmed, unquoted, inline comment removed, escapes resolved. */
function parseValue(raw: string, line: number): string {
  const text = raw.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    let out = '';
    for (let i = 1; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1]!)) {
        out += text[++i];
      } else if (ch === quote) {
        const rest = text.slice(i + 1).trim();
        if (rest !== '' && rest[0] !== ';' && rest[0] !== '#') {
          throw new CardinalSettingsError(`unexpected text after the closing quote: ${rest}`, line);
        }
        return out;
      } else {
        out += ch;
      }
    }
    throw new CardinalSettingsError(`unterminated quoted value: ${text}`, line);
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1]!)) {
      out += text[++i];
    } else if ((ch === ';' || ch === '#') && i > 0 && /\s/.test(text[i - 1]!)) {
      break; // inline comment
    } else {
      out += ch;
    }
  }
  return out.trim();
}

/** Parse INI text (no semantics yet). Throws CardinalSettingsError with the line number on malformed input. */
export function parseIni(text: string): IniDocument {
  const doc: IniDocument = { root: new Map(), sections: new Map() };
  let current: Map<string, { value: string; line: number }> = doc.root;
  let currentName: string | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) return;
    if (trimmed.startsWith('[')) {
      const match = /^\[([^\]]*)\]\s*(?:[;#].*)?$/.exec(trimmed);
      if (!match) throw new CardinalSettingsError(`malformed section header: ${trimmed}`, line);
      const name = match[1]!.trim();
      if (name === '') throw new CardinalSettingsError('empty section name', line);
      if (doc.sections.has(name)) {
        throw new CardinalSettingsError(
          `section [${name}] appears twice (first at line ${doc.sections.get(name)!.line}); ` +
            'put all its properties under one section',
          line,
        );
      }
      current = new Map();
      currentName = name;
      doc.sections.set(name, { line, keys: current });
      return;
    }
    const separator = trimmed.search(/[=:]/);
    if (separator < 0) {
      throw new CardinalSettingsError(`expected "key = value", a [section] or a ; comment, got: ${trimmed}`, line);
    }
    const key = trimmed.slice(0, separator).trim();
    if (key === '') throw new CardinalSettingsError(`missing key before "${trimmed[separator]}"`, line);
    if (current.has(key)) {
      const where = currentName === undefined ? 'at the top of the file' : `in [${currentName}]`;
      const first = current.get(key)!.line;
      throw new CardinalSettingsError(`key "${key}" is set twice ${where} (first at line ${first})`, line);
    }
    current.set(key, { value: parseValue(trimmed.slice(separator + 1), line), line });
  });
  return doc;
}

type KeyKind = 'string' | 'ratio' | 'natural';

const ROOT_KEYS: Record<string, KeyKind> = {
  currency: 'string',
  no_price_comparison_procurement_methods: 'string',
  price_comparison_procurement_methods: 'string',
};

const SECTIONS: Record<string, Record<string, KeyKind>> = {
  exclusions: { procurement_method_details: 'string' },
  R018: { procurement_methods: 'string' },
  R024: { threshold: 'ratio' },
  R028: {},
  R035: { threshold: 'natural' },
  R036: {},
  R038: { threshold: 'ratio', minimum_submitted_bids: 'natural', minimum_contracting_processes: 'natural' },
  R058: { threshold: 'ratio' },
};

/** cardinal sections that bidwatch accepts but does not run (first dotted segment). */
export const UNSUPPORTED_CARDINAL_SECTIONS = [
  'R003',
  'R025',
  'R030',
  'R044',
  'R048',
  'R055',
  'defaults',
  'redactions',
  'corrections',
  'modifications',
  'codelists',
] as const;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NATURAL = /^\+?\d+$/;

function convert(kind: KeyKind, value: string, where: string, line: number): string | number {
  if (kind === 'string') return value;
  if (kind === 'ratio') {
    if (!DECIMAL.test(value)) {
      throw new CardinalSettingsError(`${where} must be a decimal number, got "${value}"`, line);
    }
    return Number(value);
  }
  if (!NATURAL.test(value)) {
    throw new CardinalSettingsError(`${where} must be a whole number ≥ 0, got "${value}"`, line);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new CardinalSettingsError(`${where} is too large: ${value}`, line);
  return n;
}

function section(
  keys: Map<string, { value: string; line: number }>,
  allowed: Record<string, KeyKind>,
  name: string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, { value, line }] of keys) {
    const kind = allowed[key];
    if (kind === undefined) {
      const known = Object.keys(allowed);
      const hint = known.length ? `allowed: ${known.join(', ')}` : 'this section takes no keys';
      throw new CardinalSettingsError(`unknown key "${key}" in ${name}; ${hint}`, line);
    }
    out[key] = convert(kind, value, `${name} ${key}`, line);
  }
  return out;
}

export interface CardinalIni {
  settings: CardinalSettings;
  /** Sections of cardinal features that bidwatch does not implement, e.g. ["R003", "defaults"]: not run. */
  unsupportedSections: string[];
}

/** Parse a cardinal settings file. Throws CardinalSettingsError (with a line number where there is one). */
export function readCardinalIni(text: string): CardinalIni {
  const doc = parseIni(text);
  const raw: Record<string, unknown> = section(doc.root, ROOT_KEYS, 'the top of the file');
  const unsupportedSections: string[] = [];
  for (const [name, { line, keys }] of doc.sections) {
    const allowed = SECTIONS[name];
    if (allowed) {
      raw[name] = section(keys, allowed, `[${name}]`);
      continue;
    }
    const head = name.split('.')[0]!;
    if ((UNSUPPORTED_CARDINAL_SECTIONS as readonly string[]).includes(head)) {
      unsupportedSections.push(name);
      continue;
    }
    throw new CardinalSettingsError(
      `unknown section [${name}]; bidwatch runs ${Object.keys(SECTIONS)
        .filter((s) => s !== 'exclusions')
        .join(', ')} and reads [exclusions]`,
      line,
    );
  }
  return { settings: validateCardinalSettings(raw), unsupportedSections };
}

/** Parse a cardinal settings file into settings (sections of unimplemented indicators are ignored). */
export function parseCardinalSettings(text: string): CardinalSettings {
  return readCardinalIni(text).settings;
}
