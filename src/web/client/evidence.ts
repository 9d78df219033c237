import { h, type Child, type DomElement } from './dom.js';
import { count, decimal, HASH, pct, ref, yuan } from './format.js';
import { FIGURE_HELP, flagScoreHelp } from './help.js';
import { bi, en, glossed, splitGlosses } from './i18n.js';
import { codeLabel, DETECTOR_LABELS, isPeerKey, KEY_LABELS, peerKeyLabel, RULE_LABELS, SUBJECT_LABELS } from './labels.js';
import { articleLabel } from './ring-graph.js';
import type { CaseFlag } from './types.js';
import { detectorTag, scoreBar, severityBadge, tenderLink } from './ui.js';

/**
 * A flag's evidence JSON, shown as a person reads it: Chinese key names, money as ¥, fractions as percentages,
 * person hashes cut to 8 characters, lists of records as small tables.
 */


const MONEY = /(price|Price|Total|total|amount|Amount|meanValid|secondLowest)$/;
const FRACTION = /(discount|Discount|share|Share|presence|ratio|Ratio|Fence|fence|median|Median|^q1$|^q3$|^iqr$|^mad$|^p\d\d$|rate|Rate|excess|cohesion|exclusivity|threshold|^r\d$|^T4$)/;

const TENDER_KEYS = new Set(['tender', 'tenders', 'tenderCode', 'tender_code']);

const ARTICLE = /^(40|34)\(\d\)(\/\(\d\))*$/;
const CODE_KEYS = new Set(['signals', 'kinds', 'roles', 'relation', 'rule', 'rules', 'triggers', 'level', 'basis', 'siteDay', 'kind', 'path', 'named', 'toBasis', 'role', 'field', 'sources', 'tenderMethod', 'workType', 't4Skipped', 'reason']);
const PEER_KEYS = new Set(['key', 'segment', 'peerGroup', 'group', 'market']);

/** An evidence key in Chinese, its code as the English gloss, its explanation (where there is one) as tooltip. */
export function keyLabel(k: string): Child {
  if (ARTICLE.test(k)) return articleLabel([k]);
  const zh = KEY_LABELS[k];
  const help = FIGURE_HELP[k];
  const label = zh ? bi(zh, k) : k;
  return help ? h('span', { class: 'has-help', title: help }, label) : label;
}

/** A code of the evidence in Chinese (peer keys, levels, bases, rule ids…), the code itself behind the language switch. */
function codeValue(key: string, v: string): Child | null {
  if (ARTICLE.test(v)) return articleLabel([v]);
  if (PEER_KEYS.has(key) && isPeerKey(v)) return h('span', { class: 'code-name' }, peerKeyLabel(v), en(v));
  const zh = codeLabel(v);
  if (zh && (CODE_KEYS.has(key) || /^[a-z]+(_[a-z0-9]+)+$|^[a-z]+[A-Z][A-Za-z]*$|^[A-Z]\d{1,3}$|^R0\d\d$/.test(v) || VALUE_ONLY.has(v))) {
    return h('span', { class: 'code-name' }, zh, en(v));
  }
  return null;
}

/** Codes that read like ordinary words, translated wherever they appear as a value. */
const VALUE_ONLY = new Set(['full', 'all', 'hard', 'soft', 'bid', 'period', 'planned', 'actual', 'open', 'invited', 'winner', 'pattern', 'community', 'consolidated', 'rotation', 'arithmetic', 'geometric', 'method', 'category']);

export function formatValue(key: string, v: unknown, parent = ''): Child {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, '—');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') {
    if (key === 'score' || key.endsWith('Score')) return decimal(v, 4);
    if (parent === 'thresholds' && /^T[123]$/.test(key)) return yuan(v);
    if (MONEY.test(key)) return yuan(v);
    if (FRACTION.test(key) && Math.abs(v) <= 2) return pct(v);
    if (key === 'robustZ' || key === 'k') return decimal(v, 2);
    return Number.isInteger(v) ? count(v) : decimal(v, 4);
  }
  if (typeof v === 'string') {
    if (HASH.test(v)) return h('span', { class: 'mono', title: '人员编号（散列前 8 位）' }, ref(v));
    if (TENDER_KEYS.has(key)) return tenderLink(v);
    return codeValue(key, v) ?? glossed(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return h('span', { class: 'muted' }, '无');
    if (v.every((x) => x === null || typeof x !== 'object')) {
      const parts = v.map((x) => formatValue(key, x, parent));
      return h('span', null, parts.flatMap((p, i) => (i ? ['、', p] : [p])));
    }
    return recordsTable(key, v as Record<string, unknown>[]);
  }
  if (typeof v === 'object') return evidenceTable(v as Record<string, unknown>, key);
  return String(v);
}

function recordsTable(key: string, rows: Record<string, unknown>[]): DomElement {
  const cols = [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))];
  const shown = rows.slice(0, 60);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'grid mini' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', null, keyLabel(c))))),
      h('tbody', null, shown.map((r) => h('tr', { class: r.below === true ? 'row-warn' : null }, cols.map((c) => h('td', null, formatValue(c, r[c], key))))))),
    rows.length > shown.length ? h('div', { class: 'muted small' }, `另有 ${rows.length - shown.length} 行未显示`) : null);
}

export function evidenceTable(ev: Record<string, unknown>, parent = ''): DomElement {
  const entries = Object.entries(ev).filter(([, v]) => v !== undefined);
  return h('table', { class: 'kv' },
    h('tbody', null, entries.map(([k, v]) => h('tr', null, h('th', { title: k }, keyLabel(k)), h('td', null, formatValue(k, v, parent))))));
}

