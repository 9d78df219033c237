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
  /** 招标人 (OCDS `buyer`); optional columns, absent in older files and most research data. */
  buyerUscc?: string | null;
  buyerName?: string | null;
  /** 招标代理机构 (OCDS `tender.procuringEntity` when it differs from the buyer). */
  agencyUscc?: string | null;
  agencyName?: string | null;
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
  /** 投标文件创建标识码, written by the e-bidding client when the file is first created. */
  fileCreationId?: string | null;
  /** 计价软件加密锁号 (the pricing software's dongle serial). */
  lockSerial?: string | null;
  cpuSerial?: string | null;
  diskSerial?: string | null;
  /** 上传时间 / 文件创建时间 as epoch milliseconds (the import reads them as Asia/Shanghai local time). */
  uploadTime?: number | null;
  fileCreatedAt?: number | null;
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

export const FIRM_RELATIONS = ['legal_rep', 'shareholder', 'controller', 'manager'] as const;
export type FirmRelationType = (typeof FIRM_RELATIONS)[number];

/**
 * 企业关联关系: `firmUscc` has a 法定代表人 / 股东 / 实际控制人 / 主要负责人 who is a person (`personHash`)
 * or a firm (`relatedUscc`, which then holds, controls or manages `firmUscc`). Exactly one of the two is set.
 */
export interface FirmRelationRow {
  firmUscc: string;
  relation: FirmRelationType;
  personHash: string | null;
  relatedUscc: string | null;
  /** 0–100 */
  sharePct: number | null;
  /** YYYY-MM-DD; null = open-ended on that side. */
  validFrom: string | null;
  validTo: string | null;
}

/** What the registers say of a firm beyond its name: soft evidence when shared (OCP R044). */
export interface FirmProfileRow {
  uscc: string;
  /** Registered address after normalisation (whitespace, full-width forms), so equal strings mean one address. */
  addressNorm: string | null;
  phoneHash: string | null;
}

/** 工程量清单报价: one line of one bid. `amount` is kept as filed, even when it is not quantity × unitPrice. */
export interface BoqLineRow {
  tenderCode: string;
  bidderUscc: string;
  lineNo: number;
  itemCode: string;
  itemName: string | null;
  unit: string | null;
  quantity: number;
  unitPrice: number;
  amount: number;
}

export interface Dataset {
  tenders: TenderRow[];
  bids: BidRow[];
  contracts: ContractRow[];
  attendance: AttendanceRow[];
  /** Optional inputs (issue 12): a detector that needs one and finds it absent reports itself not applicable. */
  firmRelations?: FirmRelationRow[];
  firmProfiles?: FirmProfileRow[];
  boqLines?: BoqLineRow[];
}

/**
 * `buyer` (招标人) and `agency` (招标代理机构) subjects carry the organisation's USCC as subjectId (issue 12 §1; the
 * flags table's CHECK and the console must accept them before such flags are stored).
 */
export type SubjectType = 'bid' | 'tender' | 'firm' | 'ring' | 'person' | 'contract' | 'buyer' | 'agency';
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
