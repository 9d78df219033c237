/**
 * `bidwatch seed --out DIR [--scale N] [--seed S] [--tenders T] [--issue12]`: writes the synthetic city and prints a short
 * Chinese-first summary to stderr (stdout stays free for machine output).
 */
import type { Answers } from './answers.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type SeedManifest, writeSeedCity } from './city.js';

export interface SeedCommandOptions {
  out: string;
  /** scale mode: target number of bid rows */
  bids?: number;
  seed?: number;
  tenders?: number;
  /** The issue-12 layer: buyer/agency and device columns, firm-relations.csv and boq.csv (seeds/issue12.ts). */
  issue12?: boolean;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export async function runSeedCommand(opts: SeedCommandOptions, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Promise<SeedManifest> {
  const started = performance.now();
  const manifest = await writeSeedCity(
    opts.out,
    {
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.tenders !== undefined ? { tenders: opts.tenders } : {}),
      ...(opts.bids !== undefined ? { bids: opts.bids } : {}),
      ...(opts.issue12 ? { issue12: true } : {}),
    },
    {
      onProgress: (p) => write(`进度 progress: ${fmt(p.bids)} 条投标 bids, ${fmt(p.tenders)}/${fmt(p.totalTenders)} 个标段 tenders`),
    },
  );
  const a = JSON.parse(await readFile(join(opts.out, 'answers.json'), 'utf8')) as Answers;
  const c = manifest.counts;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  write(
    `已生成合成城市数据 synthetic city (seed ${manifest.options.seed}, ${manifest.options.fromYear}–${manifest.options.toYear}): ` +
      `${fmt(c.tenders)} 个标段 tenders, ${fmt(c.firms)} 家企业 firms, ${fmt(c.bids)} 条投标 bids, ` +
      `${fmt(c.contracts)} 份合同 contracts, ${fmt(c.attendance)} 条考勤 attendance rows (${fmt(c.sites)} 个工地 sites)`,
  );
  write(
    `预埋案例 planted: 异常低价 low bids ${a.lowBids.length}, 报价规律性 regular ${a.regularDiff.length}, 报价雷同 identical ${a.identicalPrices.length}, ` +
      `围标团伙 rings ${a.rings.length} (${a.rings.reduce((s, r) => s + r.tenders.length, 0)} 个标段), 平均值操纵 avg-shaping ${a.avgShaping.length}, ` +
      `否决模式 disqualification ${a.disqualification.length}, 单一投标 single bid ${a.singleBid.length}, ` +
      `标后履约 post-award ${a.postAward.length}, 现场联动 site ${a.site.length}, 对照组 negative controls ${a.negativeControls.length}`,
  );
  write(`写入 written: ${opts.out} (${Object.keys(manifest.files).join(', ')}, manifest.json), 用时 ${seconds} s`);
  return manifest;
}
