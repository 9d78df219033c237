import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backtest, backtestDataset, type BacktestReport, type Labels } from '../backtest/backtest.js';
import { BacktestService } from '../backtest/backtest.service.js';
import { LabelFileError, parseLabelFile } from '../backtest/label-file.js';
import { LABELLED_SETS, loadLabelledSet } from '../backtest/labelled-sets.js';
import { formatReport } from '../backtest/print.js';
import { sharedDir } from '../backtest/shared-data.js';
import { readSettingsFile } from '../detection/settings-file.js';
import { SettingsError } from '../../detectors/settings.js';
import { EXIT, out, say, type CliContext } from './cli-context.js';

export interface EvaluateOptions {
  labels?: string;
  cases?: boolean;
  shared?: string | boolean;
  set?: string[];
  settings?: string;
  json?: boolean;
  verbose?: boolean;
}

/**
 * `bidwatch evaluate`: how well the detectors and scores rank known collusion.
 *  --labels FILE   against the current detection in the database (labels by tender_code and/or bidder_uscc);
 *  --cases         against the bureau's own closed cases (confirmed = positive, dismissed = negative);
 *  --shared [DIR]  over every real labelled market in ../shared/data, in memory, default or --settings settings.
 */
export async function evaluateCommand(ctx: CliContext | (() => CliContext), o: EvaluateOptions): Promise<number> {
  const modes = [o.labels !== undefined, o.cases === true, o.shared !== undefined && o.shared !== false].filter(Boolean).length;
  if (modes !== 1) {
    say('请给出且只给出一种标签来源：--labels 文件、--cases 或 --shared (give exactly one of --labels FILE, --cases, --shared)');
    return EXIT.usage;
  }
  const context = typeof ctx === 'function' ? ctx : () => ctx;
  try {
    if (o.shared !== undefined && o.shared !== false) return await evaluateShared(o);
    const repo = await context().get(BacktestService);
    if (!(await repo.hasDetection())) {
      say('数据库中还没有检测结果，请先运行 bidwatch detect (no detection has been run yet: run `bidwatch detect` first)');
      return EXIT.usage;
    }
    let labels: Labels;
    let source: string;
    if (o.cases) {
      const l = await repo.closedCaseLabels();
      if (l.cases === 0) {
        say('还没有已结案（核实或排除）的案件可作标签 (no closed cases to use as labels yet)');
        return EXIT.usage;
      }
      labels = l;
      source = `已结案案件 ${l.cases} 件 (closed cases)`;
    } else {
      const parsed = parseLabelFile(o.labels as string);
      for (const e of parsed.errors.slice(0, 20)) say(`  第 ${e.line} 行 (line ${e.line})：${e.message}`);
      if (parsed.errors.length > 20) say(`  另有 ${parsed.errors.length - 20} 行无法读取 (${parsed.errors.length - 20} more rows not read)`);
      labels = parsed.labels;
      source = `标签文件 ${o.labels}`;
    }
    const scored = await repo.currentScored();
    // labels of subjects the data does not hold say nothing about the ranking: reported, then left out
    const known = {
      tenders: new Map([...(labels.tenders ?? [])].filter(([c]) => scored.tenderMetrics.has(c))),
      firms: new Map([...(labels.firms ?? [])].filter(([u]) => scored.tendersOfFirm.has(u))),
    };
    const missing = (labels.tenders?.size ?? 0) - known.tenders.size + ((labels.firms?.size ?? 0) - known.firms.size);
    if (missing > 0) say(`  ${missing} 个标签对应的标段或企业不在当前数据中，已略去 (${missing} labels name subjects not in the data; left out)`);
    const report = backtest(scored, known);
    emit(o, [{ id: 'database', title: `评估当前检测结果 (evaluate the current detection)：${source}`, report }]);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof LabelFileError || err instanceof SettingsError) {
      say(err.message);
      return EXIT.usage;
    }
    throw err;
  }
}

async function evaluateShared(o: EvaluateOptions): Promise<number> {
  const dir = typeof o.shared === 'string' ? o.shared : join(sharedDir() ?? '../shared', 'data');
  if (!existsSync(dir)) {
    say(`找不到已标注的真实数据目录 ${dir}（数据不随代码分发）(labelled data folder not found; the data is not shipped with bidwatch)`);
    return EXIT.usage;
  }
  const settings = o.settings ? await readSettingsFile(o.settings) : {};
  const results: Array<{ id: string; title: string; report: BacktestReport; ms?: number }> = [];
  for (const info of LABELLED_SETS) {
    if (o.set?.length && !o.set.includes(info.id)) continue;
    const set = loadLabelledSet(info, dir);
    if (!set) {
      say(`${info.id}: ${info.file} 不存在，跳过 (absent, skipped)`);
      continue;
    }
    say(`${info.id}: 运行检测 (running detectors) …`);
    const { report, ms } = backtestDataset(set.dataset, { tenders: set.tenderLabel, firms: set.firmLabel ?? undefined }, settings);
    const weak = info.weakLabels ? '；弱标签 weak labels' : '';
    results.push({
      id: info.id,
      title: `${info.id} — ${info.title}（${set.dataset.tenders.length} 个标段，${set.dataset.bids.length} 条投标${weak}；来源 ${info.source}）`,
      report,
      ms,
    });
  }
  if (results.length === 0) {
    say(`${dir} 下没有任何已标注数据集 (no labelled set found)`);
    return EXIT.usage;
  }
  emit(o, results);
  return EXIT.ok;
}

function emit(o: EvaluateOptions, results: Array<{ id: string; title: string; report: BacktestReport; ms?: number }>): void {
  if (o.json) out(JSON.stringify({ sets: results.map((r) => ({ id: r.id, title: r.title, ...r.report, ...(r.ms === undefined ? {} : { detectMs: Math.round(r.ms) }) })) }));
  else out(results.map((r) => formatReport(r.title, r.report, o.verbose)).join('\n\n'));
}
