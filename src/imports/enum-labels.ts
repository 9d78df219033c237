import type {
  AttendanceRole, Category, EvaluationMethod, FirmRelationType, Funding, TenderMethod, WorkType,
} from '../../detectors/types.js';

/** Chinese names beside each code, as ../shared/spec/import-format.md gives them; '/' separates accepted aliases. */
export const CATEGORY_LABELS: Record<Category, string> = { building: '房屋建筑', municipal: '市政基础设施/市政' };
export const WORK_TYPE_LABELS: Record<WorkType, string> = {
  construction: '施工', supervision: '监理', design: '设计', survey: '勘察', epc: '工程总承包/EPC',
};
export const TENDER_METHOD_LABELS: Record<TenderMethod, string> = { open: '公开招标', invited: '邀请招标' };
export const EVALUATION_METHOD_LABELS: Record<EvaluationMethod, string> = {
  comprehensive: '综合评估法',
  reasonable_low_price: '合理低价法',
  lowest_evaluated_price: '经评审的最低投标价法',
  separation: '评定分离',
  other: '其他',
};
export const FUNDING_LABELS: Record<Funding, string> = { state: '国有资金/国有投资为主', private: '非国有资金/民间资金' };
export const ROLE_LABELS: Record<AttendanceRole, string> = {
  project_manager: '项目经理', technical_lead: '技术负责人', safety_officer: '安全员', worker: '工人/作业人员',
};
export const RELATION_LABELS: Record<FirmRelationType, string> = {
  legal_rep: '法定代表人', shareholder: '股东', controller: '实际控制人', manager: '主要负责人/单位负责人',
};
