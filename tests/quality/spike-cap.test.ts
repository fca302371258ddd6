/**
 * The robust expected level: baseline weeks far above the customer's usual purchase are clipped
 * (spike-cap.ts) before expectedAvg and noiseSd. Hand-worked cases and properties, among them the
 * bound on how far one huge week can move expectedAvg.
 */
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import { robustFacts, type RobustFacts } from "../../src/engine/metrics/robust-facts";
import { MAD_TO_SD, spikeCap } from "../../src/engine/metrics/spike-cap";
import {
  DEFAULT_ATTRIBUTION,
  type AttributionParameters,
} from "../../src/engine/parameters/pack-parameters";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import type { CellValue } from "../../src/engine/input/raw-table";

const A = DEFAULT_ATTRIBUTION;

/** Facts of a customer with no stock data: `baseline` dollars then `current` dollars. */
function facts(
  baseline: number[],
  current: number[],
  attribution: Partial<AttributionParameters> = {},
): RobustFacts {
  const cents = [...baseline, ...current].map((d) => Math.round(d * 100));
  const n = cents.length;
  return robustFacts(
    { spendCents: Float64Array.from(cents), offset: 0, outShare: () => 0, n },
    { baseline: [0, baseline.length], current: [baseline.length, n], structural: [0, n] },
    { ...A, ...attribution },
  );
}

