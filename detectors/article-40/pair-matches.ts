import type { BidRow } from '../types.js';
import { compareStrings } from '../rings/union-find.js';
import {
  FINGERPRINTS,
  TEAM_FIELDS,
  fingerprintValue,
  type Article40Item,
  type FingerprintField,
  type FingerprintSpec,
  type MatchKind,
} from './fingerprints.js';

/** One shared fingerprint between two different bidders of one tender. */
export interface PairMatch {
  /** The BidRow field, or `projectManagerHash/technicalLeadHash` when one bidder's PM is the other's technical lead. */
  field: string;
  kind: MatchKind;
  article: Article40Item;
  /** The shared (normalised) value. Personal identifiers are keyed hashes already. */
  value: string;
}

export interface PairEvidence {
  /** Sorted USCCs. */
  pair: [string, string];
  /** At most one match per field (the smallest shared value), in FINGERPRINTS order. */
  matches: PairMatch[];
  hard: number;
  soft: number;
}

export type LinkRule = 'hard' | 'soft2';

export interface MatchOptions {
  /** Normalised values never compared (defaults such as `administrator`, `0.0.0.0`). */
  ignore: ReadonlySet<string>;
  /** Fields left out entirely (unreliable in a data source). */
  disabled: ReadonlySet<FingerprintField>;
  /**
   * `field|value` keys of soft values shared by so many firms that they are infrastructure (public terminals, NAT),
   * and of device serials shared by so many firms that they are placeholders or model-level ids.
   */
  suppressed?: ReadonlySet<string>;
}

/**
 * Normalises a fingerprint for comparison: MAC addresses to bare upper-case hex (`aa:bb…` = `AA-BB…`), machine
 * codes upper-case, file creators lower-case (Windows user names are case-insensitive), the rest trimmed.
 */
export function normaliseFingerprint(field: FingerprintField, raw: string): string {
  const s = raw.trim();
  switch (field) {
    case 'fileMac':
      return s.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
    case 'fileMachineCode':
      return s.toUpperCase();
    case 'fileCreator':
      return s.toLowerCase();
    case 'fileCreationId':
    case 'lockSerial':
    case 'cpuSerial':
    case 'diskSerial':
      return s.replace(/\s+/g, '').toUpperCase();
    default:
      return s;
  }
}

/** The normalised value of one bid's field, or null when absent, ignored or disabled. */
export function comparableValue(bid: BidRow, spec: FingerprintSpec, opts: MatchOptions): string | null {
  if (opts.disabled.has(spec.field)) return null;
  const raw = fingerprintValue(bid, spec.field);
  if (raw === null) return null;
  const v = normaliseFingerprint(spec.field, raw);
  // the raw spelling as well: a default such as `To be filled by O.E.M.` loses its spaces in normalisation
  if (v === '' || opts.ignore.has(v.toLowerCase()) || opts.ignore.has(raw.trim().toLowerCase())) return null;
  if (spec.device && isPlaceholderSerial(v)) return null;
  if ((spec.kind === 'soft' || spec.device) && opts.suppressed?.has(`${spec.field}|${v}`)) return null;
  return v;
}

/**
 * A serial that carries no identity: nothing but separators, or one character repeated (`00000000`,
 * `FFFF-FFFF`, `0000_0000_0000_0000`) — what a client writes when the hardware does not report one.
 */
export function isPlaceholderSerial(v: string): boolean {
  const core = v.replace(/[^0-9A-Za-z]/g, '');
  if (core === '') return true;
  for (let i = 1; i < core.length; i++) if (core[i] !== core[0]) return false;
  return true;
}

/** Each bid's comparable value per FINGERPRINTS entry (null = absent / ignored), computed once per tender. */
export function tenderPrints(bids: readonly BidRow[], opts: MatchOptions): Array<Array<string | null>> {
  return bids.map((b) => FINGERPRINTS.map((spec) => comparableValue(b, spec, opts)));
}

/**
 * Every pair of *different* bidders in one tender that shares at least one fingerprint, with the matches.
 * A firm's several bids in one tender are pooled (a firm never matches itself); pairs come back sorted.
 * Cost: one index per field, so O(bids + matching pairs), not O(n²) on tenders with hundreds of bidders.
 */
