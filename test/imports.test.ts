import iconv from 'iconv-lite';
import { ImportService } from '../src/imports/import.service.js';

import type { ImportSummary } from '../src/imports/import-summary.js';

import { FileRefusedError } from '../src/imports/file-refused.error.js';

import { BID_HEADER, csv, tenderRows, tmpFile, uscc, type Row } from './support/fixtures.js';

import { createTestDb, type TestDb } from './support/test-db.js';
import { importService } from './support/services.js';


let db: TestDb;
let service: ImportService;

beforeAll(async () => {
  db = await createTestDb('imports');
  service = importService(db.ds);
});
afterAll(async () => db?.drop());

async function importBids(name: string, content: string | Buffer): Promise<ImportSummary> {
  return service.importFile({ path: tmpFile(name, content), kind: 'bids', format: 'csv' });
}
async function count(table: string): Promise<number> {
  const [r] = await db.ds.query(`SELECT count(*)::int AS n FROM ${table}`);
  return r.n;
}
function errorsAt(s: ImportSummary, line: number) {
  return s.errors.filter((e) => e.line === line);
}

describe('bids import', () => {
  it('lands good rows with 下浮率 derived exactly and personal IDs only as keyed hashes', async () => {
    const s = await importBids('good.csv', csv([...tenderRows('T-GOOD-1', 3), ...tenderRows('T-GOOD-2', 2, {}, 10)]));
    expect(s).toMatchObject({ rowsRead: 5, accepted: 5, rejected: 0, unchanged: 0, status: 'succeeded', errors: [] });
    expect(s.tenders).toEqual({ new: 2, replaced: 0, unchanged: 0 });
    const rows = await db.ds.query(
      `SELECT b.bid_price, b.discount_rate, b.project_manager_hash, t.winner_price, t.n_bids, t.winner_discount
       FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE t.code = 'T-GOOD-1' ORDER BY b.bid_price DESC`,
    );
    // control 10,000,000; first bid 9,500,000 → (10,000,000 − 9,500,000) / 10,000,000 = 0.05
    expect(rows[0]).toMatchObject({ bid_price: '9500000.00', discount_rate: '0.05000000', winner_price: '9500000.00', n_bids: 3 });
    expect(rows[2].discount_rate).toBe('0.07000000');
    expect(rows[0].project_manager_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(await db.ds.query(`SELECT * FROM bids`));
    expect(dump).not.toContain('3205831980010110');
  });

  it('a second import of the same file changes nothing and reports every row unchanged', async () => {
    const content = csv(tenderRows('T-SAME-1', 4, {}, 20));
    await importBids('same.csv', content);
    const before = { tenders: await count('tenders'), bids: await count('bids'), firms: await count('firms') };
    const [{ updated_at: stamp }] = await db.ds.query(`SELECT updated_at FROM tenders WHERE code = 'T-SAME-1'`);
    const again = await importBids('same-again.csv', content);
    expect(again).toMatchObject({ rowsRead: 4, accepted: 0, unchanged: 4, rejected: 0 });
    expect(again.tenders).toEqual({ new: 0, replaced: 0, unchanged: 1 });
    expect({ tenders: await count('tenders'), bids: await count('bids'), firms: await count('firms') }).toEqual(before);
    const [{ updated_at: after }] = await db.ds.query(`SELECT updated_at FROM tenders WHERE code = 'T-SAME-1'`);
    expect(after).toEqual(stamp);
  });

  it('a corrected re-import replaces the tender cleanly, also when rows are reordered or removed', async () => {
    await importBids('v1.csv', csv(tenderRows('T-FIX-1', 4, {}, 30)));
    const fixed = tenderRows('T-FIX-1', 3, {}, 30).reverse();
    fixed[0]!.bid_price = '9300000.50';
    const s = await importBids('v2.csv', csv(fixed));
    expect(s).toMatchObject({ accepted: 3, unchanged: 0, rejected: 0 });
    expect(s.tenders).toEqual({ new: 0, replaced: 1, unchanged: 0 });
    const bids = await db.ds.query(
      `SELECT b.bid_price FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE t.code = 'T-FIX-1' ORDER BY 1`,
    );
    expect(bids.map((b: { bid_price: string }) => b.bid_price)).toEqual(['9300000.50', '9400000.00', '9500000.00']);
    const [t] = await db.ds.query(`SELECT n_bids, n_valid_bids FROM tenders WHERE code = 'T-FIX-1'`);
    expect(t).toEqual({ n_bids: 3, n_valid_bids: 3 });
  });

  it('reports each bad row with line, column and a Chinese reason, and keeps a tender whole', async () => {
    const good = tenderRows('T-MIX-OK', 2, {}, 40);
    const bad = tenderRows('T-MIX-BAD', 3, {}, 50);
    bad[1]!.bidder_uscc = uscc(51).slice(0, 17) + (uscc(51).endsWith('0') ? '1' : '0'); // wrong check digit
    const rows: Row[] = [...good, ...bad];
    const s = await importBids('mixed.csv', csv(rows));
    expect(s).toMatchObject({ rowsRead: 5, accepted: 2, rejected: 3 });
    // header is line 1; good rows are lines 2-3; the bad tender's rows are lines 4-6.
    expect(errorsAt(s, 5)).toEqual([
      expect.objectContaining({ column: 'bidder_uscc', message: expect.stringContaining('校验位错误') }),
    ]);
    expect(errorsAt(s, 4)[0]!.message).toContain('同一标段（T-MIX-BAD）第 5 行有错误');
    expect(errorsAt(s, 6)).toHaveLength(1);
    const [{ n }] = await db.ds.query(`SELECT count(*)::int AS n FROM tenders WHERE code = 'T-MIX-BAD'`);
    expect(n).toBe(0);
  });

  it.each<[string, Partial<Row>, string, string]>([
    ['zero price', { bid_price: '0' }, 'bid_price', '必须大于 0'],
    ['negative price', { bid_price: '-5' }, 'bid_price', '必须大于 0'],
    ['three decimals', { bid_price: '100.123' }, 'bid_price', '金额格式不正确'],
    ['bad date', { open_date: '2024-02-30' }, 'open_date', '日期格式不正确'],
    ['unknown enum', { category: 'bridge' }, 'category', '不在允许范围内'],
    ['empty required', { bidder_name: '' }, 'bidder_name', '必填项为空'],
    ['bad boolean', { bid_valid: 'maybe' }, 'bid_valid', '无法识别的是/否值'],
    ['short USCC', { bidder_uscc: '91320583' }, 'bidder_uscc', '应为 18 位'],
    ['USCC letter outside alphabet', { bidder_uscc: '91320583MA0000I01' + 'X' }, 'bidder_uscc', '不允许的字符'],
    ['winner marked invalid', { is_winner: 'true', bid_valid: 'false' }, 'is_winner', '中标人的投标被标为无效'],
    ['control price zero', { control_price: '0' }, 'control_price', '必须大于 0'],
  ])('rejects %s', async (label, over, column, text) => {
    const rows = tenderRows(`T-BAD-${label}`, 1, over, 60);
    const s = await importBids('bad.csv', csv(rows));
    expect(s.rejected).toBe(1);
    expect(s.errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 2, column, message: expect.stringContaining(text) })]));
  });

  it('accepts Chinese enum names, Excel dates and thousands separators', async () => {
    const rows = tenderRows('T-CN-1', 2, {
      category: '房屋建筑', work_type: '施工', tender_method: '公开招标', evaluation_method: '经评审的最低投标价法',
      open_date: '2024/5/6', control_price: '1,000,000.00',
    }, 70);
    rows[0]!.bid_price = '900,000.00';
    rows[1]!.bid_price = '950000';
    const s = await importBids('cn.csv', csv(rows));
    expect(s).toMatchObject({ accepted: 2, rejected: 0 });
    const [t] = await db.ds.query(`SELECT category, evaluation_method, open_date, control_price, winner_discount FROM tenders WHERE code = 'T-CN-1'`);
    expect(t).toEqual({ category: 'building', evaluation_method: 'lowest_evaluated_price', open_date: '2024-05-06', control_price: '1000000.00', winner_discount: '0.10000000' });
  });

  it('applies the cross-row rules: one winner, agreeing tender columns, one bid per bidder', async () => {
    const twoWinners = tenderRows('T-X-WIN', 3, {}, 80);
    twoWinners[2]!.is_winner = 'true';
    const disagree = tenderRows('T-X-COL', 3, {}, 90);
    disagree[1]!.control_price = '9999999.00';
    const dupe = tenderRows('T-X-DUP', 3, {}, 100);
    dupe[2]!.bidder_uscc = dupe[0]!.bidder_uscc;
    const s = await importBids('cross.csv', csv([...twoWinners, ...disagree, ...dupe]));
    expect(s).toMatchObject({ rowsRead: 9, accepted: 0, rejected: 9 });
    expect(errorsAt(s, 4)).toEqual([expect.objectContaining({ column: 'is_winner', message: expect.stringContaining('只能有一个中标人（第 2 行') })]);
    expect(errorsAt(s, 6)).toEqual([expect.objectContaining({ column: 'control_price', message: expect.stringContaining('与同一标段第 5 行的 control_price 不一致') })]);
    expect(errorsAt(s, 10)).toEqual([expect.objectContaining({ column: 'bidder_uscc', message: expect.stringContaining('重复出现（首次在第 8 行）') })]);
  });

  it('accepts a bid above the control price with a warning on its line, none when the file already marks it invalid', async () => {
    const rows = tenderRows('T-ABOVE', 3, {}, 110);
    rows[1]!.bid_price = '10500000.00';
    rows[2]!.bid_price = '10600000.00';
    rows[2]!.bid_valid = 'false';
    rows[2]!.invalid_reason = '报价超过最高投标限价';
    const s = await importBids('above.csv', csv(rows));
    expect(s).toMatchObject({ accepted: 3, rejected: 0 });
    expect(s.warnings).toEqual([expect.objectContaining({ line: 3, column: 'bid_price', message: expect.stringContaining('高于最高投标限价') })]);
    const [b] = await db.ds.query(`SELECT discount_rate FROM bids WHERE bid_price = 10500000.00`);
    expect(b.discount_rate).toBe('-0.05000000');
  });

  it('imports a GBK (GB18030) file from Excel with its Chinese intact', async () => {
    const rows = tenderRows('T-GBK-1', 2, { district: '花桥经济开发区' }, 120);
    const s = await importBids('gbk.csv', iconv.encode(csv(rows).replaceAll('\n', '\r\n'), 'gbk'));
    expect(s).toMatchObject({ accepted: 2, rejected: 0, encoding: 'gb18030' });
    const [t] = await db.ds.query(`SELECT district, project_name FROM tenders WHERE code = 'T-GBK-1'`);
    expect(t).toEqual({ district: '花桥经济开发区', project_name: '昆山市T-GBK-1道路改造工程施工' });
    const [f] = await db.ds.query(`SELECT name FROM firms WHERE uscc = $1`, [uscc(121)]);
    expect(f.name).toBe('第121建设有限公司');
  });

  it('reads a UTF-8 file with BOM, CRLF, column order changed and unknown columns (warned once)', async () => {
    const header = ['备注', ...BID_HEADER.slice().reverse()];
    const rows = tenderRows('T-BOM-1', 2, {}, 130).map((r) => ({ ...r, 备注: '说明' }));
    const s = await importBids('bom.csv', '\uFEFF' + csv(rows, header).replaceAll('\n', '\r\n'));
    expect(s).toMatchObject({ accepted: 2, rejected: 0, warningCount: 1 });
    expect(s.warnings[0]!.message).toContain('备注');
  });

  it('rejects malformed CSV lines without losing the rows after them', async () => {
    const rows = tenderRows('T-CSV-1', 1, {}, 140);
    const tail = tenderRows('T-CSV-2', 1, {}, 141);
    const text = csv(rows) + 'T-CSV-X,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,extra\n' + csv(tail).split('\n').slice(1).join('\n');
    const s = await importBids('malformed.csv', text);
    expect(s).toMatchObject({ rowsRead: 3, accepted: 2, rejected: 1 });
    expect(errorsAt(s, 3)[0]!.message).toContain('多于表头');
  });

  it('counts physical lines across blank lines and line breaks inside quoted cells', async () => {
    const a = tenderRows('T-LINES-1', 1, { project_name: '第一行\n第二行' }, 150);
    const b = tenderRows('T-LINES-2', 1, { bid_price: 'x' }, 151);
    const text = csv(a) + '\n\n' + csv(b).split('\n').slice(1).join('\n');
    const s = await importBids('lines.csv', text);
    // header 1; the first row spans lines 2–3; two blank lines (4, 5); the bad row is on line 6.
    expect(s.errors).toEqual([expect.objectContaining({ line: 6, column: 'bid_price' })]);
    expect(s).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1 });
  });

  it.each<[string, string | Buffer, string]>([
    ['an empty file', '', '文件为空'],
    ['a header only', BID_HEADER.join(',') + '\n', '没有数据行'],
    ['a missing required column', csv(tenderRows('T-MISS', 1), BID_HEADER.filter((h) => h !== 'bid_price')), '缺少必填列：bid_price'],
    ['no header row', csv(tenderRows('T-NOHDR', 2)).split('\n').slice(1).join('\n'), '不是表头'],
    ['bytes that are neither UTF-8 nor GB18030', Buffer.concat([Buffer.from(BID_HEADER.join(',') + '\n'), Buffer.from([0x81, 0x30, 0xff, 0xfe, 0x0a])]), '编码'],
    ['an xlsx workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'Excel'],
  ])('refuses %s whole with one message and lands nothing', async (label, content, text) => {
    const before = { tenders: await count('tenders'), rejects: await count('import_rejects') };
    let caught: unknown;
    try {
      await importBids('refused.csv', content);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FileRefusedError);
    expect((caught as Error).message).toContain(text);
    expect({ tenders: await count('tenders'), rejects: await count('import_rejects') }).toEqual(before);
    const [run] = await db.ds.query(`SELECT status, error FROM import_runs ORDER BY id DESC LIMIT 1`);
    expect(run.status).toBe('failed');
    expect(run.error).toContain(text);
  });

  it('refuses a file whose encoding breaks after the first 64 KB, landing none of its good rows', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => tenderRows(`T-LATE-${i}`, 1, {}, 200 + i)).flat();
    const good = Buffer.from(csv(rows));
    expect(good.length).toBeGreaterThan(70_000);
    const content = Buffer.concat([good, Buffer.from([0xff, 0xfe, 0xfd, 0x0a])]);
    const before = await count('tenders');
    await expect(importBids('late.csv', content)).rejects.toThrow(/UTF-8/);
    expect(await count('tenders')).toBe(before);
  });
});

