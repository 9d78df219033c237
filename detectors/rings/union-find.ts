/**
 * Union–find (disjoint sets) over string ids, with path halving and union by size.
 *
 * Used to join 第四十条 links and graph groups into rings: two firms end in the same ring when a chain of links
 * connects them, whatever the order the links arrive in. Components come back sorted (members ascending, rings by
 * their first member) so the output never depends on input order.
 */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  add(x: string): void {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      this.size.set(x, 1);
    }
  }

  find(x: string): string {
    this.add(x);
    let r = x;
    for (;;) {
      const p = this.parent.get(r) as string;
      if (p === r) return r;
      const gp = this.parent.get(p) as string;
      this.parent.set(r, gp); // path halving
      r = gp;
    }
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const sa = this.size.get(ra) as number;
    const sb = this.size.get(rb) as number;
    const [big, small] = sa >= sb ? [ra, rb] : [rb, ra];
    this.parent.set(small, big);
    this.size.set(big, sa + sb);
  }

  connected(a: string, b: string): boolean {
    return this.find(a) === this.find(b);
  }

  /** Every set with at least `minSize` members; members sorted, sets sorted by first member. */
  components(minSize = 2): string[][] {
    const groups = new Map<string, string[]>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      const g = groups.get(r);
      if (g) g.push(x);
      else groups.set(r, [x]);
    }
    const out = [...groups.values()].filter((g) => g.length >= minSize).map((g) => g.sort(compareStrings));
    return out.sort((a, b) => compareStrings(a[0] as string, b[0] as string));
  }
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Joins pairs and groups (each group is fully joined) into disjoint, sorted components of ≥ 2 members. */
export function joinIntoRings(pairs: Iterable<readonly [string, string]>, groups: Iterable<readonly string[]> = []): string[][] {
  const uf = new UnionFind();
  for (const [a, b] of pairs) if (a !== b) uf.union(a, b);
  for (const g of groups) {
    const first = g[0];
    if (first === undefined) continue;
    uf.add(first);
    for (const m of g) uf.union(first, m);
  }
  return uf.components(2);
}
