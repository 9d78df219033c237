/**
 * R044 — 投标人登记信息相似 (OCP R044 business similarities between bidders; R032/R033 shared owner).
 * Methodology: r044.md.
 *
 * Soft evidence, per tender and pair of different bidders (a, b):
 *   address   addressNorm(a) = addressNorm(b)  (firmProfiles; the import normalises the registered address)
 *   phone     phoneHash(a) = phoneHash(b)
 *   owner     one firm or one person controls both on the open date (a common parent through ≤ `maxChainDepth`
 *             控股 edges, or a person who is controller / > `controlSharePct` % shareholder of both), while neither
 *             controls the other — sister firms, the 同一集团 of 第三十九条第（四）项; control between the two is
 *             A34's hard finding instead.
 * An address or phone held by more than `commonValueMaxFirms` firms in the profiles (a 集中登记地 business centre,
 * an agency's switchboard) says nothing about two firms and is ignored. A pair is flagged with ≥ `minSignals`
 * signals: score 0.3 + 0.15 per further signal, `low` with one, `medium` with two or more. Pairs A34 already linked
 * in the same tender are left to A34. Without firmProfiles and firmRelations: not applicable.
 */
import { z } from 'zod';
import type { Detector, DetectorOutput } from '../detector.js';
import { sortFlags } from '../rings/flag-order.js';
import { compareStrings } from '../rings/union-find.js';
import type { FirmProfileRow, Flag } from '../types.js';
import { controllingPersons, firmsAbove, indexRelations, type RelationIndex } from './relations-at.js';

export const R044_VERSION = '1.0.0';

export const r044SettingsSchema = z.strictObject({
  /** An address or phone held by more firms than this (across the profiles) is shared infrastructure: ignored. */
  commonValueMaxFirms: z.number().int().min(2).default(10),
  /** Signals (address, phone, owner) a pair needs to be flagged. */
  minSignals: z.number().int().min(1).max(3).default(1),
  /** Depth of holdings searched for a common parent (as A34). */
  maxChainDepth: z.number().int().min(1).max(10).default(3),
  /** Share (percent) above which a shareholder controls (as A34). */
  controlSharePct: z.number().min(0).max(100).default(50),
});
export type R044Settings = z.infer<typeof r044SettingsSchema>;

export type R044Signal = 'address' | 'phone' | 'owner';

export const r044Detector: Detector<R044Settings> = {
  code: 'R044',
  version: R044_VERSION,
  title: '投标人登记信息相似（同一地址、电话或共同控制人） · R044 business similarities',
  family: 'collusion',
  settingsSchema: r044SettingsSchema,
  maxFlagShare: 0.1,
  run(view, settings, ctx) {
    const coverage = { applied: 0, flagged: 0, notApplicable: 0, excluded: 0 };
    const flags: Flag[] = [];
    const profiles = view.dataset.firmProfiles;
    const relations = view.dataset.firmRelations;
    if (!profiles && !relations) {
      coverage.notApplicable = view.tenders.length;
      return { flags, coverage };
    }
    const base = settings.base;
    const profileOf = new Map<string, FirmProfileRow>();
    for (const p of profiles ?? []) profileOf.set(p.uscc, p);
    const common = commonValues(profiles ?? [], base.commonValueMaxFirms);
    const idx: RelationIndex = indexRelations(relations ?? []);
    const a34 = new Set<string>();
    for (const f of ctx.previous.get('A34')?.flags ?? []) {
      const pair = (f.evidence as { pair?: string[] }).pair;
      if (pair) a34.add(`${f.tenderCode}|${pair[0]}|${pair[1]}`);
    }
    for (const t of view.tenders) {
      const s = settings.for(t);
      const bids = view.bidsOf.get(t.code) ?? [];
      const firms = [...new Set(bids.map((b) => b.bidderUscc))].sort(compareStrings);
      if (firms.length < 2) {
        coverage.notApplicable++;
        continue;
      }
      if (!firms.some((f) => profileOf.has(f) || idx.firms.has(f))) {
        coverage.excluded++;
        continue;
      }
      coverage.applied++;
      const names = new Map(bids.map((b) => [b.bidderUscc, b.bidderName]));
      const above = firms.map((f) => firmsAbove(idx, f, t.openDate, s.maxChainDepth, s.controlSharePct));
      const persons = firms.map((f, k) => {
        const own = controllingPersons(idx, f, t.openDate, s.controlSharePct);
        for (const up of (above[k] as Map<string, unknown>).keys()) for (const p of controllingPersons(idx, up, t.openDate, s.controlSharePct)) own.add(p);
        return own;
      });
      let any = false;
      for (let i = 0; i < firms.length; i++) {
        for (let j = i + 1; j < firms.length; j++) {
          const a = firms[i] as string;
          const b = firms[j] as string;
          if (a34.has(`${t.code}|${a}|${b}`)) continue;
          const ev: { signals: R044Signal[]; address?: string; phone?: string; commonParent?: string[]; commonPerson?: string[] } = { signals: [] };
          const pa = profileOf.get(a);
          const pb = profileOf.get(b);
          if (pa?.addressNorm && pa.addressNorm === pb?.addressNorm && !common.address.has(pa.addressNorm)) {
            ev.signals.push('address');
            ev.address = pa.addressNorm;
          }
          if (pa?.phoneHash && pa.phoneHash === pb?.phoneHash && !common.phone.has(pa.phoneHash)) {
            ev.signals.push('phone');
            ev.phone = pa.phoneHash;
          }
          const upA = above[i] as Map<string, unknown>;
          const upB = above[j] as Map<string, unknown>;
          if (!upA.has(b) && !upB.has(a)) {
            const parents = [...upA.keys()].filter((x) => upB.has(x)).sort(compareStrings);
            const people = [...(persons[i] as Set<string>)].filter((x) => (persons[j] as Set<string>).has(x)).sort(compareStrings);
            if (parents.length || people.length) {
              ev.signals.push('owner');
              if (parents.length) ev.commonParent = parents;
              if (people.length) ev.commonPerson = people;
            }
          }
          if (ev.signals.length < s.minSignals) continue;
          any = true;
          flags.push(r044Flag(t.code, [a, b], ev, names, base.commonValueMaxFirms));
        }
      }
      if (any) coverage.flagged++;
    }
    return { flags: sortFlags(flags), coverage } satisfies DetectorOutput;
  },
};

