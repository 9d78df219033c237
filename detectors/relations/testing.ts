/** Builders for the relations specs. */
import type { FirmRelationRow } from '../types.js';

export function rel(firmUscc: string, relation: FirmRelationRow['relation'], who: { person?: string; firm?: string }, over: Partial<FirmRelationRow> = {}): FirmRelationRow {
  return { firmUscc, relation, personHash: who.person ?? null, relatedUscc: who.firm ?? null, sharePct: null, validFrom: null, validTo: null, ...over };
}
