import type { PageContext } from './context.js';
import { h, win, type DomElement, type EChartsInstance, type EChartsStatic } from './dom.js';

/**
 * ECharts, loaded on first use from /console/vendor/echarts.min.js (the package's own build, served from
 * node_modules: nothing comes from a CDN). Charts are disposed when the page is left and follow window resizes.
 */
let loading: Promise<EChartsStatic> | null = null;

export function loadECharts(): Promise<EChartsStatic> {
  if (win.echarts) return Promise.resolve(win.echarts);
  loading ??= new Promise<EChartsStatic>((resolve, reject) => {
    const script = h('script', { src: '/console/vendor/echarts.min.js', async: true });
    script.addEventListener('load', () => (win.echarts ? resolve(win.echarts) : reject(new Error('ECharts 加载失败'))));
    script.addEventListener('error', () => {
      loading = null;
      reject(new Error('图表组件加载失败 (/console/vendor/echarts.min.js)'));
    });
    win.document.body.append(script);
  });
  return loading;
}

/** ECharts measures text on a canvas: it needs real family names, not 'inherit'. */
export const FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** ECharts tooltips are HTML: values that come from imported data are escaped. */
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const PALETTE = ['#1d64c8', '#d9822b', '#2f9e6a', '#8e5cc4', '#c9302c', '#15a3b8', '#8a6d3b', '#5b6b7f', '#d94f8a', '#6b8e23'];

export const BASE_OPTION = {
  animation: false,
  color: PALETTE,
  textStyle: { fontFamily: FONT, fontSize: 12, color: '#2b3440' },
  grid: { left: 56, right: 24, top: 36, bottom: 40, containLabel: false },
  tooltip: { trigger: 'axis', confine: true, backgroundColor: 'rgba(255,255,255,0.97)', borderColor: '#cfd7e2', textStyle: { color: '#2b3440', fontSize: 12 } },
  legend: { top: 4, left: 'center', itemWidth: 14, itemHeight: 8, itemGap: 14, textStyle: { fontFamily: FONT, fontSize: 12 } },
};

/** Draws an ECharts chart into a fresh box of the given height; the chart goes away with the page. */
export async function echart(ctx: PageContext, box: DomElement, option: Record<string, unknown>, height = 280): Promise<EChartsInstance | null> {
  const el = h('div', { class: 'echart' });
  el.style.setProperty('height', `${height}px`);
  box.replaceChildren(el);
  const echarts = await loadECharts();
  if (!ctx.alive() || !el.isConnected) return null;
  const chart = echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
  chart.setOption({ ...BASE_OPTION, ...option }, { notMerge: true });
  const onResize = () => chart.resize();
  win.addEventListener('resize', onResize);
  ctx.onLeave(() => {
    win.removeEventListener('resize', onResize);
    chart.dispose();
  });
  return chart;
}
