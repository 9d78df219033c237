/**
 * Settings of the scorers (settings file key `SCORES`), with the defaults documented in rings/scores.md. They are
 * fixed in advance and checked leave-one-dataset-out; a bureau may override them like any detector's settings.
 */
import { z } from 'zod';

export const scoreSettingsSchema = z.strictObject({
  /** Weight of a tender's own screens against the exposure of its bidders (bidder-propagation.ts). */
  alpha: z.number().min(0).max(1).default(0.3),
  /** Propagation rounds. */
  rounds: z.number().int().min(1).max(10).default(2),
  /** Weight of the behaviour evidence in collusion_score (0.5: even odds at the market's top rank). */
  behaviourWeight: z.number().min(0).max(1).default(0.5),
  /** Weight of exposure in ring_score. */
  exposureWeight: z.number().min(0).max(1).default(0.7),
});
export type ScoreSettings = z.infer<typeof scoreSettingsSchema>;

export const DEFAULT_SCORE_SETTINGS: ScoreSettings = scoreSettingsSchema.parse({});
