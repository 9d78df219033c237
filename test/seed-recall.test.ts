import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSeedCity } from '../seeds/city.js';
import type { Answers } from '../seeds/answers.js';
import { formatRecall, plantedRecall, type PlantedRecall } from '../seeds/recall.js';
import type { DetectionSummary } from '../src/detection/detection.service.js';
import { FindingsRepository } from '../src/findings/findings.repository.js';
import { createTestDb, type TestDb } from './support/test-db.js';
import { importService, detectionService } from './support/services.js';

/**
 * The detectors against the seed city's planted answers, through the real path: files → import → PostgreSQL →
 * Dataset → runDetectors → stored flags and rings.
 */
let db: TestDb;
let answers: Answers;
let recall: PlantedRecall;
let detection: DetectionSummary;

beforeAll(async () => {
  db = await createTestDb('recall');
  const dir = mkdtempSync(join(tmpdir(), 'bidwatch-seed-'));
  await writeSeedCity(dir);
  answers = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8'));
  const imports = importService(db.ds);
  for (const kind of ['bids', 'contracts', 'attendance'] as const) {
    const s = await imports.importFile({ path: join(dir, `${kind}.csv`), kind, format: 'csv' });
    expect(s.rejected).toBe(0);
  }
  detection = await detectionService(db.ds).run({});
  const { flags, rings, tenders } = await new FindingsRepository(db.ds).recallInputs(detection.runId);
  recall = plantedRecall(answers, flags, rings, tenders);
  process.stderr.write(formatRecall(recall).join('\n') + '\n');
}, 180_000);
afterAll(async () => db?.drop());

const familyOf = (detector: string, name: string) => recall.families.find((f) => f.detector === detector && f.family.includes(name))!;

describe('planted cases on the seed city', () => {
  it.each([
    ['ALB', '异常低价'],
    ['REGDIFF', '规律性'],
    ['IDENT', '雷同'],
    ['DISQ', '否决'],
    ['DISQ', '单一投标'],
    ['PERF', '标后履约'],
    ['SITE', '现场联动'],
    ['AVGSHAPE', '平均值'],
  ])('%s finds every planted %s case', (detector, name) => {
    const f = familyOf(detector, name);
    expect(f.planted).toBeGreaterThan(0);
    expect(f.missed).toEqual([]);
  });

  it('finds every planted ring with all its members, and puts no ordinary firm in a ring', () => {
    expect(recall.rings.length).toBe(answers.rings.length);
    for (const r of recall.rings) expect({ id: r.id, match: r.bestMatch }).toEqual({ id: r.id, match: r.members });
    expect(recall.firmsFalselyInRings.count / Math.max(1, recall.firmsFalselyInRings.ofFirmsInRings)).toBeLessThanOrEqual(0.1);
  });

  it('never turns the single-soft-link negative control into a ring', async () => {
    const rings = await db.ds.query(`SELECT members FROM rings WHERE run_id = $1`, [detection.runId]);
    for (const n of answers.negativeControls) {
      const together = rings.some((r: { members: string[] }) => n.bidderUsccs.every((u) => r.members.includes(u)));
      expect(together).toBe(false);
    }
  });

  it('flags few tenders that carry nothing planted (reported per detector)', () => {
    for (const [detector, s] of Object.entries(recall.nonPlantedFlaggedShare)) {
      // WGAP and SCREENS compare against the whole market, so a few ordinary tenders always sit past their fences.
      const limit = detector === 'WGAP' || detector === 'SCREENS' ? 0.05 : 0.01;
      expect({ detector, share: s.flagged / s.of <= limit }).toEqual({ detector, share: true });
    }
  });

  it('stores coverage for every detector and a settings hash on the run', async () => {
    const [run] = await db.ds.query(`SELECT settings_hash, detector_versions, coverage FROM detection_runs WHERE id = $1`, [detection.runId]);
    expect(run.settings_hash).toMatch(/^[0-9a-f]{16}$/);
    const codes = (run.coverage as { detector: string }[]).map((c) => c.detector);
    expect(codes).toEqual(expect.arrayContaining(['ALB', 'WGAP', 'IDENT', 'REGDIFF', 'DISQ', 'A40', 'SCREENS', 'COBID', 'AVGSHAPE', 'PERF', 'SITE']));
    expect(Object.keys(run.detector_versions).sort()).toEqual([...codes].sort());
  });
});
