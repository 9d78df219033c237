import { mulberry32, sampleInto, seedFrom } from './prng.js';

describe('seeded PRNG', () => {
  it('is reproducible and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });

  it('mean of 10 000 draws is near ½', () => {
    const r = mulberry32(7);
    let s = 0;
    for (let i = 0; i < 10000; i++) s += r();
    expect(s / 10000).toBeGreaterThan(0.49);
    expect(s / 10000).toBeLessThan(0.51);
  });

  it('seedFrom is FNV-1a over the joined labels', () => {
    // FNV-1a 32-bit of "" is the offset basis 0x811c9dc5; of "a" it is 0xe40c292c
    expect(seedFrom()).toBe(0x811c9dc5);
    expect(seedFrom('a')).toBe(0xe40c292c);
    expect(seedFrom(1, 'T1')).toBe(seedFrom('1|T1'));
  });

  it('sampleInto draws k distinct items', () => {
    const scratch = Array.from({ length: 10 }, (_, i) => i);
    const s = sampleInto(mulberry32(1), scratch, 4);
    expect(new Set(s).size).toBe(4);
    expect(s.every((x) => x >= 0 && x < 10)).toBe(true);
    expect(() => sampleInto(mulberry32(1), [0, 1], 3)).toThrow(RangeError);
  });
});
