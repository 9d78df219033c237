/**
 * One-line explanations of the figures an inspector meets, shown as tooltips (title) and as help lines. Each says
 * what the number is and how it is made, as the detector docs define it (detectors/low-bid/ALB.md,
 * detectors/scores/low-bid-score.ts, detectors/rings/scores.md); none of them is a verdict.
 */

/** ALB's ratios and thresholds, and the statistics its evidence carries. */
export const FIGURE_HELP: Record<string, string> = {
  r1: 'T1 的比例 r₁：投标报价低于“有效投标平均价 × r₁”即提示复核（默认 0.50，取自财库〔2026〕2号，工程招标作参考默认值）',
  r2: 'T2 的比例 r₂：最低报价低于“次低报价 × r₂”即提示复核（默认 0.50）',
  r3: 'T3 的比例 r₃：投标报价低于“最高投标限价 × r₃”即提示复核（默认 0.45）',
  T1: 'T1 阈值 = r₁ × 有效投标平均价（元）：低于它的报价应要求投标人书面说明',
  T2: 'T2 阈值 = r₂ × 次低报价（元）：最低价低于它即提示复核',
  T3: 'T3 阈值 = r₃ × 最高投标限价（元）',
  T4: 'T4 阈值 = 同类组下浮率上围栏 Q3 + k·IQR：下浮率超过它在统计上明显偏低（评标委员会和评标方法暂行规定第二十一条）',
  k: '围栏系数 k：上围栏 = Q3 + k × IQR（默认 1.5，即 Tukey 围栏）',
  upperFence: '上围栏 Q3 + k·IQR：同类标段下浮率的统计上限，超过即为异常偏低的报价',
  robustZ: '稳健 z 值 =（下浮率 − 同类中位数）÷（1.4826 × MAD）：偏离同类的程度，只用于排序，不决定是否标记',
  iqr: '四分位距 IQR = Q3 − Q1',
  mad: 'MAD：同类下浮率与中位数之差的绝对值的中位数',
  peer: '同类组：与本标段年份窗口、工程类别、类型、评标办法和限价区间相同的标段，样本不足时逐级放宽',
  level: '分组层级：同类组样本不足 30 个下浮率时逐级放宽（完整分组 → 不分限价区间 → 不限年份 → 不分评标办法 → 仅按类别 → 全部）',
  score: '标记分（0–1）：这条线索的强度，越高越应优先核查；用于排序，不是违法的概率',
  screenScore: '筛查得分：本标段报价分布指标在同类标段中的百分位，越高越像协调过的报价',
  chance: '偶然出现的概率：各家独立报价时出现这种情形的概率，越小越不像巧合',
  p: 'p 值：没有操纵时出现同样或更极端结果的概率',
};

/** The tender scores of tender_metrics, as the tender page shows them. */
export const SCORE_HELP: Record<'low_bid_score' | 'collusion_score', string> = {
  low_bid_score:
    '异常低价分（0–1，越高越可疑）：综合本标段的异常低价标记（ALB，未中标的报价按 0.8 折算）、中标价大幅低于次低价（WGAP R058）和最低价被否决（DISQ R036）；没有 ALB 标记时按下浮率的稳健 z 值给出不超过 0.45 的分。用于排序，不是结论。',
  collusion_score:
    '围标串标风险分（0–1，越高越可疑）：综合第四十条雷同（A40）、报价相同或规律性差异（IDENT/REGDIFF）、基准价操纵（AVGSHAPE）、报价分布筛查和投标人的团伙关联，各项按检测器在同类市场的触发率加权后合成。用于排序，不是违法的概率。',
};

/** COBID's ring score (detectors/rings/cobid.md), shown in the ring section's header. */
export const RING_SCORE_HELP =
  '团伙关联分（0–1，越高越可疑）：综合成员间最强的第四十条关联（两项软特征 0.6、硬特征 0.9，另有报价雷同佐证再加 0.1）、共同投标的紧密与排他程度（内聚度、排他性和共同投标次数）以及轮流中标、固定陪标，以 noisy-OR 合成。用于排序，不是定性结论。';

/** How a flag's score is made, where a detector defines it more precisely than the general line. */
const FLAG_SCORE_HELP: Record<string, string> = {
  ALB: '异常低价标记分：T1–T3 规则触发时为 0.75–1（越低于阈值越高），仅统计触发 T4 时为 0.5–0.75',
};

export function flagScoreHelp(detector: string, score: number): string {
  return `得分 ${score.toFixed(4)}。${FLAG_SCORE_HELP[detector] ?? FIGURE_HELP.score!}`;
}
