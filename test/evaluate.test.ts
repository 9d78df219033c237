import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csv, tenderRows, tmpFile, uscc } from './support/fixtures.js';
import { runCli } from './support/run-cli.js';
import { createTestDb, serviceEnv, withEnv, type TestDb } from './support/test-db.js';

/** `bidwatch evaluate`: labels from a file, from closed cases, and the shared labelled markets. */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('eval');
});
afterAll(async () => db?.drop());

const cli = (...args: string[]) => withEnv(serviceEnv(db), () => runCli(...args));

describe('bidwatch evaluate', () => {
  it('needs exactly one label source, and a detection before --labels or --cases', async () => {
    expect((await cli('evaluate')).status).toBe(2);
    expect((await cli('evaluate', '--cases', '--labels', 'x.csv')).status).toBe(2);
    const r = await cli('evaluate', '--cases');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('请先运行 bidwatch detect');
  });

  it('--labels FILE scores the current detection: ROC-AUC per score, the fixed baselines, bad rows named by line', async () => {
    const rows = [...tenderRows('EV-1', 4, { file_machine_code: 'MC-SAME' }), ...tenderRows('EV-2', 4, { file_machine_code: 'MC-TWO' }, 10), ...tenderRows('EV-3', 3, {}, 20), ...tenderRows('EV-4', 5, {}, 30)];
    expect((await cli('import', tmpFile('ev.csv', csv(rows)), '--kind', 'bids')).status).toBe(0);
    expect((await cli('detect')).status).toBe(0);
    const labels = tmpFile(
      'labels.csv',
      ['tender_code,bidder_uscc,label', 'EV-1,,1', 'EV-2,,0', 'EV-3,,是', 'EV-4,,否', `,${uscc(1)},1`, `,${uscc(11)},0`, 'EV-9,,1', 'EV-5,,maybe'].join('\n'),
    );
    const r = await cli('evaluate', '--labels', labels, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('第 9 行');
    expect(r.stderr).toContain('1 个标签对应的标段或企业不在当前数据中');
    const j = JSON.parse(r.stdout);
    expect(j.sets[0].tenders).toMatchObject({ subjects: 4, positives: 2 });
    const signals = j.sets[0].tenders.rows.map((x: { signal: string }) => x.signal);
    expect(signals).toEqual(expect.arrayContaining(['collusion_score', 'baseline: −CV']));
    for (const x of j.sets[0].tenders.rows) if (x.roc !== null) expect(x.roc).toBeGreaterThanOrEqual(0);
    expect(j.sets[0].firms).toMatchObject({ subjects: 2, positives: 1 });
    const text = await cli('evaluate', '--labels', labels);
    expect(text.stdout).toContain('围标串标风险分 collusion_score');
    expect((await cli('evaluate', '--labels', tmpFile('nolabel.csv', 'tender_code,x\nEV-1,1\n'))).status).toBe(2);
    expect((await cli('evaluate', '--labels', '/nonexistent/labels.csv')).status).toBe(2);
  });

  it('--cases takes closed cases as labels (confirmed = 1, dismissed = 0)', async () => {
    const { ds } = db;
    const cases: Array<{ id: string; subject_type: string; subject_id: string }> = await ds.query(`SELECT id, subject_type, subject_id FROM cases ORDER BY id`);
    expect(cases.length).toBeGreaterThan(1);
    await ds.query(`UPDATE cases SET status = 'closed_confirmed', closed_at = now() WHERE id = $1`, [cases[0]!.id]);
    await ds.query(`UPDATE cases SET status = 'closed_dismissed', closed_at = now() WHERE id = ANY($1::bigint[])`, [cases.slice(1).map((c) => c.id)]);
    const r = await cli('evaluate', '--cases', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    const level = j.sets[0].tenders ?? j.sets[0].firms;
    expect(level.subjects).toBeGreaterThan(0);
    expect(j.sets[0].title).toContain('已结案案件');
  });

  it('--shared DIR runs the labelled markets found there, in memory, and says which are absent', async () => {
    const dir = join(tmpFile('shared-marker', ''), '..', 'shared-data');
    mkdirSync(join(dir, 'collusion-screens'), { recursive: true });
    // a milk-format file: firm 1 and 2 collude in T1–T3 (identical tight bids), firm 3 bids alone in T4–T6
    const head = 'Tender,Date,Competitors,Bid_value_without_inflation,Winner,Bid_value,Bid_value_inflation_raw_milk_price_adjusted_bid,Collusive_competitor,only_cartels_bidding_on_contract,Number_bids,CV,SPD,DIFFP,RD,KURT,SKEW,KSTEST,Collusive_competitor_original';
    const line = (t: number, firm: number, price: number, win: number, col: number) => `${t},1980,${firm},${price},${win},${price},0,${col},0,2,0,0,0,0,0,0,0,${col}`;
    const body = [
      line(1, 1, 0.14, 1, 1), line(1, 2, 0.141, 0, 1), line(2, 1, 0.15, 0, 1), line(2, 2, 0.149, 1, 1), line(3, 1, 0.13, 1, 1), line(3, 2, 0.131, 0, 1),
      line(4, 3, 0.14, 1, 0), line(4, 4, 0.17, 0, 0), line(5, 3, 0.15, 1, 0), line(5, 5, 0.19, 0, 0), line(6, 4, 0.16, 1, 0), line(6, 5, 0.2, 0, 0),
    ];
    writeFileSync(join(dir, 'collusion-screens', 'usa_ohio_milk.csv'), [head, ...body].join('\n') + '\n');
    const r = await runCli('evaluate', '--shared', dir, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('ticino: collusion-screens/swiss_ticino.csv 不存在');
    const j = JSON.parse(r.stdout);
    expect(j.sets.map((s: { id: string }) => s.id)).toEqual(['milk']);
    expect(j.sets[0].tenders).toMatchObject({ subjects: 6, positives: 3 });
    expect(j.sets[0].firms).toMatchObject({ subjects: 5, positives: 2 });
    expect((await runCli('evaluate', '--shared', join(dir, 'nowhere'))).status).toBe(2);
  });
});