/**
 * A flag's whole evidence, dense: the plain values in one block, then each nested object (the peer group, the
 * thresholds…) as a block of its own, flowing in columns; lists of records (months, employers, matches) full width.
 */
export function evidenceView(ev: Record<string, unknown>): DomElement {
  const entries = Object.entries(ev).filter(([, v]) => v !== undefined);
  const isRecords = (v: unknown) => Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object');
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const plain = entries.filter(([, v]) => !isObject(v) && !isRecords(v));
  const nested = entries.filter(([, v]) => isObject(v) || isRecords(v));
  return h('div', { class: 'ev-grid' },
    plain.length ? h('div', { class: 'ev-block' }, evidenceTable(Object.fromEntries(plain))) : null,
    nested.map(([k, v]) => h('div', { class: `ev-block ${isRecords(v) ? 'ev-wide' : ''}` }, h('div', { class: 'ev-title' }, keyLabel(k)), formatValue(k, v))));
}

/** One flag: detector, rule, severity and score, what it concerns, its explanation, and its numbers. */
export function flagCard(f: CaseFlag, open = false): DomElement {
  const rule = typeof f.evidence.rule === 'string' ? f.evidence.rule : null;
  const subject = f.subjectType === 'person' ? ref(f.subjectId) : f.subjectId;
  return h('article', { class: `flag sev-border-${f.severity}`, 'data-detector': f.detector },
    h('header', { class: 'flag-head' },
      detectorTag(f.detector),
      rule ? h('span', { class: 'muted' }, '· ', ruleName(rule)) : null,
      h('span', { class: 'spacer' }),
      severityBadge(f.severity),
      scoreBar(Number(f.score), f.detector)),
    h('div', { class: 'flag-meta muted' },
      `${SUBJECT_LABELS[f.subjectType] ?? f.subjectType}：`, h('span', { class: 'mono' }, subject),
      f.tenderCode ? [' · 标段 ', tenderLink(f.tenderCode)] : null,
      f.bidderUscc ? [' · 企业 ', h('span', { class: 'mono' }, f.bidderUscc)] : null),
    h('p', { class: 'flag-text' }, glossed(f.explanation)),
    h('details', { class: 'flag-data', open },
      h('summary', null, '数据与阈值'),
      evidenceView(f.evidence)));
}

/** A rule id in Chinese, the id itself behind the language switch. */
function ruleName(rule: string): Child {
  return RULE_LABELS[rule] ? bi(RULE_LABELS[rule], rule) : rule;
}

/** First sentence of an explanation (its Chinese only), for one-line lists. */
function gist(text: string, n = 90): string {
  const zh = splitGlosses(text).filter(([, g]) => !g).map(([t]) => t).join('');
  const cut = zh.split(/[。；]/)[0] ?? zh;
  return cut.length > n ? `${cut.slice(0, n - 1)}…` : cut;
}

/**
 * Many flags (a ring gathers dozens of 第四十条 and co-bidding findings): counts per detector, then one line per
 * flag that opens to the full explanation and its numbers. The strongest comes first and opens by itself.
 */
export function flagList(flags: CaseFlag[], shown = 20): DomElement {
  const sorted = [...flags].sort((a, b) => Number(b.score) - Number(a.score));
  if (sorted.length <= 4) return h('div', { class: 'flags' }, sorted.map((f, i) => flagCard(f, i === 0)));
  const byDetector = new Map<string, number>();
  for (const f of sorted) byDetector.set(f.detector, (byDetector.get(f.detector) ?? 0) + 1);
  const item = (f: CaseFlag, open: boolean) => {
    const rule = typeof f.evidence.rule === 'string' ? f.evidence.rule : null;
    return h('li', { class: `flag-line sev-border-${f.severity}` },
      h('details', { open },
        h('summary', null,
          detectorTag(f.detector), severityBadge(f.severity), h('span', { class: 'score-num', title: flagScoreHelp(f.detector, Number(f.score)) }, Number(f.score).toFixed(2)),
          h('span', { class: 'fl-rule' }, rule ? ruleName(rule) : DETECTOR_LABELS[f.detector] ?? f.detector),
          f.tenderCode ? h('span', { class: 'mono fl-tender' }, f.tenderCode) : null,
          h('span', { class: 'fl-gist' }, gist(f.explanation))),
        h('div', { class: 'flag-body' },
          h('div', { class: 'flag-meta muted' },
            `${SUBJECT_LABELS[f.subjectType] ?? f.subjectType}：`, h('span', { class: 'mono' }, f.subjectType === 'person' ? ref(f.subjectId) : f.subjectId),
            f.tenderCode ? [' · 标段 ', tenderLink(f.tenderCode)] : null,
            f.bidderUscc ? [' · 企业 ', h('span', { class: 'mono' }, f.bidderUscc)] : null),
          h('p', { class: 'flag-text' }, glossed(f.explanation)),
          h('details', { class: 'flag-data' }, h('summary', null, '数据与阈值'), evidenceView(f.evidence)))));
  };
  const list = h('ul', { class: 'flag-list' }, sorted.slice(0, shown).map((f, i) => item(f, i === 0)));
  const more = sorted.length > shown
    ? h('button', { class: 'btn btn-sm btn-ghost', type: 'button', onclick: () => { list.append(...sorted.slice(shown).map((f) => item(f, false))); more!.remove(); } }, `显示其余 ${sorted.length - shown} 条`)
    : null;
  return h('div', null,
    h('div', { class: 'flag-counts' }, [...byDetector].map(([d, n]) => h('span', { class: 'chip' }, detectorTag(d), ` × ${n}`))),
    list, more);
}
