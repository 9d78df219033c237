/** What the plan says about one planted tender, and the cross-tender groups (rings, pairs) behind it. */
import type { Category } from '../../detectors/types.js';
import type { Day } from '../calendar.js';
import type { PostAwardPattern } from '../contracts.js';
import type { Firm, ProjectManager } from '../firms.js';
import type { SkeletonOverride } from '../market.js';
import type { RegularPattern } from '../signals.js';

export type LowTrigger = 'mean' | 'second_lowest' | 'control' | 'statistical';

/** 第四十条 fingerprint fields; hard = machine_code, mac, bond_account, project_manager_id, agent_id. */
export type Link = 'machine_code' | 'mac' | 'bond_account' | 'project_manager_id' | 'agent_id' | 'upload_ip' | 'file_creator';
export const HARD_LINKS: readonly Link[] = ['machine_code', 'mac', 'bond_account', 'project_manager_id', 'agent_id'];

/** How a ring's cover bids betray it. */
export type RingStyle = 'machine' | 'bond_agent' | 'pm_agent' | 'soft';

export interface RingPlan {
  id: string;
  category: Category;
  style: RingStyle;
  links: Link[];
  /** in rotation order: member j % k wins the j-th ring tender */
  members: Firm[];
  tenders: number[];
}

export interface NegativePlan {
  id: string;
  a: Firm;
  b: Firm;
  /** e.g. the trading centre's visitor Wi-Fi: one soft link only */
  sharedIp: string;
  tenders: number[];
}

export interface AvgPlan {
  id: string;
  category: Category;
  members: Firm[];
  tenders: number[];
}

export interface RepeatPlan {
  firm: Firm;
  tenders: number[];
}

/** A firm that wins two tenders naming the same PM (site double-booking). */
export interface PairPlan {
  id: string;
  firm: Firm;
  first: number;
  second: number;
  /** both sites in the attendance file with the PM clocked in on both */
  sameDaySites: boolean;
  /** filled while generating: the PM named on the first award, and the days he clocked in there */
  pm?: ProjectManager;
  firstCode?: string;
  firstPresent?: Set<Day>;
}

export type BidSpec =
  | { kind: 'normal' }
  | { kind: 'low_bid'; trigger: LowTrigger }
  | { kind: 'regular'; pattern: RegularPattern }
  | { kind: 'identical'; size: number }
  | { kind: 'ring'; ring: RingPlan; turn: number }
  | { kind: 'negative_ip'; pair: NegativePlan }
  | { kind: 'avg_shaping'; group: AvgPlan; turn: number }
  | { kind: 'all_but_winner_invalid' }
  | { kind: 'lowest_invalid' }
  | { kind: 'repeat_disqualified'; series: RepeatPlan; invalid: boolean }
  | { kind: 'single_bid' }
  | { kind: 'pm_pair'; pair: PairPlan };

export type SitePattern = 'pm_presence' | 'key_role_mismatch' | 'pm_two_sites_same_day' | 'workforce_other_employer';

export interface SiteSpec {
  pattern: SitePattern | 'pair_site';
  /** key_role_mismatch: which roles are staffed by other people than the bid named */
  roles?: ('project_manager' | 'technical_lead')[];
  pair?: PairPlan;
}

export interface PlantSpec {
  bid: BidSpec;
  override: SkeletonOverride;
  /** planted 标后履约 anomaly on the contract */
  contract?: PostAwardPattern;
  /** contract must run through the attendance window */
  activeInWindow?: boolean;
  /** planted 现场 anomaly: the tender is always a site in attendance.csv */
  site?: SiteSpec;
  /** never sample this tender as an ordinary site (keeps planted families apart) */
  noSite?: boolean;
}
