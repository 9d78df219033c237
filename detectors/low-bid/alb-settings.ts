import { z } from 'zod';

/**
 * ALB settings. r₁–r₃ default to 财库〔2026〕2号's 50 % / 50 % / 45 % (a government-procurement rule, which lets the
 * buyer raise each to at most 65 %); for works tenders they are reference defaults, not law — 评标委员会和评标方法
 * 暂行规定 Art. 21 gives no number. Every key can be overridden per category / evaluation method.
 */
export const albSettingsSchema = z.strictObject({
  /** false = ALB does not look at the tender (counted as excluded). */
  enabled: z.boolean().default(true),
  /** T1: a bid below r₁ × the mean of the valid bids. */
  r1: z.number().gt(0).max(1).default(0.5),
  /** T2: the lowest bid below r₂ × the second-lowest. */
  r2: z.number().gt(0).max(1).default(0.5),
  /** T3: a bid below r₃ × the control price. */
  r3: z.number().gt(0).max(1).default(0.45),
  /** T4 on/off: 下浮率 above the upper Tukey fence of its peer group. */
  statistical: z.boolean().default(true),
  /** Fence multiplier: upper fence = Q3 + k·IQR. */
  fenceK: z.number().positive().default(1.5),
  /** Rolling window in years, looking back from the tender's year (3 = that year and the two before). */
  yearWindow: z.number().int().min(1).default(3),
  /** Control-price band edges in yuan, ascending (default: 100万, 400万, 1000万, 5000万). */
  priceBands: z
    .array(z.number().positive())
    .refine((a) => a.every((x, i) => i === 0 || x > a[i - 1]!), { message: 'priceBands must be strictly ascending' })
    .default([1_000_000, 4_000_000, 10_000_000, 50_000_000]),
  /** A peer group's fence is used only from this many discounts; else the group is widened (see ALB.md). */
  minPeerBids: z.number().int().min(1).default(30),
  /** Bids above the control price (normally 否决) are left out of the mean, the ranking and the peer population. */
  excludeAboveControl: z.boolean().default(true),
});

export type AlbSettings = z.infer<typeof albSettingsSchema>;
