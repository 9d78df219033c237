/**
 * The market model: how tenders look (work type, method, control price, number of bidders) and how
 * deep bidders discount (下浮率). All shares and parameters are assumptions, listed in README.md.
 */
import type { Category, EvaluationMethod, Funding, TenderMethod, WorkType } from '../detectors/types.js';
import { civil, dayOf, type Day, workdays } from './calendar.js';
import { toCents } from './money.js';
import { DISTRICTS, projectName } from './names.js';
import { Rng } from './prng.js';

export const WORK_TYPE_MIX: Readonly<Record<WorkType, number>> = {
  construction: 52,
  supervision: 18,
  design: 12,
  survey: 10,
  epc: 8,
};

const SERVICE_METHODS: Readonly<Record<EvaluationMethod, number>> = {
  comprehensive: 75,
  lowest_evaluated_price: 12,
  reasonable_low_price: 8,
  separation: 0,
  other: 5,
};

export const METHOD_MIX: Readonly<Record<WorkType, Readonly<Record<EvaluationMethod, number>>>> = {
  construction: { comprehensive: 35, reasonable_low_price: 25, lowest_evaluated_price: 20, separation: 15, other: 5 },
  epc: { comprehensive: 80, reasonable_low_price: 0, lowest_evaluated_price: 0, separation: 12, other: 8 },
  supervision: SERVICE_METHODS,
  design: SERVICE_METHODS,
  survey: SERVICE_METHODS,
};

/** [mean 下浮率 in 2019 (%), rise per year (pp), tender-level s.d. (pp), bid-level s.d. (pp)] */
type Params = readonly [number, number, number, number];
const DISCOUNT: Readonly<Record<WorkType, Readonly<Record<EvaluationMethod, Params>>>> = {
  construction: {
    reasonable_low_price: [5.0, 0.4, 0.55, 0.8],
    comprehensive: [8.5, 0.5, 1.0, 1.3],
    separation: [9.0, 0.5, 1.0, 1.4],
    lowest_evaluated_price: [12.0, 0.6, 1.2, 1.7],
    other: [7.0, 0.4, 0.9, 1.2],
  },
  epc: {
    reasonable_low_price: [4.5, 0.3, 0.5, 0.7],
    comprehensive: [5.5, 0.3, 0.75, 1.0],
    separation: [6.0, 0.3, 0.75, 1.0],
    lowest_evaluated_price: [8.0, 0.4, 1.0, 1.3],
    other: [5.0, 0.3, 0.75, 1.0],
  },
  supervision: {
    reasonable_low_price: [11.0, 0.6, 1.1, 1.6],
    comprehensive: [14.0, 0.7, 1.5, 2.2],
    separation: [14.0, 0.7, 1.5, 2.2],
    lowest_evaluated_price: [19.0, 0.8, 1.6, 2.4],
    other: [13.0, 0.6, 1.5, 2.2],
  },
  design: {
    reasonable_low_price: [10.0, 0.5, 1.1, 1.6],
    comprehensive: [12.0, 0.6, 1.5, 2.2],
    separation: [12.0, 0.6, 1.5, 2.2],
    lowest_evaluated_price: [17.0, 0.7, 1.6, 2.4],
    other: [11.0, 0.5, 1.5, 2.2],
  },
  survey: {
    reasonable_low_price: [12.0, 0.6, 1.2, 1.8],
    comprehensive: [15.0, 0.7, 1.6, 2.4],
    separation: [15.0, 0.7, 1.6, 2.4],
    lowest_evaluated_price: [20.0, 0.8, 1.7, 2.5],
    other: [14.0, 0.6, 1.6, 2.4],
  },
};

/**
 * Clip limits (in s.d.) for the tender effect and the bid noise. Bounded, mostly within-tender spread keeps
 * ordinary bids inside their peer group's Tukey fence even when the group holds only a few tenders, so
 * statistical outliers are (almost) only the planted ones.
 */
export const CLIP_T = 1.0;
export const CLIP_E = 1.2;

export interface DiscountModel {
  /** mean 下浮率 as a fraction */
  mu: number;
  sigmaT: number;
  sigmaE: number;
  /** s.d. of a single bid's 下浮率 within the peer cell */
  sigma: number;
}

export function discountModel(category: Category, workType: WorkType, method: EvaluationMethod, year: number): DiscountModel {
  const [mu0, slope, sT, sE] = DISCOUNT[workType][method];
  const municipal = category === 'municipal' ? 1.0 : 0;
  const mu = (mu0 + municipal + slope * (year - 2019)) / 100;
  return { mu, sigmaT: sT / 100, sigmaE: sE / 100, sigma: Math.hypot(sT, sE) / 100 };
}

