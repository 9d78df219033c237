import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadRecallInputs } from '../evaluation/loaders.js';
import { formatRecall, plantedRecall } from '../evaluation/planted-recall.js';
import { reportDemoStep } from '../reports/report-demo-step.js';
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

/** How many of the seed's planted cases the detectors found, and how often they fire elsewhere. */
const recallStep: DemoStep = async ({ ds, seedDir, detection }) => {
  const answers = JSON.parse(await readFile(join(seedDir, 'answers.json'), 'utf8'));
  const { flags, rings, tenders } = await loadRecallInputs(ds, detection.runId);
  return formatRecall(plantedRecall(answers, flags, rings, tenders));
};

export const demoSteps: DemoStep[] = [recallStep, reportDemoStep];
