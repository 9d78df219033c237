import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { DetectionMetrics1764000000001 } from './1764000000001-detection-metrics.js';
import { CaseDetectors1764000000002 } from './1764000000002-case-detectors.js';
import { ImportLimits1764100000000 } from './1764100000000-import-limits.js';
import { CaseEventChain1764100000001 } from './1764100000001-case-event-chain.js';
import { TenderFacts1764200000000 } from './1764200000000-tender-facts.js';
import { TenderPartiesAndRegisters1764300000000 } from './1764300000000-tender-parties-and-registers.js';
import { FlagSubjectsBuyerAgency1764300000001 } from './1764300000001-flag-subjects-buyer-agency.js';

/** Listed explicitly (no globs): the same list runs under tsc output, jest and the embedded database. */
export const MIGRATIONS = [InitialSchema1764000000000, DetectionMetrics1764000000001, CaseDetectors1764000000002, ImportLimits1764100000000, CaseEventChain1764100000001, TenderFacts1764200000000, TenderPartiesAndRegisters1764300000000, FlagSubjectsBuyerAgency1764300000001];
