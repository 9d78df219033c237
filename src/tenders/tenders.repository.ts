import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AttendanceRow, BidRow, BoqLineRow, ContractRow, Dataset, FirmProfileRow, FirmRelationRow, TenderRow,
} from '../../detectors/types.js';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Tenders whose bids are read in one query. */
const TENDER_SLICE = 20_000;

function bidOf(r: Record<string, unknown>, tenderCode: string, firm: { uscc: string; name: string }): BidRow {
  const bid: BidRow = {
    tenderCode,
    bidderUscc: firm.uscc,
    bidderName: firm.name,
    price: Number(r.price),
    discount: num(r.discount),
    valid: r.bid_valid as boolean,
    invalidReason: (r.invalid_reason as string) ?? null,
    isWinner: r.is_winner as boolean,
    rank: num(r.rank),
    projectManagerHash: (r.project_manager_hash as string) ?? null,
    technicalLeadHash: (r.technical_lead_hash as string) ?? null,
    agentHash: (r.agent_hash as string) ?? null,
    bondAccountHash: (r.bond_account_hash as string) ?? null,
    fileMachineCode: (r.file_machine_code as string) ?? null,
    fileMac: (r.file_mac as string) ?? null,
    uploadIp: (r.upload_ip as string) ?? null,
    fileCreator: (r.file_creator as string) ?? null,
  };
  // issue 12's optional inputs: set only where known, so a Dataset of older data is exactly what it was
  if (r.file_creation_id !== null) bid.fileCreationId = r.file_creation_id as string;
  if (r.lock_serial !== null) bid.lockSerial = r.lock_serial as string;
  if (r.cpu_serial !== null) bid.cpuSerial = r.cpu_serial as string;
  if (r.disk_serial !== null) bid.diskSerial = r.disk_serial as string;
  if (r.upload_ms !== null) bid.uploadTime = Number(r.upload_ms);
  if (r.created_ms !== null) bid.fileCreatedAt = Number(r.created_ms);
  return bid;
}

/**
 * Tenders, their bids and firms, and the contracts and attendance recorded against them (tables tenders, bids,
 * firms, contracts, attendance): the Dataset the detectors read, and the tender page.
 */
