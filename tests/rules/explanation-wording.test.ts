/** Explanation wording for a finance reader: ratios as percents, short fact labels. */
import fc from "fast-check";
import { compileRules } from "../../src/rules/compiled-rules";
import { describeTrace, factSpecMap } from "../../src/rules/describe-trace";
import { formatFactValue } from "../../src/rules/format-value";
import type { FactSpec } from "../../src/rules/types";

const SHARE: FactSpec = {
  name: "stockoutShare",
  type: "number",
  unit: "ratio",
  description: "Share of gap weeks with a stockout. Stockout overlap / gap weeks.",
};

test("ratio values as percents, up to one decimal, trailing zeros trimmed", () => {
  expect(formatFactValue(0.415, SHARE)).toBe("41.5%");
  expect(formatFactValue(0.4, SHARE)).toBe("40%");
  expect(formatFactValue(1, SHARE)).toBe("100%");
  expect(formatFactValue(0, SHARE)).toBe("0%");
  expect(formatFactValue(0.12345, SHARE)).toBe("12.3%");
  expect(formatFactValue(Number.NaN, SHARE)).toBe("not a number");
});

test("property: the percent text is the ratio x 100 to 0.05", () => {
  fc.assert(
    fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
      const s = formatFactValue(x, SHARE);
      expect(s).toMatch(/^-?[\d,]+(\.\d)?%$/);
      expect(Math.abs(Number(s.replace(/[%,]/g, "")) - x * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
    }),
  );
});

test("a rule on a ratio fact explains in percents", () => {
  const compiled = compileRules([
    {
      name: "stockout-cause",
      conditions: {
        all: [{ fact: "stockoutShare", operator: "greaterThanInclusive", value: 0.4 }],
      },
      event: { type: "root-cause", params: {} },
    },
  ]);
  expect(describeTrace(compiled.trace(0, { stockoutShare: 0.5 }), factSpecMap([SHARE]))).toBe(
    "share of gap weeks with a stockout 50% is at or above 40%",
  );
});

test("fact labels drop parenthetical remarks, so a ';' inside them cannot cut a label mid-bracket", () => {
  const pct: FactSpec = {
    name: "trendPct",
    type: "number",
    unit: "percent",
    description:
      "Current vs baseline average in percent (-41.3 = 41.3% below baseline; 0 when the baseline is 0).",
  };
  const z: FactSpec = {
    name: "z",
    type: "number",
    unit: "score",
    description: "Shortfall in noise units: (expected - current) / noise; clamped.",
  };
  const compiled = compileRules([
    {
      name: "r",
      conditions: {
        all: [
          { fact: "trendPct", operator: "lessThanInclusive", value: -20 },
          { fact: "z", operator: "greaterThanInclusive", value: 2.5 },
        ],
      },
      event: { type: "gap", params: {} },
    },
  ]);
  expect(
    describeTrace(compiled.trace(0, { trendPct: -41.3, z: 3.46 }), factSpecMap([pct, z])),
  ).toBe(
    "current vs baseline average in percent -41.3% is at or below -20.0%; shortfall in noise units 3.46 is at or above 2.5",
  );
});
