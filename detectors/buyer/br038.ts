/**
 * BR038 — 招标人/代理机构否决投标比例异常偏高 (cardinal-rs R038 per buyer and per procuring entity, on bidwatch's
 * Dataset). Methodology: br038.md.
 *
 * ratio = disqualified bids / submitted bids over the organisation's tenders (submitted = every bid row,
 * disqualified = bid_valid false). Organisations whose submitted bids are fewer than `minimumContractingProcesses`
 * (cardinal compares that setting with the denominator, see cardinal/r038.ts) are left out; the fence is Q3 + 1.5·IQR
 * of the rest (statrs type 8) or `threshold`; flagged at ratio ≥ fence, nothing when the fence is not > 0.
 * The decision is cardinal's own code (`r038Outcome`). DISQ already computes R038 per tenderer.
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import { R038_DEFAULT_MINIMUM_CONTRACTING_PROCESSES } from '../cardinal/r038.js';
import { fenceScore, orgFlag, orgLabel, pctText } from './orgs.js';
import { fenceText, runRatioIndicator } from './ratio-indicator.js';

export const BR038_VERSION = '1.0.0';

export const br038SettingsSchema = z.strictObject({
  /** cardinal `[R038] minimum_contracting_processes` (compared with the submitted bids, as cardinal's code does). */
  minimumContractingProcesses: z.number().int().min(1).default(R038_DEFAULT_MINIMUM_CONTRACTING_PROCESSES),
  /** cardinal `[R038] threshold`: a fixed ratio instead of the fence. */
  threshold: z.number().gt(0).max(1).nullable().default(null),
});
export type Br038Settings = z.infer<typeof br038SettingsSchema>;

export const br038Detector: Detector<Br038Settings> = {
  code: 'BR038',
  version: BR038_VERSION,
  title: '招标人/代理机构否决投标比例异常 · R038 excessive disqualified bids per buyer and agency',
  family: 'buyer',
  settingsSchema: br038SettingsSchema,
  maxFlagShare: 0.25,
  run(view, settings) {
    const s = settings.base;
    return runRatioIndicator(
      view,
      (o) => {
        let numerator = 0;
        let denominator = 0;
        for (const t of o.tenders) for (const b of view.bidsOf.get(t.code) ?? []) {
          denominator++;
          if (!b.valid) numerator++;
        }
        return { numerator, denominator };
      },
      s.minimumContractingProcesses,
      s.threshold,
      (r) =>
        orgFlag(
          'BR038',
          BR038_VERSION,
          r.org,
          fenceScore(r.ratio, r.fence),
          'medium',
          `${orgLabel(r.org)}：其 ${r.org.tenders.length} 个标段共收到投标 ${r.denominator} 份，被否决 ${r.numerator} 份，否决率 ${pctText(r.ratio)}，` +
            `${fenceText(r, pctText)}。否决比例明显高于同类，提示评审尺度或资格条件可能被用来排斥投标人（OCP/cardinal R038；对照《招标投标法实施条例》第五十一条否决情形核查否决理由），` +
            `此为核查线索 (R038: ${r.numerator}/${r.denominator} disqualified = ${pctText(r.ratio)} ≥ fence ${pctText(r.fence)})`,
          { ratio: r.ratio, disqualified: r.numerator, submitted: r.denominator, tenders: r.org.tenders.length, fence: r.fence, q1: r.q1, q3: r.q3, peers: r.peers, minimumContractingProcesses: s.minimumContractingProcesses },
        ),
    );
  },
};
