/**
 * The value percentile (src/engine/metrics/value-percentile.ts: a binary search within one bucket
 * of value) against its definition counted directly: for each total, the share (x 100) of the
 * totals at most it. Any doubles: ties, -0 beside 0, NaN, infinities, subnormals, one value, the
 * widest range, and customers' cents totals.
 */
import fc from "fast-check";
import { valuePercentilesInto } from "../../src/engine/metrics/value-percentile";

/** The definition: totals[j] <= totals[k] counted over every j, as a share x 100. */
function counted(totals: readonly number[]): number[] {
  return totals.map((t) => (totals.filter((u) => u <= t).length / totals.length) * 100);
}

function percentiles(totals: readonly number[]): number[] {
  const out = new Float64Array(totals.length);
  valuePercentilesInto(Float64Array.from(totals), out);
  return Array.from(out);
}

const special = fc.constantFrom(
  0,
  -0,
  Number.NaN,
  Infinity,
  -Infinity,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1e-300,
);

describe("value percentile", () => {
  it("is the share of totals at most each total, for any doubles", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), special), { maxLength: 60 }), (totals) => {
        const got = percentiles(totals);
        const want = counted(totals);
        for (let k = 0; k < totals.length; k++) expect([k, got[k]]).toEqual([k, want[k]]);
      }),
      { numRuns: 1000 },
    );
  });

  it("is the share of totals at most each total, for tied cents totals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -500, max: 2_000_000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (cents, tie) => {
          // Many equal totals (every tie-th cent amount rounded down to a multiple of tie).
          const totals = cents.map((c) => (Math.floor(c / tie) * tie) / 100);
          expect(percentiles(totals)).toEqual(counted(totals));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("hand-worked: ties share the higher count, NaN is at most nothing", () => {
    expect(percentiles([5, 1, 5, 3])).toEqual([100, 25, 100, 50]);
    expect(percentiles([2, Number.NaN, -0, 0])).toEqual([75, 0, 50, 50]);
    expect(percentiles([7, 7, 7])).toEqual([100, 100, 100]);
    expect(percentiles([])).toEqual([]);
  });
});
