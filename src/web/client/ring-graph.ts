import { h, s, type DomElement } from './dom.js';
import { count, pct, shortFirm } from './format.js';
import type { RingGraph } from './types.js';
import { table, tenderLink } from './ui.js';

const CN = ['', '一', '二', '三', '四', '五', '六'];

/** '40(1)' → '(一)'; '40(1)/(2)' → '(一)/(二)'. */
export function articleItem(a: string): string {
  return a.replace(/^\d+/, '').replace(/\((\d)\)/g, (_m, d: string) => `(${CN[Number(d)] ?? d})`);
}

/** 第三十四条 links carry '34(2)' (第二款); everything else is an item of 第四十条. */
const isArt34 = (a: string) => a.startsWith('34');

/** '40(1)', '40(6)', '34(2)' → '第四十条(一)(六)、第三十四条第二款'. */
export function articleLabel(articles: string[]): string {
  const a40 = articles.filter((a) => !isArt34(a));
  const parts = [
    ...(a40.length ? [`第四十条${a40.map(articleItem).join('')}`] : []),
    ...(articles.some(isArt34) ? ['第三十四条第二款'] : []),
  ];
  return parts.join('、');
}

/** The short form drawn on an edge: '40条(二)(六)', '34条', '34条 40条(四)'. */
export function articleShort(articles: string[]): string {
  const items = [...new Set(articles.filter((a) => !isArt34(a)).flatMap((a) => [...a.matchAll(/\((\d)\)/g)].map((m) => Number(m[1]))))].sort((a, b) => a - b);
  return [...(articles.some(isArt34) ? ['34条'] : []), ...(items.length ? [`40条${items.map((d) => `(${CN[d] ?? d})`).join('')}`] : [])].join(' ');
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Places members on a circle, neighbours by their strongest ties, so linked firms sit side by side. */
function order(g: RingGraph): string[] {
  const weight = new Map<string, number>();
  for (const e of g.edges) {
    const w = (e.a40 ? 1000 : 0) + e.coBids;
    weight.set(`${e.a}|${e.b}`, w);
    weight.set(`${e.b}|${e.a}`, w);
  }
  const rest = new Set(g.nodes.map((n) => n.uscc));
  const strength = (u: string) => g.edges.filter((e) => e.a === u || e.b === u).reduce((s2, e) => s2 + (e.a40 ? 1000 : 0) + e.coBids, 0);
  const out: string[] = [];
  let cur = [...rest].sort((a, b) => strength(b) - strength(a))[0];
  while (cur) {
    out.push(cur);
    rest.delete(cur);
    const from = cur;
    cur = [...rest].sort((a, b) => (weight.get(`${from}|${b}`) ?? 0) - (weight.get(`${from}|${a}`) ?? 0))[0];
  }
  return out;
}

/**
 * The ring as a picture: members as nodes (size = bids, darker = more wins inside the ring), co-bid edges (width =
 * tenders bid together), 第四十条 links in red, labelled with the items they rest on, rotation pairs dashed.
 * Hover or focus a member to see only its ties.
 */
export function ringGraph(g: RingGraph, opts: { width?: number; height?: number } = {}): DomElement {
  const W = opts.width ?? 760;
  const n = g.nodes.length;
  const H = opts.height ?? (n <= 4 ? 360 : n <= 5 ? 460 : 540);
  const cx = W / 2;
  const cy = H / 2;
  const R = Math.min(W * 0.36, H / 2 - 70);
  const ids = order(g);
  const pos = new Map<string, { x: number; y: number; angle: number }>();
  ids.forEach((u, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, ids.length);
    pos.set(u, { x: cx + R * Math.cos(angle), y: cy + R * Math.sin(angle), angle });
  });
  const maxCo = Math.max(1, ...g.edges.map((e) => e.coBids));
  const maxBids = Math.max(1, ...g.nodes.map((v) => v.bids));
  const names = new Map(g.nodes.map((v) => [v.uscc, v.name]));

  const svg = s('svg', { class: 'ring-graph', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `团伙共同投标关系图：${n} 家企业，${g.edges.filter((e) => e.a40).length} 条第四十条关联` });
  const edgesG = s('g', { class: 'edges' });
  const labelsG = s('g', { class: 'edge-labels' });
  const pending: { e: RingGraph['edges'][number]; p: { x: number; y: number }; q: { x: number; y: number }; tip: string }[] = [];
  const sorted = [...g.edges].sort((a, b) => Number(!!a.a40) - Number(!!b.a40) || a.coBids - b.coBids);
  // Labels go where they collide with nothing placed yet: along the edge, away from nodes and other labels.
  const taken: Box[] = g.nodes.map((v) => {
    const p = pos.get(v.uscc)!;
    const r = 12 + 12 * Math.sqrt(v.bids / maxBids) + 4;
    return { x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r };
  });
  const place = (p: { x: number; y: number }, q: { x: number; y: number }, w: number, hh: number): { x: number; y: number } => {
    const ts = [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75, 0.2, 0.8];
    const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    const normal = { x: -(q.y - p.y) / len, y: (q.x - p.x) / len };
    let best = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    search: for (const off of [0, 12, -12]) {
      for (const t of ts) {
        const c = { x: p.x + (q.x - p.x) * t + normal.x * off, y: p.y + (q.y - p.y) * t + normal.y * off };
        const box = { x: c.x - w / 2, y: c.y - hh / 2, w, h: hh };
        if (!taken.some((b) => overlaps(b, box))) {
          best = c;
          break search;
        }
      }
    }
    taken.push({ x: best.x - w / 2, y: best.y - hh / 2, w, h: hh });
    return best;
  };
  for (const e of sorted) {
    const p = pos.get(e.a);
    const q = pos.get(e.b);
    if (!p || !q) continue;
    const width = Math.max(e.a40 ? 2.5 : 1, 1 + (6 * e.coBids) / maxCo);
    const tip = `${names.get(e.a) ?? e.a} — ${names.get(e.b) ?? e.b}\n共同投标 ${e.coBids} 次${e.coBidsInRing !== null ? `（其中团伙标段 ${e.coBidsInRing} 次）` : ''}` +
      (e.a40 ? `\n${articleLabel(e.a40.articles)}：${e.a40.fields.join('、')}；涉及标段 ${e.a40.tenders.join('、')}` : '') +
      (e.rotation ? `\n轮流中标：${e.rotation.wins[0]} : ${e.rotation.wins[1]}` : '') +
      (e.recurrent ? `\n固定陪标：${names.get(e.recurrent.winner) ?? e.recurrent.winner} 中标占比 ${pct(e.recurrent.share, 0)}` : '');
    const cls = ['edge', e.a40 ? 'edge-a40' : '', e.rotation || e.recurrent ? 'edge-pattern' : ''].join(' ').trim();
    edgesG.append(s('line', { class: cls, x1: p.x, y1: p.y, x2: q.x, y2: q.y, 'stroke-width': width, 'data-a': e.a, 'data-b': e.b }, s('title', null, tip)));
    pending.push({ e, p, q, tip });
  }
  // A40 labels first (they matter most), then the co-bid counts where room is left.
  for (const { e, p, q, tip } of [...pending].sort((a, b) => Number(!!b.e.a40) - Number(!!a.e.a40) || b.e.coBids - a.e.coBids)) {
    if (e.a40) {
      const text = `${articleShort(e.a40.articles)} · ${e.coBids}`;
      const w = [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 255 ? 11.5 : 6.6), 0) + 12;
      const m = place(p, q, w, 20);
      labelsG.append(s('g', { class: `a40-label ${e.a40.hard ? '' : 'a40-soft'}`, 'data-a': e.a, 'data-b': e.b },
        s('title', null, tip),
        s('rect', { x: m.x - w / 2, y: m.y - 10, width: w, height: 20, rx: 4 }),
        s('text', { x: m.x, y: m.y + 4, 'text-anchor': 'middle' }, text)));
    } else if (e.coBids > 0) {
      const m = place(p, q, 8 + String(e.coBids).length * 7, 14);
      labelsG.append(s('text', { class: 'co-label', x: m.x, y: m.y + 4, 'text-anchor': 'middle', 'data-a': e.a, 'data-b': e.b }, String(e.coBids)));
    }
  }
  svg.append(edgesG, labelsG);

  const nodesG = s('g', { class: 'nodes' });
  for (const v of g.nodes) {
    const p = pos.get(v.uscc);
    if (!p) continue;
    const r = 12 + 12 * Math.sqrt(v.bids / maxBids);
    const winShare = v.ringWins !== null && g.ring.tendersTogether ? v.ringWins / g.ring.tendersTogether : 0;
    const outward = { x: Math.cos(p.angle), y: Math.sin(p.angle) };
    const lx = p.x + outward.x * (r + 8);
    const ly = p.y + outward.y * (r + 8);
    const anchor = Math.abs(outward.x) < 0.3 ? 'middle' : outward.x > 0 ? 'start' : 'end';
    const dy = outward.y > 0.3 ? 12 : outward.y < -0.3 ? -14 : 0;
    const node = s('g', { class: 'node', tabindex: '0', 'data-uscc': v.uscc, role: 'img', 'aria-label': `${v.name ?? v.uscc}：投标 ${v.bids} 次，中标 ${v.wins} 次` },
      s('title', null, `${v.name ?? ''}（${v.uscc}）\n投标 ${v.bids} 次 · 中标 ${v.wins} 次${v.ringWins !== null ? ` · 团伙标段内中标 ${v.ringWins} 次` : ''}`),
      s('circle', { cx: p.x, cy: p.y, r, class: winShare >= 0.3 ? 'wins-high' : winShare > 0 ? 'wins-some' : 'wins-none' }),
      s('text', { class: 'node-count', x: p.x, y: p.y + 4, 'text-anchor': 'middle' }, String(v.ringWins ?? v.wins)),
      s('text', { class: 'node-label', x: lx, y: ly + dy, 'text-anchor': anchor }, shortFirm(v.name, v.uscc).slice(0, 12)),
      s('text', { class: 'node-sub', x: lx, y: ly + dy + 13, 'text-anchor': anchor }, `投标 ${v.bids} · 中标 ${v.wins}`));
    const focus = (on: boolean) => {
      svg.classList.toggle('focusing', on);
      for (const el of Array.from(svg.querySelectorAll('[data-a]'))) {
        el.classList.toggle('on', on && (el.getAttribute('data-a') === v.uscc || el.getAttribute('data-b') === v.uscc));
      }
      node.classList.toggle('on', on);
    };
    node.addEventListener('mouseenter', () => focus(true));
    node.addEventListener('mouseleave', () => focus(false));
    node.addEventListener('focus', () => focus(true));
    node.addEventListener('blur', () => focus(false));
    nodesG.append(node);
  }
  svg.append(nodesG);

  const legend = h('div', { class: 'legend' },
    h('span', null, h('i', { class: 'lg lg-edge' }), '共同投标（线宽 = 次数）'),
    h('span', null, h('i', { class: 'lg lg-a40' }), '第四十条/第三十四条关联（标注条款项 · 共同投标次数；浅色 = 仅软特征）'),
    h('span', null, h('i', { class: 'lg lg-pattern' }), '虚线 = 轮流中标 / 固定陪标'),
    h('span', null, h('i', { class: 'lg lg-node' }), '圆内数字 = 团伙标段内中标次数'));
  return h('figure', { class: 'chart', 'data-testid': 'ring-graph' }, svg, legend);
}

