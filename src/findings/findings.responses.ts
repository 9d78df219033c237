import { z } from 'zod';
import { decimalText, paged } from '../app/openapi.js';

/**
 * The answers of /api/tenders, /api/flags and /api/rings. A flag is a reason to look, never a verdict: its
 * `explanation` states the numbers, the threshold and the rule, `evidence` holds them as data.
 */
export const flag = z.looseObject({
  detector: z.string().describe('指标代码 (indicator code), e.g. ALB, A40, COBID'),
  subject_type: z.string(),
  subject_id: z.string(),
  tender_code: z.string().nullable(),
  bidder_uscc: z.string().nullable(),
  score: decimalText.describe('0–1，越高越值得查看 (higher = more reason to look)'),
  severity: z.enum(['info', 'low', 'medium', 'high']),
  explanation: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});

export const flagsPage = paged(flag.extend({ id: z.number().int(), run_id: z.number().int(), version: z.string(), year: z.number().int().nullable() })).extend({
  precision: z
    .record(z.string(), z.object({ confirmed: z.number().int(), dismissed: z.number().int(), precision: z.number().nullable() }))
    .describe('各指标经结案核实的比例 (share of closed cases confirmed, per indicator)'),
});

export const tenderPage = z.looseObject({
  tender: z.looseObject({
    code: z.string(),
    project_name: z.string(),
    district: z.string(),
    control_price: decimalText.nullable(),
    open_date: z.string(),
    year: z.number().int(),
  }),
  bids: z.array(
    z.looseObject({
      bidder_uscc: z.string(),
      bidder_name: z.string(),
      bid_price: decimalText,
      discount_rate: decimalText.nullable(),
      bid_valid: z.boolean(),
      is_winner: z.boolean(),
    }),
  ),
  flags: z.array(flag),
});

const ringFields = {
  id: z.number().int(),
  run_id: z.number().int(),
  ring_key: z.string(),
  members: z.array(z.string()).describe('成员统一社会信用代码 (members by USCC)'),
  n_members: z.number().int(),
  n_tenders_together: z.number().int(),
  rotation: decimalText.nullable(),
  cohesion: decimalText.nullable(),
  exclusivity: decimalText.nullable(),
  article40_links: z.number().int(),
  score: decimalText,
  explanation: z.string(),
};
export const ringList = z.array(z.looseObject(ringFields)).describe('一页团伙；总数在 X-Total-Count 响应头 (one page; the total is in X-Total-Count)');
export const ringDetail = z.looseObject({
  ...ringFields,
  evidence: z.record(z.string(), z.unknown()),
  firms: z.array(z.object({ uscc: z.string(), name: z.string().nullable() })),
  flags: z.array(flag),
});

/** Current findings per 招标人 or 招标代理机构 (GET /api/findings/by-buyer, /by-agency). */
export const partyFindings = paged(
  z.object({
    uscc: z.string(),
    name: z.string().nullable(),
    tenders: z.number().int(),
    flaggedTenders: z.number().int(),
    flags: z.number().int(),
    highFlags: z.number().int(),
    detectors: z.record(z.string(), z.number().int()).describe('各检测项的标记数 (flags per detector)'),
    ownFlags: z
      .array(flag.extend({ id: z.number().int(), run_id: z.number().int(), version: z.string(), year: z.number().int().nullable() }))
      .describe('以该招标人/代理机构本身为对象的标记（中标集中度、单一投标率、否决率、异常低价中标率）；限辖区的用户不显示 (the party’s own indicators; hidden from district-bound readers)'),
  }),
);

/** A tender's BOQ side by side (GET /api/tenders/:code/boq): the bids with a BOQ, and a page of the chosen bidders' lines. */
export const tenderBoq = paged(
  z.object({
    line_no: z.number().int(),
    bidder_uscc: z.string(),
    item_code: z.string().describe('清单项目编码 (BOQ item code)'),
    item_name: z.string().nullable(),
    unit: z.string().nullable(),
    quantity: decimalText.describe('工程量 (quantity)'),
    unit_price: decimalText.describe('综合单价，元 (unit price, yuan)'),
    amount: decimalText.describe('合价，元，按文件所填 (amount as filed, yuan)'),
  }),
).extend({
  tenderCode: z.string(),
  bids: z.array(z.object({ bidder_uscc: z.string(), bidder_name: z.string().nullable(), n_lines: z.number().int() })),
  bidders: z.array(z.string()).describe('本页所列投标人 (the bidders listed)'),
});

const boqSide = z.object({ lineNo: z.number().int(), quantity: z.number(), unitPrice: z.number(), amount: z.number() }).nullable();
const boqMark = z.enum(['identicalPrice', 'quantity', 'arithmetic', 'missing', 'extra', 'order', 'fixed']);

/** Two bidders' BOQs side by side (GET /api/tenders/:code/boq/compare), marked as BOQSIM counted them. */
export const tenderBoqCompare = paged(
  z.object({
    itemCode: z.string().describe('清单项目编码 (BOQ item code)'),
    itemName: z.string().nullable(),
    unit: z.string().nullable(),
    a: boqSide.describe('投标人 a 的行；无此项为 null (bidder a’s line, null when it lacks the item)'),
    b: boqSide,
    marks: z.array(boqMark).describe('identicalPrice 单价相同 · quantity 工程量同错 · arithmetic 合价同错 · missing 共同漏项 · extra 共同多项 · order 相同排序 · fixed 给定单价'),
  }),
).extend({
  tenderCode: z.string(),
  a: z.object({ uscc: z.string(), name: z.string().nullable() }),
  b: z.object({ uscc: z.string(), name: z.string().nullable() }),
  pair: z.tuple([z.string(), z.string()]).nullable().describe('按信用代码排序的企业对，同 BOQSIM 标记；任一方无清单时为 null (the pair as BOQSIM names it)'),
  counts: z
    .object({
      common: z.number().int(), compared: z.number().int(), identical: z.number().int(), share: z.number(),
      errors: z.record(z.string(), z.number().int()), errorTotal: z.number().int(),
    })
    .nullable(),
  marked: z.record(boqMark, z.number().int()).nullable().describe('各标记的行数 (rows per mark)'),
});
