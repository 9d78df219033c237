import { api, qs } from './api.js';
import { h, type DomElement, type FormControl } from './dom.js';
import { count, pct, shortFirm, yuan } from './format.js';
import type { BoqBids, BoqCompare, BoqCompareRow, BoqMark, BoqSideLine } from './types.js';
import { errorBox, loading } from './ui.js';

/**
 * Two bidders' 已标价工程量清单 side by side (GET /api/tenders/:code/boq/compare): one row per 清单编码, each bidder's
 * quantity, 综合单价 and 合价, and the lines BOQSIM counted marked in red — the same marks the flag's numbers come
 * from (detectors/boq/boq-compare.ts), so an inspector checks the finding line by line.
 */

export const BOQ_MARK_LABELS: Record<BoqMark, string> = {
  identicalPrice: '综合单价相同',
  quantity: '工程量同错',
  arithmetic: '合价计算错误相同',
  missing: '共同漏项',
  extra: '共同多项',
  order: '相同的非常规排序',
  fixed: '给定单价（不比对）',
};
const MARK_ORDER: BoqMark[] = ['identicalPrice', 'quantity', 'arithmetic', 'missing', 'extra', 'order', 'fixed'];
const PAGE = 200;

const qty = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(3).replace(/0+$/, ''));

/** The pair a tender's BOQSIM flag names, if any: the view opens on it. */
export function boqPairOf(flags: { detector: string; evidence: Record<string, unknown> }[]): [string, string] | null {
  const f = flags.find((x) => x.detector === 'BOQSIM' && Array.isArray(x.evidence.pair));
  const p = f?.evidence.pair as string[] | undefined;
  return p && p.length === 2 ? [p[0]!, p[1]!] : null;
}

/**
 * The BOQ block of a tender: nothing at all when fewer than two bids carry a BOQ; otherwise two pickers (the
 * flagged pair first), a "marked rows only" switch, the counts and the table, a page of rows at a time.
 */
export function boqBlock(code: string, preferred: [string, string] | null): DomElement {
  const box = h('div', { class: 'boq', 'data-testid': 'boq' });
  void api<BoqBids>(`/api/tenders/${encodeURIComponent(code)}/boq${qs({ page_size: 1 })}`).then(
    (r) => {
      if (r.bids.length < 2) return box.remove();
      const usccs = r.bids.map((b) => b.bidder_uscc);
      const [a0, b0] = preferred && usccs.includes(preferred[0]) && usccs.includes(preferred[1]) ? preferred : [usccs[0]!, usccs[1]!];
      const picker = (id: string, value: string) =>
        h('select', { id, 'aria-label': id === 'boq-a' ? '投标人甲' : '投标人乙' },
          r.bids.map((b) => h('option', { value: b.bidder_uscc, selected: b.bidder_uscc === value ? 'selected' : null }, `${shortFirm(b.bidder_name, b.bidder_uscc)}（${count(b.n_lines)} 行）`))) as FormControl;
      const pa = picker('boq-a', a0);
      const pb = picker('boq-b', b0);
      const onlyMarked = h('input', { type: 'checkbox', id: 'boq-marked', checked: preferred ? 'checked' : null }) as FormControl;
      const body = h('div', null);
      const load = () => {
        if (pa.value === pb.value) return body.replaceChildren(h('div', { class: 'empty' }, '请选择两家不同的投标人。'));
        body.replaceChildren(loading('正在比对清单…'));
        comparison(code, pa.value, pb.value, onlyMarked.checked, body).catch((e) => body.replaceChildren(errorBox(e, '清单比对不可用')));
      };
      for (const c of [pa, pb, onlyMarked]) c.addEventListener('change', load);
      box.replaceChildren(
        h('h3', null, `工程量清单并排（${r.bids.length} 家已导入清单）`, h('span', { class: 'muted small' }, ' 清单雷同所计的行以红底标出（第四十条第（四）项线索）')),
        h('div', { class: 'picker boq-picker' },
          h('label', { for: 'boq-a' }, '甲'), pa, h('label', { for: 'boq-b' }, '乙'), pb,
          h('label', { class: 'check' }, onlyMarked, ' 只看有标记的行')),
        body);
      load();
    },
    () => box.remove(),
  );
  return box;
}

