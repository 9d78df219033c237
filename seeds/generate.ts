/** One tender through the whole pipeline: bids → award → contract → site attendance, streamed to the sinks. */
import type { Answers } from './answers.js';
import { writeSite, siteDays } from './attendance.js';
import { bidLine, type BidDraft, type SeedContext, tenderPrefix } from './bids.js';
import { contractEnd, contractRow, makeContract } from './contracts.js';
import type { CsvSink } from './csv-sink.js';
import { evaluate, type EvaluationResult } from './evaluation.js';
import { makeTender } from './market.js';
import type { Built } from './planted/built.js';
import { buildTenderBids } from './planted/index.js';
import { recordPostAward } from './planted/post-award.js';
import type { PlantSpec } from './planted/types.js';

export interface Sinks {
  bids: CsvSink;
  /** null when the caller turned the file off (contracts are still drawn: PMs stay busy) */
  contracts: CsvSink | null;
  attendance: CsvSink | null;
}

export interface RunCounts {
  tenders: number;
  awarded: number;
  sites: number;
}

/** Share of ordinary awards with a contract on file (the rest not yet reported by the cut-off). */
const CONTRACT_ON_FILE = 0.95;
/** Ordinary sites need this many working days in the window to be worth a roster. */
const MIN_SITE_DAYS = 10;

export function generateTender(
  ctx: SeedContext,
  sinks: Sinks,
  answers: Answers,
  plan: ReadonlyMap<number, PlantSpec>,
  index: number,
  siteProbability: number,
  counts: RunCounts,
): void {
  const spec = plan.get(index);
  const t = makeTender(ctx.seed, index, ctx.cal, spec?.override);
  let built: Built | undefined;
  let ev: EvaluationResult<BidDraft> | undefined;
  for (let attempt = 0; ; attempt++) {
    built = buildTenderBids(ctx, t, spec);
    ev = evaluate(t.evaluationMethod, built.bids, ctx.rng, built.forced, built.fixedK);
    if (!built.accept || built.accept(ev)) break;
    if (attempt >= 80) throw new Error(`seed: planted ${spec?.bid.kind ?? 'tender'} could not be built in ${t.code}`);
  }
  built.record?.(answers, ev);
  counts.tenders++;

  const prefix = tenderPrefix(t);
  const extra = ctx.issue12?.tenderColumns(t, built.bids, ev.winner?.firm ?? null, spec !== undefined);
  for (const [k, b] of built.bids.entries()) {
    const line = bidLine(prefix, b);
    sinks.bids.addLine(extra ? `${line.slice(0, -1)},${extra[k] as string}\n` : line);
    b.firm.bids++;
    if (!b.valid) b.firm.invalid++;
  }
  const winner = ev.winner;
  if (!winner) return;
  counts.awarded++;

  const { rng } = ctx;
  const contract = makeContract(rng, t, winner.firm.uscc, winner.cents, ctx.asOf, {
    ...(spec?.contract ? { pattern: spec.contract } : {}),
    ...(spec?.activeInWindow ? { minEndDay: ctx.window.to + rng.int(60, 300) } : {}),
  });
  // the PM is tied to this job until it ends, so ordinary data never names one PM on two live contracts
  if (winner.pm) winner.pm.busyUntil = Math.max(winner.pm.busyUntil, contract ? contractEnd(contract) + 30 : ctx.asOf + 1000);
  if (!contract) return;
  if (!spec && !rng.chance(CONTRACT_ON_FILE)) return;
  sinks.contracts?.add(contractRow(contract));
  if (spec?.contract) recordPostAward(answers, t, spec.contract, contract);

  if (!sinks.attendance || (t.workType !== 'construction' && t.workType !== 'epc')) return;
  const days = siteDays(ctx, contract);
  const losers = built.bids.filter((b) => b !== winner);
  if (spec?.site) {
    writeSite(ctx, sinks.attendance, answers, t, winner, losers, days, spec.site);
    counts.sites++;
  } else if (!spec && days.length >= MIN_SITE_DAYS && rng.chance(siteProbability)) {
    writeSite(ctx, sinks.attendance, answers, t, winner, losers, days);
    counts.sites++;
  }
}
