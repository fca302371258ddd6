/**
 * groupedNumber (input/period.ts) writes whole numbers by hand instead of toLocaleString (issue
 * 14: no ICU data loaded for one count): the same text as `toLocaleString("en-US")` for any
 * number, whole or not, and the counts countPeriods words with it.
 */
import fc from "fast-check";
import { countPeriods, groupedNumber } from "../../src/engine/input/period";

test("groupedNumber is toLocaleString('en-US') for any number", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer(),
        fc.maxSafeInteger(),
        fc.maxSafeNat().map((n) => -n),
        fc.constantFrom(0, -0, 999, 1000, -1000, 999_999, 1_000_000, 2 ** 53, -(2 ** 53), 1e21),
        fc.double(),
      ),
      (n) => {
        expect(groupedNumber(n)).toBe(n.toLocaleString("en-US"));
      },
    ),
    { numRuns: 2000 },
  );
});

test("countPeriods words counts as before (hand-worked)", () => {
  expect(countPeriods(1)).toBe("1 week");
  expect(countPeriods(52)).toBe("52 weeks");
  expect(countPeriods(1040000)).toBe("1,040,000 weeks");
  expect(countPeriods(12, "month")).toBe("12 months");
});
