import type { DataSource } from 'typeorm';
import type { DetectionSummary } from '../detection/detection.service.js';
import type { CliContext } from './cli-context.js';

export interface DemoStepInput {
  ctx: CliContext;
  ds: DataSource;
  dir: string;
  seedDir: string;
  detection: DetectionSummary;
}

/** Steps after detection (planted-case recall, cases, the report); each returns lines for the summary. */
export type DemoStep = (input: DemoStepInput) => Promise<string[]>;

export const demoSteps: DemoStep[] = [];
