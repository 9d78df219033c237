import { z } from 'zod';
import { RELATION_LABELS } from './enum-labels.js';
import { address, date, decimal, enumOf, optionalUscc, personId, phone, uscc } from './row-fields.js';

/**
 * One relation of a firm (import-format §4, 企业关联关系): to a person (person_id, hashed) or to another firm
 * (related_uscc), with the firm's registered address and contact phone (hashed) as optional columns of the firm.
 * Duplicates and firm columns that disagree are cross-row rules, run in the merge.
 */
export const firmRelationRowSchema = z
  .object({
    firm_uscc: uscc(),
    relation: enumOf(RELATION_LABELS, { required: true }),
    person_id: personId({ required: false }),
    related_uscc: optionalUscc(),
    share_pct: decimal({ required: false, scale: 4, max: 100 }),
    valid_from: date({ required: false }),
    valid_to: date({ required: false, yearsAhead: 50 }),
    firm_address: address(),
    firm_phone: phone(),
  })
  .superRefine((r, ctx) => {
    if (r.person_id && r.related_uscc) {
      ctx.addIssue({
        code: 'custom',
        path: ['related_uscc'],
        message: 'person_id 与 related_uscc 只能填写一项：一行记录企业与一个人或一家企业的关系 (give either person_id or related_uscc, not both)',
      });
    } else if (!r.person_id && !r.related_uscc) {
      ctx.addIssue({
        code: 'custom',
        path: ['person_id'],
        message: 'person_id 与 related_uscc 必须填写其中一项 (give one of person_id or related_uscc)',
      });
    }
    if (r.related_uscc && r.firm_uscc && r.related_uscc === r.firm_uscc) {
      ctx.addIssue({
        code: 'custom',
        path: ['related_uscc'],
        message: `企业不能与自身关联：related_uscc 与 firm_uscc 相同（${r.firm_uscc}）(a firm cannot be related to itself)`,
      });
    }
    if (r.valid_from && r.valid_to && r.valid_to < r.valid_from) {
      ctx.addIssue({
        code: 'custom',
        path: ['valid_to'],
        message: `关系终止日期 ${r.valid_to} 早于起始日期 ${r.valid_from} (valid_to is before valid_from)`,
      });
    }
  });

export type FirmRelationRowInput = z.output<typeof firmRelationRowSchema>;