describe('contracts and attendance import', () => {
  beforeAll(async () => {
    await importBids('base.csv', csv(tenderRows('T-C-1', 3, {}, 300)));
  });

  const CONTRACT_HEADER = ['tender_code', 'winner_uscc', 'contract_price', 'contract_date', 'settlement_price', 'change_order_total', 'change_order_count', 'project_manager_changed'];

  it('lands a contract, re-imports it as unchanged and checks tender and winner', async () => {
    const rows: Row[] = [
      { tender_code: 'T-C-1', winner_uscc: uscc(301), contract_price: '9500000.00', contract_date: '2024-04-01', settlement_price: '10200000', change_order_total: '-20000.5', change_order_count: '2', project_manager_changed: '否' },
      { tender_code: 'T-NOPE', winner_uscc: uscc(301), contract_price: '1000', contract_date: '2024-04-01' },
      { tender_code: 'T-C-1', winner_uscc: uscc(302), contract_price: '1000', contract_date: '2024-04-01' },
    ];
    const path = tmpFile('contracts.csv', csv(rows, CONTRACT_HEADER));
    const s = await service.importFile({ path, kind: 'contracts', format: 'csv' });
    expect(s).toMatchObject({ rowsRead: 3, accepted: 1, rejected: 2 });
    expect(errorsAt(s, 3)[0]).toMatchObject({ column: 'tender_code', message: expect.stringContaining('尚未导入') });
    expect(errorsAt(s, 4)[0]).toMatchObject({ column: 'tender_code', message: expect.stringContaining('重复出现') });
    const [c] = await db.ds.query(`SELECT contract_price, settlement_price, change_order_total, project_manager_changed FROM contracts`);
    expect(c).toEqual({ contract_price: '9500000.00', settlement_price: '10200000.00', change_order_total: '-20000.50', project_manager_changed: false });
    const again = await service.importFile({ path, kind: 'contracts', format: 'csv' });
    expect(again).toMatchObject({ accepted: 0, unchanged: 1, rejected: 2 });

    const wrongWinner = tmpFile('c2.csv', csv([{ ...rows[0]!, winner_uscc: uscc(302) }], CONTRACT_HEADER));
    const w = await service.importFile({ path: wrongWinner, kind: 'contracts', format: 'csv' });
    expect(w.errors[0]).toMatchObject({ line: 2, column: 'winner_uscc', message: expect.stringContaining('不一致') });
  });

  it('lands attendance with hashed person IDs, rejects duplicates and unknown sites', async () => {
    const header = ['tender_code', 'person_id', 'role', 'employer_uscc', 'work_date', 'present'];
    const rows: Row[] = [
      { tender_code: 'T-C-1', person_id: '320583198001011001', role: 'project_manager', employer_uscc: uscc(301), work_date: '2024-05-06', present: 'true' },
      { tender_code: 'T-C-1', person_id: '320583198001011002', role: '工人', employer_uscc: uscc(999), work_date: '2024-05-06', present: '是' },
      { tender_code: 'T-C-1', person_id: '320583198001011001', role: 'project_manager', employer_uscc: uscc(301), work_date: '2024-05-06', present: 'false' },
      { tender_code: 'T-NONE', person_id: '320583198001011003', role: 'worker', employer_uscc: uscc(301), work_date: '2024-05-06', present: 'true' },
      { tender_code: 'T-C-1', person_id: '', role: 'boss', employer_uscc: uscc(301), work_date: '2024-05-07', present: 'true' },
    ];
    const path = tmpFile('att.csv', csv(rows, header));
    const s = await service.importFile({ path, kind: 'attendance', format: 'csv' });
    expect(s).toMatchObject({ rowsRead: 5, accepted: 2, rejected: 3 });
    expect(errorsAt(s, 4)[0]!.message).toContain('重复');
    expect(errorsAt(s, 5)[0]!.message).toContain('尚未导入');
    expect(errorsAt(s, 6).map((e) => e.column).sort()).toEqual(['person_id', 'role']);
    const att = await db.ds.query(`SELECT person_hash, role FROM attendance ORDER BY role`);
    expect(att.map((a: { role: string }) => a.role)).toEqual(['project_manager', 'worker']);
    expect(JSON.stringify(att)).not.toContain('320583198001011001');
    const again = await service.importFile({ path, kind: 'attendance', format: 'csv' });
    expect(again).toMatchObject({ accepted: 0, unchanged: 2 });
  });
});

