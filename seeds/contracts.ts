/** 标后履约: one contract per awarded tender, signed within 30 days of award (招标投标法 Art. 46). */
import type { WorkType } from '../detectors/types.js';
import { type Day, iso } from './calendar.js';
import type { Tender } from './market.js';
import { yuan } from './money.js';
import type { Rng } from './prng.js';

export type PostAwardPattern =
  | 'change_order_share'
  | 'change_order_count'
  | 'low_bid_high_settlement'
  | 'contract_price_mismatch'
  | 'pm_changed'
  | 'fast_completion';

export interface ContractDraft {
  tenderCode: string;
  winnerUscc: string;
  winningCents: number;
  contractCents: number;
  contractDay: Day;
  plannedDay: Day;
  changeTotalCents: number;
  changeCount: number;
  settlementCents: number | null;
  actualDay: Day | null;
  pmChanged: boolean;
}

export interface ContractOptions {
  /** planted 标后 anomaly */
  pattern?: PostAwardPattern;
  /** keep the works running at least until this day (sites in the attendance window) */
  minEndDay?: Day;
}

/** Planned duration in days, growing with the size of the job. */
function plannedDuration(rng: Rng, workType: WorkType, controlYuan: number): number {
  const lg = (x: number): number => Math.log2(Math.max(1, x));
  let days: number;
  switch (workType) {
    case 'construction':
      days = 150 + 110 * lg(controlYuan / 4e6);
      break;
    case 'epc':
      days = 300 + 100 * lg(controlYuan / 15e6);
      break;
    case 'supervision':
      days = 240 + 90 * lg(controlYuan / 0.3e6);
      break;
    case 'design':
      days = 90 + 40 * lg(controlYuan / 0.3e6);
      break;
    case 'survey':
      days = 65 + 30 * lg(controlYuan / 0.2e6);
      break;
  }
  return Math.max(70, Math.round(days * rng.float(0.85, 1.15)));
}

/**
 * The contract for an award (null if the data cut-off comes before signing). Ordinary contracts:
 * price = winning bid (Art. 57), 0–2 change orders ≤ 6 %, settled 4–14 months after completion,
 * completion no earlier than 97 % of plan, PM unchanged.
 */
export function makeContract(rng: Rng, t: Tender, winnerUscc: string, winningCents: number, asOf: Day, opts: ContractOptions = {}): ContractDraft | null {
  const works = t.workType === 'construction' || t.workType === 'epc';
  const contractDay = t.openDay + rng.int(10, 30);
  let duration = plannedDuration(rng, t.workType, t.controlCents / 100);
  if (opts.minEndDay !== undefined) duration = Math.max(duration, opts.minEndDay - contractDay);
  const plannedDay = contractDay + duration;
  const delay = Math.round(duration * rng.float(-0.03, 0.12));
  const actualDay: Day | null = plannedDay + delay <= asOf && opts.minEndDay === undefined ? plannedDay + delay : null;

  const contractCents = winningCents;
  let changeCount = works ? rng.weighted([45, 35, 20]) : rng.weighted([75, 25]);
  let changeTotal = 0;
  for (let i = 0; i < changeCount; i++) {
    const share = rng.chance(0.1) ? -rng.float(0.002, 0.01) : rng.float(0.004, 0.025);
    changeTotal += Math.round(contractCents * share);
  }
  changeTotal = Math.min(changeTotal, Math.round(contractCents * 0.06));
  if (contractDay + 60 > asOf) {
    changeCount = 0;
    changeTotal = 0;
  }
  const settleDay = actualDay === null ? null : actualDay + rng.int(120, 420);
  const settlementCents: number | null =
    settleDay !== null && settleDay <= asOf ? contractCents + changeTotal + Math.round(contractCents * rng.float(-0.02, 0.02)) : null;

  const c: ContractDraft = {
    tenderCode: t.code,
    winnerUscc,
    winningCents,
    contractCents,
    contractDay,
    plannedDay,
    changeTotalCents: changeTotal,
    changeCount,
    settlementCents,
    actualDay,
    pmChanged: false,
  };

  switch (opts.pattern) {
    case 'change_order_share':
      c.changeCount = rng.int(1, 2);
      c.changeTotalCents = Math.round(contractCents * rng.float(0.12, 0.22));
      c.settlementCents = null; // still under 结算审计
      break;
    case 'change_order_count':
      c.changeCount = rng.int(4, 9);
      c.changeTotalCents = Math.round(contractCents * rng.float(0.03, 0.07));
      if (c.settlementCents !== null) c.settlementCents = contractCents + c.changeTotalCents;
      break;
    case 'low_bid_high_settlement': {
      // 低价中标、高价结算: the extra comes through 材料调差/索赔, not through recorded change orders
      c.actualDay = plannedDay + delay;
      c.changeCount = rng.int(1, 2);
      c.changeTotalCents = Math.round(contractCents * rng.float(0.03, 0.07));
      c.settlementCents = Math.round(winningCents * rng.float(1.18, 1.3));
      break;
    }
    case 'contract_price_mismatch':
      c.contractCents = Math.round(winningCents * (1 + (rng.chance(0.7) ? 1 : -1) * rng.float(0.03, 0.1)));
      c.changeTotalCents = Math.min(c.changeTotalCents, Math.round(c.contractCents * 0.04));
      c.settlementCents = null;
      break;
    case 'pm_changed':
      c.pmChanged = true;
      break;
    case 'fast_completion':
      c.actualDay = contractDay + rng.int(25, 55);
      c.changeCount = 0;
      c.changeTotalCents = 0;
      c.settlementCents = null;
      break;
    case undefined:
      break;
  }
  if (c.contractDay > asOf) return null;
  if (c.actualDay !== null && c.actualDay > asOf) throw new Error(`seed: ${t.code} completed after the cut-off — planted date range too late`);
  return c;
}

/** Last day the contract keeps its PM busy. */
export function contractEnd(c: ContractDraft): Day {
  return Math.max(c.plannedDay, c.actualDay ?? c.plannedDay + Math.round((c.plannedDay - c.contractDay) * 0.12));
}

export const CONTRACT_COLUMNS = [
  'tender_code',
  'winner_uscc',
  'contract_price',
  'contract_date',
  'planned_completion',
  'change_order_total',
  'change_order_count',
  'settlement_price',
  'actual_completion',
  'project_manager_changed',
] as const;

export function contractRow(c: ContractDraft): string[] {
  return [
    c.tenderCode,
    c.winnerUscc,
    yuan(c.contractCents),
    iso(c.contractDay),
    iso(c.plannedDay),
    yuan(c.changeTotalCents),
    String(c.changeCount),
    c.settlementCents === null ? '' : yuan(c.settlementCents),
    c.actualDay === null ? '' : iso(c.actualDay),
    c.pmChanged ? 'true' : 'false',
  ];
}
