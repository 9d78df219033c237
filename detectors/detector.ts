import type { z } from 'zod';
import type { Coverage, Flag } from './types.js';
import type { DatasetView } from './dataset-view.js';
import type { SettingsFor } from './settings.js';

/** `buyer`: indicators whose subject is a 招标人 or 招标代理机构 (issue 12 §1). */
export type DetectorFamily = 'price' | 'collusion' | 'post_award' | 'site' | 'buyer';

/** A group of firms the collusion detectors believe act together (围标串标 ring), with its evidence. */
export interface Ring {
  /** Stable across runs for the same members: sorted USCCs joined and hashed by the caller, or given here. */
  key: string;
  members: string[];
  /** Tenders in which at least two members bid together. */
  tenders: string[];
  rotation: number | null;
  cohesion: number | null;
  exclusivity: number | null;
  /** Number of 第四十条 links between members (A40). */
  article40Links: number;
  /** In [0, 1]. */
  score: number;
  explanation: string;
  evidence: Record<string, unknown>;
}

/**
 * What a detector hands back besides flags: per-tender and per-firm numbers for the exports and scores, rings,
 * and how many tenders it looked at.
 */
export interface DetectorOutput {
  flags: Flag[];
  coverage: Omit<Coverage, 'detector' | 'warning'>;
  /** e.g. { cv: 0.03, spd: 0.1, … } per tender code (export tenders columns). */
  tenderMetrics?: Map<string, Record<string, number | null>>;
  /**
   * Structured figures per tender code that the flags rest on and the console shows (a peer group's quantiles and
   * fence, presence per month against the threshold in force): stored once, read back, never recomputed elsewhere.
   */
  tenderFacts?: Map<string, Record<string, unknown>>;
  /** e.g. { ring_score: 0.8 } per USCC. */
  firmMetrics?: Map<string, Record<string, number | null>>;
  rings?: Ring[];
}

export interface DetectorContext {
  /** "As of" date for anything time-relative (YYYY-MM-DD); detectors never read the clock. */
  asOf: string;
  /** Outputs of detectors that ran earlier in the registry order (e.g. PERF reads ALB's flags). */
  previous: ReadonlyMap<string, DetectorOutput>;
}

/**
 * One indicator: a stable code, a version stored on its flags, a zod settings schema with defaults, and a pure
 * function over the dataset view. Each lives in its own file with a .md (Methodology / Why a red flag / Output /
 * Settings / Exclusions / Example) and a spec with hand-computed numbers.
 */
export interface Detector<S extends Record<string, unknown> = Record<string, unknown>> {
  code: string;
  version: string;
  /** Chinese first, English beside. */
  title: string;
  family: DetectorFamily;
  settingsSchema: z.ZodType<S>;
  /** Share of applicable tenders above which the run warns that settings may be wrong (cardinal issue #39). */
  maxFlagShare: number;
  run(view: DatasetView, settings: SettingsFor<S>, ctx: DetectorContext): DetectorOutput;
}
