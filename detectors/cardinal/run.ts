/**
 * `runCardinalIndicators`: cardinal-rs's `indicators` command for the seven indicators bidwatch shares with it
 * (R018, R024, R028, R035, R036, R038, R058), over OCDS compiled releases, without a database.
 *
 * Like cardinal (src/lib.rs `Indicators::run`):
 * - only the indicators whose section is in the settings run;
 * - a release is skipped if it is not a JSON object, its `ocid` is not a string, its `/tender/status` is
 *   "cancelled", or its `/tender/procurementMethodDetails` is in `[exclusions] procurement_method_details`;
 * - each release goes through every enabled indicator (the R024/R058 gap first), then each indicator finalises
 *   over the whole data set (quartiles and fences);
 * - the result is `{"OCID": {...}, "Buyer": {...}, "ProcuringEntity": {...}, "Tenderer": {...}}` with only the
 *   non-empty groups, values always numbers (docs/cli/indicators/index.md, "Demonstration").
 *
 * cardinal also prints a `Meta` key unless `--no-meta` is given; the shared fixtures and the bidwatch CLI contract
 * show results only, so `Meta` is opt-in here (`{ meta: true }`). cardinal's `--map` (`Maps` key) is not
 * implemented.
 *
 * Pure: no file system. The caller reads the file and hands over its text (`parseJsonLines`) or parsed values.
 */
import { RunContext, type CardinalIndicator } from './context.js';
import { createGapPass } from './gap.js';
import { asObject, isCancelled, matchesProcurementMethodDetails, pipeSet } from './ocds.js';
import { createR018 } from './r018.js';
import { createR024 } from './r024.js';
import { createR028 } from './r028.js';
import { createR035 } from './r035.js';
import { createR036 } from './r036.js';
import { createR038 } from './r038.js';
import { createR058 } from './r058.js';
import { validateCardinalSettings } from './settings.js';
import type { CardinalCode, CardinalOutput, CardinalSettings, OcdsCompiledRelease } from './types.js';

export interface CardinalRunOptions {
  /** Add cardinal's `Meta` key (quartiles and fences, rounded to 4 decimals). Default false. */
  meta?: boolean;
}

const FACTORIES: Record<CardinalCode, (settings: CardinalSettings) => CardinalIndicator> = {
  R018: createR018,
  R024: createR024,
  R028: createR028,
  R035: createR035,
  R036: createR036,
  R038: createR038,
  R058: createR058,
};

/** The enabled indicators in cardinal's order, preceded by the gap pass when R024 or R058 is enabled. */
function enabledIndicators(settings: CardinalSettings): CardinalIndicator[] {
  const indicators: CardinalIndicator[] = [];
  if (settings.R024 !== undefined || settings.R058 !== undefined) indicators.push(createGapPass(settings));
  for (const code of Object.keys(FACTORIES) as CardinalCode[]) {
    if (settings[code] !== undefined) indicators.push(FACTORIES[code](settings));
  }
  return indicators;
}

/** Run the enabled indicators over OCDS compiled releases and return cardinal's output object. */
export function runCardinalIndicators(
  releases: Iterable<unknown>,
  settings: CardinalSettings,
  options: CardinalRunOptions = {},
): CardinalOutput {
  const checked = validateCardinalSettings(settings);
  const indicators = enabledIndicators(checked);
  const context = new RunContext(checked.currency);
  const none = new Set<string>();
  const excluded = pipeSet(checked.exclusions?.procurement_method_details);

  for (const value of releases) {
    const release = asObject(value) as OcdsCompiledRelease | undefined;
    if (!release) continue;
    const ocid = release.ocid;
    if (typeof ocid !== 'string') continue;
    if (isCancelled(release) || !matchesProcurementMethodDetails(release, none, excluded)) continue;
    for (const indicator of indicators) indicator.fold?.(release, ocid, context);
  }
  for (const indicator of indicators) indicator.finalize?.(context);
  return context.output(options.meta ?? false);
}

/** A line of the input that is not JSON. `line` is 1-based. */
export class CardinalInputError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line} is not valid JSON: ${detail}`);
    this.name = 'CardinalInputError';
  }
}

const BLANK = /^[ \t\n\f\r]*$/; // Rust's is_ascii_whitespace

/**
 * The JSON values of a JSON Lines text, lazily: blank lines are skipped; a line that is not JSON throws
 * CardinalInputError naming its line number (cardinal itself only warns and skips such lines).
 */
export function* iterateJsonLines(text: string): Generator<unknown> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (BLANK.test(line)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new CardinalInputError(i + 1, error instanceof Error ? error.message : String(error));
    }
    yield value;
  }
}

/** All the JSON values of a JSON Lines text (see iterateJsonLines). */
export function parseJsonLines(text: string): unknown[] {
  return [...iterateJsonLines(text)];
}

/**
 * The output as cardinal prints it (serde_json): compact, numbers as Rust writes f64 — `1.0` not `1`, `1e21` not
 * `1e+21`, `-0.0` — and NaN/±Infinity as `null`. Key order still differs (cardinal's inner maps are unordered).
 */
export function formatCardinalJson(output: CardinalOutput): string {
  return toJson(output);
}

function toJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return rustFloat(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
}

function rustFloat(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  if (s.includes('e')) return s.replace('e+', 'e');
  return Number.isInteger(x) ? `${s}.0` : s;
}
