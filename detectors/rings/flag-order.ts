import type { Flag } from '../types.js';
import { compareStrings } from './union-find.js';

/**
 * Flags in a fixed order whatever the row order of the input: subject, then firm, then the pair or group in the
 * evidence. The detectors walk tenders in dataset order; sorting at the end keeps outputs byte-identical across
 * re-imports that list the same rows differently.
 */
export function sortFlags(flags: Flag[]): Flag[] {
  const tail = (f: Flag) => {
    const e = f.evidence as { pair?: unknown; group?: unknown };
    const list = Array.isArray(e.pair) ? e.pair : Array.isArray(e.group) ? e.group : [];
    return list.join(',');
  };
  return flags.sort(
    (a, b) =>
      compareStrings(a.subjectId, b.subjectId) ||
      compareStrings(a.bidderUscc ?? '', b.bidderUscc ?? '') ||
      compareStrings(tail(a), tail(b)) ||
      compareStrings(String(a.evidence.rule ?? ''), String(b.evidence.rule ?? '')),
  );
}