/** Control price (yuan): lognormal median, log-s.d., [min, max]. */
const CONTROL: Readonly<Record<string, readonly [number, number, number, number]>> = {
  'construction:building': [22e6, 0.9, 4e6, 600e6],
  'construction:municipal': [14e6, 0.9, 4e6, 400e6],
  epc: [70e6, 0.8, 15e6, 900e6],
  supervision: [0.9e6, 0.6, 0.3e6, 5e6],
  design: [1.1e6, 0.7, 0.3e6, 6e6],
  survey: [0.5e6, 0.6, 0.2e6, 2e6],
};

/** Median number of bidders in open tenders. */
const OPEN_BIDDERS: Readonly<Record<WorkType, number>> = { construction: 9, epc: 5, supervision: 7, design: 5, survey: 5 };

export function poolKey(workType: WorkType, category: Category): string {
  return workType === 'construction' ? `construction:${category}` : workType;
}

export function isService(workType: WorkType): boolean {
  return workType === 'supervision' || workType === 'design' || workType === 'survey';
}

export interface Tender {
  index: number;
  code: string;
  projectName: string;
  district: string;
  category: Category;
  workType: WorkType;
  tenderMethod: TenderMethod;
  evaluationMethod: EvaluationMethod;
  funding: Funding;
  controlCents: number;
  openDay: Day;
  year: number;
  /** number of bidders to draw (planted cases may override) */
  bidders: number;
}

export interface SkeletonOverride {
  category?: Category;
  workType?: WorkType;
  tenderMethod?: TenderMethod;
  evaluationMethod?: EvaluationMethod;
  funding?: Funding;
  bidders?: number;
  /** control price range in yuan */
  control?: readonly [number, number];
}

/** Maps tender index → open date: tenders spread evenly over the working days, in index order. */
export class TenderCalendar {
  readonly days: Day[];
  constructor(
    readonly fromYear: number,
    readonly toYear: number,
    readonly total: number,
  ) {
    this.days = workdays(dayOf(fromYear, 1, 1), dayOf(toYear, 12, 31));
  }

  dayOfIndex(i: number): Day {
    return this.days[Math.floor((i * this.days.length) / this.total)]!;
  }

  /** Indices [lo, hi) whose open date lies in [fromDay, toDay]. */
  indexRange(fromDay: Day, toDay: Day): [number, number] {
    const first = (day: Day): number => {
      let lo = 0;
      let hi = this.total;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.dayOfIndex(mid) < day) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [first(fromDay), first(toDay + 1)];
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * A tender's fixed attributes, from its own PRNG stream (seed, index): planning can look a tender up
 * before the bid stream reaches it, and overrides for planted cases change only that tender.
 */
export function makeTender(seed: number, index: number, cal: TenderCalendar, ov: SkeletonOverride = {}): Tender {
  const r = Rng.from(seed, 'tender', index);
  const openDay = cal.dayOfIndex(index);
  const year = civil(openDay).y;
  const workType = ov.workType ?? r.weightedKey(WORK_TYPE_MIX);
  const category: Category = ov.category ?? (r.chance(0.58) ? 'building' : 'municipal');
  const evaluationMethod = ov.evaluationMethod ?? r.weightedKey(METHOD_MIX[workType]);
  const funding: Funding = ov.funding ?? (r.chance(0.7) ? 'state' : 'private');
  const tenderMethod: TenderMethod = ov.tenderMethod ?? (r.chance(funding === 'private' ? 0.25 : 0.02) ? 'invited' : 'open');
  const district = r.weightedKey(DISTRICTS);
  const [median, sigma, min, max] = CONTROL[poolKey(workType, category)]!;
  const [lo, hi] = ov.control ?? [min, max];
  let controlYuan = clamp(r.logNormal(median, sigma), lo, hi);
  // services' limits are set to the hundred yuan; works' come out of the costing software with fen
  controlYuan = isService(workType) ? Math.round(controlYuan / 100) * 100 : Math.round(controlYuan * 100) / 100;
  const bidders =
    ov.bidders ??
    (tenderMethod === 'invited' ? r.int(3, 7) : clamp(Math.round(r.logNormal(OPEN_BIDDERS[workType], 0.45)), 3, 25));
  const name = projectName(r, category, workType, district);
  return {
    index,
    code: `E320583${year}${String(index + 1).padStart(7, '0')}01`,
    projectName: name,
    district,
    category,
    workType,
    tenderMethod,
    evaluationMethod,
    funding,
    controlCents: toCents(controlYuan),
    openDay,
    year,
    bidders,
  };
}
