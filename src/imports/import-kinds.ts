/** The five record kinds of ../shared/spec/import-format.md and their fixed CSV columns. */
export const IMPORT_KINDS = ['bids', 'contracts', 'attendance', 'firm-relations', 'boq'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_FORMATS = ['csv', 'ocds'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ColumnSpec {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

export const TENDER_COLUMNS = [
  'tender_code',
  'project_name',
  'district',
  'category',
  'work_type',
  'tender_method',
  'evaluation_method',
  'funding',
  'control_price',
  'open_date',
  'buyer_uscc',
  'buyer_name',
  'agency_uscc',
  'agency_name',
] as const;

export const COLUMNS: Record<ImportKind, ColumnSpec> = {
  bids: {
    required: [
      'tender_code', 'project_name', 'district', 'category', 'work_type', 'tender_method', 'evaluation_method',
      'control_price', 'open_date', 'bidder_uscc', 'bidder_name', 'bid_price',
    ],
    optional: [
      'funding', 'bid_valid', 'invalid_reason', 'is_winner', 'rank', 'project_manager_id', 'technical_lead_id',
      'agent_id', 'file_machine_code', 'file_mac', 'upload_ip', 'file_creator', 'bond_account',
      'buyer_uscc', 'buyer_name', 'agency_uscc', 'agency_name', 'file_creation_id', 'lock_serial', 'cpu_serial',
      'disk_serial', 'upload_time', 'file_created_at',
    ],
  },
  contracts: {
    required: ['tender_code', 'winner_uscc', 'contract_price', 'contract_date'],
    optional: [
      'planned_completion', 'change_order_total', 'change_order_count', 'settlement_price', 'actual_completion',
      'project_manager_changed',
    ],
  },
  attendance: {
    required: ['tender_code', 'person_id', 'role', 'employer_uscc', 'work_date', 'present'],
    optional: [],
  },
  'firm-relations': {
    required: ['firm_uscc', 'relation'],
    optional: ['person_id', 'related_uscc', 'share_pct', 'valid_from', 'valid_to', 'firm_address', 'firm_phone'],
  },
  boq: {
    required: ['tender_code', 'bidder_uscc', 'line_no', 'item_code', 'quantity', 'unit_price', 'amount'],
    optional: ['item_name', 'unit'],
  },
};

export const KIND_LABEL: Record<ImportKind, string> = {
  bids: '投标记录 (bids)',
  contracts: '合同与结算 (contracts)',
  attendance: '实名制考勤 (attendance)',
  'firm-relations': '企业关联关系 (firm relations)',
  boq: '工程量清单报价 (BOQ line items)',
};
