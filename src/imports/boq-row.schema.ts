import { z } from 'zod';
import { decimal, money, nonNegativeMoney, optionalText, requiredText, uscc } from './row-fields.js';

/**
 * One line of one bid's 工程量清单报价 (import-format §5). `amount` is kept as filed: a 合价 that is not
 * quantity × unit_price is evidence (an arithmetic slip two bidders share), never a reason to refuse the line.
 * That the tender and the bid exist, and one line per line_no, are checked in the merge.
 */
export const boqRowSchema = z.object({
  tender_code: requiredText(100),
  bidder_uscc: uscc(),
  line_no: z.custom<string | undefined>().transform((v, ctx): number | null => {
    const t = (v ?? '').trim();
    if (!t) {
      ctx.addIssue({ code: 'custom', message: '必填项为空 (required value missing)' });
      return null;
    }
    if (!/^\d{1,9}$/.test(t) || Number(t) < 1) {
      ctx.addIssue({ code: 'custom', message: `清单行号应为正整数（1, 2, …）：“${t.slice(0, 40)}” (line_no must be a whole number ≥ 1)` });
      return null;
    }
    return Number(t);
  }),
  item_code: requiredText(50),
  item_name: optionalText(),
  unit: optionalText(50),
  quantity: decimal({ required: true, scale: 6 }),
  unit_price: nonNegativeMoney({ required: true }),
  amount: money({ required: true, positive: false }),
});

export type BoqRowInput = z.output<typeof boqRowSchema>;
