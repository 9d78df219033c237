import { z } from 'zod';
import { WORK_TYPES } from '../types.js';

/** Sub-rule ids of PERF, as stored in `evidence.rule`. */
export const PERF_RULES = [
  'change_orders_share',
  'change_orders_count',
  'low_bid_high_settlement',
  'contract_price_mismatch',
  'pm_replaced',
  'fast_completion',
] as const;
export type PerfRule = (typeof PERF_RULES)[number];

/** PERF settings; every key has a default and unknown keys are refused. Sources of each default: PERF.md. */
export const perfSettingsSchema = z.strictObject({
  /** change_orders_share: flag when Σ变更签证 / 合同价 > this (政府投资条例 Art. 23, 政府采购法 Art. 49 anchors). */
  changeOrderShare: z.number().positive().max(5).default(0.1),
  /** change_orders_count: flag when the number of 变更签证 ≥ this (Prozorro ari-1-1). */
  changeOrderCount: z.number().int().min(1).default(3),
  /** low_bid_high_settlement: flag a low winner when (结算价 − 中标价) / 中标价 > this. */
  settlementExcess: z.number().min(0).default(0.1),
  /** Fallback when ALB did not run: Tukey k for the upper fence on winners' 下浮率. */
  peerFenceK: z.number().positive().default(1.5),
  /** Fallback: smallest peer group a fence is computed on; smaller groups widen (see PERF.md). */
  peerMinGroup: z.number().int().min(4).default(30),
  /**
   * Opt-in looser "low" for low_bid_high_settlement: also count a winner whose 下浮率 is at or above this quantile of
   * its peers' winning 下浮率 (same peer ladder). null = off: only ALB flags / the Tukey fence count.
   */
  lowBidQuantile: z.number().gt(0).lt(1).nullable().default(null),
  /** contract_price_mismatch: flag when |合同价 − 中标价| / 中标价 > this (rounding slack for Art. 57). */
  contractPriceTolerance: z.number().min(0).default(0.001),
  /** fast_completion: works completed fewer than this many days after signing (Prozorro sas-3-7). */
  fastCompletionDays: z.number().int().positive().default(60),
  /** fast_completion: or completed in less than this share of the planned duration. */
  fastCompletionPlannedShare: z.number().gt(0).max(1).default(0.5),
  /** fast_completion: only contracts at or above this price, yuan (发改委令第16号: 施工 ≥ 400 万 must be tendered). */
  fastCompletionMinPrice: z.number().min(0).default(4_000_000),
  /** fast_completion: work types it applies to (施工 and 工程总承包). */
  fastCompletionWorkTypes: z.array(z.enum(WORK_TYPES)).default(['construction', 'epc']),
  /** Sub-rules switched off (for a category or evaluation method, through overrides). */
  disabledRules: z.array(z.enum(PERF_RULES)).default([]),
});

export type PerfSettings = z.infer<typeof perfSettingsSchema>;