/** Addresses and phones held by more than `cap` distinct firms. */
export function commonValues(profiles: readonly FirmProfileRow[], cap: number): { address: Set<string>; phone: Set<string> } {
  const count = (pick: (p: FirmProfileRow) => string | null) => {
    const firms = new Map<string, Set<string>>();
    for (const p of profiles) {
      const v = pick(p);
      if (!v) continue;
      let s = firms.get(v);
      if (!s) firms.set(v, (s = new Set()));
      if (s.size <= cap) s.add(p.uscc);
    }
    return new Set([...firms].filter(([, s]) => s.size > cap).map(([v]) => v));
  };
  return { address: count((p) => p.addressNorm), phone: count((p) => p.phoneHash) };
}

function label(uscc: string, names: Map<string, string>): string {
  const n = names.get(uscc);
  return n && n !== uscc ? `${n}（${uscc}）` : uscc;
}

function r044Flag(
  tender: string,
  pair: [string, string],
  ev: { signals: R044Signal[]; address?: string; phone?: string; commonParent?: string[]; commonPerson?: string[] },
  names: Map<string, string>,
  cap: number,
): Flag {
  const facts: string[] = [];
  if (ev.address) facts.push(`注册地址相同（${ev.address}）`);
  if (ev.phone) facts.push(`联系电话相同（${ev.phone.slice(0, 8)}…）`);
  if (ev.commonParent) facts.push(`受同一企业控制（${ev.commonParent.map((p) => label(p, names)).join('、')}）`);
  if (ev.commonPerson) facts.push(`受同一自然人控制（${ev.commonPerson.map((p) => `${p.slice(0, 8)}…`).join('、')}）`);
  const n = ev.signals.length;
  return {
    detector: 'R044',
    version: R044_VERSION,
    subjectType: 'tender',
    subjectId: tender,
    tenderCode: tender,
    bidderUscc: pair[0],
    score: Math.min(1, Math.round((0.3 + 0.15 * (n - 1)) * 100) / 100),
    severity: n >= 2 ? 'medium' : 'low',
    explanation:
      `标段 ${tender}：投标人 ${label(pair[0], names)} 与 ${label(pair[1], names)} ${facts.join('；')}，共 ${n} 项登记信息相似` +
      `（超过 ${cap} 家企业共用的地址或电话不计）。属辅助线索（OCP R044 企业信息相似；共同控制人可对照《招标投标法实施条例》第三十九条第（四）项“同一集团…协同投标”），` +
      `不构成第三十四条的认定，需结合投标文件等核实 (OCP R044 business similarities: ${ev.signals.join(', ')}; soft evidence, a reason to review)`,
    evidence: { rule: 'r044', pair, signals: ev.signals, address: ev.address ?? null, phoneHash: ev.phone ?? null, commonParent: ev.commonParent ?? [], commonPerson: ev.commonPerson ?? [], commonValueMaxFirms: cap },
  };
}
