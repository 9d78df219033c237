import { z } from 'zod';
import {
  CATEGORY_LABELS, EVALUATION_METHOD_LABELS, FUNDING_LABELS, TENDER_METHOD_LABELS, WORK_TYPE_LABELS,
} from './enum-labels.js';
import {
  bool, date, enumOf, fingerprint, macAddress, money, optionalText, optionalUscc, personId, requiredText, timestamp, uscc,
  wholeNumber,
} from './row-fields.js';

/** One bid row (import-format §1). Cross-row rules (one winner, agreeing tender columns) run later, per tender. */
export const bidRowSchema = z
  .object({
    tender_code: requiredText(100),
    project_name: requiredText(),
    district: requiredText(100),
    category: enumOf(CATEGORY_LABELS, { required: true }),
    work_type: enumOf(WORK_TYPE_LABELS, { required: true }),
    tender_method: enumOf(TENDER_METHOD_LABELS, { required: true }),
    evaluation_method: enumOf(EVALUATION_METHOD_LABELS, { required: true }),
    funding: enumOf(FUNDING_LABELS, { required: false }),
    control_price: money({ required: true, positive: true }),
    open_date: date({ required: true }),
    bidder_uscc: uscc(),
    bidder_name: requiredText(),
    bid_price: money({ required: true, positive: true }),
    bid_valid: bool({ required: false }),
    invalid_reason: optionalText(),
    is_winner: bool({ required: false }),
    rank: wholeNumber(),
    project_manager_id: personId({ required: false }),
    technical_lead_id: personId({ required: false }),
    agent_id: personId({ required: false }),
    file_machine_code: fingerprint(),
    file_mac: macAddress(),
    upload_ip: fingerprint(),
    file_creator: optionalText(200),
    bond_account: personId({ required: false }),
    // issue 12: who ran the tender (tender columns: agree on every row of a tender), the remaining fingerprints, timing
    buyer_uscc: optionalUscc(),
    buyer_name: optionalText(),
    agency_uscc: optionalUscc(),
    agency_name: optionalText(),
    file_creation_id: fingerprint(),
    lock_serial: fingerprint(),
    cpu_serial: fingerprint(),
    disk_serial: fingerprint(),
    upload_time: timestamp(),
    file_created_at: timestamp(),
  })
  .superRefine((r, ctx) => {
    if (r.is_winner === true && r.bid_valid === false) {
      ctx.addIssue({
        code: 'custom',
        path: ['is_winner'],
        message: '中标人的投标被标为无效（bid_valid=否），请核对 (a winning bid cannot be invalid)',
      });
    }
  });

export type BidRowInput = z.output<typeof bidRowSchema>;
