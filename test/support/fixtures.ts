import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { usccCheckChar } from '../../detectors/lib/uscc.js';

/** A valid USCC for firm number n (昆山 prefix 91320583, GB 32100-2015 check character). */
export function uscc(n: number): string {
  const body = '91320583' + 'MA' + String(n).padStart(7, '0');
  return body + usccCheckChar(body)!;
}

export const BID_HEADER = [
  'tender_code', 'project_name', 'district', 'category', 'work_type', 'tender_method', 'evaluation_method',
  'funding', 'control_price', 'open_date', 'bidder_uscc', 'bidder_name', 'bid_price', 'bid_valid',
  'invalid_reason', 'is_winner', 'rank', 'project_manager_id', 'technical_lead_id', 'agent_id',
  'file_machine_code', 'file_mac', 'upload_ip', 'file_creator', 'bond_account',
];

export type Row = Record<string, string>;

/** A tender with n bids: firm i bids control × (0.95 − 0.01·i); the first bid wins. */
export function tenderRows(code: string, n: number, over: Partial<Row> = {}, firmOffset = 0): Row[] {
  const control = Number(over.control_price ?? '10000000.00');
  return Array.from({ length: n }, (_, i) => ({
    tender_code: code,
    project_name: `昆山市${code}道路改造工程施工`,
    district: '玉山镇',
    category: 'municipal',
    work_type: 'construction',
    tender_method: 'open',
    evaluation_method: 'reasonable_low_price',
    funding: 'state',
    control_price: control.toFixed(2),
    open_date: '2024-03-15',
    bidder_uscc: uscc(firmOffset + i + 1),
    bidder_name: `第${firmOffset + i + 1}建设有限公司`,
    bid_price: (control * (0.95 - 0.01 * i)).toFixed(2),
    bid_valid: 'true',
    invalid_reason: '',
    is_winner: i === 0 ? 'true' : 'false',
    rank: String(i + 1),
    project_manager_id: `32058319800101${String(1000 + firmOffset + i).slice(-4)}`,
    technical_lead_id: '',
    agent_id: '',
    file_machine_code: `MC-${firmOffset + i + 1}`,
    file_mac: '',
    upload_ip: '',
    file_creator: '',
    bond_account: '',
    ...over,
  }));
}

export function csv(rows: Row[], header: string[] = BID_HEADER): string {
  return stringify(rows.map((r) => header.map((h) => r[h] ?? '')), { header: true, columns: header });
}

let dir: string | null = null;
export function tmpFile(name: string, content: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), 'bidwatch-test-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
