/**
 * ALB — 异常低价 review triggers (abnormally low bids). Methodology, settings and evaluation: ALB.md.
 *
 * Per valid bid: T1 P < r₁·mean(valid), T2 lowest P₍₁₎ < r₂·P₍₂₎, T3 P < r₃·C (财库〔2026〕2号 defaults 0.50 / 0.50 /
 * 0.45, strict "<"), T4 下浮率 > Q3 + k·IQR of its peer group (peer-groups.ts). One flag per bid, listing every
 * trigger that fired; T1–T3 are 'high' (mandatory review under the procurement rule), T4 alone 'medium'.
 */
import type { Detector } from '../detector.js';
import type { Flag } from '../types.js';
import { CoverageCounter } from '../price/coverage.js';
import { bidId, byString, unit } from '../price/format.js';
import type { PeerStats } from './peer-groups.js';
import { createAlbAssessor, type BidAssessment, type TenderAssessment } from './alb-assess.js';
import { explainBid } from './alb-explain.js';
import { albSettingsSchema, type AlbSettings } from './alb-settings.js';

export const ALB_VERSION = '1.0.0';

/**
 * Score in [0, 1]. A rule trigger (T1–T3) scores 0.75 + 0.25·depth, depth = (threshold − P)/threshold of the
 * deepest one, so every mandatory-review bid outranks every statistical-only one; T4 alone scores
 * 0.5 + 0.25·min(1, (d − fence)/IQR), i.e. how many IQRs beyond the fence.
 */
export function albScore(b: BidAssessment, a: TenderAssessment): number {
  let rule = 0;
  for (const t of ['T1', 'T2', 'T3'] as const) {
    const th = a.thresholds[t];
    if (b.triggers.includes(t) && th !== null) rule = Math.max(rule, 0.75 + 0.25 * unit((th - b.bid.price) / th));
  }
  let stat = 0;
  if (b.triggers.includes('T4') && a.peer && b.discount !== null) {
    stat = 0.5 + 0.25 * unit((b.discount - a.peer.upperFence) / a.peer.iqr);
  }
  return Math.max(rule, stat);
}

function flagOf(b: BidAssessment, a: TenderAssessment, s: AlbSettings): Flag {
  const t = a.tender;
  const ruleFired = b.triggers.some((x) => x !== 'T4');
  const peer = a.peer;
  return {
    detector: 'ALB',
    version: ALB_VERSION,
    subjectType: 'bid',
    subjectId: bidId(t.code, b.bid.bidderUscc),
    tenderCode: t.code,
    bidderUscc: b.bid.bidderUscc,
    score: albScore(b, a),
    severity: ruleFired ? 'high' : 'medium',
    explanation: explainBid(b, a, s),
    evidence: {
      rule: b.triggers[0],
      triggers: [...b.triggers],
      price: b.bid.price,
      controlPrice: t.controlPrice,
      discount: b.discount,
      robustZ: b.robustZ,
      isWinner: b.bid.isWinner,
      validBids: a.bids.length,
      aboveControlExcluded: a.aboveControl,
      meanValid: a.meanValid,
      secondLowest: a.secondLowest?.price ?? null,
      ratios: { r1: s.r1, r2: s.r2, r3: s.r3 },
      thresholds: { ...a.thresholds, T4: peer ? peer.upperFence : null },
      peer: peer
        ? {
            key: peer.key,
            level: peer.level,
            label: peer.label,
            n: peer.n,
            q1: peer.q1,
            q3: peer.q3,
            iqr: peer.iqr,
            k: peer.k,
            upperFence: peer.upperFence,
            median: peer.median,
            mad: peer.mad,
            robustZ: b.robustZ,
          }
        : null,
      t4Skipped: a.t4Skipped,
      sources: {
        T1: '财库〔2026〕2号', T2: '财库〔2026〕2号', T3: '财库〔2026〕2号', T4: '评标委员会和评标方法暂行规定 第二十一条',
      },
    },
  };
}

export const albDetector: Detector<AlbSettings> = {
  code: 'ALB',
  version: ALB_VERSION,
  title: '异常低价复核触发 · Abnormally low bid review triggers',
  family: 'price',
  settingsSchema: albSettingsSchema,
  // T4 alone marks roughly the top few per cent of discounts; above a fifth of tenders the settings are suspect.
  maxFlagShare: 0.2,
  run(view, settings) {
    const assessor = createAlbAssessor(view);
    const coverage = new CoverageCounter();
    const flags: Flag[] = [];
    const tenderMetrics = new Map<string, Record<string, number | null>>();
    const tenderFacts = new Map<string, Record<string, unknown>>();
    // one facts object per peer group, shared by its tenders (a group holds thousands at scale)
    const factsOf = new Map<PeerStats, Record<string, unknown>>();
    for (const t of view.tenders) {
      const s = settings.for(t);
      const a = assessor.assess(t, s);
      if (a.peer) {
        let f = factsOf.get(a.peer);
        if (!f) factsOf.set(a.peer, (f = peerFacts(a.peer)));
        tenderFacts.set(t.code, f);
      }
      let maxZ: number | null = null;
      if (a.status === 'excluded') coverage.excluded += 1;
      else if (a.status === 'not_applicable') coverage.notApplicable += 1;
      else {
        coverage.applied += 1;
        for (const b of a.bids) {
          if (b.robustZ !== null && (maxZ === null || b.robustZ > maxZ)) maxZ = b.robustZ;
          if (b.triggers.length === 0) continue;
          flags.push(flagOf(b, a, s));
          coverage.markFlagged(t.code);
        }
      }
      tenderMetrics.set(t.code, { alb_max_robust_z: maxZ });
    }
    flags.sort((x, y) => byString(x.subjectId, y.subjectId));
    return { flags, coverage: coverage.result(), tenderMetrics, tenderFacts };
  },
};

/**
 * The peer group a tender's bids were compared with, as the flags cite it: the level of the fallback ladder it
 * landed on, its type-8 quantiles and the upper fence — what the tender page draws (one figure, one author).
 */
export function peerFacts(p: PeerStats): Record<string, unknown> {
  return {
    key: p.key, level: p.level, groupLabel: p.label, n: p.n, p10: p.p10, q1: p.q1, median: p.median, q3: p.q3, p90: p.p90,
    iqr: p.iqr, k: p.k, upperFence: p.upperFence, quantileMethod: 'P10/Q1/Q3/P90 type 8 (cardinal-rs / statrs); median type 7',
  };
}

