/**
 * PERF — 标后履约 (post-award performance). One detector, six sub-rules in their own files, each with its formula,
 * source and spec; methodology in PERF.md. Input: contracts (+ the winning bid, + ALB's flags when ALB ran).
 *
 * Coverage in tender units: applied = contracts at least one sub-rule could examine; excluded = contracts every
 * enabled sub-rule had to skip (missing fields); notApplicable = tenders without a contract.
 */
import type { Detector, DetectorOutput } from '../detector.js';
import type { Flag } from '../types.js';
import { changeOrdersCount, changeOrdersShare } from './change-orders.rule.js';
import { contractPriceMismatch } from './contract-price.rule.js';
import { dayNumber, round } from './format.js';
import { fastCompletion } from './fast-completion.rule.js';
import { lowBidHighSettlement } from './low-bid-high-settlement.rule.js';
import { albFlagsByBid, fromAlb, fromPeerFence, withQuantile, type LowBidStatus } from './low-bid-status.js';
import { peerFences, type PeerFenceFinder } from './peer-fence.js';
import { pmReplaced } from './pm-replaced.rule.js';
import { PERF_CODE, PERF_VERSION, type ContractFacts, type RuleOutcome } from './rule.js';
import { perfSettingsSchema, type PerfRule, type PerfSettings } from './settings.js';
import { winningBid } from './winner.js';

const RULES: Record<PerfRule, (f: ContractFacts) => RuleOutcome> = {
  change_orders_share: changeOrdersShare,
  change_orders_count: changeOrdersCount,
  low_bid_high_settlement: lowBidHighSettlement,
  contract_price_mismatch: contractPriceMismatch,
  pm_replaced: pmReplaced,
  fast_completion: fastCompletion,
};

export const perfDetector: Detector<PerfSettings> = {
  code: PERF_CODE,
  version: PERF_VERSION,
  title: '标后履约：变更签证、低价中标高价结算、合同价不符、更换项目经理、竣工过快 (post-award performance)',
  family: 'post_award',
  settingsSchema: perfSettingsSchema,
  maxFlagShare: 0.25,
  run(view, settings, ctx): DetectorOutput {
    const alb = albFlagsByBid(ctx);
    let fences: PeerFenceFinder | undefined; // built only if ALB did not run and a settled contract needs it
    const flags: Flag[] = [];
    const tenderMetrics = new Map<string, Record<string, number | null>>();
    let applied = 0;
    let excluded = 0;
    let flagged = 0;

    const codes = [...view.contractOf.keys()].sort();
    for (const code of codes) {
      const contract = view.contractOf.get(code)!;
      const tender = view.tender.get(code);
      const s = tender ? settings.for(tender) : settings.base;
      const bid = winningBid(view.bidsOf.get(code), contract.winnerUscc);
      let low: LowBidStatus | undefined;
      const facts: ContractFacts = {
        contract,
        tender,
        winningBid: bid,
        settings: s,
        lowBid: () => {
          if (low) return low;
          const finder = (): PeerFenceFinder => (fences ??= peerFences(view));
          const primary = alb
            ? fromAlb(alb.get(`${code}/${bid?.bidderUscc ?? contract.winnerUscc}`), bid)
            : fromPeerFence(finder(), tender, bid, s.peerFenceK, s.peerMinGroup);
          return (low = withQuantile(primary, finder, tender, bid, s.peerFenceK, s.peerMinGroup, s.lowBidQuantile));
        },
      };
      let examined = false;
      let hit = false;
      for (const rule of Object.keys(RULES) as PerfRule[]) {
        if (s.disabledRules.includes(rule)) continue;
        const out = RULES[rule](facts);
        if (out.status === 'excluded') continue;
        examined = true;
        if (out.status === 'flagged') {
          flags.push(out.flag);
          hit = true;
        }
      }
      if (!examined) excluded++;
      else {
        applied++;
        if (hit) flagged++;
      }
      tenderMetrics.set(code, metrics(facts));
    }

    let notApplicable = 0;
    for (const t of view.tenders) if (!view.contractOf.has(t.code)) notApplicable++;
    return { flags, coverage: { applied, flagged, notApplicable, excluded }, tenderMetrics };
  },
};

/** Per-tender numbers for the exports (null when not computable). */
function metrics(f: ContractFacts): Record<string, number | null> {
  const c = f.contract;
  const w = f.winningBid && f.winningBid.price > 0 ? f.winningBid.price : null;
  const signed = dayNumber(c.contractDate);
  const done = dayNumber(c.actualCompletion);
  return {
    perf_change_order_share: c.changeOrderTotal !== null && c.contractPrice > 0 ? round(c.changeOrderTotal / c.contractPrice) : null,
    perf_change_order_count: c.changeOrderCount,
    perf_settlement_excess: w !== null && c.settlementPrice !== null ? round((c.settlementPrice - w) / w) : null,
    perf_contract_price_diff: w !== null ? round((c.contractPrice - w) / w, 6) : null,
    perf_completion_days: signed !== null && done !== null ? done - signed : null,
  };
}
