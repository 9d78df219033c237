/**
 * PERF low_bid_high_settlement — 低价中标、高价结算.
 *
 * Formula: the winner is low (low-bid-status.ts: ALB flagged its bid, or — ALB not run — its 下浮率 is above the
 * peer upper fence Q3 + k·IQR of winning 下浮率; opt-in: at or above the `lowBidQuantile` of them), and excess = (settlementPrice − winning bid price) / winning bid
 * price > settlementExcess (default 0.10). The winning *bid* price is the base (not the contract price), so a
 * contract signed above the bid does not hide the gap.
 * Why: winning below cost and recovering through 变更/签证/索赔 at settlement is the classic abuse of 最低价中标
 * that the low-price review (财库〔2026〕2号: reviewed winners get closer post-award monitoring) and the domain notes'
 * "ALB winner watch" aim at.
 * Severity high: two independent facts (an abnormally low award and a large overrun) point the same way.
 * Excluded: not yet settled (no settlement price); no winning bid in the data; low status undetermined.
 */
import { excessScore, pct, round, yuan } from './format.js';
import type { LowBidStatus } from './low-bid-status.js';
import { clear, contractFlag, excluded, type ContractFacts, type RuleOutcome } from './rule.js';

export function lowBidHighSettlement(f: ContractFacts): RuleOutcome {
  const settlement = f.contract.settlementPrice;
  if (settlement === null) return excluded('not_settled');
  const bid = f.winningBid;
  if (!bid || !(bid.price > 0)) return excluded('no_winning_bid');
  const low = f.lowBid();
  if (low.low === null) return excluded(`low_bid_${low.reason}`);
  if (!low.low) return clear;
  const limit = f.settings.settlementExcess;
  const excess = (settlement - bid.price) / bid.price;
  if (!(excess > limit)) return clear;
  return contractFlag(
    f,
    'low_bid_high_settlement',
    'high',
    excessScore(excess, limit, 0.6, Math.max(limit, 0.1)),
    `低价中标、高价结算：中标价 ${yuan(bid.price)}（${lowReason(low)}），结算价 ${yuan(settlement)}，` +
      `高出中标价 ${pct(excess)}，超过 ${pct(limit, 0)}（标后履约监管重点：低价中标后靠变更、签证、索赔抬高结算）` +
      ` (low winning bid settled ${pct(excess)} above it, limit ${pct(limit, 0)})`,
    {
      winningPrice: bid.price,
      contractPrice: f.contract.contractPrice,
      settlementPrice: settlement,
      excess: round(excess),
      threshold: limit,
      changeOrderTotal: f.contract.changeOrderTotal,
      lowBid: lowEvidence(low),
    },
  );
}

function lowReason(low: LowBidStatus): string {
  if (low.path === 'ALB') {
    return `异常低价检测 ALB 已标记${low.triggers.length ? `：${low.triggers.join('、')}` : ''}`;
  }
  if (low.low === null) return '';
  if (low.path === 'peer_quantile') {
    return `中标下浮率 ${pct(low.discount)}，不低于同类中标下浮率 P${Math.round(low.quantile * 100)} = ${pct(low.value)}（n=${low.fence.n}）`;
  }
  return `中标下浮率 ${pct(low.discount)}，高于同类中标下浮率上围栏 ${pct(low.fence.upperFence)}（n=${low.fence.n}）`;
}

/** The low-bid judgement as stored in the evidence: which path, and its numbers. */
export function lowEvidence(low: LowBidStatus): Record<string, unknown> {
  if (low.path === 'ALB') return { path: 'ALB', flagged: low.low, triggers: low.triggers, discount: low.discount, upperFence: low.upperFence };
  if (low.low === null) return { path: 'peer_fence', undetermined: low.reason };
  const { fence } = low;
  if (low.path === 'peer_quantile') {
    return {
      path: 'peer_quantile',
      discount: round(low.discount),
      quantile: low.quantile,
      value: round(low.value),
      peer: { level: fence.levelName, key: fence.key, n: fence.n },
      primary: lowEvidence(low.primary),
    };
  }
  return {
    path: 'peer_fence',
    discount: round(low.discount),
    peer: { level: fence.levelName, key: fence.key, n: fence.n, q1: round(fence.q1), q3: round(fence.q3), k: fence.k, upperFence: round(fence.upperFence) },
  };
}
