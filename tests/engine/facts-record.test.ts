/**
 * writeNumericMetrics (named stores, issue 14 engine-gc round) writes what the replaced loop over
 * NUMERIC_METRICS wrote: exactly those keys, in that order, each customer's value from its own
 * column (Object.is: -0 and NaN kept), on random columns and customers. The records of a whole
 * run against customerFactsRecord (still the loop) are checked in classify-fast-paths.test.ts.
 */
import fc from "fast-check";
import { NUMERIC_METRICS, type NumericMetric } from "../../src/engine/metrics/customer-metrics";
import {
  writeNumericMetrics,
  type MutableFacts,
} from "../../src/engine/stages/customer-facts-record";

const value = fc.oneof(
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(-0, Number.NaN, Infinity),
);

test("writes every numeric metric, in NUMERIC_METRICS order, from its own column", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }).chain((n) =>
        fc.record({
          n: fc.constant(n),
          k: fc.nat({ max: n - 1 }),
          cells: fc.array(fc.array(value, { minLength: n, maxLength: n }), {
            minLength: NUMERIC_METRICS.length,
            maxLength: NUMERIC_METRICS.length,
          }),
        }),
      ),
      ({ k, cells }) => {
        const numeric = Object.fromEntries(
          NUMERIC_METRICS.map((name, j) => [name, Float64Array.from(cells[j])]),
        ) as Record<NumericMetric, Float64Array>;
        const written: MutableFacts = {};
        writeNumericMetrics(written, numeric, k);
        const loop: MutableFacts = {};
        for (const name of NUMERIC_METRICS) loop[name] = numeric[name][k];
        expect(Object.keys(written)).toEqual([...NUMERIC_METRICS]);
        for (const name of NUMERIC_METRICS) expect(Object.is(written[name], loop[name])).toBe(true);
      },
    ),
    { numRuns: 200 },
  );
});
