/**
 * churnList (issue 14, engine-gc round: indexed loops and a sort of positions) gives the list the
 * replaced chain of map / filter / sort / map gave, kept as the reference in
 * reference/churn-list-before.ts: same entries in the same order, on random customers with tied,
 * -0 and NaN scores.
 */
import fc from "fast-check";
import { churnList } from "../../src/engine/stages/churn-list";
import { customerResult } from "./customer-result";
import { churnListBefore } from "./reference/churn-list-before";

const customerArb = fc.record({
  churnListed: fc.boolean(),
  churnScore: fc.oneof(
    fc.constantFrom(0, -0, 0.25, 0.5, 1, Number.NaN),
    fc.double({ min: 0, max: 1 }),
  ),
  churnProbability: fc.double({ min: 0, max: 1, noNaN: true }),
  churnFactors: fc.array(fc.constantFrom("zero streak", "decline", "stockout"), { maxLength: 3 }),
  weeks: fc.option(fc.nat({ max: 60 }), { nil: undefined }),
  zeros: fc.option(fc.nat({ max: 60 }), { nil: undefined }),
});

test("churnList equals the replaced chain: entries, order and values", () => {
  fc.assert(
    fc.property(fc.array(customerArb, { maxLength: 80 }), (spec) => {
      const customers = spec.map((x, k) => {
        const facts: Record<string, number> = {};
        if (x.weeks !== undefined) facts.weeksSinceLastPurchase = x.weeks;
        if (x.zeros !== undefined) facts.trailingZeroWeeks = x.zeros;
        return customerResult(`C${k}`, { ...x, facts });
      });
      const after = churnList(customers);
      expect(after).toEqual(churnListBefore(customers));
      expect(after.map((e) => e.customerId)).toEqual(
        churnListBefore(customers).map((e) => e.customerId),
      );
    }),
    { numRuns: 400 },
  );
});

test("hand-worked: listed customers by score, ties in file order", () => {
  const cs = [
    customerResult("A", { churnListed: true, churnScore: 0.5 }),
    customerResult("B", { churnListed: false, churnScore: 1 }),
    customerResult("C", { churnListed: true, churnScore: 1 }),
    customerResult("D", { churnListed: true, churnScore: 0.5 }),
  ];
  expect(churnList(cs).map((e) => [e.customerId, e.score])).toEqual([
    ["C", 1],
    ["A", 0.5],
    ["D", 0.5],
  ]);
});
