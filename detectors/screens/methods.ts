import type { EvaluationMethod } from '../types.js';

/**
 * Evaluation methods whose winner is the bid closest to a benchmark computed from the bids (平均值法 / 合理低价法).
 * Lowest-price variance screens point the wrong way there (Conley & Decarolis 2016): SCREENS is switched off and
 * AVGSHAPE applies instead.
 */
export const AVERAGE_BENCHMARK_METHODS: readonly EvaluationMethod[] = ['reasonable_low_price'];

export function isAverageBenchmark(method: EvaluationMethod): boolean {
  return AVERAGE_BENCHMARK_METHODS.includes(method);
}