describe("spike cap: hand-worked", () => {
  it("one $400 week among $40-60 purchases is clipped at median + 3 x 1.4826 x MAD", () => {
    // Purchases 40 50 60 55 45 400: sorted 40 45 50 55 60 400, median 52.5; absolute deviations
    // 12.5 2.5 7.5 2.5 7.5 347.5, sorted 2.5 2.5 7.5 7.5 12.5 347.5, MAD 7.5.
    const cap = 52.5 + 3 * 1.4826 * 7.5; // 85.8585
    expect(spikeCap([40, 50, 60, 55, 45, 400], 6, 3, 0.05, 6)).toBeCloseTo(cap, 10);
    const f = facts([40, 50, 60, 55, 45, 400], [50, 50]);
    expect(f.baselineSpikeWeeks).toBe(1);
    expect(f.expectedAvg).toBeCloseTo((250 + cap) / 6, 10); // 55.976..., not the plain 108.33
    expect(f.shortfall).toBeCloseTo((250 + cap) / 6 - 50, 10); // $5.98/week, not $58.33
    // noise from the clipped weeks: deviations of 40 50 60 55 45 85.8585 from their mean
    const mean = (250 + cap) / 6;
    const ss = [40, 50, 60, 55, 45, cap].reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(f.noiseSd).toBeCloseTo(Math.sqrt(ss / 5), 10);
  });

  it("empty weeks neither drag the median down nor get clipped", () => {
    // Six purchases and six empty weeks: over the purchases 10 20 30 40 50 60 the median is 35,
    // deviations 25 15 5 5 15 25 -> MAD 15, cap 35 + 3 x 1.4826 x 15 = 101.717: nothing clipped
    // (over all 12 weeks the median would be 5 and four of the six purchases would be "spikes").
    const f = facts([10, 0, 20, 0, 30, 0, 40, 0, 50, 0, 60, 0], [0, 0]);
    expect(f.baselineSpikeWeeks).toBe(0);
    expect(f.expectedAvg).toBeCloseTo(210 / 12, 10);
  });

  it("fewer purchase weeks than spikeMinWeeks: no clipping", () => {
    // Five purchases: a robust scale from five lumpy orders is not trusted (default minimum 6).
    const f = facts([23.37, 168.47, 15.02, 26.98, 117.45, 0], [0]);
    expect(f.baselineSpikeWeeks).toBe(0);
    expect(f.expectedAvg).toBeCloseTo(351.29 / 6, 10);
    // With a minimum of 5 the cap is 26.98 + 3 x 1.4826 x 11.96 (median 26.98, MAD 11.96).
    const g = facts([23.37, 168.47, 15.02, 26.98, 117.45, 0], [0], { spikeMinWeeks: 5 });
    const cap = 26.98 + 3 * 1.4826 * 11.96;
    expect(g.baselineSpikeWeeks).toBe(2);
    expect(g.expectedAvg).toBeCloseTo((23.37 + 15.02 + 26.98 + 2 * cap) / 6, 8);
  });

  it("a standing order (MAD 0) still has a cap: the noise floor x median", () => {
    // Seven weeks of exactly $50 and one $500 order: MAD 0, scale = 0.05 x 50 = 2.5, cap 57.5.
    const f = facts([50, 50, 50, 500, 50, 50, 50, 50], [50]);
    expect(f.baselineSpikeWeeks).toBe(1);
    expect(f.expectedAvg).toBeCloseTo((7 * 50 + 57.5) / 8, 10);
    // Off (spikeClipK 0): the plain mean, $106.25, and a $56.25/week "shortfall" from nothing.
    const off = facts([50, 50, 50, 500, 50, 50, 50, 50], [50], { spikeClipK: 0 });
    expect(off.expectedAvg).toBeCloseTo(106.25, 10);
    expect(off.shortfall).toBeCloseTo(56.25, 10);
    expect(f.shortfall).toBeCloseTo(0.9375, 10); // (350 + 57.5) / 8 - 50
  });

  it("through the metrics stage: revenueAtRisk in exact cents, baselineSpikeWeeks counted", () => {
    const dates = Array.from({ length: 8 }, (_, i) =>
      new Date(Date.UTC(2025, 2, 3 + 7 * i)).toISOString().slice(0, 10),
    );
    const spend = [40, 50, 60, 55, 45, 400, 50, 50];
    const rows: CellValue[][] = spend.map((v, i) => ["c", dates[i], v]);
    const { dataset } = buildDataset({
      source: "t",
      tables: [
        {
          name: "weekly_sales",
          origin: "t",
          header: ["customer_id", "week_start_date", "weekly_spend"],
          rows,
          headerRow: 1,
          firstColumn: 1,
        },
      ],
    });
    const m = computeMetrics(
      dataset,
      Int32Array.of(0),
      { baselineWeeks: 6, baselineAnchor: "trailing", currentWeeks: 2, structuralWeeks: 8 },
      makeRounder("cents"),
    );
    // (250 + 85.8585) / 6 - 50 = 5.97642: $5.98 once rounded.
    expect(m.numeric.revenueAtRisk[0]).toBe(5.98);
    expect(m.numeric.baselineSpikeWeeks[0]).toBe(1);
    expect(m.numeric.expectedAvg[0]).toBeCloseTo((250 + 52.5 + 3 * 1.4826 * 7.5) / 6, 10);
  });
});

/** A baseline of n weeks with at least `minPurchases` purchase weeks (cents), plus current weeks. */
const baselineArb = fc
  .record({
    purchases: fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 5, maxLength: 20 }),
    empties: fc.integer({ min: 0, max: 10 }),
    current: fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 8 }),
    at: fc.nat(),
    seed: fc.nat(),
  })
  .map(({ purchases, empties, current, at, seed }) => {
    const base = [...purchases];
    for (let e = 0; e < empties; e++) base.splice((seed * (e + 7)) % (base.length + 1), 0, 0);
    return { base, current, at: at % (base.length + 1) };
  });

function run(base: number[], current: number[], attr: Partial<AttributionParameters> = {}) {
  const cents = [...base, ...current];
  return robustFacts(
    { spendCents: Float64Array.from(cents), offset: 0, outShare: () => 0, n: cents.length },
    {
      baseline: [0, base.length],
      current: [base.length, cents.length],
      structural: [0, cents.length],
    },
    { ...A, ...attr },
  );
}