describe('OCDS import', () => {
  const release = (ocid: string, firmBase: number) => ({
    ocid,
    id: ocid + '-1',
    date: '2024-06-01T00:00:00Z',
    tender: {
      id: ocid,
      title: '昆山市某路桥工程',
      value: { amount: 2000000, currency: 'CNY' },
      procurementMethod: 'open',
      tenderPeriod: { endDate: '2024-06-01T09:30:00+08:00' },
      district: '张浦镇',
      additionalProperties: { category: 'municipal', workType: 'construction', evaluationMethod: 'comprehensive' },
    },
    parties: [1, 2, 3].map((i) => ({
      id: `P${i}`, name: `OCDS公司${i}`, identifier: { scheme: 'CN-USCC', id: uscc(firmBase + i) },
    })),
    bids: {
      details: [1, 2, 3].map((i) => ({
        id: `B${i}`, status: i === 3 ? 'disqualified' : 'valid', value: { amount: 1800000 + i * 10000, currency: 'CNY' },
        tenderers: [{ id: `P${i}` }],
      })),
    },
    awards: [{ id: 'A1', status: 'active', suppliers: [{ id: 'P1' }] }],
  });

  it('imports a release package and a JSON-lines file with the same rules', async () => {
    const pkg = tmpFile('pkg.json', JSON.stringify({ uri: 'x', releases: [release('ocds-abc-001', 400), release('ocds-abc-002', 410)] }));
    const s = await service.importFile({ path: pkg, kind: 'bids', format: 'ocds' });
    expect(s).toMatchObject({ rowsRead: 6, accepted: 6, rejected: 0 });
    const [t] = await db.ds.query(`SELECT district, category, n_valid_bids, winner_price FROM tenders WHERE code = 'ocds-abc-001'`);
    expect(t).toEqual({ district: '张浦镇', category: 'municipal', n_valid_bids: 2, winner_price: '1810000.00' });

    const lines = tmpFile('rel.jsonl', [release('ocds-abc-001', 400), release('ocds-abc-003', 420)].map((r) => JSON.stringify(r)).join('\n'));
    const j = await service.importFile({ path: lines, kind: 'bids', format: 'ocds' });
    expect(j).toMatchObject({ rowsRead: 6, accepted: 3, unchanged: 3, rejected: 0 });
  });

  it('names the JSON path of a bad value and takes defaults from the command line', async () => {
    const r = release('ocds-bad-001', 430);
    delete (r.tender as Record<string, unknown>)['district'];
    r.bids.details[1]!.value.amount = -1;
    const pkg = tmpFile('bad.json', JSON.stringify({ records: [{ ocid: r.ocid, compiledRelease: r }] }));
    const s = await service.importFile({ path: pkg, kind: 'bids', format: 'ocds', ocdsDefaults: { district: '千灯镇' } });
    expect(s).toMatchObject({ rowsRead: 3, accepted: 0, rejected: 3 });
    expect(errorsAt(s, 2)[0]!).toMatchObject({ column: 'bid_price', message: expect.stringContaining('records[0].compiledRelease.bids.details[1].value.amount') });
  });

  it('refuses a file that is not JSON', async () => {
    await expect(service.importFile({ path: tmpFile('x.json', '{"releases": [ {"ocid": '), kind: 'bids', format: 'ocds' })).rejects.toBeInstanceOf(FileRefusedError);
  });
});