async function comparison(code: string, a: string, b: string, marked: boolean, body: DomElement): Promise<void> {
  const fetchPage = (page: number) =>
    api<BoqCompare>(`/api/tenders/${encodeURIComponent(code)}/boq/compare${qs({ a, b, marked: marked ? 1 : null, page, page_size: PAGE })}`);
  const first = await fetchPage(1);
  const tbody = h('tbody', null, first.items.map(row));
  let page = 1;
  const more = h('button', { class: 'btn btn-sm btn-ghost', type: 'button' }, '');
  const setMore = () => {
    const left = first.total - page * PAGE;
    if (left > 0) more.textContent = `显示后 ${Math.min(PAGE, left)} 行（另有 ${count(left)} 行）`;
    else more.remove();
  };
  more.addEventListener('click', async () => {
    page++;
    tbody.append(...(await fetchPage(page)).items.map(row));
    setMore();
  });
  setMore();
  const side = (who: { uscc: string; name: string | null }) => h('span', { title: `${who.name ?? ''}（${who.uscc}）` }, shortFirm(who.name, who.uscc));
  body.replaceChildren(
    summary(first),
    first.total === 0
      ? h('div', { class: 'empty' }, marked ? '两家清单之间没有清单雷同所计的行。' : '两家都没有清单行。')
      : h('div', { class: 'table-wrap' },
        h('table', { class: 'grid dense boq-table' },
          h('thead', null,
            h('tr', null, h('th', { colspan: '3', scope: 'colgroup' }, '清单项'), h('th', { colspan: '3', class: 'boq-a', scope: 'colgroup' }, '甲 ', side(first.a)),
              h('th', { colspan: '3', class: 'boq-b', scope: 'colgroup' }, '乙 ', side(first.b)), h('th', { rowspan: '2', scope: 'col' }, '标记')),
            h('tr', null, ['编码', '名称', '单位', '工程量', '综合单价', '合价', '工程量', '综合单价', '合价'].map((x, i) => h('th', { scope: 'col', class: i >= 3 ? 'num' : null }, x)))),
          tbody)),
    more);
}

function summary(c: BoqCompare): DomElement {
  if (!c.counts || !c.marked) return h('p', { class: 'muted' }, '其中一家在本标段没有清单行。');
  const k = c.counts;
  const errs = (['quantity', 'arithmetic', 'missing', 'extra', 'order'] as const).filter((e) => (k.errors[e] ?? 0) > 0).map((e) => `${BOQ_MARK_LABELS[e]} ${k.errors[e]} 处`);
  return h('p', { class: 'boq-summary' },
    `共同清单项 ${count(k.common)} 项，比对 ${count(k.compared)} 项（剔除所有投标人单价一致的给定单价项），综合单价相同 ${count(k.identical)} 项，占 ${pct(k.share, 1)}；`,
    `相同错误 ${count(k.errorTotal)} 处${errs.length ? `：${errs.join('、')}` : ''}。`,
    h('span', { class: 'muted' }, ' 是否构成雷同以清单雷同（BOQSIM）标记所列阈值为准；此为核查线索，不是定性结论。'));
}

function cells(l: BoqSideLine | null, marks: ReadonlySet<BoqMark>): DomElement[] {
  if (!l) return [h('td', { class: 'num muted', colspan: '3' }, marks.has('missing') ? '未报价（共同漏项）' : '无此项')];
  const dup = (on: boolean) => (on ? 'num dup' : 'num');
  return [
    h('td', { class: dup(marks.has('quantity')) }, qty(l.quantity)),
    h('td', { class: dup(marks.has('identicalPrice')), title: marks.has('fixed') ? '给定单价：所有投标人一致，不计入比对' : null }, yuan(l.unitPrice)),
    h('td', { class: dup(marks.has('arithmetic')), title: marks.has('arithmetic') ? `合价 ≠ 工程量 × 综合单价（应为 ${yuan(l.quantity * l.unitPrice)}）` : null }, yuan(l.amount)),
  ];
}

function row(r: BoqCompareRow): DomElement {
  const marks = new Set(r.marks);
  return h('tr', { class: marks.size && !(marks.size === 1 && marks.has('fixed')) ? 'row-flagged' : null, 'data-item': r.itemCode, 'data-marks': r.marks.join(' ') || null },
    h('td', { class: 'mono' }, r.itemCode),
    h('td', null, r.itemName ?? '—'),
    h('td', null, r.unit ?? '—'),
    ...cells(r.a, marks),
    ...cells(r.b, marks),
    h('td', { class: 'boq-marks' }, MARK_ORDER.filter((m) => marks.has(m)).map((m) => h('span', { class: `chip ${m === 'fixed' ? 'chip-muted' : 'chip-bad'}` }, BOQ_MARK_LABELS[m]))));
}
