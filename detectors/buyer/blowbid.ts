/**
 * BLOWBID — 招标人/代理机构异常低价中标比例异常偏高 (awards of abnormally low bids per buyer and agency).
 * Methodology: blowbid.md.
 *
 * rate = awards whose winning bid ALB flagged (异常低价, detectors/low-bid) / awards (tenders with a winner), over
 * the organisation's tenders; organisations with fewer than `minAwards` awards are left out; flagged at rate ≥
 * Q3 + 1.5·IQR of the peers of the same kind (type 8) or `threshold`; nothing when the fence is not > 0. Reads
 * ALB's flags (ctx.previous): without an ALB run the indicator is not applicable.
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import { fenceScore, orgFlag, orgLabel, pctText, winnerOf } from './orgs.js';
import { fenceText, runRatioIndicator } from './ratio-indicator.js';

export const BLOWBID_VERSION = '1.0.0';

export const blowbidSettingsSchema = z.strictObject({
  /** Fewest awards for an organisation to be compared. */
  minAwards: z.number().int().min(1).default(5),
  threshold: z.number().gt(0).max(1).nullable().default(null),
});
export type BlowbidSettings = z.infer<typeof blowbidSettingsSchema>;

export const blowbidDetector: Detector<BlowbidSettings> = {
  code: 'BLOWBID',
  version: BLOWBID_VERSION,
  title: '招标人/代理机构异常低价中标比例异常 · Rate of abnormally low winning bids per buyer and agency',
  family: 'buyer',
  settingsSchema: blowbidSettingsSchema,
  maxFlagShare: 0.25,
  run(view, settings, ctx) {
    const s = settings.base;
    const alb = ctx.previous.get('ALB');
    if (!alb) return { flags: [], coverage: { applied: 0, flagged: 0, notApplicable: view.tenders.length, excluded: 0 } };
    const low = new Set<string>();
    for (const f of alb.flags) if (f.subjectType === 'bid' && f.tenderCode && f.bidderUscc) low.add(`${f.tenderCode}|${f.bidderUscc}`);
    const lowCodes = new Map<string, string[]>();
    return runRatioIndicator(
      view,
      (o) => {
        let awards = 0;
        const codes: string[] = [];
        for (const t of o.tenders) {
          const w = winnerOf(view, t);
          if (!w) continue;
          awards++;
          if (low.has(`${t.code}|${w.uscc}`)) codes.push(t.code);
        }
        lowCodes.set(`${o.kind}|${o.id}`, codes);
        return { numerator: codes.length, denominator: awards };
      },
      s.minAwards,
      s.threshold,
      (r) => {
        const codes = lowCodes.get(`${r.org.kind}|${r.org.id}`) ?? [];
        return orgFlag(
          'BLOWBID',
          BLOWBID_VERSION,
          r.org,
          fenceScore(r.ratio, r.fence),
          'medium',
          `${orgLabel(r.org)}：${r.denominator} 个中标结果中 ${r.numerator} 个的中标价被 ALB 判为异常低价（${codes.slice(0, 10).join('、')}${codes.length > 10 ? ' 等' : ''}），比例 ${pctText(r.ratio)}，` +
            `${fenceText(r, pctText)}。异常低价中标比例明显高于同类，提示低价审查（评标委员会和评标方法暂行规定第二十一条：明显低于其他投标报价应要求书面说明）可能流于形式，宜加强标后履约跟踪，此为核查线索 ` +
            `(${r.numerator}/${r.denominator} awards abnormally low = ${pctText(r.ratio)} ≥ fence ${pctText(r.fence)})`,
          { ratio: r.ratio, lowAwards: r.numerator, awards: r.denominator, lowAwardTenderCodes: codes, fence: r.fence, q1: r.q1, q3: r.q3, peers: r.peers, minAwards: s.minAwards },
        );
      },
    );
  },
};