@Injectable()
export class TendersRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /**
   * The stored records as the plain Dataset the detectors take (the one crossing from src/ into detectors/).
   * With `years`, only tenders opened in those years and their bids, contracts and attendance.
   */
  loadDataset(years?: number[]): Promise<Dataset> {
    return loadDataset(this.ds, years);
  }

  /** Whether a tender exists and lies in the district (null = any district). */
  async visible(code: string, district: string | null): Promise<boolean> {
    const [row] = await this.ds.query(`SELECT 1 FROM tenders WHERE code = $1 AND ($2::text IS NULL OR district = $2)`, [code, district]);
    return !!row;
  }

  async tender(code: string): Promise<Record<string, unknown> | null> {
    const [t] = await this.ds.query(
      `SELECT t.code, t.project_name, t.district, t.category, t.work_type, t.tender_method, t.evaluation_method, t.funding,
              t.control_price, t.open_date::text AS open_date, t.year, t.n_bids, t.n_valid_bids, f.uscc AS winner_uscc,
              f.name AS winner_name, t.winner_price, t.winner_discount, t.buyer_uscc, t.buyer_name, t.agency_uscc,
              t.agency_name
       FROM tenders t LEFT JOIN firms f ON f.id = t.winner_firm_id WHERE t.code = $1`,
      [code],
    );
    return t ?? null;
  }

  /** A tender's bids, lowest first; personal ids only as 8-character references of their hashes. */
  async bids(code: string): Promise<Record<string, unknown>[]> {
    return this.ds.query(
      `SELECT f.uscc AS bidder_uscc, f.name AS bidder_name, b.bid_price, b.discount_rate, b.bid_valid, b.invalid_reason,
              b.is_winner, b.rank, b.file_machine_code, b.file_mac, b.upload_ip, b.file_creator,
              b.file_creation_id, b.lock_serial, b.cpu_serial, b.disk_serial, b.upload_time, b.file_created_at,
              left(b.project_manager_hash, 8) AS project_manager_ref, left(b.agent_hash, 8) AS agent_ref,
              left(b.bond_account_hash, 8) AS bond_account_ref
       FROM bids b JOIN tenders t ON t.id = b.tender_id JOIN firms f ON f.id = b.firm_id
       WHERE t.code = $1 ORDER BY b.bid_price`,
      [code],
    );
  }

  /** The bids of a tender whose BOQ was imported, with their line counts (the side-by-side BOQ view picks from them). */
  async boqBids(code: string): Promise<{ bidder_uscc: string; bidder_name: string | null; n_lines: number }[]> {
    return this.ds.query(
      `SELECT f.uscc AS bidder_uscc, f.name AS bidder_name, bb.n_lines
       FROM boq_bids bb JOIN tenders t ON t.id = bb.tender_id JOIN firms f ON f.id = bb.firm_id
       WHERE t.code = $1 ORDER BY f.uscc`,
      [code],
    );
  }

  /**
   * Every BOQ line of one tender as the detectors read them (the side-by-side view marks what BOQSIM counted, which
   * needs the whole tender: its majority list, fixed prices and majority quantities). Empty for an unknown tender.
   */
  async boqTenderLines(code: string): Promise<BoqLineRow[]> {
    const [t] = await this.ds.query(`SELECT id::int AS id FROM tenders WHERE code = $1`, [code]);
    return t ? loadBoqLines(this.ds, [t.id], new Map([[t.id as number, code]])) : [];
  }

  /**
   * BOQ lines of some bidders of one tender, in line order and bidder order within a line (so two bids read side
   * by side), a page at a time; money and quantities as PostgreSQL prints numeric (exact).
   */
  async boqLines(code: string, usccs: readonly string[], limit: number, offset: number): Promise<{ total: number; rows: Record<string, unknown>[] }> {
    const where = `FROM boq_lines l JOIN tenders t ON t.id = l.tender_id JOIN firms f ON f.id = l.firm_id
       WHERE t.code = $1 AND f.uscc = ANY($2::text[])`;
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n ${where}`, [code, usccs]);
    const rows = await this.ds.query(
      `SELECT l.line_no, f.uscc AS bidder_uscc, l.item_code, l.item_name, l.unit, l.quantity, l.unit_price, l.amount
       ${where} ORDER BY l.line_no, f.uscc LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      [code, usccs],
    );
    return { total: n, rows };
  }

  async contract(code: string): Promise<Record<string, unknown> | null> {
    const [c] = await this.ds.query(
      `SELECT c.contract_price, c.contract_date::text AS contract_date, c.planned_completion::text AS planned_completion,
              c.change_order_total, c.change_order_count, c.settlement_price, c.actual_completion::text AS actual_completion,
              c.project_manager_changed FROM contracts c JOIN tenders t ON t.id = c.tender_id WHERE t.code = $1`,
      [code],
    );
    return c ?? null;
  }

  async firms(usccs: readonly string[]): Promise<{ uscc: string; name: string }[]> {
    return this.ds.query(`SELECT uscc, name FROM firms WHERE uscc = ANY($1::text[]) ORDER BY uscc`, [usccs]);
  }

  /** Tenders each firm bid in. */
  async participation(): Promise<Map<string, number>> {
    const rows = await this.ds.query(`SELECT f.uscc, count(*)::int AS n FROM bids b JOIN firms f ON f.id = b.firm_id GROUP BY f.uscc`);
    return new Map(rows.map((r: { uscc: string; n: number }) => [r.uscc, r.n]));
  }

  /** Every tender code. */
  async codes(): Promise<string[]> {
    return (await this.ds.query(`SELECT code FROM tenders`)).map((r: { code: string }) => r.code);
  }

  /** The firms export's stored columns: bids and wins per firm. */
  exportFirms(): Promise<Record<string, unknown>[]> {
    return this.ds.query(
      `SELECT f.uscc, f.name, count(*)::int AS n_bids, count(*) FILTER (WHERE b.is_winner)::int AS n_wins
       FROM firms f JOIN bids b ON b.firm_id = f.id GROUP BY f.id ORDER BY f.uscc`,
    );
  }

  /** Districts, winners and names of the tenders given (for case drafts), in slices. */
  async caseContext(codes: readonly string[]): Promise<Map<string, { district: string; projectName: string; winnerUscc: string | null }>> {
    const out = new Map<string, { district: string; projectName: string; winnerUscc: string | null }>();
    for (let i = 0; i < codes.length; i += 10_000) {
      const rows = await this.ds.query(
        `SELECT t.code, t.district, t.project_name, f.uscc FROM tenders t LEFT JOIN firms f ON f.id = t.winner_firm_id
         WHERE t.code = ANY($1::text[])`,
        [codes.slice(i, i + 10_000)],
      );
      for (const r of rows) out.set(r.code, { district: r.district, projectName: r.project_name, winnerUscc: r.uscc });
    }
    return out;
  }
}

