import type { Answers } from './answers.js';

/** A stored flag reduced to what recall needs. */
export interface RecallFlag {
  detector: string;
  subjectType: string;
  subjectId: string;
  tenderCode: string | null;
  bidderUscc: string | null;
  rule: string | null;
  /** Tenders named in the flag's evidence (person flags span sites). */
  tenders: string[];
}

export interface RecallRing {
  members: string[];
}

export interface FamilyRecall {
  family: string;
  detector: string;
  planted: number;
  found: number;
  missed: string[];
}

export interface PlantedRecall {
  families: FamilyRecall[];
  rings: { id: string; members: number; bestMatch: number; jaccard: number; found: boolean }[];
  /** Firms placed in a detected ring that are in no planted ring, shaping group or planted statutory pair. */
  firmsFalselyInRings: { count: number; ofFirmsInRings: number };
  /** Tenders flagged by each detector that carry no planted case at all, over all such tenders. */
  nonPlantedFlaggedShare: Record<string, { flagged: number; of: number }>;
}

/**
 * Measures detectors against the seed's planted answers (seeds/answers.json): per family, how many planted cases a
 * flag of the right detector touches, which were missed, and how often detectors fire on tenders with nothing
 * planted. A ring counts as found when a detected ring holds at least two thirds of its members.
 */
export function plantedRecall(answers: Answers, flags: readonly RecallFlag[], rings: readonly RecallRing[], allTenders: readonly string[]): PlantedRecall {
  const by = (detector: string) => flags.filter((f) => f.detector === detector);
  const tendersOf = (detector: string, rule?: (r: string | null) => boolean) =>
    new Set(by(detector).filter((f) => !rule || rule(f.rule)).flatMap((f) => [f.tenderCode, ...f.tenders].filter((c): c is string => !!c)));
  const bidsOf = (detector: string) => new Set(by(detector).map((f) => `${f.tenderCode}/${f.bidderUscc}`));
  const firmsOf = (detector: string) => new Set(by(detector).map((f) => f.bidderUscc).filter(Boolean));
  const family = (name: string, detector: string, items: { id: string; hit: boolean }[]): FamilyRecall => ({
    family: name,
    detector,
    planted: items.length,
    found: items.filter((i) => i.hit).length,
    missed: items.filter((i) => !i.hit).map((i) => i.id),
  });

  const alb = bidsOf('ALB');
  const reg = tendersOf('REGDIFF');
  const ident = tendersOf('IDENT');
  const disqT = tendersOf('DISQ');
  const disqF = firmsOf('DISQ');
  const single = tendersOf('DISQ', (r) => r === 'R018');
  const perf = tendersOf('PERF');
  const site = tendersOf('SITE');
  const avg = tendersOf('AVGSHAPE');
  const families: FamilyRecall[] = [
    family('异常低价 low bids', 'ALB', answers.lowBids.map((a) => ({ id: `${a.tenderCode}/${a.bidderUscc}`, hit: alb.has(`${a.tenderCode}/${a.bidderUscc}`) }))),
    family('报价规律性差异 regular differences', 'REGDIFF', answers.regularDiff.map((a) => ({ id: a.tenderCode, hit: reg.has(a.tenderCode) }))),
    family('报价雷同 identical prices', 'IDENT', answers.identicalPrices.map((a) => ({ id: a.tenderCode, hit: ident.has(a.tenderCode) }))),
    family('否决模式 disqualification', 'DISQ', answers.disqualification.map((a) =>
      'tenderCode' in a ? { id: a.tenderCode, hit: disqT.has(a.tenderCode) } : { id: a.bidderUscc, hit: disqF.has(a.bidderUscc) })),
    family('单一投标 single bid', 'DISQ', answers.singleBid.map((c) => ({ id: c, hit: single.has(c) }))),
    family('标后履约 post-award', 'PERF', answers.postAward.map((a) => ({ id: `${a.tenderCode} ${a.pattern}`, hit: perf.has(a.tenderCode) }))),
    family('现场联动 site', 'SITE', answers.site.map((a) => ({ id: `${a.tenderCode} ${a.pattern}`, hit: site.has(a.tenderCode) }))),
    family('平均值操纵 average-rule shaping', 'AVGSHAPE', answers.avgShaping.flatMap((g) => g.tenders.map((c) => ({ id: c, hit: avg.has(c) })))),
  ];

  const ringResults = answers.rings.map((r) => {
    const planted = new Set(r.members);
    let best = 0;
    let jac = 0;
    for (const d of rings) {
      const inter = d.members.filter((m) => planted.has(m)).length;
      if (inter > best) {
        best = inter;
        jac = inter / new Set([...d.members, ...r.members]).size;
      }
    }
    return { id: r.id, members: r.members.length, bestMatch: best, jaccard: Math.round(jac * 1000) / 1000, found: best >= Math.ceil((2 * r.members.length) / 3) };
  });
  // a planted 第四十条 device link, 第三十四条 relation or 清单雷同 pair (issue-12 layer) is a ring of its own by design
  const i12 = answers.issue12;
  const statutoryPairs = i12 ? [...i12.deviceLinks, ...i12.article34, ...i12.boq] : [];
  const plantedFirms = new Set([...answers.rings.flatMap((r) => r.members), ...answers.avgShaping.flatMap((g) => g.members), ...statutoryPairs.flatMap((p) => p.bidderUsccs)]);
  const inRings = new Set(rings.flatMap((r) => r.members));
  const falsely = [...inRings].filter((m) => !plantedFirms.has(m)).length;

  const plantedTenders = new Set<string>([
    ...answers.lowBids.map((a) => a.tenderCode),
    ...answers.regularDiff.map((a) => a.tenderCode),
    ...answers.identicalPrices.map((a) => a.tenderCode),
    ...answers.rings.flatMap((r) => r.tenders),
    ...answers.negativeControls.flatMap((n) => n.tenders),
    ...answers.avgShaping.flatMap((g) => g.tenders),
    ...answers.disqualification.flatMap((d) => ('tenderCode' in d ? [d.tenderCode] : d.tenders)),
    ...answers.singleBid,
    ...answers.postAward.map((a) => a.tenderCode),
    ...answers.site.flatMap((s) => ['otherTenderCode' in s ? s.otherTenderCode : s.tenderCode, s.tenderCode]),
    ...statutoryPairs.map((p) => p.tenderCode),
    ...(i12 ? [...i12.r044.map((p) => p.tenderCode), ...i12.timing.map((t) => t.tenderCode)] : []),
  ]);
  const others = allTenders.filter((c) => !plantedTenders.has(c));
  const otherSet = new Set(others);
  const nonPlantedFlaggedShare: Record<string, { flagged: number; of: number }> = {};
  for (const d of [...new Set(flags.map((f) => f.detector))].sort()) {
    const hit = new Set(by(d).map((f) => f.tenderCode).filter((c): c is string => !!c && otherSet.has(c)));
    nonPlantedFlaggedShare[d] = { flagged: hit.size, of: others.length };
  }
  return { families, rings: ringResults, firmsFalselyInRings: { count: falsely, ofFirmsInRings: inRings.size }, nonPlantedFlaggedShare };
}

