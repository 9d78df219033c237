/**
 * PERF contract_price_mismatch — 合同价与中标价不一致.
 *
 * Formula: diff = (contractPrice − winning bid price) / winning bid price; flag when |diff| > contractPriceTolerance
 * (default 0.001 = 0.1 %, slack for rounding to the 元 or 百元). Both directions flag: a higher contract price is
 * money added without competition; a lower one suggests a side deal on scope.
 * Source: 《招标投标法实施条例》第五十七条 — 合同的标的、价款、质量、履行期限等主要条款应当与招标文件和中标人的投标文件的
 * 内容一致 (also 招标投标法 第四十六条: 不得再行订立背离合同实质性内容的其他协议).
 * Score: 0.4 at the tolerance, rising to 1 at a 10 % difference. Medium.
 * Excluded: no winning bid of the contract's winner in the data.
 */
import { clamp01, pct, round, signedPct, yuan } from './format.js';
import { clear, contractFlag, excluded, type ContractFacts, type RuleOutcome } from './rule.js';

export function contractPriceMismatch(f: ContractFacts): RuleOutcome {
  const bid = f.winningBid;
  if (!bid || !(bid.price > 0)) return excluded('no_winning_bid');
  const price = f.contract.contractPrice;
  const tol = f.settings.contractPriceTolerance;
  const diff = (price - bid.price) / bid.price;
  if (!(Math.abs(diff) > tol)) return clear;
  return contractFlag(
    f,
    'contract_price_mismatch',
    'medium',
    clamp01(0.4 + 0.6 * Math.min(1, Math.abs(diff) / 0.1)),
    `合同价 ${yuan(price)} 与中标价 ${yuan(bid.price)} 相差 ${signedPct(diff, 2)}，超过容差 ${pct(tol, 2)}` +
      `（《招标投标法实施条例》第五十七条：合同价款应与中标人的投标文件一致）` +
      ` (contract price differs from the winning bid by ${signedPct(diff, 2)})`,
    { contractPrice: price, winningPrice: bid.price, diff: round(diff, 6), tolerance: tol },
  );
}