async function loadDataset(ds: DataSource, years?: number[]): Promise<Dataset> {
  const where = years?.length ? `WHERE t.year = ANY($1::int[])` : '';
  const params = years?.length ? [years] : [];
  const tenderIds: number[] = [];
  const tenders: TenderRow[] = (
    await ds.query(
      `SELECT t.id, t.code, t.project_name, t.district, t.category, t.work_type, t.tender_method, t.evaluation_method,
              t.funding, t.control_price::float8 AS control_price, t.open_date::text AS open_date, t.year,
              t.buyer_uscc, t.buyer_name, t.agency_uscc, t.agency_name
       FROM tenders t ${where} ORDER BY t.code COLLATE "C"`,
      params,
    )
  ).map((r: Record<string, unknown>) => {
    tenderIds.push(Number(r.id));
    const t: TenderRow = {
      code: r.code as string,
      projectName: r.project_name as string,
      district: r.district as string,
      category: r.category as TenderRow['category'],
      workType: r.work_type as TenderRow['workType'],
      tenderMethod: r.tender_method as TenderRow['tenderMethod'],
      evaluationMethod: r.evaluation_method as TenderRow['evaluationMethod'],
      funding: (r.funding as TenderRow['funding']) ?? null,
      controlPrice: num(r.control_price),
      openDate: r.open_date as string,
      year: Number(r.year),
    };
    if (r.buyer_uscc !== null) t.buyerUscc = r.buyer_uscc as string;
    if (r.buyer_name !== null) t.buyerName = r.buyer_name as string;
    if (r.agency_uscc !== null) t.agencyUscc = r.agency_uscc as string;
    if (r.agency_name !== null) t.agencyName = r.agency_name as string;
    return t;
  });
  // Bids by slices of tenders (in code order, through the bids primary key): the raw rows of one slice at a time
  // sit beside the Dataset, not a second copy of every bid (about 1 GB per million bids). The rows carry ids, not
  // codes: every bid of a tender shares the tender's code string and every bid of a firm its USCC and name, so a
  // million bids hold a few hundred thousand strings instead of three million, and the server neither joins nor
  // sorts by collation (bench/detect/real-shaped: load and every later garbage collection are faster).
  const firmOf = new Map<number, { uscc: string; name: string }>();
  for (const f of (await ds.query(`SELECT id::int AS id, uscc, name FROM firms`)) as Array<{ id: number; uscc: string; name: string | null }>) {
    firmOf.set(f.id, { uscc: f.uscc, name: f.name ?? '' });
  }
  const codeOf = new Map<number, string>(tenderIds.map((id, i) => [id, (tenders[i] as TenderRow).code]));
  const byUscc = (a: BidRow, b: BidRow) => (a.bidderUscc < b.bidderUscc ? -1 : a.bidderUscc > b.bidderUscc ? 1 : 0);
  const bids: BidRow[] = [];
  for (let i = 0; i < tenderIds.length; i += TENDER_SLICE) {
    const slice = tenderIds.slice(i, i + TENDER_SLICE);
    const rows = (await ds.query(
      `SELECT b.tender_id::int AS tid, b.firm_id::int AS fid, b.bid_price::float8 AS price, b.discount_rate::float8 AS discount,
              b.bid_valid, b.invalid_reason, b.is_winner, b.rank, b.project_manager_hash, b.technical_lead_hash, b.agent_hash,
              b.bond_account_hash, b.file_machine_code, b.file_mac, b.upload_ip, b.file_creator,
              b.file_creation_id, b.lock_serial, b.cpu_serial, b.disk_serial,
              (extract(epoch FROM b.upload_time) * 1000)::float8 AS upload_ms,
              (extract(epoch FROM b.file_created_at) * 1000)::float8 AS created_ms
       FROM bids b WHERE b.tender_id = ANY($1::bigint[])`,
      [slice],
    )) as Record<string, unknown>[];
    // the Dataset's order: tenders by code (the slice's order), a tender's bids by USCC in byte order (COLLATE "C")
    const ofTender = new Map<number, BidRow[]>();
    for (const r of rows) {
      const tid = r.tid as number;
      const bid = bidOf(r, codeOf.get(tid) as string, firmOf.get(r.fid as number) as { uscc: string; name: string });
      const list = ofTender.get(tid);
      if (list) list.push(bid);
      else ofTender.set(tid, [bid]);
    }
    for (const tid of slice) {
      const list = ofTender.get(tid);
      if (!list) continue;
      list.sort(byUscc);
      for (const b of list) bids.push(b);
    }
  }
  const contracts: ContractRow[] = (
    await ds.query(
      `SELECT t.code, f.uscc, c.contract_price::float8 AS contract_price, c.contract_date::text AS contract_date,
              c.planned_completion::text AS planned_completion, c.change_order_total::float8 AS change_order_total,
              c.change_order_count, c.settlement_price::float8 AS settlement_price,
              c.actual_completion::text AS actual_completion, c.project_manager_changed
       FROM contracts c JOIN tenders t ON t.id = c.tender_id JOIN firms f ON f.id = c.winner_firm_id ${where}
       ORDER BY t.code COLLATE "C"`,
      params,
    )
  ).map((r: Record<string, unknown>) => ({
    tenderCode: r.code as string,
    winnerUscc: r.uscc as string,
    contractPrice: Number(r.contract_price),
    contractDate: r.contract_date as string,
    plannedCompletion: (r.planned_completion as string) ?? null,
    changeOrderTotal: num(r.change_order_total),
    changeOrderCount: num(r.change_order_count),
    settlementPrice: num(r.settlement_price),
    actualCompletion: (r.actual_completion as string) ?? null,
    projectManagerChanged: (r.project_manager_changed as boolean | null) ?? null,
  }));
  const attendance: AttendanceRow[] = (
    await ds.query(
      `SELECT t.code, a.person_hash, a.role, f.uscc, a.work_date::text AS work_date, a.present
       FROM attendance a JOIN tenders t ON t.id = a.tender_id JOIN firms f ON f.id = a.employer_firm_id ${where}
       ORDER BY t.code COLLATE "C", a.work_date, a.person_hash COLLATE "C"`,
      params,
    )
  ).map((r: Record<string, unknown>) => ({
    tenderCode: r.code as string,
    personHash: r.person_hash as string,
    role: r.role as AttendanceRow['role'],
    employerUscc: r.uscc as string,
    workDate: r.work_date as string,
    present: r.present as boolean,
  }));
  const dataset: Dataset = { tenders, bids, contracts, attendance };
  // issue 12: optional inputs, present only when something was imported (a detector that needs one and finds it
  // absent reports itself not applicable, as it did before these existed)
  const firmRelations = await loadFirmRelations(ds);
  if (firmRelations.length) dataset.firmRelations = firmRelations;
  const firmProfiles = await loadFirmProfiles(ds);
  if (firmProfiles.length) dataset.firmProfiles = firmProfiles;
  const boqLines = await loadBoqLines(ds, tenderIds, new Map(tenders.map((t, i) => [tenderIds[i]!, t.code])));
  if (boqLines.length) dataset.boqLines = boqLines;
  return dataset;
}