/** Human-readable lines for the demo and the test logs. */
export function formatRecall(r: PlantedRecall): string[] {
  const lines = ['预埋案例召回 (planted-case recall):'];
  for (const f of r.families) {
    if (f.planted === 0) continue;
    lines.push(`  ${f.family.padEnd(28)} ${f.detector.padEnd(8)} ${f.found}/${f.planted}${f.missed.length ? `  未发现 missed: ${f.missed.slice(0, 3).join(', ')}${f.missed.length > 3 ? ' …' : ''}` : ''}`);
  }
  if (r.rings.length) {
    lines.push(`  围标团伙 rings              COBID/A40 ${r.rings.filter((x) => x.found).length}/${r.rings.length}（成员吻合 ${r.rings.map((x) => `${x.bestMatch}/${x.members}`).join('、')}；误入团伙企业 ${r.firmsFalselyInRings.count}/${r.firmsFalselyInRings.ofFirmsInRings}）`);
  }
  const shares = Object.entries(r.nonPlantedFlaggedShare).map(([d, s]) => `${d} ${((100 * s.flagged) / Math.max(1, s.of)).toFixed(1)}%`);
  if (shares.length) lines.push(`  未预埋标段被标记的比例 (non-planted tenders flagged): ${shares.join('，')}`);
  return lines;
}
