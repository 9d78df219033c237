import { createHash } from 'node:crypto';
import { compareStrings } from './union-find.js';

/** Stable ring key: sha256 of the sorted, de-duplicated member USCCs joined by ',' — first 16 hex digits. */
export function ringKey(members: readonly string[]): string {
  const sorted = [...new Set(members)].sort(compareStrings);
  return createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 16);
}