/** Every firm relation (small: one register row per person or holder of a firm); validity is the detectors' to apply. */
async function loadFirmRelations(ds: DataSource): Promise<FirmRelationRow[]> {
  const rows = await ds.query(
    `SELECT firm_uscc, relation, person_hash, related_uscc, share_pct::float8 AS share_pct,
            valid_from::text AS valid_from, valid_to::text AS valid_to
     FROM firm_relations ORDER BY firm_uscc COLLATE "C", relation, id`,
  );
  return rows.map((r: Record<string, unknown>) => ({
    firmUscc: r.firm_uscc as string,
    relation: r.relation as FirmRelationRow['relation'],
    personHash: (r.person_hash as string) ?? null,
    relatedUscc: (r.related_uscc as string) ?? null,
    sharePct: num(r.share_pct),
    validFrom: (r.valid_from as string) ?? null,
    validTo: (r.valid_to as string) ?? null,
  }));
}

/** The firms whose register gave an address or a phone (hash). */
async function loadFirmProfiles(ds: DataSource): Promise<FirmProfileRow[]> {
  const rows = await ds.query(
    `SELECT uscc, address_norm, phone_hash FROM firms WHERE address_norm IS NOT NULL OR phone_hash IS NOT NULL
     ORDER BY uscc COLLATE "C"`,
  );
  return rows.map((r: Record<string, unknown>) => ({
    uscc: r.uscc as string,
    addressNorm: (r.address_norm as string) ?? null,
    phoneHash: (r.phone_hash as string) ?? null,
  }));
}

