/**
 * Per tender, every pair of bidders' 工程量清单 compared line by line (清单雷同), in O(lines + items × pairs) with
 * typed arrays and maps of item_code — never lines × lines.
 *
 * For one tender with n bidders and m distinct item codes, per item i:
 *   holders(i)        bidders that priced item i; list item ⇔ |holders(i)| > n/2 (the majority's 清单, standing
 *                     in for the 招标清单, which the data does not carry)
 *   fixed(i)          ≥ 3 holders and all quote one 综合单价: a price given by the tender (暂估价, 规定费率), compared
 *                     by nobody
 *   majority qty      the quantity held by more than half of holders(i), if any (quantities to 0.001)
 *   slip              |amount − quantity × unit_price| > 1 fen (合价 ≠ 工程量 × 综合单价, allowing one fen for rounding modes)
 *   order             list items a bidder holds, in its line_no order; majority order = list items by the median of
 *                     their positions across holders (ties by item code). A bidder deviates at x when its next list
 *                     item after x is not the next one the majority order puts after x among the items it holds, so a
 *                     missing line is not also an order deviation.
 * Per pair (a, b), counts:
 *   common            items both hold; compared = common items not fixed
 *   identical         compared items with the same unit price (to the fen)
 *   quantity          items where both quantities equal each other and differ from the majority quantity
 *   arithmetic        items where both slipped with the same amount (to the fen)
 *   missing           list items neither holds;  extra: non-list items both hold
 *   order             items x where both deviate and have the same next item
 */
import type { BoqLineRow } from '../types.js';

export const ERROR_KINDS = ['quantity', 'arithmetic', 'missing', 'extra', 'order'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];
export type SampleKind = 'identicalPrice' | ErrorKind;

export interface BoqPair {
  tenderCode: string;
  pair: [string, string];
  common: number;
  compared: number;
  identical: number;
  /** identical / compared; 0 when nothing is compared. */
  share: number;
  errors: Record<ErrorKind, number>;
  errorTotal: number;
  /** The first `maxSamples` item codes of each kind, in item-code order (the matching lines, for the evidence). */
  samples: Record<SampleKind, string[]>;
}

export interface TenderBoqSummary {
  bidders: number;
  items: number;
  listItems: number;
  fixedItems: number;
  lines: number;
}

/**
 * Line indices grouped by tender without copying rows: a counting sort into one Int32Array (4 bytes a line).
 * Returns the tender codes in first-seen order, and per tender the [start, end) range into `order`.
 */
