/**
 * A34 — 条例第三十四条 关联投标 (related bidders in one tender). Methodology: a34.md.
 *
 * 《招标投标法实施条例》第三十四条第二款: "单位负责人为同一人或者存在控股、管理关系的不同单位，不得参加同一标段投标
 * 或者未划分标段的同一招标项目投标"; 第三款: "违反前两款规定的，相关投标均无效". For every tender and every pair of
 * different bidders (a, b), with the relations in force on the tender's open date (relations-at.ts):
 *
 *   same_head    heads(a) ∩ heads(b) ≠ ∅, heads = persons recorded as legal_rep or manager;
 *   control      b ∈ above(a) or a ∈ above(b) through 控股 edges only (controller, or shareholder with share >
 *                `controlSharePct`), chains of at most `maxChainDepth` edges;
 *   management   the same, with a 管理 edge (a firm as manager / legal_rep of the other) as the chain's last edge.
 *
 * Any one link is a HARD finding (score 0.95, high): the regulation forbids the pair outright, no statistics
 * involved. One flag per linked pair per tender with every link found. Without `firmRelations` in the dataset the
 * detector is not applicable to any tender.
 */
import { z } from 'zod';
import type { Detector, DetectorOutput } from '../detector.js';
import { sortFlags } from '../rings/flag-order.js';
import { compareStrings } from '../rings/union-find.js';
import type { Flag, FirmRelationRow } from '../types.js';
import { firmsAbove, headsOf, indexRelations, type Chain } from './relations-at.js';

export const A34_VERSION = '1.0.0';

export const a34SettingsSchema = z.strictObject({
  /** Longest chain of holdings (edges) through which one bidder counts as controlling the other. */
  maxChainDepth: z.number().int().min(1).max(10).default(3),
  /** A shareholder holding more than this share (percent) controls the firm (公司法第二百六十五条: > 50 %). */
  controlSharePct: z.number().min(0).max(100).default(50),
});
export type A34Settings = z.infer<typeof a34SettingsSchema>;

export const ARTICLE_34 =
  '《招标投标法实施条例》第三十四条第二款“单位负责人为同一人或者存在控股、管理关系的不同单位，不得参加同一标段投标”（第三款：违反的，相关投标均无效）';

export type A34LinkKind = 'same_head' | 'control' | 'management';

export interface A34Link {
  kind: A34LinkKind;
  /** same_head: the person's keyed hash and the role in each firm. */
  person?: string;
  roles?: [FirmRelationRow['relation'], FirmRelationRow['relation']];
  /** control / management: the chain from the upper firm down to the other bidder, USCCs. */
  chain?: string[];
  edges?: Array<{ from: string; to: string; relation: FirmRelationRow['relation']; sharePct: number | null }>;
}

const RELATION_ZH: Record<FirmRelationRow['relation'], string> = {
  legal_rep: '法定代表人',
  shareholder: '股东',
  controller: '实际控制人',
  manager: '主要负责人',
};

export const a34Detector: Detector<A34Settings> = {
  code: 'A34',
  version: A34_VERSION,
  title: '第三十四条关联投标（单位负责人同一人、控股、管理关系） · Art. 34 related bidders',
  family: 'collusion',
  settingsSchema: a34SettingsSchema,
  maxFlagShare: 0.05,
  run(view, settings) {
    const rows = view.dataset.firmRelations;
    const coverage = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
    const flags: Flag[] = [];
    if (!rows) {
      coverage.notApplicable = view.tenders.length;
      return { flags, coverage };
    }
    const idx = indexRelations(rows);
    for (const t of view.tenders) {
      const s = settings.for(t);
      const bids = view.bidsOf.get(t.code) ?? [];
      const firms = [...new Set(bids.map((b) => b.bidderUscc))].sort(compareStrings);
      if (firms.length < 2) {
        coverage.notApplicable++;
        continue;
      }
      if (!firms.some((f) => idx.firms.has(f))) {
        coverage.excluded++; // no register data on any bidder: a gap, not a clean bill
        continue;
      }
      coverage.applied++;
      const names = new Map(bids.map((b) => [b.bidderUscc, b.bidderName]));
      const heads = firms.map((f) => headsOf(idx, f, t.openDate));
      const above = firms.map((f) => firmsAbove(idx, f, t.openDate, s.maxChainDepth, s.controlSharePct));
      let any = false;
      for (let i = 0; i < firms.length; i++) {
        for (let j = i + 1; j < firms.length; j++) {
          const links = pairLinks(firms[i] as string, firms[j] as string, heads[i] as Map<string, FirmRelationRow['relation']>, heads[j] as Map<string, FirmRelationRow['relation']>, above[i] as Map<string, Chain>, above[j] as Map<string, Chain>);
          if (links.length === 0) continue;
          any = true;
          flags.push(a34Flag(t.code, t.openDate, [firms[i] as string, firms[j] as string], links, names, s));
        }
      }
      if (any) coverage.flagged++;
    }
    return { flags: sortFlags(flags), coverage } satisfies DetectorOutput;
  },
};

