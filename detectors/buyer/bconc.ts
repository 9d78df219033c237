/**
 * BCONC — 招标人/代理机构中标集中度 (OCP R040 a supplier's high share of a buyer's contracts; R050 market
 * concentration, HHI). Methodology: bconc.md.
 *
 * Per buyer and per agency with ≥ `minAwards` awards (tenders with a winner), by count of awards:
 *   s_w      = awards won by w / awards                                  (R040: topShare = max_w s_w)
 *   HHI      = Σ_w s_w²   ∈ (0, 1]; 1 = one winner takes everything        (R050)
 *   per year: the same, and `topWinnerYears` = years (with ≥ 1 award) in which the overall top winner won the most
 *             awards (ties count) — concentration that persists across the years, not one lucky year.
 * Each organisation is compared with its peers of the same kind: fences Q3 + 1.5·IQR (type 8, cardinal's) over the
 * peers' topShare and over their HHI, or `topShareThreshold` / `hhiThreshold`. Flagged when topShare ≥ its fence or
 * HHI ≥ its fence (a fence not > 0 never flags); `high` when the top winner also led in every year with awards and
 * there are ≥ 2 such years.
 */
import { z } from 'zod';
import type { Detector } from '../detector.js';
import type { Flag } from '../types.js';
import { ORG_KINDS, fenceScore, orgCoverage, orgFlag, orgLabel, orgsOf, peerFence, pctText, winnerOf, type Org, type OrgKind } from './orgs.js';

export const BCONC_VERSION = '1.0.0';

export const bconcSettingsSchema = z.strictObject({
  /** Fewest awards for an organisation to be compared (with 5 awards the smallest possible top share is 20 %). */
  minAwards: z.number().int().min(2).default(5),
  topShareThreshold: z.number().gt(0).max(1).nullable().default(null),
  hhiThreshold: z.number().gt(0).max(1).nullable().default(null),
});
export type BconcSettings = z.infer<typeof bconcSettingsSchema>;

export interface Concentration {
  awards: number;
  topWinner: string;
  topWinnerName: string;
  topWins: number;
  topShare: number;
  /** The top winner's share of the awarded value (winning prices). */
  topValueShare: number;
  hhi: number;
  winners: number;
  years: Array<{ year: number; awards: number; topWinner: string; topShare: number; hhi: number }>;
  topWinnerYears: number;
  yearsWithAwards: number;
}

function hhiOf(counts: Iterable<number>, total: number): number {
  let h = 0;
  for (const c of counts) h += (c / total) ** 2;
  return h;
}

function leader(counts: Map<string, number>): [string, number] {
  let best: [string, number] = ['', -1];
  for (const [w, c] of counts) if (c > best[1] || (c === best[1] && w < best[0])) best = [w, c];
  return best;
}

export function concentrationOf(awards: ReadonlyArray<{ year: number; winner: string; name: string; price: number }>): Concentration {
  const counts = new Map<string, number>();
  const value = new Map<string, number>();
  const names = new Map<string, string>();
  const byYear = new Map<number, Map<string, number>>();
  let total = 0;
  for (const a of awards) {
    counts.set(a.winner, (counts.get(a.winner) ?? 0) + 1);
    value.set(a.winner, (value.get(a.winner) ?? 0) + a.price);
    names.set(a.winner, a.name);
    total += a.price;
    let y = byYear.get(a.year);
    if (!y) byYear.set(a.year, (y = new Map()));
    y.set(a.winner, (y.get(a.winner) ?? 0) + 1);
  }
  const [top, wins] = leader(counts);
  const years = [...byYear.keys()].sort((x, y) => x - y).map((year) => {
    const c = byYear.get(year) as Map<string, number>;
    const n = [...c.values()].reduce((x, y) => x + y, 0);
    const [w, k] = leader(c);
    return { year, awards: n, topWinner: w, topShare: k / n, hhi: hhiOf(c.values(), n) };
  });
  const topWinnerYears = [...byYear.values()].filter((c) => (c.get(top) ?? 0) === Math.max(...c.values())).length;
  return {
    awards: awards.length,
    topWinner: top,
    topWinnerName: names.get(top) ?? top,
    topWins: wins,
    topShare: wins / awards.length,
    topValueShare: total > 0 ? (value.get(top) ?? 0) / total : 0,
    hhi: hhiOf(counts.values(), awards.length),
    winners: counts.size,
    years,
    topWinnerYears,
    yearsWithAwards: byYear.size,
  };
}

