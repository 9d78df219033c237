import { usccCheckChar } from '../detectors/lib/uscc.js';
import type { ImportKind } from '../src/imports/import-kinds.js';
import type { ImportSummary } from '../src/imports/import-summary.js';
import { ImportService } from '../src/imports/import.service.js';
import { BID_HEADER, csv, tenderRows, tmpFile, uscc, type Row } from './support/fixtures.js';
import { importService } from './support/services.js';
import { EXPORT_COLUMNS, ExportService } from '../src/exports/export.service.js';
import { FindingsRepository } from '../src/findings/findings.repository.js';
import { TendersRepository } from '../src/tenders/tenders.repository.js';
import { runCli } from './support/run-cli.js';
import { createTestDb, serviceEnv, withEnv, type TestDb } from './support/test-db.js';

/**
 * Issue 12 on the storage side: the new bid columns (buyer and agency, every file fingerprint, the bid timing), the
 * OCDS buyer and procuring entity, the `firm-relations` and `boq` kinds, and the Dataset the detectors get from them.
 */
let db: TestDb;
let service: ImportService;

beforeAll(async () => {
  db = await createTestDb('issue12');
  service = importService(db.ds);
});
afterAll(async () => db?.drop());

/** A public body's USCC (registering authority 1 = 机构编制, type 1 = 机关) with its check character. */
function govUscc(n: number): string {
  const body = '11320583' + 'MB' + String(n).padStart(7, '0');
  return body + usccCheckChar(body)!;
}

const ISSUE12_BID_COLUMNS = [
  'buyer_uscc', 'buyer_name', 'agency_uscc', 'agency_name', 'file_creation_id', 'lock_serial', 'cpu_serial',
  'disk_serial', 'upload_time', 'file_created_at',
];
const HEADER12 = [...BID_HEADER, ...ISSUE12_BID_COLUMNS];

function importFile(name: string, content: string, kind: ImportKind = 'bids'): Promise<ImportSummary> {
  return service.importFile({ path: tmpFile(name, content), kind, format: 'csv' });
}
function errorsAt(s: ImportSummary, line: number) {
  return s.errors.filter((e) => e.line === line);
}
function withParties(rows: Row[], n: number): Row[] {
  return rows.map((r, i) => ({
    ...r,
    buyer_uscc: govUscc(n),
    buyer_name: `昆山市第${n}建设局`,
    agency_uscc: uscc(9000 + n),
    agency_name: `第${n}招标代理有限公司`,
    file_creation_id: `FC-${n}-${i}`,
    lock_serial: `lk-${n}-${i}`,
    cpu_serial: `BFEBFBFF000906E${i}`,
    disk_serial: `WD-${n}${i}`,
    upload_time: `2024-03-14 1${i}:0${i}:3${i}`,
    file_created_at: `2024/3/10 9:0${i}`,
  }));
}

