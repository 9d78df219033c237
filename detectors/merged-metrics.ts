export type Metrics = Record<string, number | null>;

/**
 * The metrics of every detector and scorer for one kind of subject (tenders or firms), merged on read.
 *
 * Merging eagerly meant about twenty Object.assign calls per tender, and a second copy of every metric object
 * held in memory: 5 s and a few hundred MB per million bids (issue 10, bench/detect/real-shaped). Here each
 * producer's map is kept as it is. `get` and iteration build the merged object when asked, and `json` writes it
 * straight from the parts. A later producer's value wins for a key that two producers set: JSON.stringify of a
 * merged object and jsonb input of concatenated parts both keep the last value.
 */
export class MergedMetrics implements ReadonlyMap<string, Metrics> {
  private readonly parts: ReadonlyMap<string, Metrics>[] = [];
  private readonly order = new Set<string>();

  static of(...parts: ReadonlyMap<string, Metrics>[]): MergedMetrics {
    const m = new MergedMetrics();
    for (const p of parts) m.add(p);
    return m;
  }

  /** Adds one producer's metrics; producers are merged in the order they were added. */
  add(part: ReadonlyMap<string, Metrics> | undefined): void {
    if (!part || part.size === 0) return;
    this.parts.push(part);
    for (const k of part.keys()) this.order.add(k);
  }

  get size(): number {
    return this.order.size;
  }

  has(key: string): boolean {
    return this.order.has(key);
  }

  get(key: string): Metrics | undefined {
    let out: Metrics | undefined;
    for (const p of this.parts) {
      const v = p.get(key);
      if (v) out = out ? Object.assign(out, v) : { ...v };
    }
    return out;
  }

  /** The merged metrics of one key as a JSON object text, without building the merged object; `{}` if none. */
  json(key: string): string {
    const pieces: string[] = [];
    for (const p of this.parts) {
      const v = p.get(key);
      if (!v) continue;
      const s = JSON.stringify(v);
      if (s.length > 2) pieces.push(s.slice(1, -1));
    }
    return `{${pieces.join(',')}}`;
  }

  *keys(): MapIterator<string> {
    yield* this.order;
  }

  *values(): MapIterator<Metrics> {
    for (const k of this.order) yield this.get(k) as Metrics;
  }

  *entries(): MapIterator<[string, Metrics]> {
    for (const k of this.order) yield [k, this.get(k) as Metrics];
  }

  [Symbol.iterator](): MapIterator<[string, Metrics]> {
    return this.entries();
  }

  forEach(fn: (value: Metrics, key: string, map: ReadonlyMap<string, Metrics>) => void, thisArg?: unknown): void {
    for (const k of this.order) fn.call(thisArg, this.get(k) as Metrics, k, this);
  }
}
