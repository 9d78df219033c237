/**
 * Types for the cardinal-compatible indicators (open-contracting/cardinal-rs, `ocdscardinal indicators`).
 *
 * Input: OCDS compiled releases, one per line. Only the fields below are read; every one is typed `unknown`
 * because real files are messy: each indicator checks a field's JSON type before using it, and skips (never
 * throws on) a release whose fields have the wrong type, as cardinal does (src/lib.rs, src/indicators/*.rs).
 * Unknown fields are ignored.
 *
 * Output: cardinal's results object, `{"OCID": {ocid: {code: value}}, "Tenderer": {id: {code: value}}, ...}`
 * (docs/cli/indicators/index.md, "Demonstration").
 */

/** The indicators that bidwatch shares with cardinal-rs, in cardinal's order of evaluation. */
export const CARDINAL_CODES = ['R018', 'R024', 'R028', 'R035', 'R036', 'R038', 'R058'] as const;
export type CardinalCode = (typeof CARDINAL_CODES)[number];

/** Result groups, keyed by `/ocid`, `/buyer/id`, `/tender/procuringEntity/id`, `/bids/details[]/tenderers[]/id`. */
export const CARDINAL_GROUPS = ['OCID', 'Buyer', 'ProcuringEntity', 'Tenderer'] as const;
export type CardinalGroup = (typeof CARDINAL_GROUPS)[number];

/** identifier -> indicator code -> value (always a decimal). */
export type CardinalGroupResults = Record<string, Partial<Record<CardinalCode, number>>>;

/** A group appears only if at least one identifier in it has a result (cardinal drops empty groups). */
export type CardinalResults = Partial<Record<CardinalGroup, CardinalGroupResults>>;

/**
 * cardinal's `Meta` key: quartiles and fences per indicator, rounded to 4 decimals; `null` where cardinal's
 * value is NaN (an empty set of values), as serde_json writes it. Keys: R024 `q1`, `q3`, `lower_fence`;
 * R058 `q1`, `q3`, `upper_fence`; R038 `Buyer_q1`, `Buyer_q3`, `Buyer_upper_fence` and the same for
 * `ProcuringEntity_` and `Tenderer_`. With a configured threshold, only the fence appears.
 */
export type CardinalMeta = Partial<Record<CardinalCode, Record<string, number | null>>>;

/** What `runCardinalIndicators` returns: the results, plus `Meta` only when asked for. */
export type CardinalOutput = CardinalResults & { Meta?: CardinalMeta };

// --- Input: the subset of an OCDS compiled release that the seven indicators read. ---

/** `/buyer`, `/tender/procuringEntity`, `/bids/details[]/tenderers[]`, `/awards[]/suppliers[]`. */
export interface OcdsOrganizationReference {
  id?: unknown;
}

/** `/bids/details[]/value`. */
export interface OcdsValue {
  amount?: unknown;
  currency?: unknown;
}

/** `/bids/details[]` (bid extension). Status codelist: invited, pending, valid, disqualified, withdrawn. */
export interface OcdsBid {
  status?: unknown;
  value?: unknown;
  tenderers?: unknown;
}

/** `/awards[]`. Status codelist: pending, active, cancelled, unsuccessful. */
export interface OcdsAward {
  status?: unknown;
  suppliers?: unknown;
}

/** `/tender`. */
export interface OcdsTender {
  status?: unknown;
  procurementMethod?: unknown;
  procurementMethodDetails?: unknown;
  numberOfTenderers?: unknown;
  procuringEntity?: unknown;
}

/** One line of the input file, once it has been checked to be a JSON object. */
export interface OcdsCompiledRelease {
  ocid?: unknown;
  buyer?: unknown;
  tender?: unknown;
  /** `{details: OcdsBid[]}` */
  bids?: unknown;
  awards?: unknown;
  [field: string]: unknown;
}

// --- Settings: cardinal's INI keys, under the names cardinal gives them (src/indicators/mod.rs `Settings`). ---

/**
 * The settings for the seven shared indicators. An indicator runs only if its section is present (even empty):
 * `R024: {}` enables R024 with defaults. Pipe-separated lists stay strings here, as in the INI file.
 */
export interface CardinalSettings {
  /** Main currency; when unset, the first currency observed by a price indicator. */
  currency?: string;
  /** `/tender/procurementMethodDetails` values excluded from price comparisons (R024, R028, R036, R058). */
  no_price_comparison_procurement_methods?: string;
  /** If set, only these `/tender/procurementMethodDetails` values are price-compared (overrides the above). */
  price_comparison_procurement_methods?: string;
  /** `[exclusions]`: processes excluded from every indicator. */
  exclusions?: { procurement_method_details?: string };
  R018?: { procurement_methods?: string };
  R024?: { threshold?: number };
  R028?: Record<string, never>;
  R035?: { threshold?: number };
  R036?: Record<string, never>;
  R038?: { threshold?: number; minimum_submitted_bids?: number; minimum_contracting_processes?: number };
  R058?: { threshold?: number };
}
