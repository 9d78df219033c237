import type { Category, EvaluationMethod, WorkType } from '../types.js';

/** Chinese names of the enumerations, for explanations. */
export const CATEGORY_CN: Readonly<Record<Category, string>> = { building: '房屋建筑', municipal: '市政基础设施' };

export const WORK_TYPE_CN: Readonly<Record<WorkType, string>> = {
  construction: '施工',
  supervision: '监理',
  design: '设计',
  survey: '勘察',
  epc: '工程总承包',
};

export const EVALUATION_METHOD_CN: Readonly<Record<EvaluationMethod, string>> = {
  comprehensive: '综合评估法',
  reasonable_low_price: '合理低价法',
  lowest_evaluated_price: '经评审的最低投标价法',
  separation: '评定分离',
  other: '其他评标办法',
};

/** 4000000 → "400万", 1500000 → "150万", 2500 → "0.25万". */
export function wan(yuan: number): string {
  return `${Number((yuan / 10_000).toFixed(2))}万`;
}