export function groupByTender(lines: readonly BoqLineRow[]): { codes: string[]; start: Int32Array; order: Int32Array } {
  const id = new Map<string, number>();
  const codes: string[] = [];
  const tenderOf = new Int32Array(lines.length);
  for (let k = 0; k < lines.length; k++) {
    const c = (lines[k] as BoqLineRow).tenderCode;
    let t = id.get(c);
    if (t === undefined) {
      t = codes.length;
      id.set(c, t);
      codes.push(c);
    }
    tenderOf[k] = t;
  }
  const start = new Int32Array(codes.length + 1);
  for (let k = 0; k < lines.length; k++) {
    const t = (tenderOf[k] as number) + 1;
    start[t] = (start[t] as number) + 1;
  }
  for (let t = 0; t < codes.length; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const fill = start.slice(0, codes.length);
  const order = new Int32Array(lines.length);
  for (let k = 0; k < lines.length; k++) {
    const t = tenderOf[k] as number;
    order[fill[t] as number] = k;
    fill[t] = (fill[t] as number) + 1;
  }
  return { codes, start, order };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compare every pair of bidders of one tender, given its lines' indices. */
export function compareTender(
  lines: readonly BoqLineRow[],
  idx: ArrayLike<number>,
  from: number,
  to: number,
  maxSamples: number,
): { pairs: BoqPair[]; summary: TenderBoqSummary; fixed: string[] } {
  const tenderCode = (lines[idx[from] as number] as BoqLineRow).tenderCode;
  const bidderId = new Map<string, number>();
  const itemId = new Map<string, number>();
  for (let k = from; k < to; k++) {
    const l = lines[idx[k] as number] as BoqLineRow;
    if (!bidderId.has(l.bidderUscc)) bidderId.set(l.bidderUscc, bidderId.size);
    if (!itemId.has(l.itemCode)) itemId.set(l.itemCode, itemId.size);
  }
  // bidders in USCC order so pairs come out sorted; items keep their codes for evidence
  const bidders = [...bidderId.keys()].sort(cmp);
  bidders.forEach((b, i) => bidderId.set(b, i));
  // items in code order: the loops below visit them in that order, so samples and ties do not depend on row order
  const items = [...itemId.keys()].sort(cmp);
  items.forEach((c, i) => itemId.set(c, i));
  const n = bidders.length;
  const m = items.length;
  const price = new Float64Array(n * m).fill(NaN);
  const qtyKey = new Float64Array(n * m);
  const amountFen = new Float64Array(n * m);
  const slipped = new Uint8Array(n * m);
  const lineNo = new Float64Array(n * m);
  for (let k = from; k < to; k++) {
    const l = lines[idx[k] as number] as BoqLineRow;
    const c = (bidderId.get(l.bidderUscc) as number) * m + (itemId.get(l.itemCode) as number);
    if (!Number.isNaN(price[c] as number)) continue; // a repeated item code in one bid: the first line counts
    price[c] = Math.round(l.unitPrice * 100);
    qtyKey[c] = Math.round(l.quantity * 1000);
    const fen = Math.round(l.amount * 100);
    amountFen[c] = fen;
    slipped[c] = Math.abs(fen - Math.round(l.quantity * l.unitPrice * 100)) > 1 ? 1 : 0;
    lineNo[c] = l.lineNo;
  }

  // per item: holders, list item, fixed price, majority quantity
  const holders = new Int32Array(m);
  const isList = new Uint8Array(m);
  const isFixed = new Uint8Array(m);
  const majQty = new Float64Array(m).fill(NaN);
  const tally = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    let h = 0;
    let first = NaN;
    let same = true;
    tally.clear();
    for (let b = 0; b < n; b++) {
      const p = price[b * m + i] as number;
      if (Number.isNaN(p)) continue;
      h++;
      if (Number.isNaN(first)) first = p;
      else if (p !== first) same = false;
      const q = qtyKey[b * m + i] as number;
      tally.set(q, (tally.get(q) ?? 0) + 1);
    }
    holders[i] = h;
    isList[i] = 2 * h > n ? 1 : 0;
    isFixed[i] = h >= 3 && same ? 1 : 0;
    for (const [q, c] of tally) if (2 * c > h) majQty[i] = q;
  }

  // order: each bidder's list items by line_no; majority rank = median position across holders
  const seqs: number[][] = [];
  const posSum: number[][] = Array.from({ length: m }, () => []);
  for (let b = 0; b < n; b++) {
    const seq: number[] = [];
    for (let i = 0; i < m; i++) if (isList[i] && !Number.isNaN(price[b * m + i] as number)) seq.push(i);
    seq.sort((x, y) => (lineNo[b * m + x] as number) - (lineNo[b * m + y] as number) || cmp(items[x] as string, items[y] as string));
    seq.forEach((i, k) => (posSum[i] as number[]).push(k));
    seqs.push(seq);
  }
  const rank = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const ps = posSum[i] as number[];
    if (ps.length === 0) continue;
    ps.sort((x, y) => x - y);
    const mid = ps.length >> 1;
    rank[i] = ps.length % 2 ? (ps[mid] as number) : ((ps[mid - 1] as number) + (ps[mid] as number)) / 2;
  }
  // devNext[b*m+x] = the bidder's next list item after x when it deviates from the majority order, else -2
  const devNext = new Int32Array(n * m).fill(-2);
  for (let b = 0; b < n; b++) {
    const seq = seqs[b] as number[];
    const expected = [...seq].sort((x, y) => (rank[x] as number) - (rank[y] as number) || cmp(items[x] as string, items[y] as string));
    const expNext = new Map<number, number>();
    expected.forEach((x, k) => expNext.set(x, k + 1 < expected.length ? (expected[k + 1] as number) : -1));
    seq.forEach((x, k) => {
      const next = k + 1 < seq.length ? (seq[k + 1] as number) : -1;
      if (next !== expNext.get(x)) devNext[b * m + x] = next;
    });
  }

  // pair counters, upper triangle of n × n
  const P = n * n;
  const common = new Int32Array(P);
  const compared = new Int32Array(P);
  const identical = new Int32Array(P);
  const err: Record<ErrorKind, Int32Array> = { quantity: new Int32Array(P), arithmetic: new Int32Array(P), missing: new Int32Array(P), extra: new Int32Array(P), order: new Int32Array(P) };
  const samples = new Map<number, Record<SampleKind, string[]>>();
  const sample = (p: number, kind: SampleKind, i: number) => {
    let s = samples.get(p);
    if (!s) samples.set(p, (s = { identicalPrice: [], quantity: [], arithmetic: [], missing: [], extra: [], order: [] }));
    if (s[kind].length < maxSamples) s[kind].push(items[i] as string);
  };
  const hold: number[] = [];
  const lack: number[] = [];
  for (let i = 0; i < m; i++) {
    hold.length = 0;
    lack.length = 0;
    for (let b = 0; b < n; b++) (Number.isNaN(price[b * m + i] as number) ? lack : hold).push(b);
    const mq = majQty[i] as number;
    for (let x = 0; x < hold.length; x++) {
      const a = hold[x] as number;
      const ca = a * m + i;
      for (let y = x + 1; y < hold.length; y++) {
        const b = hold[y] as number;
        const cb = b * m + i;
        const p = a * n + b;
        common[p] = (common[p] as number) + 1;
        if (!isFixed[i]) {
          compared[p] = (compared[p] as number) + 1;
          if (price[ca] === price[cb]) {
            identical[p] = (identical[p] as number) + 1;
            sample(p, 'identicalPrice', i);
          }
        }
        if (!Number.isNaN(mq) && qtyKey[ca] === qtyKey[cb] && qtyKey[ca] !== mq) {
          err.quantity[p] = (err.quantity[p] as number) + 1;
          sample(p, 'quantity', i);
        }
        if (slipped[ca] && slipped[cb] && amountFen[ca] === amountFen[cb]) {
          err.arithmetic[p] = (err.arithmetic[p] as number) + 1;
          sample(p, 'arithmetic', i);
        }
        if (!isList[i]) {
          err.extra[p] = (err.extra[p] as number) + 1;
          sample(p, 'extra', i);
        } else if ((devNext[ca] as number) !== -2 && devNext[ca] === devNext[cb]) {
          err.order[p] = (err.order[p] as number) + 1;
          sample(p, 'order', i);
        }
      }
    }
    if (isList[i]) {
      for (let x = 0; x < lack.length; x++) {
        for (let y = x + 1; y < lack.length; y++) {
          const p = (lack[x] as number) * n + (lack[y] as number);
          err.missing[p] = (err.missing[p] as number) + 1;
          sample(p, 'missing', i);
        }
      }
    }
  }

  const pairs: BoqPair[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const p = a * n + b;
      const errors = { quantity: err.quantity[p] as number, arithmetic: err.arithmetic[p] as number, missing: err.missing[p] as number, extra: err.extra[p] as number, order: err.order[p] as number };
      const none = { identicalPrice: [], quantity: [], arithmetic: [], missing: [], extra: [], order: [] } as Record<SampleKind, string[]>;
      const c = compared[p] as number;
      pairs.push({
        tenderCode,
        pair: [bidders[a] as string, bidders[b] as string],
        common: common[p] as number,
        compared: c,
        identical: identical[p] as number,
        share: c > 0 ? (identical[p] as number) / c : 0,
        errors,
        errorTotal: errors.quantity + errors.arithmetic + errors.missing + errors.extra + errors.order,
        samples: samples.get(p) ?? none,
      });
    }
  }
  let listItems = 0;
  const fixed: string[] = [];
  for (let i = 0; i < m; i++) {
    listItems += isList[i] as number;
    if (isFixed[i]) fixed.push(items[i] as string);
  }
  return { pairs, summary: { bidders: n, items: m, listItems, fixedItems: fixed.length, lines: to - from }, fixed };
}