describe("spike cap: properties", () => {
  it("one huge week moves expectedAvg by at most (max + k x max(1.4826 x range, floorCv x max)) / weeks of the other purchases, however huge", () => {
    // Bound: with the huge week H among >= spikeMinWeeks purchases, the median and the MAD of the
    // purchases stay within the other purchases' [min, max] and range, so the cap is at most
    // max + k x max(1.4826 x (max - min), floorCv x max) of the OTHER purchases, and
    // expectedAvg <= (sum of the other weeks + that bound) / baseline weeks. Without clipping
    // expectedAvg grows with H without limit.
    fc.assert(
      fc.property(baselineArb, fc.integer({ min: 0, max: 1_000_000_000_000 }), (c, extra) => {
        const H = 100_000_000 + extra; // $1M+: above every other week and every possible cap
        const base = [...c.base.slice(0, c.at), H, ...c.base.slice(c.at)];
        const f = run(base, c.current);
        const others = c.base.map((v) => v / 100);
        const buys = others.filter((v) => v > 0);
        const max = Math.max(...buys);
        const min = Math.min(...buys);
        const capBound =
          max + A.spikeClipK * Math.max(MAD_TO_SD * (max - min), A.noiseFloorCv * max);
        const sumOthers = others.reduce((s, v) => s + v, 0);
        expect(buys.length + 1).toBeGreaterThanOrEqual(A.spikeMinWeeks);
        expect(f.expectedAvg).toBeLessThanOrEqual(
          ((sumOthers + capBound) / base.length) * (1 + 1e-12),
        );
        expect(f.baselineSpikeWeeks).toBeGreaterThanOrEqual(1);
        // Saturation: beyond the cap H has no effect at all.
        const g = run([...c.base.slice(0, c.at), H * 1000, ...c.base.slice(c.at)], c.current);
        expect(g.expectedAvg).toBe(f.expectedAvg);
        expect(g.noiseSd).toBe(f.noiseSd);
      }),
      { numRuns: 300 },
    );
  });

  it("clipping never raises expectedAvg or noiseSd; spikeClipK 0 is the plain mean", () => {
    fc.assert(
      fc.property(baselineArb, (c) => {
        const on = run(c.base, c.current);
        const off = run(c.base, c.current, { spikeClipK: 0 });
        const plain = c.base.reduce((s, v) => s + v / 100, 0) / c.base.length;
        expect(off.expectedAvg).toBeCloseTo(plain, 6);
        expect(off.baselineSpikeWeeks).toBe(0);
        expect(on.expectedAvg).toBeLessThanOrEqual(off.expectedAvg * (1 + 1e-12));
        // Clipping at a cap is a contraction (|min(x,c) - min(y,c)| <= |x - y|): spread can only shrink.
        expect(on.noiseSd).toBeLessThanOrEqual(off.noiseSd * (1 + 1e-9) + 1e-9);
        if (on.baselineSpikeWeeks === 0) expect(on.expectedAvg).toBe(off.expectedAvg);
      }),
      { numRuns: 300 },
    );
  });

  it("weeks at or below the median purchase are never clipped, and at most half the purchases are", () => {
    fc.assert(
      fc.property(baselineArb, (c) => {
        const buys = c.base.filter((v) => v > 0).map((v) => v / 100);
        const cap = spikeCap(
          c.base.map((v) => v / 100),
          c.base.length,
          A.spikeClipK,
          A.noiseFloorCv,
          A.spikeMinWeeks,
        );
        const sorted = [...buys].sort((a, b) => a - b);
        const median =
          sorted.length % 2
            ? sorted[sorted.length >> 1]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        if (buys.length < A.spikeMinWeeks) expect(cap).toBe(Infinity);
        else expect(cap).toBeGreaterThanOrEqual(median);
        expect(buys.filter((v) => v > cap).length).toBeLessThanOrEqual(Math.floor(buys.length / 2));
      }),
      { numRuns: 300 },
    );
  });
});