/**
 * BOQ lines of the loaded tenders, by the same tender slices as the bids (through boq_lines' primary key), in code,
 * bidder and line order. Skipped at once when no BOQ was ever imported. Files run to millions of lines, so the rows
 * come back with numeric ids rather than codes, and every repeated string (tender code, USCC, 清单编码, unit) is one
 * shared string: a third less heap and time than a row of fresh strings each.
 */
async function loadBoqLines(ds: DataSource, tenderIds: number[], codeOf: ReadonlyMap<number, string>): Promise<BoqLineRow[]> {
  const out: BoqLineRow[] = [];
  const [any] = await ds.query(`SELECT EXISTS (SELECT 1 FROM boq_bids) AS any`);
  if (!any?.any) return out;
  const strings = new Map<string, string>();
  const intern = (v: string | null): string | null => {
    if (v === null) return null;
    const hit = strings.get(v);
    if (hit !== undefined) return hit;
    if (strings.size < 200_000) strings.set(v, v);
    return v;
  };
  for (let i = 0; i < tenderIds.length; i += TENDER_SLICE) {
    const rows = await ds.query(
      `SELECT l.tender_id::int AS t, f.uscc, l.line_no, l.item_code, l.item_name, l.unit,
              l.quantity::float8 AS quantity, l.unit_price::float8 AS unit_price, l.amount::float8 AS amount
       FROM boq_lines l JOIN tenders t ON t.id = l.tender_id JOIN firms f ON f.id = l.firm_id
       WHERE l.tender_id = ANY($1::bigint[])
       ORDER BY t.code COLLATE "C", f.uscc COLLATE "C", l.line_no`,
      [tenderIds.slice(i, i + TENDER_SLICE)],
    );
    for (const r of rows as Record<string, unknown>[]) {
      out.push({
        tenderCode: codeOf.get(r.t as number)!,
        bidderUscc: intern(r.uscc as string)!,
        lineNo: r.line_no as number,
        itemCode: intern(r.item_code as string)!,
        itemName: (r.item_name as string) ?? null,
        unit: intern((r.unit as string) ?? null),
        quantity: r.quantity as number,
        unitPrice: r.unit_price as number,
        amount: r.amount as number,
      });
    }
  }
  return out;
}
