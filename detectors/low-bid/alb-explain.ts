/** The readable sentence of an ALB flag: Chinese first with the numbers, the threshold and the rule; English brief. */
import { fixed2, money, pct } from '../price/format.js';
import type { AlbSettings } from './alb-settings.js';
import type { AlbTrigger, BidAssessment, TenderAssessment } from './alb-assess.js';

export const CAIKU_SOURCE = '财库〔2026〕2号（政府采购规则，工程招标作参考默认值）';
export const ART21_SOURCE = '《评标委员会和评标方法暂行规定》第二十一条';

export function explainTrigger(trigger: AlbTrigger, b: BidAssessment, a: TenderAssessment, s: AlbSettings): string {
  const p = money(b.bid.price);
  switch (trigger) {
    case 'T1':
      return (
        `投标报价 ${p} 元低于有效投标平均价 ${money(a.meanValid!)} 元的 ${pct(s.r1)}（${money(a.thresholds.T1!)} 元）；` +
        `依据${CAIKU_SOURCE} (below ${pct(s.r1)} of the mean of valid bids)`
      );
    case 'T2':
      return (
        `最低报价 ${p} 元低于次低报价 ${money(a.secondLowest!.price)} 元的 ${pct(s.r2)}（${money(a.thresholds.T2!)} 元）；` +
        `依据${CAIKU_SOURCE} (lowest bid below ${pct(s.r2)} of the second-lowest)`
      );
    case 'T3':
      return (
        `投标报价 ${p} 元低于最高投标限价 ${money(a.tender.controlPrice!)} 元的 ${pct(s.r3)}（${money(a.thresholds.T3!)} 元）；` +
        `依据${CAIKU_SOURCE} (below ${pct(s.r3)} of the control price)`
      );
    case 'T4': {
      const g = a.peer!;
      const z = b.robustZ === null ? '稳健 z 不可计算（MAD = 0）' : `稳健 z = ${fixed2(b.robustZ)}`;
      return (
        `下浮率 ${pct(b.discount!)} 高于同类标段下浮率上围栏 ${pct(g.upperFence)}` +
        `（Q3 ${pct(g.q3)} + ${g.k}×IQR ${pct(g.iqr)}；同类组 ${g.label}，${g.n} 个有效报价；中位数 ${pct(g.median)}，${z}）；` +
        `统计异常，按${ART21_SOURCE}应要求书面说明 (discount above the upper Tukey fence of its peer group)`
      );
    }
  }
}

export function explainBid(b: BidAssessment, a: TenderAssessment, s: AlbSettings): string {
  return `${b.triggers.map((t) => explainTrigger(t, b, a, s)).join('；')}。异常低价复核线索，不是结论 (a reason to review, not a verdict)`;
}
