/**
 * ALB per tender: which of the triggers T1–T4 fire for each valid bid, with the numbers behind them.
 * Pure; shared by the detector (alb.ts), the scorer and the Tsuchiura evaluation (bench/eval-low-bid).
 *
 * The bids tested, and the reference values, are the tender's **valid** bids (passed 初步评审 / 符合性审查, as
 * 财库〔2026〕2号 counts them) with a positive price, less — when `excludeAboveControl` — bids above the control
 * price. Invalid bids were already rejected: they neither get reviewed nor move the mean.
 */
import type { DatasetView } from '../dataset-view.js';
import { mean } from '../lib/stats.js';
import { robustZFrom } from '../price/fences.js';
import { byString } from '../price/format.js';
import type { BidRow, TenderRow } from '../types.js';
import type { AlbSettings } from './alb-settings.js';
import { PeerGroups, type PeerStats } from './peer-groups.js';

export type AlbTrigger = 'T1' | 'T2' | 'T3' | 'T4';
export const ALB_TRIGGERS: readonly AlbTrigger[] = ['T1', 'T2', 'T3', 'T4'];

export interface BidAssessment {
  bid: BidRow;
  /** (C − P)/C, null without a control price. */
  discount: number | null;
  /** Robust z of the discount in its peer group, null without a group or with MAD = 0. */
  robustZ: number | null;
  /** Triggers that fired, in T1…T4 order (a shared empty array when none: 1M bids, few flags). */
  triggers: readonly AlbTrigger[];
}

export interface TenderAssessment {
  tender: TenderRow;
  status: 'applied' | 'not_applicable' | 'excluded';
  /** Tested bids, ascending by price (ties by USCC). */
  bids: BidAssessment[];
  /** Valid bids left out because they are above the control price. */
  aboveControl: number;
  meanValid: number | null;
  lowest: BidRow | null;
  secondLowest: BidRow | null;
  /** The price each rule trigger compares with (P < threshold), null where it cannot be computed. */
  thresholds: { T1: number | null; T2: number | null; T3: number | null };
  /** T4's peer group, null when T4 is off, there is no control price, or no group is large enough. */
  peer: PeerStats | null;
  /** Why T4 did not run, when it did not. */
  t4Skipped: 'disabled' | 'no_control_price' | 'peer_group_too_small' | 'no_spread' | null;
}

const NONE: readonly AlbTrigger[] = Object.freeze([]);

export interface AlbAssessor {
  assess(t: TenderRow, s: AlbSettings): TenderAssessment;
}

export function createAlbAssessor(view: DatasetView): AlbAssessor {
  const peers = new PeerGroups(view);
  return { assess: (t, s) => assessTender(view, peers, t, s) };
}

function assessTender(view: DatasetView, peers: PeerGroups, t: TenderRow, s: AlbSettings): TenderAssessment {
  const c = t.controlPrice !== null && t.controlPrice > 0 ? t.controlPrice : null;
  const skipped = (status: 'excluded' | 'not_applicable', aboveControl = 0): TenderAssessment => ({
    tender: t,
    status,
    bids: [],
    aboveControl,
    meanValid: null,
    lowest: null,
    secondLowest: null,
    thresholds: { T1: null, T2: null, T3: null },
    peer: null,
    t4Skipped: null,
  });
  if (!s.enabled) return skipped('excluded');

  let aboveControl = 0;
  const tested: BidRow[] = [];
  for (const b of view.bidsOf.get(t.code) ?? []) {
    if (!b.valid || !(b.price > 0)) continue;
    if (s.excludeAboveControl && c !== null && b.price > c) aboveControl += 1;
    else tested.push(b);
  }
  // One valid bid and no control price: T1 cannot fire (P < r₁·P is false), T2–T4 have nothing to compare with.
  if (tested.length === 0 || (tested.length === 1 && c === null)) return skipped('not_applicable', aboveControl);
  tested.sort((a, b) => a.price - b.price || byString(a.bidderUscc, b.bidderUscc));

  const n = tested.length;
  const meanValid = mean(tested.map((b) => b.price));
  const lowest = tested[0]!;
  const secondLowest = n >= 2 ? tested[1]! : null;
  const thresholds = {
    T1: s.r1 * meanValid,
    T2: secondLowest ? s.r2 * secondLowest.price : null,
    T3: c !== null ? s.r3 * c : null,
  };

  let peer: PeerStats | null = null;
  let t4Skipped: TenderAssessment['t4Skipped'] = null;
  if (!s.statistical) t4Skipped = 'disabled';
  else if (c === null) t4Skipped = 'no_control_price';
  else {
    peer = peers.statsFor(t, s);
    if (!peer) t4Skipped = 'peer_group_too_small';
    else if (!(peer.iqr > 0)) t4Skipped = 'no_spread'; // identical discounts: no fence to be an outlier against
  }

  const t4Fence = peer && t4Skipped === null ? peer.upperFence : null;
  const bids = tested.map((b): BidAssessment => {
    const discount = c !== null ? (c - b.price) / c : null;
    const t1 = b.price < thresholds.T1;
    const t2 = b === lowest && thresholds.T2 !== null && b.price < thresholds.T2;
    const t3 = thresholds.T3 !== null && b.price < thresholds.T3;
    const t4 = t4Fence !== null && discount !== null && discount > t4Fence;
    let triggers: readonly AlbTrigger[] = NONE;
    if (t1 || t2 || t3 || t4) {
      const fired: AlbTrigger[] = [];
      if (t1) fired.push('T1');
      if (t2) fired.push('T2');
      if (t3) fired.push('T3');
      if (t4) fired.push('T4');
      triggers = fired;
    }
    return { bid: b, discount, robustZ: peer && discount !== null ? robustZFrom(discount, peer) : null, triggers };
  });
  return { tender: t, status: 'applied', bids, aboveControl, meanValid, lowest, secondLowest, thresholds, peer, t4Skipped };
}
