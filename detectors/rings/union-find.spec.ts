import { mulberry32, randomInt } from './prng.js';
import { joinIntoRings, UnionFind } from './union-find.js';

describe('UnionFind', () => {
  it('joins chains and keeps others apart', () => {
    const uf = new UnionFind();
    uf.union('A', 'B');
    uf.union('C', 'B');
    uf.add('D');
    expect(uf.connected('A', 'C')).toBe(true);
    expect(uf.connected('A', 'D')).toBe(false);
    expect(uf.components(1)).toEqual([['A', 'B', 'C'], ['D']]);
    expect(uf.components()).toEqual([['A', 'B', 'C']]);
  });

  it('joinIntoRings joins pairs and whole groups, ignores self-pairs, sorts the output', () => {
    expect(joinIntoRings([['Z', 'Y'], ['B', 'A'], ['Q', 'Q']], [['M', 'N', 'A']])).toEqual([
      ['A', 'B', 'M', 'N'],
      ['Y', 'Z'],
    ]);
  });
});

/** Property tests with a seeded PRNG loop (no property-testing dependency). */
describe('union–find rings: properties over random link sets', () => {
  const rng = mulberry32(20260417);
  const cases = Array.from({ length: 200 }, () => {
    const nodes = 2 + randomInt(rng, 30);
    const nLinks = randomInt(rng, 40);
    const links: Array<[string, string]> = Array.from({ length: nLinks }, () => [`F${randomInt(rng, nodes)}`, `F${randomInt(rng, nodes)}`]);
    return links.filter(([a, b]) => a !== b);
  });

  const shuffled = <T>(xs: T[], seed: number): T[] => {
    const r = mulberry32(seed);
    const out = xs.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = randomInt(r, i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };

  it('rings are disjoint', () => {
    for (const links of cases) {
      const seen = new Set<string>();
      for (const ring of joinIntoRings(links)) {
        for (const m of ring) {
          expect(seen.has(m)).toBe(false);
          seen.add(m);
        }
      }
    }
  });

  it('every linked pair ends in the same ring', () => {
    for (const links of cases) {
      const rings = joinIntoRings(links);
      const ringOf = new Map<string, number>();
      rings.forEach((r, i) => r.forEach((m) => ringOf.set(m, i)));
      for (const [a, b] of links) {
        expect(ringOf.get(a)).toBeDefined();
        expect(ringOf.get(a)).toBe(ringOf.get(b));
      }
    }
  });

  it('every ring is connected by its own links and holds only linked firms', () => {
    for (const links of cases) {
      for (const ring of joinIntoRings(links)) {
        const inRing = new Set(ring);
        const adj = new Map<string, string[]>();
        for (const [a, b] of links) {
          if (!inRing.has(a)) continue;
          adj.set(a, [...(adj.get(a) ?? []), b]);
          adj.set(b, [...(adj.get(b) ?? []), a]);
        }
        const reached = new Set([ring[0] as string]);
        const stack = [ring[0] as string];
        while (stack.length) {
          for (const n of adj.get(stack.pop() as string) ?? []) {
            if (reached.has(n)) continue;
            reached.add(n);
            stack.push(n);
          }
        }
        expect(reached.size).toBe(ring.length);
      }
    }
  });

  it('is independent of link order and of the order inside a pair', () => {
    cases.forEach((links, i) => {
      const expected = joinIntoRings(links);
      const flipped = shuffled(links, i).map(([a, b], k) => (k % 2 ? ([b, a] as [string, string]) : ([a, b] as [string, string])));
      expect(joinIntoRings(flipped)).toEqual(expected);
    });
  });

  it('output is sorted: members ascending, rings by first member', () => {
    for (const links of cases) {
      const rings = joinIntoRings(links);
      for (const r of rings) expect([...r].sort()).toEqual(r);
      expect(rings.map((r) => r[0])).toEqual(rings.map((r) => r[0]).sort());
    }
  });
});
