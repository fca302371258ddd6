/** Properties of the stockout-robust facts for arbitrary spend series and stock shares. */
import fc from "fast-check";
import { DEFAULT_ATTRIBUTION } from "../../src/engine/parameters/pack-parameters";
import { robustFacts, type RobustFacts } from "../../src/engine/metrics/robust-facts";

const A = DEFAULT_ATTRIBUTION;
const T = A.stockoutWeekShare;

/** A customer: weekly spend in cents and per-week out share of the store. */
const seriesArb = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    cents: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000_000 })), {
      minLength: n,
      maxLength: n,
    }),
    share: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })), {
      minLength: n,
      maxLength: n,
    }),
    baselineWeeks: fc.integer({ min: 1, max: 16 }),
    currentWeeks: fc.integer({ min: 1, max: 8 }),
    structuralWeeks: fc.integer({ min: 1, max: 16 }),
  }),
);

type Case = {
  cents: number[];
  share: number[];
  baselineWeeks: number;
  currentWeeks: number;
  structuralWeeks: number;
};

function run(c: Case, cents = c.cents, share = c.share): RobustFacts {
  const n = cents.length;
  const cw = Math.min(n, c.currentWeeks);
  const baseline: [number, number] =
    n > cw ? [Math.max(0, n - cw - c.baselineWeeks), n - cw] : [0, n];
  return robustFacts(
    { spendCents: Float64Array.from(cents), offset: 0, outShare: (i) => share[i], n },
    { baseline, current: [n - cw, n], structural: [Math.max(0, n - c.structuralWeeks), n] },
    A,
  );
}

const STOCKOUT_FACTS = new Set([
  "stockoutDepth", // mean share out in stockout weeks: a minor share never enters it
]);

describe("robust facts: properties", () => {
  it("are finite, and shares / counts stay in range, for any spend series and stock", () => {
    fc.assert(
      fc.property(seriesArb, (c) => {
        const f = run(c);
        for (const [k, v] of Object.entries(f)) {
          if (!Number.isFinite(v)) throw new Error(`${k} = ${v}`);
        }
        expect(Math.abs(f.shortfallZ)).toBeLessThanOrEqual(A.zCap);
        expect(f.declinePct).toBeGreaterThanOrEqual(0);
        expect(f.declinePct).toBeLessThanOrEqual(100);
        expect(f.inStockDeclinePct).toBeGreaterThanOrEqual(0);
        expect(f.stockoutExplainedShare).toBeGreaterThanOrEqual(0);
        expect(f.stockoutExplainedShare).toBeLessThanOrEqual(1 + 1e-12);
        expect(f.stockoutWeeksCurrent).toBeLessThanOrEqual(
          Math.min(c.currentWeeks, c.cents.length),
        );
        expect(f.shortfall).toBeGreaterThanOrEqual(0);
        expect(f.noiseSd).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
  });

  it("adding background minor stockouts (below the threshold) changes no fact", () => {
    fc.assert(
      fc.property(
        seriesArb,
        fc.array(fc.double({ min: 0, max: T, maxExcluded: true, noNaN: true }), {
          minLength: 30,
          maxLength: 30,
        }),
        (c, minor) => {
          // Heavy weeks stay heavy; every other week gets a minor share of the range out.
          const withMinor = c.share.map((s, i) => (s >= T ? s : minor[i]));
          const before = run(c);
          const after = run(c, c.cents, withMinor);
          for (const k of Object.keys(before) as (keyof RobustFacts)[]) {
            if (STOCKOUT_FACTS.has(k)) continue;
            expect([k, after[k]]).toEqual([k, before[k]]);
          }
          expect(after.stockoutDepth).toBeCloseTo(before.stockoutDepth, 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("scaling all spend by k leaves shortfallZ, declinePct and the shares unchanged", () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 2, max: 50 }), (c, k) => {
        const a = run(c);
        const b = run(
          c,
          c.cents.map((v) => v * k),
        );
        const close = (x: number, y: number): void => {
          expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(x)));
        };
        close(b.shortfallZ, a.shortfallZ);
        close(b.declinePct, a.declinePct);
        close(b.inStockDeclinePct, a.inStockDeclinePct);
        close(b.stockoutShortfallZ, a.stockoutShortfallZ);
        close(b.stockoutExplainedShare, a.stockoutExplainedShare);
        close(b.expectedAvg, a.expectedAvg * k);
      }),
      { numRuns: 300 },
    );
  });
});
