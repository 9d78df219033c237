/**
 * Was the contract's winner a low bid (低价中标)? Two paths, and the flag's evidence says which one was used:
 *
 * - `ALB` — ALB ran earlier in the registry (`ctx.previous` has 'ALB'): the winner is low iff ALB flagged its bid
 *   (subjectType 'bid', `${tenderCode}/${bidderUscc}`). Its triggers, 下浮率 and peer upper fence are copied.
 * - `peer_fence` — ALB did not run: the winner is low iff its 下浮率 > the upper Tukey fence of its peers' winning
 *   下浮率 (peer-fence.ts). Undetermined (null) when the winner has no 下浮率 or no peer group is large enough.
 * - `peer_quantile` — opt-in (`lowBidQuantile`, default off): when neither path above calls the winner low, it still
 *   counts as low if its 下浮率 ≥ the q-quantile (type 7) of the same peer group's winning 下浮率. A looser reading of
 *   低价中标 ("among the deepest winners of its kind", not "an outlier"); the primary path is kept in the evidence.
 */
import type { DetectorContext } from '../detector.js';
import type { BidRow, Flag, TenderRow } from '../types.js';
import { quantileSorted } from '../lib/stats.js';
import type { PeerFence, PeerFenceFinder } from './peer-fence.js';

export type LowBidStatus =
  | { path: 'ALB'; low: boolean; triggers: string[]; discount: number | null; upperFence: number | null }
  | { path: 'peer_fence'; low: boolean; discount: number; fence: PeerFence }
  | { path: 'peer_quantile'; low: true; discount: number; quantile: number; value: number; fence: PeerFence; primary: LowBidStatus }
  | { path: 'peer_fence'; low: null; reason: 'no_winning_bid' | 'no_discount' | 'unknown_tender' | 'peer_too_small'; largestGroup?: number };

/** The ALB bid flags by `${tenderCode}/${bidderUscc}`, or null when ALB did not run. */
export function albFlagsByBid(ctx: DetectorContext): Map<string, Flag> | null {
  const alb = ctx.previous.get('ALB');
  if (!alb) return null;
  const out = new Map<string, Flag>();
  for (const f of alb.flags) {
    if (f.subjectType !== 'bid') continue;
    const key = f.tenderCode && f.bidderUscc ? `${f.tenderCode}/${f.bidderUscc}` : f.subjectId;
    if (!out.has(key)) out.set(key, f);
  }
  return out;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** ALB path: copy what ALB recorded about the bid (its evidence shape: triggers, discount, peer.upperFence). */
export function fromAlb(flag: Flag | undefined, bid: BidRow | undefined): LowBidStatus {
  if (!flag) return { path: 'ALB', low: false, triggers: [], discount: bid?.discount ?? null, upperFence: null };
  const ev = flag.evidence;
  const triggers = Array.isArray(ev['triggers']) ? (ev['triggers'] as unknown[]).filter((t): t is string => typeof t === 'string') : [];
  const peer = ev['peer'];
  const upperFence = peer && typeof peer === 'object' ? num((peer as Record<string, unknown>)['upperFence']) : null;
  return { path: 'ALB', low: true, triggers, discount: num(ev['discount']) ?? bid?.discount ?? null, upperFence };
}

/** Peer path: the winner's 下浮率 against the upper fence of its peers' winning 下浮率. */
export function fromPeerFence(
  find: PeerFenceFinder,
  tender: TenderRow | undefined,
  bid: BidRow | undefined,
  k: number,
  minGroup: number,
): LowBidStatus {
  if (!tender) return { path: 'peer_fence', low: null, reason: 'unknown_tender' };
  if (!bid) return { path: 'peer_fence', low: null, reason: 'no_winning_bid' };
  if (bid.discount === null || !Number.isFinite(bid.discount)) return { path: 'peer_fence', low: null, reason: 'no_discount' };
  const r = find(tender, k, minGroup);
  if (!r.ok) return { path: 'peer_fence', low: null, reason: r.reason, largestGroup: r.largestGroup };
  return { path: 'peer_fence', low: bid.discount > r.fence.upperFence, discount: bid.discount, fence: r.fence };
}

/** Opt-in looser criterion: the winner's 下浮率 at or above the q-quantile of its peers' winning 下浮率. */
export function withQuantile(
  primary: LowBidStatus,
  find: () => PeerFenceFinder,
  tender: TenderRow | undefined,
  bid: BidRow | undefined,
  k: number,
  minGroup: number,
  q: number | null,
): LowBidStatus {
  if (q === null || primary.low === true || !tender || !bid || bid.discount === null || !Number.isFinite(bid.discount)) return primary;
  const r = find()(tender, k, minGroup);
  if (!r.ok) return primary;
  const value = quantileSorted(r.sorted, q);
  if (!(bid.discount >= value)) return primary;
  return { path: 'peer_quantile', low: true, discount: bid.discount, quantile: q, value, fence: r.fence, primary };
}
