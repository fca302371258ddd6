/**
 * primaryGaps with each customer's best row in a typed column (issue 14, engine2 round) against
 * the map it replaced (tests/engine/reference/primary-gaps-before.ts), on random rows with many
 * rows per customer, tied amounts, -0 and NaN; and by hand: one primary row per customer with
 * rows, the largest amount, ties to the better-ranked (earlier) row.
 */
import fc from "fast-check";
import { primaryGaps } from "../../src/engine/stages/customer-money";
import { primaryGapsBefore } from "./reference/primary-gaps-before";

const rows = fc.array(
  fc.record({
    customerPosition: fc.nat({ max: 40 }),
    gapAmount: fc.oneof(
      fc.constantFrom(0, -0, 1, 5, 5, Number.NaN, Infinity),
      fc.double({ min: -1e6, max: 1e6 }),
    ),
  }),
  { maxLength: 300 },
);

test("primaryGaps flags the rows the replaced map flagged", () => {
  fc.assert(
    fc.property(rows, (r) => {
      expect(primaryGaps(r)).toEqual(primaryGapsBefore(r));
    }),
    { numRuns: 500 },
  );
});

test("primaryGaps by hand: largest amount per customer, ties to the earlier row", () => {
  const r = [
    { customerPosition: 3, gapAmount: 10 },
    { customerPosition: 0, gapAmount: 7 },
    { customerPosition: 3, gapAmount: 12 },
    { customerPosition: 0, gapAmount: 7 },
    { customerPosition: 5, gapAmount: 1 },
  ];
  expect(primaryGaps(r)).toEqual([false, true, true, false, true]);
  expect(primaryGaps([])).toEqual([]);
});