export const bconcDetector: Detector<BconcSettings> = {
  code: 'BCONC',
  version: BCONC_VERSION,
  title: '招标人/代理机构中标集中度 · Winner concentration per buyer and agency (R040 / R050, HHI)',
  family: 'buyer',
  settingsSchema: bconcSettingsSchema,
  maxFlagShare: 0.25,
  run(view, settings) {
    const s = settings.base;
    const compared = new Set<string>();
    const flaggedOrgs = new Set<string>();
    const flags: Flag[] = [];
    for (const kind of ORG_KINDS as readonly OrgKind[]) {
      const rows: Array<{ org: Org; c: Concentration }> = [];
      for (const o of orgsOf(view, kind).values()) {
        const awards: Array<{ year: number; winner: string; name: string; price: number }> = [];
        for (const t of o.tenders) {
          const w = winnerOf(view, t);
          if (w) awards.push({ year: t.year, winner: w.uscc, name: w.name, price: w.price });
        }
        if (awards.length < s.minAwards) continue;
        rows.push({ org: o, c: concentrationOf(awards) });
        compared.add(`${kind}|${o.id}`);
      }
      const top = peerFence(rows.map((r) => r.c.topShare), s.topShareThreshold);
      const hhi = peerFence(rows.map((r) => r.c.hhi), s.hhiThreshold);
      if (!top || !hhi) continue;
      for (const { org, c } of rows) {
        const byTop = top.fence > 0 && c.topShare >= top.fence;
        const byHhi = hhi.fence > 0 && c.hhi >= hhi.fence;
        if (!byTop && !byHhi) continue;
        flaggedOrgs.add(`${kind}|${org.id}`);
        const persistent = c.yearsWithAwards >= 2 && c.topWinnerYears === c.yearsWithAwards;
        const score = Math.min(1, Math.round((Math.max(fenceScore(c.topShare, top.fence), fenceScore(c.hhi, hhi.fence)) + (persistent ? 0.05 : 0)) * 100) / 100);
        const fenceTxt = (f: typeof top, fmt: (x: number) => string) =>
          f.q1 === null || f.q3 === null ? `阈值 ${fmt(f.fence)}（设定值）` : `阈值 ${fmt(f.fence)}（同类 ${f.peers} 家的 Q3 + 1.5·IQR）`;
        const yearsTxt = c.years.map((y) => `${y.year} 年 ${y.awards} 个、第一名占 ${pctText(y.topShare)}`).join('；');
        flags.push(
          orgFlag(
            'BCONC',
            BCONC_VERSION,
            org,
            score,
            persistent ? 'high' : 'medium',
            `${orgLabel(org)}：${c.awards} 个中标结果中 ${c.topWinnerName !== c.topWinner ? `${c.topWinnerName}（${c.topWinner}）` : c.topWinner} 中标 ${c.topWins} 个，占 ${pctText(c.topShare)}（${fenceTxt(top, pctText)}；按中标金额占 ${pctText(c.topValueShare)}），` +
              `中标人集中度 HHI = ${c.hhi.toFixed(3)}（${fenceTxt(hhi, (x) => x.toFixed(3))}，共 ${c.winners} 家中标人）；分年：${yearsTxt}；该中标人在 ${c.yearsWithAwards} 个年度中有 ${c.topWinnerYears} 个年度居首。` +
              `中标长期集中于同一企业，提示可能存在倾向性招标或围标陪标（OCP R040 供应商占采购人合同份额过高、R050 市场集中度），此为核查线索 ` +
              `(R040 top share ${pctText(c.topShare)} vs fence ${pctText(top.fence)}; R050 HHI ${c.hhi.toFixed(3)} vs ${hhi.fence.toFixed(3)})`,
            {
              rule: [...(byTop ? ['R040'] : []), ...(byHhi ? ['R050'] : [])],
              awards: c.awards,
              topWinner: c.topWinner,
              topWins: c.topWins,
              topShare: c.topShare,
              topValueShare: c.topValueShare,
              hhi: c.hhi,
              winners: c.winners,
              years: c.years,
              topWinnerYears: c.topWinnerYears,
              yearsWithAwards: c.yearsWithAwards,
              topShareFence: top.fence,
              hhiFence: hhi.fence,
              topShareQ1: top.q1,
              topShareQ3: top.q3,
              hhiQ1: hhi.q1,
              hhiQ3: hhi.q3,
              peers: top.peers,
              minAwards: s.minAwards,
            },
            c.topWinner,
          ),
        );
      }
    }
    flags.sort((a, b) => (a.subjectType < b.subjectType ? 1 : a.subjectType > b.subjectType ? -1 : a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
    return { flags, coverage: orgCoverage(view, compared, flaggedOrgs) };
  },
};