export function tenderPairEvidence(bids: readonly BidRow[], opts: MatchOptions, prints = tenderPrints(bids, opts)): PairEvidence[] {
  const byPair = new Map<string, { pair: [string, string]; matches: Map<string, PairMatch> }>();
  const add = (a: string, b: string, m: PairMatch) => {
    const pair: [string, string] = a < b ? [a, b] : [b, a];
    const key = `${pair[0]}\u0000${pair[1]}`;
    let e = byPair.get(key);
    if (!e) byPair.set(key, (e = { pair, matches: new Map() }));
    const prev = e.matches.get(m.field);
    if (!prev || m.value < prev.value) e.matches.set(m.field, m);
  };

  FINGERPRINTS.forEach((spec, f) => {
    if ((TEAM_FIELDS as readonly string[]).includes(spec.field)) return;
    let holders: Map<string, Set<string>> | null = null;
    bids.forEach((b, k) => {
      const v = (prints[k] as Array<string | null>)[f];
      if (v === null || v === undefined) return;
      holders ??= new Map();
      let s = holders.get(v);
      if (!s) holders.set(v, (s = new Set()));
      s.add(b.bidderUscc);
    });
    for (const [value, firms] of (holders ?? new Map<string, Set<string>>()) as Map<string, Set<string>>) {
      if (firms.size < 2) continue;
      const list = [...firms].sort(compareStrings);
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          add(list[i] as string, list[j] as string, { field: spec.field, kind: spec.kind, article: spec.article, value });
        }
      }
    }
  });
  teamMatches(bids, prints, add);

  const out: PairEvidence[] = [];
  for (const e of byPair.values()) {
    const matches = [...e.matches.values()].sort((x, y) => (FIELD_ORDER.get(x.field) as number) - (FIELD_ORDER.get(y.field) as number) || compareStrings(x.field, y.field));
    const hard = matches.filter((m) => m.kind === 'hard').length;
    out.push({ pair: e.pair, matches, hard, soft: matches.length - hard });
  }
  return out.sort((x, y) => compareStrings(x.pair[0], y.pair[0]) || compareStrings(x.pair[1], y.pair[1]));
}

const FIELD_ORDER = new Map<string, number>([
  ...FINGERPRINTS.map((f, i) => [f.field as string, i] as [string, number]),
  ['projectManagerHash/technicalLeadHash', FINGERPRINTS.findIndex((f) => f.field === 'technicalLeadHash')],
]);

/**
 * 40(3) 项目管理成员为同一人: the project manager and technical lead hashes form one pool of people. A person in the
 * same role for both bidders matches on that role's field; across roles on `projectManagerHash/technicalLeadHash`.
 */
function teamMatches(bids: readonly BidRow[], prints: Array<Array<string | null>>, add: (a: string, b: string, m: PairMatch) => void): void {
  const people = new Map<string, Map<string, Set<string>>>(); // person → firm → roles
  FINGERPRINTS.forEach((spec, f) => {
    if (!(TEAM_FIELDS as readonly string[]).includes(spec.field)) return;
    bids.forEach((b, k) => {
      const v = (prints[k] as Array<string | null>)[f];
      if (v === null || v === undefined) return;
      let firms = people.get(v);
      if (!firms) people.set(v, (firms = new Map()));
      let roles = firms.get(b.bidderUscc);
      if (!roles) firms.set(b.bidderUscc, (roles = new Set()));
      roles.add(spec.field);
    });
  });
  for (const [value, firms] of people) {
    if (firms.size < 2) continue;
    const list = [...firms.keys()].sort(compareStrings);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const ra = firms.get(list[i] as string) as Set<string>;
        const rb = firms.get(list[j] as string) as Set<string>;
        const common = TEAM_FIELDS.find((f) => ra.has(f) && rb.has(f));
        add(list[i] as string, list[j] as string, {
          field: common ?? 'projectManagerHash/technicalLeadHash',
          kind: 'hard',
          article: '40(3)',
          value,
        });
      }
    }
  }
}

/**
 * The ladder: a pair is linked on ≥ 1 hard match, or on ≥ `minSoft` soft matches (counted by field; default 2).
 * One soft match alone never links.
 */
export function linkRule(e: Pick<PairEvidence, 'hard' | 'soft'>, minSoft: number): LinkRule | null {
  if (e.hard >= 1) return 'hard';
  if (e.soft >= Math.max(2, minSoft)) return 'soft2';
  return null;
}
