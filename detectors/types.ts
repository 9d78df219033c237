/**
 * The one shape that crosses from `src/` into `detectors/` (a Dataset) and the one that comes back (Flags).
 * Plain data only: detectors never see the database, the queue or the file system.
 *
 * Money is a JS number here (yuan). Storage keeps it as PostgreSQL `numeric`; statistics work on doubles.
 */

export const CATEGORIES = ['building', 'municipal'] as const;
export type Category = (typeof CATEGORIES)[number];

export const WORK_TYPES = ['construction', 'supervision', 'design', 'survey', 'epc'] as const;
export type WorkType = (typeof WORK_TYPES)[number];

export const TENDER_METHODS = ['open', 'invited'] as const;
export type TenderMethod = (typeof TENDER_METHODS)[number];

export const EVALUATION_METHODS = [
  'comprehensive',
  'reasonable_low_price',
  'lowest_evaluated_price',
  'separation',
  'other',
] as const;
export type EvaluationMethod = (typeof EVALUATION_METHODS)[number];

export const FUNDINGS = ['state', 'private'] as const;
export type Funding = (typeof FUNDINGS)[number];

export const ATTENDANCE_ROLES = ['project_manager', 'technical_lead', 'safety_officer', 'worker'] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];

/** One competition (标段). `code` is the tender_code of the import contract. */
export interface TenderRow {
  code: string;
  projectName: string;
  district: string;
  category: Category;
  workType: WorkType;
  tenderMethod: TenderMethod;
  evaluationMethod: EvaluationMethod;
  funding: Funding | null;
  /** 最高投标限价 / 招标控制价, yuan; null only for data from sources that lack it (OCDS without value). */
  controlPrice: number | null;
  /** YYYY-MM-DD */
  openDate: string;
  year: number;
}

/** One bid. Personal identifiers arrive only as keyed hashes (HMAC), never in clear. */
export interface BidRow {
  tenderCode: string;
  bidderUscc: string;
  bidderName: string;
  price: number;
  /** 下浮率 = (control − price) / control; null when the tender has no control price. */
  discount: number | null;
  valid: boolean;
  invalidReason: string | null;
  isWinner: boolean;
  rank: number | null;
  projectManagerHash: string | null;
  technicalLeadHash: string | null;
  agentHash: string | null;
  bondAccountHash: string | null;
  fileMachineCode: string | null;
  fileMac: string | null;
  uploadIp: string | null;
  fileCreator: string | null;
}

/** 标后履约: one contract per awarded tender. */
export interface ContractRow {
  tenderCode: string;
  winnerUscc: string;
  contractPrice: number;
  contractDate: string;
  plannedCompletion: string | null;
  changeOrderTotal: number | null;
  changeOrderCount: number | null;
  settlementPrice: number | null;
  actualCompletion: string | null;
  projectManagerChanged: boolean | null;
}

/** 实名制考勤: one person on one site on one day. */
export interface AttendanceRow {
  tenderCode: string;
  personHash: string;
  role: AttendanceRole;
  employerUscc: string;
  workDate: string;
  present: boolean;
}

export interface Dataset {
  tenders: TenderRow[];
  bids: BidRow[];
  contracts: ContractRow[];
  attendance: AttendanceRow[];
}

export type SubjectType = 'bid' | 'tender' | 'firm' | 'ring' | 'person' | 'contract';
export type Severity = 'info' | 'low' | 'medium' | 'high';

/**
 * A red flag: a reason for a person to look, never a verdict.
 * `subjectId` is stable across re-imports: a tender code, a USCC, `tenderCode/uscc` for a bid,
 * a ring key, or a person hash.
 */
export interface Flag {
  /** Stable indicator code, e.g. `ALB`, `WGAP`, `A40`. */
  detector: string;
  /** Version of the indicator's code and defaults; bump when results can change. */
  version: string;
  subjectType: SubjectType;
  subjectId: string;
  tenderCode: string | null;
  bidderUscc: string | null;
  /** In [0, 1]; higher = more suspicious. */
  score: number;
  severity: Severity;
  /** Chinese-first sentence with the numbers, the threshold and the rule it rests on. */
  explanation: string;
  /** The inputs and thresholds behind the flag, for the evidence view and audits. */
  evidence: Record<string, unknown>;
}

/** Per-indicator coverage, as cardinal-rs users asked for (issue #26 there). */
export interface Coverage {
  detector: string;
  applied: number;
  flagged: number;
  notApplicable: number;
  excluded: number;
  /** Set when the indicator flags more than the configured share of tenders. */
  warning?: string;
  /** Wall time of the detector's run, milliseconds. */
  ms?: number;
}

export interface DetectorResult {
  flags: Flag[];
  coverage: Coverage[];
}
