/** Shapes of the API answers the console reads (see src/cases, src/findings, src/imports, src/web). */

export interface CaseRow {
  id: number;
  case_key: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  title: string;
  district: string | null;
  priority: number;
  status: string;
  assignee_id: number | string | null;
  assignee_name: string | null;
  due_at: string | null;
  outcome: string | null;
  detectors: string[] | null;
  version: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  overdue: boolean;
}

export interface CaseList {
  total: number;
  page: number;
  pageSize: number;
  items: CaseRow[];
  countsByStatus: Record<string, number>;
}

// The shapes a case's evidence is stored in (type-only: nothing of the server module reaches the browser).
export type { CaseFlag, CaseRing } from '../../cases/case-rules.js';
import type { CaseFlag, CaseRing } from '../../cases/case-rules.js';

export interface CaseDetail extends CaseRow {
  evidence: { summary?: string; flags?: CaseFlag[]; ring?: CaseRing };
  last_run_id: number | null;
  escalated_at?: string | null;
}

export interface CaseEvent {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  details: Record<string, unknown> | null;
}

export interface Bid {
  bidder_uscc: string;
  bidder_name: string | null;
  bid_price: string;
  discount_rate: string | null;
  bid_valid: boolean;
  invalid_reason: string | null;
  is_winner: boolean;
  rank: number | null;
  file_machine_code: string | null;
  file_mac: string | null;
  upload_ip: string | null;
  file_creator: string | null;
  /** Issue-12 fingerprints and timing (absent from files that lack the columns). */
  file_creation_id?: string | null;
  lock_serial?: string | null;
  cpu_serial?: string | null;
  disk_serial?: string | null;
  upload_time?: string | null;
  file_created_at?: string | null;
  project_manager_ref: string | null;
  agent_ref: string | null;
  bond_account_ref: string | null;
}

export interface Peer {
  group: string | null;
  n: number;
  p10: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  p90: number | null;
  upperFence: number | null;
}

export interface FlagRow {
  id: number;
  detector: string;
  version: string;
  subject_type: string;
  subject_id: string;
  tender_code: string | null;
  bidder_uscc: string | null;
  score: string | number;
  severity: string;
  explanation: string;
  evidence: Record<string, unknown>;
}

export interface TenderDetail {
  tender: {
    code: string;
    project_name: string;
    district: string;
    category: string;
    work_type: string;
    tender_method: string;
    evaluation_method: string;
    funding: string | null;
    control_price: string | null;
    open_date: string;
    year: number;
    n_bids: number;
    n_valid_bids: number;
    winner_uscc: string | null;
    winner_name: string | null;
    winner_price: string | null;
    winner_discount: string | null;
  };
  bids: Bid[];
  peer: Peer;
  metrics: Record<string, number | null> | null;
  contract: {
    contract_price: string;
    contract_date: string;
    planned_completion: string | null;
    change_order_total: string | null;
    change_order_count: number | null;
    settlement_price: string | null;
    actual_completion: string | null;
    project_manager_changed: boolean | null;
  } | null;
  flags: FlagRow[];
}

export interface AttendanceTimeline {
  tender: { code: string; projectName: string; workType: string; winnerUscc: string | null; winnerName: string | null };
  bid: { projectManagerRef: string | null; technicalLeadRef: string | null; projectManagerChanged: boolean | null };
  basis: 'bid_pm' | 'site_pm';
  /** SITE's threshold and minimum site days in force for this tender; null before any detection. */
  threshold: number | null;
  minSiteDays: number | null;
  judgedBy: 'SITE' | null;
  from: string | null;
  to: string | null;
  days: { date: string; project_manager: number; technical_lead: number; safety_officer: number; worker: number; absent: number; bid_pm: boolean; site_pm: boolean }[];
  months: { month: string; siteDays: number; pmDays: number; presence: number | null; judged: boolean; below: boolean }[];
  persons: { ref: string; role: string; employerUscc: string; employerName: string | null; presentDays: number; rows: number; first: string; last: string; bidRole: string | null }[];
  employers: { uscc: string; name: string | null; workerDays: number; persons: number; bidInTender: boolean; isWinner: boolean; share: number | null }[];
}

export interface RingGraph {
  ring: { id: number; key: string; members: string[]; score: number; tendersTogether: number; article40Links: number; explanation: string };
  nodes: { uscc: string; name: string | null; bids: number; wins: number; ringWins: number | null }[];
  edges: {
    a: string;
    b: string;
    coBids: number;
    coBidsInRing: number | null;
    a40: { tenders: string[]; articles: string[]; fields: string[]; hard: boolean } | null;
    rotation: { wins: [number, number]; ratio: number } | null;
    recurrent: { winner: string; share: number } | null;
  }[];
}

export interface ImportSummary {
  importId: number;
  kind?: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  rowsRead: number;
  rowsPerSecond?: number;
  accepted?: number;
  rejected?: number;
  unchanged?: number;
  errors?: { line: number; column: string | null; message: string }[];
  errorsTotal?: number;
  warnings?: { line: number; column: string | null; message: string }[];
  warningCount?: number;
  error?: string | null;
  fileName?: string;
  format?: string;
  encoding?: string | null;
  tenders?: { new: number; replaced: number; unchanged: number } | null;
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
}

/** GET /api/tenders/:code/boq (the bids whose BOQ was imported; the lines are not read here). */
export interface BoqBids {
  tenderCode: string;
  bids: { bidder_uscc: string; bidder_name: string | null; n_lines: number }[];
}

export type BoqMark = 'identicalPrice' | 'quantity' | 'arithmetic' | 'missing' | 'extra' | 'order' | 'fixed';
export interface BoqSideLine { lineNo: number; quantity: number; unitPrice: number; amount: number }
export interface BoqCompareRow { itemCode: string; itemName: string | null; unit: string | null; a: BoqSideLine | null; b: BoqSideLine | null; marks: BoqMark[] }

/** GET /api/tenders/:code/boq/compare?a=&b= (two bidders' BOQs side by side, marked as BOQSIM counted them). */
export interface BoqCompare {
  tenderCode: string;
  a: { uscc: string; name: string | null };
  b: { uscc: string; name: string | null };
  pair: [string, string] | null;
  counts: { common: number; compared: number; identical: number; share: number; errors: Record<string, number>; errorTotal: number } | null;
  marked: Record<BoqMark, number> | null;
  total: number;
  page: number;
  pageSize: number;
  items: BoqCompareRow[];
}

/** GET /api/findings/by-buyer, /by-agency: one party and the current findings on its tenders. */
export interface PartyRow {
  uscc: string;
  name: string | null;
  tenders: number;
  flaggedTenders: number;
  flags: number;
  highFlags: number;
  detectors: Record<string, number>;
  ownFlags: FlagRow[];
}
export interface PartyPage { total: number; page: number; pageSize: number; items: PartyRow[] }
