/**
 * answers.json: the planted cases, by tender code, USCC and (for people) tender code + role —
 * never a person's ID number, since those are hashed on import.
 */
import type { PostAwardPattern } from './contracts.js';
import type { RegularPattern } from './signals.js';
import type { Link, LowTrigger } from './planted/types.js';
import type { Issue12Answers } from './issue12.js';

export interface LowBidAnswer {
  tenderCode: string;
  bidderUscc: string;
  /** the trigger the case was built for */
  trigger: LowTrigger;
  /** every trigger the bid trips (rule triggers at 财库〔2026〕2号 defaults; `statistical` for fence cases) */
  triggers: LowTrigger[];
  /** 下浮率 of the bid */
  discount: number;
}

export interface RegularAnswer {
  tenderCode: string;
  pattern: RegularPattern;
  /** all valid bids of the tender form the pattern */
  bidderUsccs: string[];
}

export interface IdenticalAnswer {
  tenderCode: string;
  bidderUsccs: string[];
  price: string;
}

export interface LinkEvidence {
  tenderCode: string;
  bidderUsccs: [string, string];
  links: Link[];
}

export interface RingAnswer {
  id: string;
  category: string;
  members: string[];
  tenders: string[];
  winners: { tenderCode: string; bidderUscc: string }[];
  /** the fingerprint fields the ring shares (hard: machine_code, mac, bond_account, project_manager_id, agent_id) */
  links: Link[];
  /** every member pair sharing a fingerprint in a ring tender */
  evidence: LinkEvidence[];
}

export interface NegativeControlAnswer {
  id: string;
  kind: 'single_soft_link';
  bidderUsccs: [string, string];
  links: Link[];
  tenders: string[];
  /** what a correct detector concludes */
  expect: 'no_ring';
}

export interface AvgShapingAnswer {
  id: string;
  method: 'reasonable_low_price';
  members: string[];
  tenders: string[];
  /** the member placed just under the benchmark (wins); the other members bid near the ceiling */
  beneficiaries: { tenderCode: string; bidderUscc: string }[];
  /** the group's bids raise the benchmark */
  direction: 'up';
}

export type DisqualificationAnswer =
  | { tenderCode: string; pattern: 'all_but_winner_invalid' | 'lowest_invalid' }
  | { bidderUscc: string; pattern: 'repeat_disqualified'; tenders: string[]; disqualified: number; submitted: number };

export interface PostAwardAnswer {
  tenderCode: string;
  pattern: PostAwardPattern;
  winnerUscc: string;
  detail: Record<string, string | number | boolean>;
}

export type SiteAnswer =
  | { tenderCode: string; pattern: 'pm_presence'; role: 'project_manager'; months: { month: string; presence: number }[] }
  | { tenderCode: string; pattern: 'key_role_mismatch'; roles: ('project_manager' | 'technical_lead')[] }
  | { tenderCode: string; pattern: 'pm_two_sites_same_day'; role: 'project_manager'; otherTenderCode: string; sameDays: number }
  | { tenderCode: string; pattern: 'pm_two_active_contracts'; role: 'project_manager'; otherTenderCode: string }
  | { tenderCode: string; pattern: 'workforce_other_employer'; employerUscc: string; share: number };

export interface Answers {
  seed: number;
  lowBids: LowBidAnswer[];
  regularDiff: RegularAnswer[];
  identicalPrices: IdenticalAnswer[];
  rings: RingAnswer[];
  negativeControls: NegativeControlAnswer[];
  avgShaping: AvgShapingAnswer[];
  disqualification: DisqualificationAnswer[];
  singleBid: string[];
  postAward: PostAwardAnswer[];
  site: SiteAnswer[];
  /** Only when the city was generated with `issue12: true` (seeds/issue12.ts). */
  issue12?: Issue12Answers;
}

export function emptyAnswers(seed: number): Answers {
  return {
    seed,
    lowBids: [],
    regularDiff: [],
    identicalPrices: [],
    rings: [],
    negativeControls: [],
    avgShaping: [],
    disqualification: [],
    singleBid: [],
    postAward: [],
    site: [],
  };
}

/** Stable rounding for ratios written to JSON. */
export function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
