/**
 * ROC-AUC and PR-AUC (average precision), written out so the figures can be checked by hand.
 *
 * Scores may be null (a screen not computable for a tender): null ranks below every number, i.e. "no suspicion".
 * ROC-AUC = Mann–Whitney U / (P·N) with mid-ranks for ties: P(score of a random positive > score of a random
 * negative) + ½ P(equal). PR-AUC = average precision Σₖ (Rₖ − Rₖ₋₁) · Pₖ over the distinct score thresholds from
 * the top (tied scores enter together, as scikit-learn's average_precision_score does). Both are null when
 * there is no positive or no negative.
 */
export function rocAuc(scores: ReadonlyArray<number | null>, labels: readonly boolean[]): number | null {
  const order = ranked(scores, labels);
  const P = labels.filter(Boolean).length;
  const N = labels.length - P;
  if (P === 0 || N === 0) return null;
  let rankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as Row).s === (order[i] as Row).s) j++;
    const mid = (i + j) / 2 + 1; // 1-based mid-rank of the tie block
    for (let k = i; k <= j; k++) if ((order[k] as Row).y) rankSum += mid;
    i = j + 1;
  }
  return (rankSum - (P * (P + 1)) / 2) / (P * N);
}

export function prAuc(scores: ReadonlyArray<number | null>, labels: readonly boolean[]): number | null {
  const order = ranked(scores, labels).reverse(); // highest first
  const P = labels.filter(Boolean).length;
  if (P === 0 || P === labels.length) return null;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let pos = 0;
    while (j < order.length && (order[j] as Row).s === (order[i] as Row).s) {
      if ((order[j] as Row).y) pos++;
      j++;
    }
    tp += pos;
    fp += j - i - pos;
    if (pos > 0) ap += (pos / P) * (tp / (tp + fp));
    i = j;
  }
  return ap;
}

interface Row {
  s: number;
  y: boolean;
}

/** Ascending by score, nulls as −∞. */
function ranked(scores: ReadonlyArray<number | null>, labels: readonly boolean[]): Row[] {
  if (scores.length !== labels.length) throw new RangeError('scores and labels differ in length');
  return scores
    .map((s, i) => ({ s: s === null || Number.isNaN(s) ? -Infinity : s, y: labels[i] as boolean }))
    .sort((a, b) => (a.s === b.s ? 0 : a.s < b.s ? -1 : 1));
}