describe('bids: buyer, agency, fingerprints and timing (issue 12)', () => {
  it('stores the new columns, times as Asia/Shanghai local time, and re-imports unchanged', async () => {
    const rows = withParties(tenderRows('T12-PARTY-1', 3, {}, 100), 1);
    const content = csv(rows, HEADER12);
    const s = await importFile('parties.csv', content);
    expect(s).toMatchObject({ rowsRead: 3, accepted: 3, rejected: 0, errors: [] });
    const [t] = await db.ds.query(`SELECT buyer_uscc, buyer_name, agency_uscc, agency_name FROM tenders WHERE code = 'T12-PARTY-1'`);
    expect(t).toEqual({ buyer_uscc: govUscc(1), buyer_name: '昆山市第1建设局', agency_uscc: uscc(9001), agency_name: '第1招标代理有限公司' });
    const bids = await db.ds.query(
      `SELECT b.file_creation_id, b.lock_serial, b.cpu_serial, b.disk_serial,
              to_char(b.upload_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS upload_utc,
              to_char(b.file_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS created_utc
       FROM bids b JOIN tenders t ON t.id = b.tender_id WHERE t.code = 'T12-PARTY-1' ORDER BY b.source_line`,
    );
    // 2024-03-14 11:01:31 in 北京时间 is 03:01:31 UTC; Excel's '2024/3/10 9:01' (no seconds) is 01:01:00 UTC.
    expect(bids[1]).toEqual({
      file_creation_id: 'FC-1-1', lock_serial: 'LK-1-1', cpu_serial: 'BFEBFBFF000906E1', disk_serial: 'WD-11',
      upload_utc: '2024-03-14 03:01:31', created_utc: '2024-03-10 01:01:00',
    });
    const again = await importFile('parties-again.csv', content);
    expect(again).toMatchObject({ accepted: 0, unchanged: 3, rejected: 0 });
  });

  it('a file without the new columns digests as before: its tenders stay unchanged when the header gains empty ones', async () => {
    const rows = tenderRows('T12-OLD-1', 2, {}, 120);
    await importFile('old.csv', csv(rows));
    const again = await importFile('old-wider.csv', csv(rows, HEADER12));
    expect(again).toMatchObject({ accepted: 0, unchanged: 2, rejected: 0 });
    const [t] = await db.ds.query(`SELECT buyer_uscc, agency_name FROM tenders WHERE code = 'T12-OLD-1'`);
    expect(t).toEqual({ buyer_uscc: null, agency_name: null });
  });

  it('rejects a bad buyer USCC, a bad time, and buyer or agency that disagree across a tender’s rows', async () => {
    const bad = withParties(tenderRows('T12-BAD-1', 2, {}, 130), 2);
    bad[1]!.buyer_uscc = govUscc(2).slice(0, 17) + (govUscc(2).endsWith('0') ? '1' : '0');
    const time = withParties(tenderRows('T12-BAD-2', 2, {}, 140), 3);
    time[0]!.upload_time = '2024-02-30 10:00:00';
    time[1]!.file_created_at = '2024-03-10 25:00:00';
    const split = withParties(tenderRows('T12-BAD-3', 3, {}, 150), 4);
    split[1]!.buyer_name = '另一个招标人';
    split[2]!.agency_uscc = '';
    const good = withParties(tenderRows('T12-OK-4', 2, {}, 160), 5);
    const s = await importFile('bad-parties.csv', csv([...bad, ...time, ...split, ...good], HEADER12));
    expect(s).toMatchObject({ rowsRead: 9, accepted: 2, rejected: 7 });
    expect(errorsAt(s, 3)[0]).toMatchObject({ column: 'buyer_uscc', message: expect.stringContaining('校验位错误') });
    expect(errorsAt(s, 2)[0]!.message).toContain('a tender\'s rows land together');
    expect(errorsAt(s, 4)[0]).toMatchObject({ column: 'upload_time', message: expect.stringMatching(/^时间格式不正确.*Asia\/Shanghai/) });
    expect(errorsAt(s, 5)[0]).toMatchObject({ column: 'file_created_at', message: expect.stringContaining('YYYY-MM-DD HH:MM:SS') });
    expect(errorsAt(s, 7)[0]).toMatchObject({ column: 'buyer_name', message: expect.stringContaining('与同一标段第 6 行的 buyer_name 不一致') });
    expect(errorsAt(s, 8)[0]).toMatchObject({ column: 'agency_uscc', message: expect.stringContaining('（空）') });
    expect(errorsAt(s, 6)[0]!.message).toContain('本行一并未导入');
    const codes = (await db.ds.query(`SELECT code FROM tenders WHERE code LIKE 'T12-BAD-%' OR code = 'T12-OK-4' ORDER BY code`)).map((r: { code: string }) => r.code);
    expect(codes).toEqual(['T12-OK-4']);
  });
});

