/**
 * Seeded pseudo-random numbers for the collusion detectors (permutation tests, Louvain's random walk).
 * Never Math.random and never the clock: the same data and settings give the same flags on every run.
 *
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2³², passes PractRand to 2⁴⁰ bytes — ample for
 * ≤ 10⁴ draws per test. Streams for different tenders are derived from labels (`seedFrom(seed, code)`), so
 * adding a tender does not shift another tender's draws.
 */

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from labels: FNV-1a over the labels joined by `|`. */
export function seedFrom(...labels: (string | number)[]): number {
  const s = labels.join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Integer in [0, n). */
export function randomInt(rng: () => number, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * k distinct indices from [0, n), uniformly (partial Fisher–Yates on `scratch`, which must hold 0…n−1 and is
 * left permuted — callers reuse it across draws to avoid allocating).
 */
export function sampleInto(rng: () => number, scratch: number[], k: number): number[] {
  const n = scratch.length;
  if (k > n) throw new RangeError(`sample of ${k} from ${n}`);
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(rng, n - i);
    const t = scratch[i] as number;
    scratch[i] = scratch[j] as number;
    scratch[j] = t;
  }
  return scratch.slice(0, k);
}
