import { chartOption, type ChartSpec } from './chart.js';

describe('discount chart option', () => {
  const spec: ChartSpec = {
    title: 't', subtitle: 's', years: [2019, 2020, 2021], width: 800, height: 400, yName: 'y',
    series: [
      { name: '甲', median: [0.1, 0.11, null], p25: [-0.01, 0.09, null], p75: [0.12, 0.13, null], band: true, color: '#111111' },
      { name: '全市', median: [0.1, 0.1, 0.1], p25: [], p75: [], band: false, dashed: true, color: '#222222' },
    ],
  };

  it('draws the P25–P75 band as P25 plus a stacked width (stacking every sign), then the median line', () => {
    const o = chartOption(spec) as { series: Record<string, unknown>[]; legend: { data: string[] }; textStyle: { fontFamily: string } };
    expect(o.series).toHaveLength(4); // 甲: lower, width, line; 全市: line only
    const [lower, width, line] = o.series as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(lower.data).toEqual([-0.01, 0.09, null]);
    expect((width.data as number[])[0]).toBeCloseTo(0.13, 12);
    expect((width.data as number[])[1]).toBeCloseTo(0.04, 12);
    expect((width.data as (number | null)[])[2]).toBeNull();
    expect(lower.stack).toBe(width.stack);
    expect(width.stackStrategy).toBe('all'); // a negative P25 must still carry the band
    expect(line.name).toBe('甲');
    expect(o.legend.data).toEqual(['甲', '全市']); // the band helpers stay out of the legend
    expect(o.textStyle.fontFamily).toContain('Noto Sans CJK SC');
    expect(o.textStyle.fontFamily).not.toContain('"'); // it ends up inside a double-quoted SVG attribute
  });
});
