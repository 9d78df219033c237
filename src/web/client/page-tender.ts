import { LAST_LIST, type PageContext } from './context.js';
import { h, win } from './dom.js';
import { flagCard } from './evidence.js';
import { attendanceView } from './attendance.js';
import { fetchTender, tenderBlock } from './tender-view.js';
import { loading, pageHeader, section } from './ui.js';
import type { CaseFlag } from './types.js';

/** A tender on its own (#/tenders/CODE): reached from links in flags, rings and tables. */
export async function tenderPage(ctx: PageContext): Promise<void> {
  const { main } = ctx;
  const code = ctx.path[1]!;
  main.replaceChildren(loading());
  const t = await fetchTender(code);
  if (!ctx.alive()) return;
  const flagged = new Set(t.flags.map((f) => f.bidder_uscc?.trim()).filter((x): x is string => !!x));
  const attendance = h('div', null, loading());
  main.replaceChildren(
    h('nav', { class: 'crumbs', 'aria-label': '位置' }, h('a', { href: win.sessionStorage.getItem(LAST_LIST) ?? '#/cases' }, '案件'), ' › 标段 ', h('span', { class: 'mono' }, code)),
    pageHeader(t.tender.project_name, h('span', { class: 'mono' }, code)),
    section('标段与投标', tenderBlock(t, flagged), { id: 'tender' }),
    section(`本标段的标记（${t.flags.length}）`, t.flags.length
      ? h('div', { class: 'flags' }, t.flags.map((f, i) => flagCard({
        detector: f.detector, severity: f.severity as CaseFlag['severity'], score: Number(f.score), subjectType: f.subject_type, subjectId: f.subject_id,
        tenderCode: f.tender_code, bidderUscc: f.bidder_uscc?.trim() ?? null, explanation: f.explanation, evidence: f.evidence,
      }, i === 0)))
      : h('div', { class: 'empty' }, '本标段没有标记。'), { id: 'flags' }),
    section('现场考勤（实名制）', attendance, { id: 'attendance' }));
  attendanceView(ctx, code).then((v) => ctx.alive() && attendance.replaceChildren(v), () => attendance.replaceChildren(h('div', { class: 'empty' }, '考勤不可用。')));
}
