import fc from "fast-check";
import { createRandom, deriveSeed } from "../../src/engine/sample/random";

function draws(seed: number, n: number): number[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => r.next());
}

describe("Random", () => {
  it("repeats the same sequence for the same seed and differs for another seed", () => {
    expect(draws(42, 100)).toEqual(draws(42, 100));
    expect(draws(42, 100)).not.toEqual(draws(43, 100));
    expect(draws(0, 10)).not.toEqual(draws(-1, 10));
    expect(draws(0.5, 10)).not.toEqual(draws(0, 10));
  });

  it("next() stays in [0, 1) and is roughly uniform", () => {
    const r = createRandom(7);
    const buckets = new Array<number>(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      else buckets[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    // Each decile expects 10,000; 5 standard deviations is about 475.
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(500);
  });

  it("normal() has the requested mean and standard deviation", () => {
    const r = createRandom(11);
    const n = 50_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal(10, 2);
      sum += x;
      sq += x * x;
    }
    const m = sum / n;
    const sd = Math.sqrt(sq / n - m * m);
    expect(Math.abs(m - 10)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });

  it("logNormal() has the requested median", () => {
    const r = createRandom(5);
    const v = Array.from({ length: 20_001 }, () => r.logNormal(80, 0.6)).sort((a, b) => a - b);
    expect(v[10_000]).toBeGreaterThan(77);
    expect(v[10_000]).toBeLessThan(83);
  });

  it("int, pick, weighted and distinctInts respect their bounds", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 30 }),
        (seed, min, width) => {
          const r = createRandom(seed);
          const max = min + width;
          for (let i = 0; i < 20; i++) {
            const x = r.int(min, max);
            expect(Number.isInteger(x) && x >= min && x <= max).toBe(true);
          }
          const count = r.int(0, width + 1);
          const d = r.distinctInts(min, max, count);
          expect(d).toHaveLength(count);
          expect(new Set(d).size).toBe(count);
          for (let i = 1; i < d.length; i++) expect(d[i]).toBeGreaterThan(d[i - 1]);
          for (const x of d) expect(x >= min && x <= max).toBe(true);
          expect(["a", "b", "c"]).toContain(r.pick(["a", "b", "c"]));
          expect(r.weighted([0, 1, 0])).toBe(1);
        },
      ),
    );
  });

  it("weighted() draws in proportion to the weights", () => {
    const r = createRandom(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.weighted([0.7, 0.2, 0.1])]++;
    expect(counts[0] / 30_000).toBeCloseTo(0.7, 1);
    expect(counts[1] / 30_000).toBeCloseTo(0.2, 1);
    expect(counts[2] / 30_000).toBeCloseTo(0.1, 1);
  });

  it("deriveSeed separates streams and is stable", () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    const seen = new Set<number>();
    for (let s = 0; s < 50; s++) for (let i = 0; i < 50; i++) seen.add(deriveSeed(9, s, i));
    expect(seen.size).toBe(2500);
    expect(deriveSeed(1, 2, 3)).not.toBe(deriveSeed(1, 3, 2));
  });
});
