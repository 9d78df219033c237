import { z } from 'zod';
import { bool, date, money, requiredText, uscc, wholeNumber } from './row-fields.js';

/** One contract / settlement row (import-format §2, 标后履约). */
export const contractRowSchema = z
  .object({
    tender_code: requiredText(100),
    winner_uscc: uscc(),
    contract_price: money({ required: true, positive: true }),
    contract_date: date({ required: true }),
    planned_completion: date({ required: false, yearsAhead: 15 }),
    change_order_total: money({ required: false, positive: false }),
    change_order_count: wholeNumber(),
    settlement_price: money({ required: false, positive: true }),
    actual_completion: date({ required: false }),
    project_manager_changed: bool({ required: false }),
  })
  .superRefine((r, ctx) => {
    if (r.contract_date && r.actual_completion && r.actual_completion < r.contract_date) {
      ctx.addIssue({
        code: 'custom',
        path: ['actual_completion'],
        message: `实际竣工日期 ${r.actual_completion} 早于合同签订日期 ${r.contract_date} (completion before contract date)`,
      });
    }
    if (r.contract_date && r.planned_completion && r.planned_completion < r.contract_date) {
      ctx.addIssue({
        code: 'custom',
        path: ['planned_completion'],
        message: `计划竣工日期 ${r.planned_completion} 早于合同签订日期 ${r.contract_date} (planned completion before contract date)`,
      });
    }
  });

export type ContractRowInput = z.output<typeof contractRowSchema>;
