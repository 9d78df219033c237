import { h, s, type DomElement } from './dom.js';
import { num, pct, shortFirm, yuan } from './format.js';
import type { Bid, Peer } from './types.js';
import { peerGroupLabel } from './labels.js';

/**
 * 下浮率 of a tender's bids against its peer group: one row per bid (sorted by 下浮率, deepest cut first), the peer
 * P10–P90 and P25–P75 bands behind them, the peer median and the upper Tukey fence (Q3 + 1.5·IQR, above which a
 * discount is statistically abnormal). Drawn as SVG in the browser; scales with its container.
 */
export function bidsChart(bids: Bid[], peer: Peer, opts: { highlight?: ReadonlySet<string>; width?: number } = {}): DomElement {
  const rows = bids
    .map((b) => ({ b, d: num(b.discount_rate) }))
    .filter((r): r is { b: Bid; d: number } => r.d !== null)
    .sort((x, y) => y.d - x.d);
  const W = opts.width ?? 760;
  const left = 200;
  const right = 96;
  const top = 40;
  const rowH = 20;
  const bottom = 34;
  const H = top + Math.max(1, rows.length) * rowH + bottom;
  const peerVals = [peer.p10, peer.p90, peer.upperFence, peer.median].map(num).filter((x): x is number => x !== null);
  const all = [...rows.map((r) => r.d), ...peerVals];
  let lo = Math.min(0, ...all);
  let hi = Math.max(0.05, ...all);
  const pad = (hi - lo) * 0.04;
  lo -= lo < 0 ? pad : 0;
  hi += pad;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (W - left - right);
  const plotBottom = top + rows.length * rowH;

  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5].find((st) => (hi - lo) / st <= 8) ?? 1;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(Math.round(t * 1000) / 1000);

  const svg = s('svg', { class: 'chart-bids', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `本标段 ${rows.length} 个报价的下浮率与同类标段分布对比` });
  const g = (cls: string) => s('g', { class: cls });

  const bands = g('bands');
  const band = (a: unknown, b: unknown, cls: string, label: string) => {
    const lo2 = num(a);
    const hi2 = num(b);
    if (lo2 === null || hi2 === null) return;
    bands.append(s('rect', { class: cls, x: x(lo2), y: top - 6, width: Math.max(1, x(hi2) - x(lo2)), height: plotBottom - top + 12 },
      s('title', null, `${label}：${pct(lo2)} – ${pct(hi2)}（同类 ${peer.n} 个有效报价）`)));
  };
  band(peer.p10, peer.p90, 'band-outer', '同类 P10–P90');
  band(peer.p25, peer.p75, 'band-inner', '同类 P25–P75');
  svg.append(bands);

  const grid = g('axis');
  for (const t of ticks) {
    grid.append(s('line', { x1: x(t), x2: x(t), y1: top - 6, y2: plotBottom + 4, class: 'tick-line' }));
    grid.append(s('text', { x: x(t), y: plotBottom + 18, class: 'tick', 'text-anchor': 'middle' }, `${Math.round(t * 100)}%`));
  }
  grid.append(s('text', { x: W - right, y: plotBottom + 30, class: 'axis-title', 'text-anchor': 'end' }, '下浮率 →（越靠右报价越低）'));
  svg.append(grid);

  const marks = g('marks');
  const median = num(peer.median);
  const fence = num(peer.upperFence);
  const labelY = (v: number, other: number | null) => (other !== null && Math.abs(x(v) - x(other)) < 90 ? 12 : 26);
  if (median !== null) {
    marks.append(s('line', { class: 'median', x1: x(median), x2: x(median), y1: top - 8, y2: plotBottom + 6 }));
    marks.append(s('text', { class: 'mark-label', x: x(median), y: 26, 'text-anchor': 'middle' }, `中位数 ${pct(median, 1)}`));
  }
  if (fence !== null) {
    marks.append(s('line', { class: 'fence', x1: x(fence), x2: x(fence), y1: top - 8, y2: plotBottom + 6 }));
    marks.append(s('text', { class: 'mark-label fence-label', x: x(fence), y: labelY(fence, median), 'text-anchor': 'middle' }, `上围栏 ${pct(fence, 1)}`));
  }
  svg.append(marks);

  const points = g('points');
  rows.forEach(({ b, d }, i) => {
    const cy = top + i * rowH + rowH / 2;
    const flagged = opts.highlight?.has(b.bidder_uscc) ?? false;
    const above = fence !== null && d > fence;
    const cls = ['pt', b.is_winner ? 'pt-winner' : '', !b.bid_valid ? 'pt-invalid' : '', flagged ? 'pt-flagged' : '', above ? 'pt-above' : ''].join(' ').trim();
    const tip = `${b.bidder_name ?? ''}（${b.bidder_uscc}）\n报价 ${yuan(b.bid_price)} · 下浮率 ${pct(d)}${b.is_winner ? ' · 中标' : ''}${b.bid_valid ? '' : ` · 否决：${b.invalid_reason ?? ''}`}`;
    const row = s('g', { class: `bid-row ${i % 2 ? 'odd' : ''}` },
      s('title', null, tip),
      s('rect', { class: 'row-bg', x: 0, y: cy - rowH / 2, width: W, height: rowH }),
      s('line', { class: 'row-guide', x1: left, x2: x(d), y1: cy, y2: cy }),
      s('text', { class: `row-label ${b.is_winner ? 'winner' : ''}`, x: left - 10, y: cy + 4, 'text-anchor': 'end' },
        `${b.is_winner ? '★ ' : ''}${truncate(shortFirm(b.bidder_name, b.bidder_uscc), 13)}`),
      b.is_winner
        ? s('path', { class: cls, d: diamond(x(d), cy, 7) })
        : s('circle', { class: cls, cx: x(d), cy, r: 5.5 }),
      s('text', { class: `row-value ${above ? 'above' : ''}`, x: W - right + 10, y: cy + 4 },
        pct(d), b.bid_valid ? '' : ' 否决'));
    points.append(row);
  });
  svg.append(points);

  const legend = h('div', { class: 'legend' },
    h('span', null, h('i', { class: 'lg lg-band-outer' }), '同类 P10–P90'),
    h('span', null, h('i', { class: 'lg lg-band-inner' }), 'P25–P75'),
    h('span', null, h('i', { class: 'lg lg-median' }), '同类中位数'),
    h('span', null, h('i', { class: 'lg lg-fence' }), '上围栏 Q3+1.5·IQR'),
    h('span', null, h('i', { class: 'lg lg-winner' }), '中标'),
    h('span', null, h('i', { class: 'lg lg-flagged' }), '被标记'),
    h('span', null, h('i', { class: 'lg lg-invalid' }), '否决'));
  return h('figure', { class: 'chart', 'data-testid': 'bids-chart' }, svg, legend,
    h('figcaption', { class: 'muted small' }, `同类组：${peerGroupLabel(peer.group)}，${peer.n} 个有效报价`));
}

function diamond(cx: number, cy: number, r: number): string {
  return `M${cx} ${cy - r}L${cx + r} ${cy}L${cx} ${cy + r}L${cx - r} ${cy}Z`;
}

function truncate(t: string, n: number): string {
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
