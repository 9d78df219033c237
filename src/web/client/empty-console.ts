import { api } from './api.js';
import { h, type DomElement } from './dom.js';
import { count, dateTime } from './format.js';

/**
 * Why the case list is empty (issue 15 §2): nothing imported in the reader's scope, data imported but never
 * detected (cases come only from detection runs), new data since the last detection, or detection that found
 * nothing to open a case for. Read from GET /api/data-state.
 */

interface DataState {
  tenders: number;
  lastImportAt: string | null;
  detectionRuns: number;
  lastDetectionAt: string | null;
  detecting: boolean;
}

export type EmptyReason = 'no_data' | 'not_detected' | 'stale' | 'no_cases';

export function emptyReason(s: DataState): EmptyReason {
  if (s.tenders === 0) return 'no_data';
  if (s.detectionRuns === 0) return 'not_detected';
  if (s.lastImportAt && s.lastDetectionAt && s.lastImportAt > s.lastDetectionAt) return 'stale';
  return 'no_cases';
}

const code = (text: string) => h('code', null, text);

function message(s: DataState, scope: string): DomElement[] {
  const running = s.detecting ? [h('p', null, '检测正在运行，完成后刷新本页即可看到案件。')] : [];
  switch (emptyReason(s)) {
    case 'no_data':
      return [h('strong', null, '还没有导入数据'), h('p', null, `${scope}中还没有标段。数据录入员可以在“数据导入”页上传投标记录，或在服务器上运行 `, code('npx bidwatch import bids.csv --kind bids'), '。')];
    case 'not_detected':
      return [h('strong', null, '尚未运行检测'), h('p', null, `${scope}已导入 ${count(s.tenders)} 个标段，但还没有运行过检测，所以没有标记和案件。请运行 `, code('npx bidwatch detect'), '（通过网页上传的文件在导入后会自动检测）。'), ...running];
    case 'stale':
      return [h('strong', null, '最近导入的数据尚未检测'), h('p', null, `最近一次导入在 ${dateTime(s.lastImportAt)}，最近一次检测在 ${dateTime(s.lastDetectionAt)}；新数据的案件要在检测后才出现。请运行 `, code('npx bidwatch detect'), '。'), ...running];
    case 'no_cases':
      return [h('strong', null, '检测没有发现需要立案的线索'), h('p', null, `${scope}有 ${count(s.tenders)} 个标段，检测已于 ${dateTime(s.lastDetectionAt)} 运行（共 ${count(s.detectionRuns)} 次），没有产生案件。`)];
  }
}

/** The explanation box for an empty case list, or null when it cannot be read. */
export async function whyEmpty(district: string | null): Promise<DomElement | null> {
  const s = await api<DataState>('/api/data-state').catch(() => null);
  if (!s) return null;
  const reason = emptyReason(s);
  return h('div', { class: `alert ${reason === 'no_cases' ? '' : 'alert-warn'}`, 'data-testid': 'why-empty', 'data-reason': reason }, message(s, district ? `本辖区（${district}）` : '系统'));
}
