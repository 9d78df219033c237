/** Classification metrics for the evaluation: ROC-AUC (Mann–Whitney, mid-ranks for ties) and precision/recall. */

/** ROC-AUC of `scores` against binary `labels`: P(score of a positive > score of a negative), ties counting ½. */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number | null {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j += 1;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[idx[k]!] = mid;
    i = j + 1;
  }
  let pos = 0;
  let rankSum = 0;
  labels.forEach((l, i) => {
    if (l) {
      pos += 1;
      rankSum += ranks[i]!;
    }
  });
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export interface Confusion {
  flagged: number;
  truePositives: number;
  positives: number;
  precision: number | null;
  recall: number | null;
}

export function confusion(predicted: readonly boolean[], labels: readonly boolean[]): Confusion {
  let flagged = 0;
  let tp = 0;
  let positives = 0;
  predicted.forEach((p, i) => {
    if (p) flagged += 1;
    if (labels[i]) positives += 1;
    if (p && labels[i]) tp += 1;
  });
  return { flagged, truePositives: tp, positives, precision: flagged ? tp / flagged : null, recall: positives ? tp / positives : null };
}
