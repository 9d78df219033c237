/**
 * BSINGLE — 招标人/代理机构单一投标比例异常偏高 (OCP R018 single bid received, as a rate per buyer and agency).
 * Methodology: bsingle.md.
 *
 * rate = tenders with exactly one distinct bidder / tenders, over the organisation's tenders; organisations with
 * fewer than `minTenders` tenders are left out; flagged at rate ≥ Q3 + 1.5·IQR of the peers of the same kind (type 8)
 * or `threshold`; nothing when the fence is not > 0 (most peers never had a single-bid tender).
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import { fenceScore, orgFlag, orgLabel, pctText } from './orgs.js';
import { fenceText, runRatioIndicator } from './ratio-indicator.js';

export const BSINGLE_VERSION = '1.0.0';

export const bsingleSettingsSchema = z.strictObject({
  /** Fewest tenders for an organisation to be compared (a rate over 1–4 tenders moves in steps of 25 % or more). */
  minTenders: z.number().int().min(1).default(5),
  threshold: z.number().gt(0).max(1).nullable().default(null),
});
export type BsingleSettings = z.infer<typeof bsingleSettingsSchema>;

export const bsingleDetector: Detector<BsingleSettings> = {
  code: 'BSINGLE',
  version: BSINGLE_VERSION,
  title: '招标人/代理机构单一投标比例异常 · Rate of single-bid tenders per buyer and agency (R018)',
  family: 'buyer',
  settingsSchema: bsingleSettingsSchema,
  maxFlagShare: 0.25,
  run(view, settings) {
    const s = settings.base;
    const single = new Map<string, string[]>();
    return runRatioIndicator(
      view,
      (o) => {
        const codes: string[] = [];
        for (const t of o.tenders) if (new Set((view.bidsOf.get(t.code) ?? []).map((b) => b.bidderUscc)).size === 1) codes.push(t.code);
        single.set(`${o.kind}|${o.id}`, codes);
        return { numerator: codes.length, denominator: o.tenders.length };
      },
      s.minTenders,
      s.threshold,
      (r) => {
        const codes = single.get(`${r.org.kind}|${r.org.id}`) ?? [];
        return orgFlag(
          'BSINGLE',
          BSINGLE_VERSION,
          r.org,
          fenceScore(r.ratio, r.fence),
          'medium',
          `${orgLabel(r.org)}：${r.denominator} 个标段中 ${r.numerator} 个只有 1 家投标（${codes.slice(0, 10).join('、')}${codes.length > 10 ? ' 等' : ''}），单一投标率 ${pctText(r.ratio)}，` +
            `${fenceText(r, pctText)}。单一投标率明显高于同类，提示招标公告、资格条件或投标期限可能限制了竞争（OCP R018；对照《招标投标法》第十八条、《招标投标法实施条例》第三十二条以不合理条件限制、排斥潜在投标人），此为核查线索 ` +
            `(R018 rate ${r.numerator}/${r.denominator} = ${pctText(r.ratio)} ≥ fence ${pctText(r.fence)})`,
          { ratio: r.ratio, singleBidTenders: r.numerator, tenders: r.denominator, singleBidTenderCodes: codes, fence: r.fence, q1: r.q1, q3: r.q3, peers: r.peers, minTenders: s.minTenders },
        );
      },
    );
  },
};
