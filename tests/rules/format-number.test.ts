/**
 * formatNumber (src/rules/format-value.ts) gives the same text as the version it replaced
 * (kept verbatim in reference/format-number-before.ts) for every number, decimals and trim.
 */
import fc from "fast-check";
import { formatNumber } from "../../src/rules/format-value";
import { formatNumberBefore } from "./reference/format-number-before";

/** Numbers of every kind a why meets: cents, large and tiny values, ties, zeros and specials. */
const numbers = fc.oneof(
  fc.double(),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((c) => c / 100),
  fc.integer({ min: -100_000, max: 100_000 }).map((c) => c / 1000),
  fc.constantFrom(0, -0, 0.5, -0.5, 0.05, -0.049, 999.995, -999.9999, 1e21, -1e21, 1e-7, 123456789),
);

test("property: the same text as before for any number, decimals 0-6 and trim", () => {
  fc.assert(
    fc.property(numbers, fc.integer({ min: 0, max: 6 }), fc.boolean(), (n, decimals, trim) => {
      expect(formatNumber(n, decimals, trim)).toBe(formatNumberBefore(n, decimals, trim));
    }),
    { numRuns: 5000 },
  );
});

test("hand-worked: grouping, trimming and the sign of a number shown as zero", () => {
  expect(formatNumber(1234567.891, 2)).toBe("1,234,567.89");
  expect(formatNumber(-1234.5, 1)).toBe("-1,234.5");
  expect(formatNumber(100, 1, true)).toBe("100");
  expect(formatNumber(1000.5, 2, true)).toBe("1,000.5");
  expect(formatNumber(-0.0001, 2)).toBe("0.00");
  expect(formatNumber(-0.0001, 2, true)).toBe("0");
  expect(formatNumber(999999.999, 2)).toBe("1,000,000.00");
  expect(formatNumber(-Infinity, 2)).toBe("minus infinity");
});
