/**
 * DISQ — disqualification patterns (cardinal-rs R035, R036, R038, R018 on bidwatch's Dataset). Methodology: DISQ.md.
 *
 * Per tender (settings.for(tender)): R035 all but the winner disqualified; R036 lowest bid disqualified; R018 a
 * single bidder. Per firm: R038 disqualified / submitted ≥ Q3 + 1.5·IQR over firms with at least
 * `minimumSubmittedBids` bids in at least `minimumContractingProcesses` tenders (statrs type-8 fence, as cardinal),
 * using the base settings (a firm spans categories and methods); tenders whose DISQ is disabled are not counted.
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import { TENDER_METHODS, type Flag } from '../types.js';
import { CoverageCounter } from './coverage.js';
import { allButWinnerDisqualified, lowestBidDisqualified, singleBidder } from './disq-rules.js';
import { fencesOf } from './fences.js';
import { byString, money, pct, unit } from './format.js';

export const DISQ_VERSION = '1.0.0';

export const disqSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  r018: z.boolean().default(true),
  /** Tender methods in which a single bid is a red flag (cardinal: open|selective; 邀请招标 ≈ selective). */
  r018TenderMethods: z.array(z.enum(TENDER_METHODS)).default(['open', 'invited']),
  r035: z.boolean().default(true),
  /** R035: fewest other disqualified bidders (cardinal `[R035] threshold`, default 1; below 1 counts as 1). */
  r035Threshold: z.number().int().min(0).default(1),
  r036: z.boolean().default(true),
  r038: z.boolean().default(true),
  /** R038: a fixed ratio instead of the Q3 + 1.5·IQR fence (cardinal `[R038] threshold`). */
  r038Threshold: z.number().gt(0).max(1).nullable().default(null),
  /** R038: fewest submitted bids for a firm to be compared (cardinal default 2). */
  minimumSubmittedBids: z.number().int().min(1).default(2),
  /** R038: fewest distinct tenders for a firm to be compared (cardinal's name; default 2). */
  minimumContractingProcesses: z.number().int().min(1).default(2),
});
export type DisqSettings = z.infer<typeof disqSettingsSchema>;

const ART = '参照 cardinal-rs';

function tenderFlag(code: string, uscc: string | null, rule: string, score: number, severity: Flag['severity'], explanation: string, evidence: Record<string, unknown>): Flag {
  return { detector: 'DISQ', version: DISQ_VERSION, subjectType: 'tender', subjectId: code, tenderCode: code, bidderUscc: uscc, score, severity, explanation, evidence: { rule, ...evidence } };
}

