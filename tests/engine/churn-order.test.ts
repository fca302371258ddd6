/**
 * The churn list ordered without a comparator (issue 14, engine2 round) against the chain it
 * replaced (reference/churn-list-before.ts), on long lists without NaN, where the new order is
 * used (churn-list.test.ts covers short lists, NaN among them, where the comparator sort remains):
 * the same entries in the same order, ties in file order, -0 and 0 tied.
 */
import fc from "fast-check";
import { churnList } from "../../src/engine/stages/churn-list";
import { customerResult } from "./customer-result";
import { churnListBefore } from "./reference/churn-list-before";

const customerArb = fc.record({
  churnListed: fc.boolean(),
  churnScore: fc.oneof(
    fc.constantFrom(0, -0, 0.25, 0.5, 1),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ),
});

test("churnList on long lists without NaN equals the replaced chain", () => {
  fc.assert(
    fc.property(fc.array(customerArb, { minLength: 50, maxLength: 2000 }), (spec) => {
      const customers = spec.map((x, k) =>
        customerResult(`C${k}`, {
          ...x,
          facts: { weeksSinceLastPurchase: k % 7, trailingZeroWeeks: k % 5 },
        }),
      );
      expect(churnList(customers)).toEqual(churnListBefore(customers));
    }),
    { numRuns: 60 },
  );
});
