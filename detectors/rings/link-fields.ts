/**
 * What a link's `field` means when it is not a bid-file fingerprint (those are named in article-40/fingerprints.ts):
 * the 第三十四条 relation kinds and the 清单雷同 signals (statutory-links.ts). No runtime imports: the console loads
 * this module as it is.
 */
export const LINK_FIELD_ZH: Readonly<Record<string, string>> = {
  same_head: '单位负责人为同一人',
  control: '控股关系',
  management: '管理关系',
  relation: '关联关系',
  boq_price: '清单综合单价雷同',
  boq_errors: '清单相同错误',
  boq_boq: '清单雷同',
};

