import { bidRowSchema, type BidRowInput } from '../bid-row.schema.js';
import { bidsStore } from './bids-merge.repository.js';
import type { KindPipeline } from './kind-pipeline.js';
import { digest60, digestHex, money2 } from './row-digest.js';

const STAGE_COLUMNS = [
  'line', 'status', 'tender_code', 'project_name', 'district', 'category', 'work_type', 'tender_method',
  'evaluation_method', 'funding', 'control_price', 'open_date', 'bidder_uscc', 'bidder_name', 'bid_price',
  'bid_valid', 'invalid_reason', 'is_winner', 'rank', 'pm_hash', 'tl_hash', 'agent_hash', 'bond_hash',
  'machine_code', 'mac', 'ip', 'creator', 'buyer_uscc', 'buyer_name', 'agency_uscc', 'agency_name',
  'creation_id', 'lock_serial', 'cpu_serial', 'disk_serial', 'upload_time', 'file_created_at', 'tsig', 'rdigest',
] as const;


export const bidsPipeline: KindPipeline<BidRowInput> = {
  kind: 'bids',
  schema: bidRowSchema,
  stageColumns: STAGE_COLUMNS,

  toStage(line, r, hasher) {
    const bid = [
      r.bidder_uscc, r.bidder_name, money2(r.bid_price), r.bid_valid ?? true, r.invalid_reason, r.is_winner ?? false, r.rank,
      hasher.hash('person', r.project_manager_id), hasher.hash('person', r.technical_lead_id),
      hasher.hash('person', r.agent_id), hasher.hash('account', r.bond_account),
      r.file_machine_code, r.file_mac, r.upload_ip, r.file_creator,
    ] as const;
    // The issue-12 columns enter a digest only when the row has one of them, so a file without them digests exactly as
    // before they existed: re-importing an old file still finds its tenders unchanged.
    const parties = [r.buyer_uscc, r.buyer_name, r.agency_uscc, r.agency_name] as const;
    const extra = [r.file_creation_id, r.lock_serial, r.cpu_serial, r.disk_serial, r.upload_time, r.file_created_at] as const;
    const bidDigest = extra.some((v) => v !== null) ? [...bid, ...extra] : bid;
    // Digests computed here, off the database: tsig = the tender columns (must agree on every row of a tender),
    // rdigest = the bid (summed per tender into the tender's content digest).
    const tsig = digestHex([
      r.project_name, r.district, r.category, r.work_type, r.tender_method, r.evaluation_method, r.funding,
      money2(r.control_price), r.open_date, ...(parties.some((v) => v !== null) ? parties : []),
    ]);
    return [
      line, 0, r.tender_code, r.project_name, r.district, r.category, r.work_type, r.tender_method,
      r.evaluation_method, r.funding, r.control_price, r.open_date, r.bidder_uscc, r.bidder_name, r.bid_price,
      bid[3], r.invalid_reason, bid[5], r.rank, bid[7], bid[8], bid[9], bid[10],
      r.file_machine_code, r.file_mac, r.upload_ip, r.file_creator, ...parties, ...extra, tsig, digest60(bidDigest),
    ];
  },

  rejectedStage(line, tenderCode) {
    return [line, 1, tenderCode, ...new Array(STAGE_COLUMNS.length - 3).fill(null)];
  },

  warnings(line, r) {
    // a bid the file already marks invalid needs no reminder that such bids are normally 否决
    if (r.control_price && r.bid_price && Number(r.bid_price) > Number(r.control_price) && r.bid_valid !== false) {
      return [
        {
          line,
          column: 'bid_price',
          message: `投标报价 ${r.bid_price} 高于最高投标限价 ${r.control_price}（下浮率为负）：已导入，此类投标通常应被否决 (bid above the control price: imported, normally 否决)`,
        },
      ];
    }
    return [];
  },

  store: bidsStore,
};