describe('OCDS buyer and procuring entity (issue 12)', () => {
  const release = (ocid: string, firmBase: number, procuring: { id: string; name: string }) => ({
    ocid,
    id: ocid + '-1',
    date: '2024-06-01T00:00:00Z',
    buyer: { id: 'GOV1', name: '昆山市住房和城乡建设局' },
    tender: {
      id: ocid,
      title: '昆山市某路桥工程',
      value: { amount: 2000000, currency: 'CNY' },
      procurementMethod: 'open',
      tenderPeriod: { endDate: '2024-06-01T09:30:00+08:00' },
      procuringEntity: procuring,
      district: '张浦镇',
      additionalProperties: { category: 'municipal', workType: 'construction', evaluationMethod: 'comprehensive' },
    },
    parties: [
      { id: 'GOV1', name: '昆山市住房和城乡建设局', identifier: { scheme: 'CN-USCC', id: govUscc(77) }, roles: ['buyer'] },
      { id: 'AG1', name: '某招标代理有限公司', identifier: { scheme: 'CN-USCC', id: uscc(9077) }, roles: ['procuringEntity'] },
      ...[1, 2].map((i) => ({ id: `P${i}`, name: `OCDS公司${i}`, identifier: { scheme: 'CN-USCC', id: uscc(firmBase + i) } })),
    ],
    bids: {
      details: [1, 2].map((i) => ({ id: `B${i}`, status: 'valid', value: { amount: 1800000 + i * 10000, currency: 'CNY' }, tenderers: [{ id: `P${i}` }] })),
    },
    awards: [{ id: 'A1', status: 'active', suppliers: [{ id: 'P1' }] }],
  });

  it('maps buyer to buyer_*, and procuringEntity to agency_* only when it is another organisation', async () => {
    const pkg = tmpFile('parties.json', JSON.stringify({
      releases: [
        release('ocds-12-001', 500, { id: 'AG1', name: '某招标代理有限公司' }),
        release('ocds-12-002', 510, { id: 'GOV1', name: '昆山市住房和城乡建设局' }),
      ],
    }));
    const s = await service.importFile({ path: pkg, kind: 'bids', format: 'ocds' });
    expect(s).toMatchObject({ rowsRead: 4, accepted: 4, rejected: 0 });
    const rows = await db.ds.query(
      `SELECT code, buyer_uscc, buyer_name, agency_uscc, agency_name FROM tenders WHERE code LIKE 'ocds-12-%' ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'ocds-12-001', buyer_uscc: govUscc(77), buyer_name: '昆山市住房和城乡建设局', agency_uscc: uscc(9077), agency_name: '某招标代理有限公司' },
      { code: 'ocds-12-002', buyer_uscc: govUscc(77), buyer_name: '昆山市住房和城乡建设局', agency_uscc: null, agency_name: null },
    ]);
  });
});


const REL_HEADER = ['firm_uscc', 'relation', 'person_id', 'related_uscc', 'share_pct', 'valid_from', 'valid_to', 'firm_address', 'firm_phone'];
const PERSON_A = '320583198001011234';
const PHONE_A = '0512-5781 2345';

describe('firm-relations import (issue 12)', () => {
  const good: Row[] = [
    // line 2 … 6
    { firm_uscc: uscc(701), relation: 'legal_rep', person_id: PERSON_A, firm_address: '昆山市玉山镇　前进中路１号', firm_phone: PHONE_A },
    { firm_uscc: uscc(702), relation: '法定代表人', person_id: PERSON_A.toLowerCase().replace('1234', '123 4'), firm_address: ' 昆山市玉山镇前进中路1号 ' },
    { firm_uscc: uscc(702), relation: 'shareholder', related_uscc: uscc(703), share_pct: '51.5', valid_from: '2020-01-01', valid_to: '2023-12-31' },
    { firm_uscc: uscc(704), relation: 'controller', related_uscc: uscc(703), valid_from: '2021-06-01' },
    { firm_uscc: uscc(704), relation: 'manager', person_id: '320583199002023456', firm_phone: '+86 0512 57812345' },
  ];
  const bad: Row[] = [
    // line 7 … 14
    { firm_uscc: uscc(705), relation: 'shareholder', related_uscc: uscc(705), share_pct: '10' },
    { firm_uscc: uscc(705), relation: 'legal_rep', person_id: '320583198001019999', related_uscc: uscc(706) },
    { firm_uscc: uscc(705), relation: 'legal_rep' },
    { firm_uscc: uscc(705), relation: 'shareholder', related_uscc: uscc(707), share_pct: '120' },
    { firm_uscc: uscc(705), relation: 'shareholder', related_uscc: uscc(708), valid_from: '2022-05-01', valid_to: '2021-01-01' },
    { firm_uscc: uscc(705), relation: 'director', person_id: '320583198001018888' },
    { firm_uscc: uscc(702), relation: 'shareholder', related_uscc: uscc(703), share_pct: '40', valid_from: '2020-01-01' },
    { firm_uscc: uscc(701), relation: 'manager', person_id: '320583198001017777', firm_address: '苏州市别处路2号' },
  ];

  it('lands good rows, names every bad one with its line and reason, and stores people and phones only as hashes', async () => {
    const s = await importFile('relations.csv', csv([...good, ...bad], REL_HEADER), 'firm-relations');
    expect(s).toMatchObject({ kind: 'firm-relations', rowsRead: 13, accepted: 5, rejected: 8, unchanged: 0, status: 'succeeded', tenders: null });
    const first = (line: number) => errorsAt(s, line)[0]!;
    expect(first(7)).toMatchObject({ column: 'related_uscc', message: expect.stringContaining('企业不能与自身关联') });
    expect(first(8)).toMatchObject({ column: 'related_uscc', message: expect.stringContaining('只能填写一项') });
    expect(first(9)).toMatchObject({ column: 'person_id', message: expect.stringContaining('必须填写其中一项') });
    expect(first(10)).toMatchObject({ column: 'share_pct', message: expect.stringContaining('0 至 100') });
    expect(first(11)).toMatchObject({ column: 'valid_to', message: expect.stringContaining('早于起始日期') });
    expect(first(12)).toMatchObject({ column: 'relation', message: expect.stringContaining('不在允许范围内') });
    expect(first(13)).toMatchObject({ column: 'relation', message: expect.stringContaining('重复出现（首次在第 4 行）') });
    expect(first(14)).toMatchObject({ column: 'firm_address', message: expect.stringContaining('与第 2 行不一致') });

    const rel = await db.ds.query(
      `SELECT firm_uscc, relation, person_hash, related_uscc, share_pct, valid_from::text AS valid_from, valid_to::text AS valid_to
       FROM firm_relations ORDER BY source_line`,
    );
    expect(rel).toHaveLength(5);
    // one person, one hash, however the ID is spelled
    expect(rel[0].person_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rel[1].person_hash).toBe(rel[0].person_hash);
    expect(rel[2]).toMatchObject({ related_uscc: uscc(703), share_pct: '51.5000', valid_from: '2020-01-01', valid_to: '2023-12-31', person_hash: null });
    const firms = await db.ds.query(`SELECT uscc, address_norm, phone_hash FROM firms WHERE uscc = ANY($1::text[]) ORDER BY uscc`, [[uscc(701), uscc(702), uscc(704)]]);
    // full-width forms and whitespace normalised: the two spellings are one address
    expect(firms[0].address_norm).toBe('昆山市玉山镇前进中路1号');
    expect(firms[1].address_norm).toBe(firms[0].address_norm);
    // one phone, one hash, with or without +86 and separators
    expect(firms[0].phone_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(firms[2].phone_hash).toBe(firms[0].phone_hash);
    const dump = JSON.stringify([await db.ds.query(`SELECT * FROM firm_relations`), await db.ds.query(`SELECT * FROM firms`)]);
    for (const clear of [PERSON_A, '320583199002023456', '57812345']) expect(dump).not.toContain(clear);
  });

  it('a re-import of the same file changes nothing; a corrected share updates the relation in place', async () => {
    const content = csv([...good, ...bad], REL_HEADER);
    const before = await db.ds.query(`SELECT id, updated_at FROM firm_relations ORDER BY id`);
    const again = await importFile('relations-again.csv', content, 'firm-relations');
    expect(again).toMatchObject({ rowsRead: 13, accepted: 0, unchanged: 5, rejected: 8 });
    expect(await db.ds.query(`SELECT id, updated_at FROM firm_relations ORDER BY id`)).toEqual(before);

    const fixed = good.map((r) => ({ ...r }));
    fixed[2]!.share_pct = '60';
    const s = await importFile('relations-fixed.csv', csv(fixed, REL_HEADER), 'firm-relations');
    expect(s).toMatchObject({ accepted: 1, unchanged: 4, rejected: 0 });
    const [r] = await db.ds.query(`SELECT share_pct FROM firm_relations WHERE firm_uscc = $1 AND relation = 'shareholder'`, [uscc(702)]);
    expect(r.share_pct).toBe('60.0000');
    expect(await db.ds.query(`SELECT count(*)::int AS n FROM firm_relations`)).toEqual([{ n: 5 }]);
  });

  it('refuses a file without the required columns, whole', async () => {
    const s = service.importFile({ path: tmpFile('rel-nohdr.csv', 'firm_uscc,person_id\n' + uscc(1) + ',x\n'), kind: 'firm-relations', format: 'csv' });
    await expect(s).rejects.toThrow(/缺少必填列：relation/);
  });
});

const BOQ_HEADER = ['tender_code', 'bidder_uscc', 'line_no', 'item_code', 'item_name', 'unit', 'quantity', 'unit_price', 'amount'];
const boqLines = (tender: string, bidder: string, n: number, over: (i: number) => Partial<Row> = () => ({})): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    tender_code: tender, bidder_uscc: bidder, line_no: String(i + 1), item_code: `0101010010${String(i + 1).padStart(2, '0')}`,
    item_name: `平整场地${i + 1}`, unit: 'm2', quantity: '1234.567', unit_price: `${10 + i}.50`,
    amount: (1234.567 * (10.5 + i)).toFixed(2), ...over(i),
  }));

describe('boq import (issue 12)', () => {
  beforeAll(async () => {
    const s = await importFile('boq-bids.csv', csv([...tenderRows('T12-BOQ-1', 3, {}, 800), ...tenderRows('T12-BOQ-2', 2, {}, 810)]));
    expect(s).toMatchObject({ accepted: 5, rejected: 0 });
  });
  const count = async (where = 'true') =>
    (await db.ds.query(`SELECT count(*)::int AS n FROM boq_lines l JOIN tenders t ON t.id = l.tender_id WHERE ${where}`))[0].n as number;

  const rows = (): Row[] => [
    ...boqLines('T12-BOQ-1', uscc(801), 3), // lines 2–4: good; line 4's amount is not q × p (kept as filed)
    ...boqLines('T12-BOQ-1', uscc(802), 3, (i) => (i === 1 ? { quantity: '-5' } : {})), // 5–7: line 6 negative quantity
    ...boqLines('T12-BOQ-1', uscc(803), 2, (i) => (i === 0 ? { unit_price: '-1.00' } : {})), // 8–9: line 8 negative price
    ...boqLines('T12-NOPE', uscc(801), 1), // 10: unknown tender
    ...boqLines('T12-BOQ-2', uscc(899), 1), // 11: no such bid
    ...boqLines('T12-BOQ-2', uscc(811), 3, (i) => (i === 2 ? { line_no: '2' } : {})), // 12–14: line 14 repeats line_no 2
    ...boqLines('T12-BOQ-2', uscc(812), 2), // 15–16: good
  ].map((r, i) => (i === 2 ? { ...r, amount: '99999.99' } : r));

  it('lands good bids whole, names every bad row, and takes a bad row’s bid down with it', async () => {
    const s = await importFile('boq.csv', csv(rows(), BOQ_HEADER), 'boq');
    expect(s).toMatchObject({ kind: 'boq', rowsRead: 15, accepted: 5, rejected: 10, unchanged: 0, status: 'succeeded' });
    const first = (line: number) => errorsAt(s, line)[0]!;
    expect(first(6)).toMatchObject({ column: 'quantity', message: expect.stringContaining('数值不能为负') });
    expect(first(5)).toMatchObject({ column: null, message: expect.stringContaining(`投标人 ${uscc(802)}）的清单第 6 行有错误`) });
    expect(first(7).message).toContain("a bid's lines land together or not at all");
    expect(first(8)).toMatchObject({ column: 'unit_price', message: expect.stringContaining('数值不能为负') });
    expect(first(9).message).toContain('本行一并未导入');
    expect(first(10)).toMatchObject({ column: 'tender_code', message: expect.stringContaining('标段编号“T12-NOPE”尚未导入') });
    expect(first(11)).toMatchObject({ column: 'bidder_uscc', message: expect.stringContaining('没有投标记录') });
    expect(first(14)).toMatchObject({ column: 'line_no', message: expect.stringContaining('清单行号 2 重复（首次在第 13 行）') });
    expect(first(12).message).toContain('本行一并未导入');
    expect(await count()).toBe(5);
    const stored = await db.ds.query(
      `SELECT l.line_no, l.quantity, l.unit_price, l.amount FROM boq_lines l JOIN firms f ON f.id = l.firm_id
       WHERE f.uscc = $1 ORDER BY l.line_no`,
      [uscc(801)],
    );
    // exact decimals; a 合价 that is not quantity × price is kept as filed
    expect(stored[0]).toEqual({ line_no: 1, quantity: '1234.567000', unit_price: '10.50', amount: '12962.95' });
    expect(stored[2].amount).toBe('99999.99');
  });

  it('a re-import of the same file changes nothing; a changed bid is replaced whole, the others stay', async () => {
    const before = await db.ds.query(`SELECT * FROM boq_bids ORDER BY tender_id, firm_id`);
    const again = await importFile('boq-again.csv', csv(rows(), BOQ_HEADER), 'boq');
    expect(again).toMatchObject({ rowsRead: 15, accepted: 0, unchanged: 5, rejected: 10 });
    expect(await db.ds.query(`SELECT * FROM boq_bids ORDER BY tender_id, firm_id`)).toEqual(before);

    // 801 drops its third line and changes a price: its three stored lines become two; 812 is unchanged
    const changed = [...boqLines('T12-BOQ-1', uscc(801), 2, (i) => (i === 1 ? { unit_price: '11.60' } : {})), ...boqLines('T12-BOQ-2', uscc(812), 2)];
    const s = await importFile('boq-changed.csv', csv(changed, BOQ_HEADER), 'boq');
    expect(s).toMatchObject({ accepted: 2, unchanged: 2, rejected: 0 });
    expect(await count(`t.code = 'T12-BOQ-1'`)).toBe(2);
    const [p] = await db.ds.query(`SELECT unit_price FROM boq_lines l JOIN firms f ON f.id = l.firm_id WHERE f.uscc = $1 AND line_no = 2`, [uscc(801)]);
    expect(p.unit_price).toBe('11.60');
  });

  it('a corrected bids file that drops a bidder drops that bid’s BOQ; the kept bidders keep theirs', async () => {
    const fixed = tenderRows('T12-BOQ-2', 2, {}, 810).slice(0, 1); // 811 stays, 812 goes
    const b = await importFile('boq-bids-fixed.csv', csv(fixed));
    expect(b.tenders).toEqual({ new: 0, replaced: 1, unchanged: 0 });
    const left = await db.ds.query(
      `SELECT f.uscc, count(*)::int AS n FROM boq_lines l JOIN firms f ON f.id = l.firm_id JOIN tenders t ON t.id = l.tender_id
       WHERE t.code = 'T12-BOQ-2' GROUP BY f.uscc`,
    );
    expect(left).toEqual([]);
    expect(await db.ds.query(`SELECT count(*)::int AS n FROM boq_bids bb JOIN tenders t ON t.id = bb.tender_id WHERE t.code = 'T12-BOQ-2'`)).toEqual([{ n: 0 }]);
    // 801's BOQ (tender T12-BOQ-1, not re-imported) is untouched
    expect(await count(`t.code = 'T12-BOQ-1'`)).toBe(2);
    const s = await importFile('boq-811.csv', csv(boqLines('T12-BOQ-2', uscc(811), 2), BOQ_HEADER), 'boq');
    expect(s).toMatchObject({ accepted: 2, rejected: 0 });
    const again = await importFile('boq-bids-fixed-2.csv', csv(tenderRows('T12-BOQ-2', 1, { bid_price: '9400000.00' }, 810)));
    expect(again.tenders).toEqual({ new: 0, replaced: 1, unchanged: 0 });
    expect(await count(`t.code = 'T12-BOQ-2'`)).toBe(2);
  });
});

describe('the new kinds on the CLI (issue 12)', () => {
  const cli = (...args: string[]) => withEnv(serviceEnv(db), () => runCli(...args));

  it('imports firm-relations and boq with the same exit statuses and JSON summary as the other kinds', async () => {
    const rel = tmpFile('cli-rel.csv', csv([{ firm_uscc: uscc(721), relation: 'legal_rep', person_id: '320583198001016666' }], REL_HEADER));
    const ok = await cli('import', rel, '--kind', 'firm-relations', '--json', '--no-detect');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kind: 'firm-relations', rowsRead: 1, accepted: 1, rejected: 0, unchanged: 0, errors: [] });

    await importFile('cli-boq-bids.csv', csv(tenderRows('T12-CLI-1', 2, {}, 830)));
    const boq = tmpFile('cli-boq.csv', csv([...boqLines('T12-CLI-1', uscc(831), 2), ...boqLines('T12-CLI-1', uscc(839), 1)], BOQ_HEADER));
    const some = await cli('import', boq, '--kind', 'boq', '--json', '--no-detect');
    expect(some.status).toBe(3);
    expect(JSON.parse(some.stdout)).toMatchObject({
      kind: 'boq', rowsRead: 3, accepted: 2, rejected: 1, errors: [{ line: 4, column: 'bidder_uscc', message: expect.stringContaining('没有投标记录') }],
    });
    const none = await cli('import', tmpFile('cli-boq-bad.csv', 'tender_code,line_no\nX,1\n'), '--kind', 'boq');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('缺少必填列');
    const usage = await cli('import', boq, '--kind', 'nope');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('firm-relations | boq');
  });
});

describe('the Dataset the detectors get (issue 12)', () => {
  it('carries buyer and agency, fingerprints and epoch-ms times, firm relations and profiles, and BOQ lines', async () => {
    const d = await new TendersRepository(db.ds).loadDataset();
    const party = d.tenders.find((t) => t.code === 'T12-PARTY-1')!;
    expect(party).toMatchObject({ buyerUscc: govUscc(1), buyerName: '昆山市第1建设局', agencyUscc: uscc(9001), agencyName: '第1招标代理有限公司' });
    const old = d.tenders.find((t) => t.code === 'T12-OLD-1')!;
    expect(old).not.toHaveProperty('buyerUscc');
    const bid = d.bids.find((b) => b.tenderCode === 'T12-PARTY-1' && b.bidderUscc === uscc(102))!;
    expect(bid).toMatchObject({
      fileCreationId: 'FC-1-1', lockSerial: 'LK-1-1', cpuSerial: 'BFEBFBFF000906E1', diskSerial: 'WD-11',
      uploadTime: Date.UTC(2024, 2, 14, 3, 1, 31), fileCreatedAt: Date.UTC(2024, 2, 10, 1, 1, 0),
    });
    expect(d.bids.find((b) => b.tenderCode === 'T12-OLD-1')).not.toHaveProperty('uploadTime');

    const shareholder = d.firmRelations!.find((r) => r.firmUscc === uscc(702) && r.relation === 'shareholder')!;
    expect(shareholder).toEqual({
      firmUscc: uscc(702), relation: 'shareholder', personHash: null, relatedUscc: uscc(703), sharePct: 60,
      validFrom: '2020-01-01', validTo: '2023-12-31',
    });
    const legal = d.firmRelations!.filter((r) => r.relation === 'legal_rep' && (r.firmUscc === uscc(701) || r.firmUscc === uscc(702)));
    expect(legal).toHaveLength(2);
    expect(legal[0]!.personHash).toBe(legal[1]!.personHash);
    const profiles = new Map(d.firmProfiles!.map((p) => [p.uscc, p]));
    expect(profiles.get(uscc(701))!.addressNorm).toBe('昆山市玉山镇前进中路1号');
    expect(profiles.get(uscc(704))!.phoneHash).toBe(profiles.get(uscc(701))!.phoneHash);
    expect(profiles.has(uscc(801))).toBe(false);

    const boq = d.boqLines!.filter((l) => l.tenderCode === 'T12-BOQ-1');
    expect(boq.map((l) => `${l.bidderUscc === uscc(801) ? 'A' : '?'}${l.lineNo}`)).toEqual(['A1', 'A2']);
    expect(boq[1]).toEqual({
      tenderCode: 'T12-BOQ-1', bidderUscc: uscc(801), lineNo: 2, itemCode: '010101001002', itemName: '平整场地2', unit: 'm2',
      quantity: 1234.567, unitPrice: 11.6, amount: Number((1234.567 * 11.5).toFixed(2)),
    });
    // by year: only the loaded tenders' lines
    expect((await new TendersRepository(db.ds).loadDataset([2019])).boqLines).toBeUndefined();
  });
});

describe('exports (issue 12)', () => {
  it('the tenders export ends with buyer and agency, empty where not known', async () => {
    const rows = await new ExportService(new FindingsRepository(db.ds), new TendersRepository(db.ds)).rows('tenders');
    const cols = EXPORT_COLUMNS.tenders;
    expect(cols.slice(-4)).toEqual(['buyer_uscc', 'buyer_name', 'agency_uscc', 'agency_name']);
    const at = (code: string) => rows.find((r) => r[0] === code)!.slice(cols.indexOf('buyer_uscc'));
    expect(at('T12-PARTY-1')).toEqual([govUscc(1), '昆山市第1建设局', uscc(9001), '第1招标代理有限公司']);
    expect(at('T12-OLD-1')).toEqual([null, null, null, null]);
  });
});
