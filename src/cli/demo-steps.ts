import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatRecall, plantedRecall } from '../../seeds/recall.js';
import type { DetectionSummary } from '../detection/detection.service.js';
import { FindingsRepository } from '../findings/findings.repository.js';
import { DiscountTrendService } from '../reports/discount-trend.service.js';
import { reportDemoStep } from '../reports/report-demo-step.js';
import type { CliContext } from './cli-context.js';

export interface DemoStepInput {
  ctx: CliContext;
  dir: string;
  seedDir: string;
  detection: DetectionSummary;
}

/** Steps after detection (planted-case recall, cases, the report); each returns lines for the summary. */
export type DemoStep = (input: DemoStepInput) => Promise<string[]>;

/** How many of the seed's planted cases the detectors found, and how often they fire elsewhere. */
const recallStep: DemoStep = async ({ ctx, seedDir, detection }) => {
  const answers = JSON.parse(await readFile(join(seedDir, 'answers.json'), 'utf8'));
  const { flags, rings, tenders } = await (await ctx.get(FindingsRepository)).recallInputs(detection.runId);
  return formatRecall(plantedRecall(answers, flags, rings, tenders));
};

const reportStep: DemoStep = async ({ ctx, dir }) => reportDemoStep({ reports: await ctx.get(DiscountTrendService), dir });

export const demoSteps: DemoStep[] = [recallStep, reportStep];