/** Every Art. 34 link between bidders a < b (USCC order): shared heads, then b above a, then a above b. */
export function pairLinks(
  a: string,
  b: string,
  headsA: ReadonlyMap<string, FirmRelationRow['relation']>,
  headsB: ReadonlyMap<string, FirmRelationRow['relation']>,
  aboveA: ReadonlyMap<string, Chain>,
  aboveB: ReadonlyMap<string, Chain>,
): A34Link[] {
  const links: A34Link[] = [];
  for (const p of [...headsA.keys()].sort(compareStrings)) {
    const rb = headsB.get(p);
    if (rb) links.push({ kind: 'same_head', person: p, roles: [headsA.get(p) as FirmRelationRow['relation'], rb] });
  }
  for (const chain of [aboveA.get(b), aboveB.get(a)]) {
    if (!chain) continue;
    links.push({
      kind: chain.edges.some((e) => e.kind === 'management') ? 'management' : 'control',
      chain: chain.firms,
      edges: chain.edges.map((e) => ({ from: e.from, to: e.to, relation: e.relation, sharePct: e.sharePct })),
    });
  }
  return links;
}

function label(uscc: string, names: Map<string, string>): string {
  const n = names.get(uscc);
  return n && n !== uscc ? `${n}（${uscc}）` : uscc;
}

function describe(l: A34Link, names: Map<string, string>): string {
  if (l.kind === 'same_head') {
    const [ra, rb] = l.roles as [FirmRelationRow['relation'], FirmRelationRow['relation']];
    return `单位负责人为同一人（${(l.person as string).slice(0, 8)}…，分别任${RELATION_ZH[ra]}、${RELATION_ZH[rb]}）`;
  }
  const steps = (l.edges ?? []).map((e) => `${label(e.from, names)} 为 ${label(e.to, names)} 的${RELATION_ZH[e.relation]}${e.sharePct !== null ? `（持股 ${e.sharePct}%）` : ''}`);
  const depth = (l.edges ?? []).length;
  return `${l.kind === 'control' ? '存在控股关系' : '存在管理关系'}（${depth === 1 ? '直接' : `经 ${depth} 层`}：${steps.join('，')}）`;
}

function a34Flag(tender: string, openDate: string, pair: [string, string], links: A34Link[], names: Map<string, string>, s: A34Settings): Flag {
  const kinds = [...new Set(links.map((l) => l.kind))];
  const en = kinds.map((k) => (k === 'same_head' ? 'same head of unit' : k === 'control' ? 'control (holding > 50 % or controller)' : 'management relation')).join(', ');
  return {
    detector: 'A34',
    version: A34_VERSION,
    subjectType: 'tender',
    subjectId: tender,
    tenderCode: tender,
    bidderUscc: pair[0],
    score: 0.95,
    severity: 'high',
    explanation:
      `标段 ${tender}（开标日 ${openDate}）：投标人 ${label(pair[0], names)} 与 ${label(pair[1], names)} ${links.map((l) => describe(l, names)).join('；')}。` +
      `关联关系按开标日有效的登记记录认定（控股：持股 > ${s.controlSharePct}% 或实际控制人，链条不超过 ${s.maxChainDepth} 层）；` +
      `依据${ARTICLE_34}，属禁止共同投标的情形；此为核查线索，需核对工商登记后认定 (Art. 34 ¶2: ${en}; a reason to review, not a finding)`,
    evidence: {
      rule: 'article34',
      pair,
      links,
      kinds,
      openDate,
      article: '34(2)',
      maxChainDepth: s.maxChainDepth,
      controlSharePct: s.controlSharePct,
    },
  };
}
