/**
 * PERF sub-rules on 变更签证 (change orders), from the contract row.
 *
 * change_orders_share: share = changeOrderTotal / contractPrice; flag when share > changeOrderShare (default 0.10).
 *   The total is the signed net amount: a net reduction (negative total) never flags — the anchors are about
 *   money added after award. No national single % exists for works; the 10 % anchors are 《政府投资条例》第二十三条
 *   (概算超过估算 10 % ⇒ 报告/重新报送) and 《政府采购法》第四十九条 (补充合同 ≤ 原合同金额 10 %); OCP R054/R059.
 * change_orders_count: flag when changeOrderCount ≥ changeOrderCount setting (default 3), Prozorro ari-1-1
 *   (≥ 3 supplementary agreements).
 * Both are medium: many or large changes are common on honest sites too; together with a low winning bid they are
 * the 低价中标、高价结算 pattern, which has its own rule.
 */
import { excessScore, pct, round, yuan } from './format.js';
import { clear, contractFlag, excluded, type ContractFacts, type RuleOutcome } from './rule.js';

export function changeOrdersShare(f: ContractFacts): RuleOutcome {
  const { changeOrderTotal: total, contractPrice: price } = f.contract;
  if (total === null) return excluded('no_change_order_total');
  if (!(price > 0)) return excluded('no_contract_price');
  const limit = f.settings.changeOrderShare;
  const share = total / price;
  if (!(share > limit)) return clear;
  return contractFlag(
    f,
    'change_orders_share',
    'medium',
    excessScore(share, limit, 0.4),
    `变更签证累计 ${yuan(total)}，占合同价 ${yuan(price)} 的 ${pct(share)}，超过 ${pct(limit, 0)}` +
      `（参照《政府投资条例》第二十三条、《政府采购法》第四十九条的 10% 界限）` +
      ` (change orders ${pct(share)} of the contract price, above ${pct(limit, 0)})`,
    { changeOrderTotal: total, contractPrice: price, share: round(share), threshold: limit, changeOrderCount: f.contract.changeOrderCount },
  );
}

export function changeOrdersCount(f: ContractFacts): RuleOutcome {
  const count = f.contract.changeOrderCount;
  if (count === null) return excluded('no_change_order_count');
  const limit = f.settings.changeOrderCount;
  if (count < limit) return clear;
  return contractFlag(
    f,
    'change_orders_count',
    'medium',
    excessScore(count, limit, 0.4),
    `变更签证 ${count} 次，达到 ${limit} 次的界限（参照 Prozorro 风险规则 ari-1-1：补充协议 ≥ 3 份）` +
      ` (${count} change orders, at or above ${limit})`,
    { changeOrderCount: count, threshold: limit, changeOrderTotal: f.contract.changeOrderTotal, contractPrice: f.contract.contractPrice },
  );
}
