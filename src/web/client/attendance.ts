import { api } from './api.js';
import { echart, esc } from './charts.js';
import type { PageContext } from './context.js';
import { h, type DomElement } from './dom.js';
import { count, pct, shortFirm } from './format.js';
import { first, SITE_ROLE_LABELS } from './labels.js';
import type { AttendanceTimeline } from './types.js';
import { empty, facts, table } from './ui.js';

const ROLE_ORDER = ['worker', 'safety_officer', 'technical_lead', 'project_manager'] as const;
const ROLE_COLORS: Record<string, string> = { worker: '#9fb7d9', safety_officer: '#15a3b8', technical_lead: '#8e5cc4', project_manager: '#d9822b' };
const roleLabel = (r: string) => first((SITE_ROLE_LABELS as Record<string, string>)[r], r);

/**
 * A site's 实名制考勤 for the 现场联动核查: who was on site each day (by role), whether the PM named in the bid was
 * there, the PM's presence per month against the 80 % rule, the key persons (8-character references only) and
 * whose books the workers are on.
 */
export async function attendanceView(ctx: PageContext, code: string): Promise<DomElement> {
  const a = await api<AttendanceTimeline>(`/api/tenders/${encodeURIComponent(code)}/attendance`);
  const root = h('div', { class: 'attendance', 'data-testid': 'attendance' });
  if (!a.days.length) {
    root.append(empty('该标段没有实名制考勤记录。'));
    return root;
  }
  const siteDays = a.months.reduce((s2, m) => s2 + m.siteDays, 0);
  const pmDays = a.months.reduce((s2, m) => s2 + m.pmDays, 0);
  const below = a.months.filter((m) => m.below);
  root.append(
    facts([
      ['考勤期间', `${a.from} 至 ${a.to}`],
      ['施工天数', `${count(siteDays)} 天（有人到岗的日子）`],
      [a.basis === 'bid_pm' ? '标书项目经理到岗' : '登记项目经理到岗', `${count(pmDays)} 天 · ${pct(siteDays ? pmDays / siteDays : null, 1)}`],
      [`低于 ${a.threshold === null ? '标准' : pct(a.threshold, 0)} 的月份`, a.threshold === null ? '尚未运行检测，未判定' : below.length ? h('span', { class: 'text-bad' }, below.map((m) => m.month).join('、')) : '无'],
      ['标书项目经理', a.bid.projectManagerRef ? h('span', { class: 'mono' }, `${a.bid.projectManagerRef}…`) : '未载明'],
      ['标书技术负责人', a.bid.technicalLeadRef ? h('span', { class: 'mono' }, `${a.bid.technicalLeadRef}…`) : '未载明'],
      ['中标人', a.tender.winnerName ?? a.tender.winnerUscc ?? '—'],
      ['统计口径', a.basis === 'bid_pm' ? '标书所列项目经理（任何岗位打卡均计）' : '考勤登记的项目经理（标书未载明或合同记录已更换）'],
    ]),
  );
  const daily = h('div', { class: 'chart-box' });
  const monthly = h('div', { class: 'chart-box' });
  const monthlyTitle = a.threshold === null
    ? '项目经理每月到岗率（尚未运行检测：运行后按 SITE 当时的设置判定）'
    : `项目经理每月到岗率（SITE 判定：标准 ≥ ${pct(a.threshold, 0)}，施工少于 ${a.minSiteDays} 天的月份不判定）`;
  root.append(h('h3', null, '每日到岗人数与项目经理到岗'), daily, h('h3', null, monthlyTitle), monthly);

  const dates = a.days.map((d) => d.date);
  const pmPresent = a.days.map((d) => (a.basis === 'bid_pm' ? d.bid_pm : d.site_pm));
  const anyone = a.days.map((d) => d.project_manager + d.technical_lead + d.safety_officer + d.worker > 0);
  void echart(ctx, daily, {
    legend: { top: 0, data: [...ROLE_ORDER.map(roleLabel), '项目经理到岗', '项目经理缺勤'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: [
      { left: 48, right: 20, top: 34, height: 170 },
      { left: 48, right: 20, top: 222, height: 18 },
    ],
    xAxis: [
      { type: 'category', data: dates, gridIndex: 0, axisLabel: { show: false }, axisTick: { show: false } },
      { type: 'category', data: dates, gridIndex: 1, axisLabel: { fontSize: 11 }, axisTick: { show: false } },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: '人', nameGap: 8, splitLine: { lineStyle: { color: '#edf0f4' } } },
      { type: 'value', gridIndex: 1, max: 1, show: false },
    ],
    dataZoom: [
      { type: 'slider', xAxisIndex: [0, 1], bottom: 4, height: 18, startValue: Math.max(0, dates.length - 120) },
      { type: 'inside', xAxisIndex: [0, 1] },
    ],
    series: [
      ...ROLE_ORDER.map((r) => ({
        name: roleLabel(r), type: 'bar', stack: 'people', xAxisIndex: 0, yAxisIndex: 0, barCategoryGap: '15%',
        itemStyle: { color: ROLE_COLORS[r] }, data: a.days.map((d) => d[r]),
      })),
      { name: '项目经理到岗', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, stack: 'pm', barCategoryGap: '10%', itemStyle: { color: '#2f9e6a' },
        data: pmPresent.map((p) => (p ? 1 : 0)) },
      { name: '项目经理缺勤', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, stack: 'pm', barCategoryGap: '10%', itemStyle: { color: '#c9302c' },
        data: pmPresent.map((p, i) => (!p && anyone[i] ? 1 : 0)) },
    ],
  }, 290);

  void echart(ctx, monthly, {
    legend: { show: false },
    grid: { left: 48, right: 20, top: 24, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { dataIndex: number }[]) => {
        const m = a.months[ps[0]?.dataIndex ?? 0]!;
        return `${esc(m.month)}<br/>到岗 ${m.pmDays} 天 / 施工 ${m.siteDays} 天 = ${pct(m.presence, 1)}${m.judged ? (m.below ? '<br/><b>低于标准</b>' : '') : '<br/>施工天数不足，不判定'}`;
      },
    },
    xAxis: { type: 'category', data: a.months.map((m) => m.month) },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { lineStyle: { color: '#edf0f4' } } },
    series: [{
      type: 'bar', barMaxWidth: 36,
      data: a.months.map((m) => ({
        value: m.presence ?? 0,
        itemStyle: { color: !m.judged ? '#b8c2cf' : m.below ? '#c9302c' : '#2f9e6a' },
        label: { show: true, position: 'top', fontSize: 11, color: m.below ? '#c9302c' : '#475569', fontWeight: m.below ? 'bold' : 'normal', formatter: `${m.pmDays}/${m.siteDays}${m.below ? ' 低于标准' : ''}` },
      })),
      ...(a.threshold === null ? {} : { markLine: { silent: true, symbol: 'none', lineStyle: { color: '#c9302c', type: 'dashed' }, label: { formatter: `${pct(a.threshold, 0)} 标准`, position: 'insideEndTop' }, data: [{ yAxis: a.threshold }] } }),
    }],
  }, 220);

  root.append(
    h('h3', null, '关键岗位人员（仅显示编号前 8 位）'),
    a.persons.length
      ? table([
        { label: '人员编号', cell: (p) => h('span', { class: 'mono' }, `${p.ref}…`) },
        { label: '考勤岗位', cell: (p) => roleLabel(p.role) },
        { label: '标书身份', cell: (p) => (p.bidRole ? h('span', { class: 'pill pill-ok' }, roleLabel(p.bidRole)) : p.role === 'project_manager' || p.role === 'technical_lead' ? h('span', { class: 'pill pill-warn' }, '非标书所列') : '—') },
        { label: '用工单位', cell: (p) => shortFirm(p.employerName, p.employerUscc) },
        { label: '到岗天数', class: 'num', cell: (p) => count(p.presentDays) },
        { label: '首次', cell: (p) => p.first },
        { label: '末次', cell: (p) => p.last },
      ], a.persons, { class: 'dense' })
      : empty('考勤中没有登记项目经理或技术负责人，标书所列人员也未出现。'),
    h('h3', null, '用工单位（工人人日）'),
    table([
      { label: '单位', cell: (e) => h('span', null, shortFirm(e.name, e.uscc), e.isWinner ? h('span', { class: 'pill pill-ok' }, '中标人') : null, !e.isWinner && e.bidInTender ? h('span', { class: 'pill pill-warn' }, '本标段投标人') : null) },
      { label: '信用代码', cell: (e) => h('span', { class: 'mono' }, e.uscc) },
      { label: '人数', class: 'num', cell: (e) => count(e.persons) },
      { label: '工人人日', class: 'num', cell: (e) => count(e.workerDays) },
      { label: '占比', class: 'num', cell: (e) => h('span', { class: !e.isWinner && (e.share ?? 0) > 0.5 ? 'text-bad' : '' }, pct(e.share, 1)) },
    ], a.employers, { class: 'dense' }),
  );
  return root;
}