/** The ties of the ring as a table, 第四十条 links first. */
export function ringEdgesTable(g: RingGraph): DomElement {
  const names = new Map(g.nodes.map((v) => [v.uscc, shortFirm(v.name, v.uscc)]));
  const rows = [...g.edges].sort((a, b) => Number(!!b.a40) - Number(!!a.a40) || b.coBids - a.coBids);
  return table([
    { label: '企业', cell: (e) => h('span', null, names.get(e.a) ?? e.a, h('span', { class: 'muted' }, ' — '), names.get(e.b) ?? e.b) },
    { label: '共同投标', class: 'num', cell: (e) => count(e.coBids) },
    { label: '其中团伙标段', class: 'num', cell: (e) => (e.coBidsInRing === null ? '—' : count(e.coBidsInRing)) },
    { label: '第四十条/第三十四条关联', cell: (e) => (e.a40 ? h('span', { class: 'a40-text' }, articleLabel(e.a40.articles), '：', e.a40.fields.join('、')) : h('span', { class: 'muted' }, '—')) },
    { label: '关联涉及标段', cell: (e) => (e.a40 ? [...e.a40.tenders.slice(0, 2).flatMap((t, i) => (i ? [' ', tenderLink(t)] : [tenderLink(t)])), e.a40.tenders.length > 2 ? h('span', { class: 'muted' }, ` 等 ${e.a40.tenders.length} 个`) : ''] : '—') },
    { label: '中标模式', cell: (e) => [e.rotation ? `轮流中标 ${e.rotation.wins[0]}:${e.rotation.wins[1]}` : '', e.recurrent ? `固定陪标（${names.get(e.recurrent.winner) ?? ''} 中标 ${pct(e.recurrent.share, 0)}）` : ''].filter(Boolean).join('；') || '—' },
  ], rows, { class: 'dense' });
}
