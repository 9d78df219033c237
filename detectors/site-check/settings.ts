import { z } from 'zod';
import { WORK_TYPES } from '../types.js';

/** Sub-rule ids of SITE, as stored in `evidence.rule`. */
export const SITE_RULES = ['pm_presence', 'team_mismatch', 'pm_double_booked', 'pm_two_contracts', 'subcontracting'] as const;
export type SiteRule = (typeof SITE_RULES)[number];

/** SITE settings; every key has a default and unknown keys are refused. Sources of each default: SITE.md. */
export const siteSettingsSchema = z.strictObject({
  /**
   * Work types SITE examines (default 施工, 工程总承包: 建质〔2011〕111号 and the 注册建造师 rules are about 施工 项目负责人;
   * a 总监理工程师 may lawfully lead several 监理 projects). Others count as not applicable.
   */
  workTypes: z.array(z.enum(WORK_TYPES)).default(['construction', 'epc']),
  /** pm_presence: flag a month when PM days / site days < this (建质〔2011〕111号: ≥ 80 % of the month's construction time). */
  presenceThreshold: z.number().gt(0).max(1).default(0.8),
  /** pm_presence: months with fewer site days are not judged (holidays, start and end of works). */
  minSiteDays: z.number().int().min(1).default(10),
  /**
   * What makes a day a site (construction) day: `any_present` — someone checked in; `any_record` — the site sent
   * any attendance row (also rows with present = false).
   */
  siteDay: z.enum(['any_present', 'any_record']).default('any_present'),
  /** team_mismatch: the bid's PM must appear within this many days from the site's first day (成住建规〔2023〕13号: 30). */
  teamWindowDays: z.number().int().min(1).default(30),
  /** pm_double_booked: flag a person present on two sites on at least this many same days. */
  doubleBookingMinDays: z.number().int().min(1).default(1),
  /** pm_two_contracts: flag when two contracts of the same bid PM overlap by at least this many days. */
  twoContractsMinOverlapDays: z.number().int().min(1).default(1),
  /** pm_double_booked, pm_two_contracts: never pair two 标段 of the same project (相邻分段发包, an exception of 建市〔2008〕48号). */
  sameProjectExempt: z.boolean().default(true),
  /** subcontracting: flag when worker-days on other firms' books / all worker-days > this. */
  otherEmployerShare: z.number().min(0).lt(1).default(0.5),
  /** subcontracting: `period` — over the whole attendance; `month` — any single month with enough site days. */
  workforceBasis: z.enum(['period', 'month']).default('period'),
  /** subcontracting: fewest present worker-days (in the period, or in a month) to judge. */
  minWorkerDays: z.number().int().min(1).default(20),
  /** Sub-rules switched off (for a category or evaluation method, through overrides). */
  disabledRules: z.array(z.enum(SITE_RULES)).default([]),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;