export const disqDetector: Detector<DisqSettings> = {
  code: 'DISQ',
  version: DISQ_VERSION,
  title: '否决投标异常 · Disqualification patterns (R018/R035/R036/R038)',
  family: 'price',
  settingsSchema: disqSettingsSchema,
  // Counted on the tender-level rules; R036 alone can be common where many low bids are rejected.
  maxFlagShare: 0.2,
  run(view, settings) {
    const coverage = new CoverageCounter();
    const flags: Flag[] = [];
    // tenders counted by "last tender seen": a tender's bids are visited together, so no per-firm Set is needed
    const firms = new Map<string, { submitted: number; disqualified: number; tenders: number; last: string }>();
    for (const t of view.tenders) {
      const s = settings.for(t);
      if (!s.enabled) {
        coverage.excluded += 1;
        continue;
      }
      const bids = view.bidsOf.get(t.code) ?? [];
      if (bids.length === 0) {
        coverage.notApplicable += 1;
        continue;
      }
      coverage.applied += 1;
      for (const b of bids) {
        let f = firms.get(b.bidderUscc);
        if (!f) firms.set(b.bidderUscc, (f = { submitted: 0, disqualified: 0, tenders: 0, last: '' }));
        f.submitted += 1;
        if (!b.valid) f.disqualified += 1;
        if (f.last !== t.code) {
          f.tenders += 1;
          f.last = t.code;
        }
      }
      const before = flags.length;
      if (s.r035) {
        const hit = allButWinnerDisqualified(bids, s.r035Threshold);
        if (hit) {
          flags.push(
            tenderFlag(t.code, hit.winner, 'R035', unit(0.6 + 0.1 * hit.disqualified.length), 'medium',
              `除中标人（${hit.winner}）外，其余 ${hit.disqualified.length} 家投标人均被否决，仅剩一家有效投标即中标；${ART} R035，需核查否决理由是否成立 ` +
                `(all bids except the winner's disqualified)`,
              { winner: hit.winner, disqualified: hit.disqualified, threshold: Math.max(1, s.r035Threshold), source: 'cardinal-rs R035' }),
          );
        }
      }
      if (s.r036) {
        const hit = lowestBidDisqualified(bids);
        if (hit) {
          const b = hit.lowest;
          flags.push(
            tenderFlag(t.code, b.bidderUscc, 'R036', 0.6, 'medium',
              `最低报价 ${money(b.price)} 元（${b.bidderUscc}）被否决，低于最低有效报价 ${money(hit.lowestValid)} 元` +
                `${b.invalidReason ? `，否决理由：${b.invalidReason}` : '，未记录否决理由'}；${ART} R036，需核查否决是否有据 (lowest bid disqualified)`,
              { lowestPrice: b.price, lowestUscc: b.bidderUscc, invalidReason: b.invalidReason, lowestValidPrice: hit.lowestValid, source: 'cardinal-rs R036' }),
          );
        }
      }
      if (s.r018) {
        const only = singleBidder(bids, t.tenderMethod, s.r018TenderMethods);
        if (only) {
          flags.push(
            tenderFlag(t.code, only, 'R018', 0.4, 'low',
              `仅 1 家投标人（${only}）投标（${t.tenderMethod === 'open' ? '公开招标' : '邀请招标'}）；投标人少于 3 个的应依法重新招标（招标投标法第二十八条），${ART} R018 ` +
                `(single bid received)`,
              { bidder: only, tenderMethod: t.tenderMethod, source: 'cardinal-rs R018' }),
          );
        }
      }
      if (flags.length > before) coverage.markFlagged(t.code);
    }

    // R038 per firm, with the base settings.
    const base = settings.base;
    if (base.r038) {
      const eligible = [...firms.entries()]
        .filter(([, f]) => f.submitted >= base.minimumSubmittedBids && f.tenders >= base.minimumContractingProcesses)
        .sort(([a], [b]) => byString(a, b));
      if (eligible.length > 0) {
        const ratios = eligible.map(([, f]) => f.disqualified / f.submitted);
        const fences = base.r038Threshold === null ? fencesOf(ratios) : null;
        const fence = base.r038Threshold ?? fences!.upper;
        // cardinal: skip unless the fence > 0 (when most firms have no disqualified bid, a 0 fence flags them all).
        if (fence > 0) {
          eligible.forEach(([uscc, f], i) => {
            const ratio = ratios[i]!;
            if (ratio < fence) return;
            flags.push({
              detector: 'DISQ',
              version: DISQ_VERSION,
              subjectType: 'firm',
              subjectId: uscc,
              tenderCode: null,
              bidderUscc: uscc,
              score: 0.5 + 0.4 * unit((ratio - fence) / Math.max(1 - fence, 1e-9)),
              severity: 'low',
              explanation:
                `该投标人 ${f.submitted} 次投标中 ${f.disqualified} 次被否决（${pct(ratio)}），不低于` +
                (fences ? `同类比较上围栏 ${pct(fence)}（Q3 ${pct(fences.q3)} + 1.5×IQR ${pct(fences.iqr)}；${fences.n} 家投标人）` : `设定阈值 ${pct(fence)}`) +
                `；可能是陪标（故意无效投标），${ART} R038 (excessive disqualified bids)`,
              evidence: {
                rule: 'R038',
                submitted: f.submitted,
                disqualified: f.disqualified,
                tenders: f.tenders,
                ratio,
                fence,
                threshold: base.r038Threshold,
                population: fences ? { n: fences.n, q1: fences.q1, q3: fences.q3, iqr: fences.iqr, upperFence: fences.upper } : null,
                minimumSubmittedBids: base.minimumSubmittedBids,
                minimumContractingProcesses: base.minimumContractingProcesses,
                source: 'cardinal-rs R038',
              },
            });
          });
        }
      }
    }
    flags.sort((x, y) => byString(x.subjectType, y.subjectType) || byString(x.subjectId, y.subjectId) || byString(String(x.evidence['rule']), String(y.evidence['rule'])));
    return { flags, coverage: coverage.result() };
  },
};
