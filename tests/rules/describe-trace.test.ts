import fc from "fast-check";
import { compileRules } from "../../src/rules/compiled-rules";
import { describeTrace, factSpecMap } from "../../src/rules/describe-trace";
import {
  formatFactValue,
  formatMoney,
  formatNumber,
  formatPercent,
} from "../../src/rules/format-value";
import type { FactSpec, RuleDefinition } from "../../src/rules/types";
import { CUSTOMER_FACTS } from "./test-registry";

const FACTS = factSpecMap(CUSTOMER_FACTS);

describe("number formatting (locale-free)", () => {
  it("money, percent, grouping, rounding, negatives", () => {
    expect(formatMoney(1234.5)).toBe("$1,234.50");
    expect(formatMoney(48.1)).toBe("$48.10");
    expect(formatMoney(-1234567.891)).toBe("-$1,234,567.89");
    expect(formatMoney(0)).toBe("$0.00");
    expect(formatMoney(-0.001)).toBe("$0.00");
    expect(formatPercent(41.3)).toBe("41.3%");
    expect(formatPercent(-41.25)).toBe("-41.3%"); // toFixed on the double 41.25 rounds up
    expect(formatNumber(1234567, 0)).toBe("1,234,567");
    expect(formatNumber(0.7, 3, true)).toBe("0.7");
    expect(formatNumber(Number.NaN, 2)).toBe("not a number");
    expect(formatFactValue(3, CUSTOMER_FACTS[3])).toBe("3 weeks");
    expect(formatFactValue(1, CUSTOMER_FACTS[3])).toBe("1 week");
    expect(formatFactValue(null, CUSTOMER_FACTS[0])).toBe("not available");
    expect(formatFactValue(true, CUSTOMER_FACTS[6])).toBe("yes");
  });

  it("property: grouping keeps the digits and puts a comma every three", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const s = formatNumber(n, 0);
        expect(Number(s.replace(/,/g, ""))).toBe(n === 0 ? 0 : n);
        expect(s).toMatch(/^-?\d{1,3}(,\d{3})*$/);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (n) => {
        const s = formatMoney(n);
        expect(s).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d{2}$/);
        expect(Math.abs(Number(s.replace(/[$,]/g, "")) - n)).toBeLessThanOrEqual(0.005 + 1e-6);
      }),
    );
  });
});

describe("describeTrace", () => {
  const rules: RuleDefinition[] = [
    {
      name: "declining",
      conditions: {
        all: [
          { fact: "recentAvg", operator: "lessThan", value: { fact: "baselineAvg" } },
          { fact: "trendPct", operator: "lessThanInclusive", value: -20 },
          { not: { fact: "segment", operator: "in", value: ["Budget", "Standard"] } },
        ],
      },
      event: { type: "gap", params: {} },
    },
    {
      name: "either",
      conditions: {
        any: [
          { fact: "zeroWeeks", operator: "greaterThanInclusive", value: 3 },
          { fact: "loyaltyMember", operator: "equal", value: false },
        ],
      },
      event: { type: "gap", params: {} },
    },
  ];
  const compiled = compileRules(rules);
  const facts = {
    recentAvg: 48.1,
    baselineAvg: 57,
    trendPct: -41.3,
    segment: "Premium",
    zeroWeeks: 4,
    loyaltyMember: true,
  };

  it("all: every condition with its values; not: 'not (…)'", () => {
    expect(describeTrace(compiled.trace(0, facts), FACTS)).toBe(
      "recent 4-week average $48.10 is below baseline average $57.00; trend vs baseline -41.3% is at or below -20.0%; " +
        "not (segment Premium is one of Budget, Standard)",
    );
  });

  it("any: only the conditions that held", () => {
    expect(describeTrace(compiled.trace(1, facts), FACTS)).toBe(
      "weeks without spend 4 weeks is at or above 3 weeks",
    );
  });

  it("a condition that did not hold is stated in full, missing facts as 'not available'", () => {
    expect(describeTrace(compiled.trace(1, { zeroWeeks: null }), FACTS)).toBe(
      "any of (weeks without spend not available is at or above 3 weeks; loyalty member not available is no)",
    );
  });
});

describe("labels and value words (issue 13: no engine name in a why)", () => {
  const labelled = factSpecMap(
    CUSTOMER_FACTS.map((f) => (f.name === "trendPct" ? { ...f, label: "Change vs baseline" } : f)),
  );
  const rule: RuleDefinition = {
    name: "r",
    conditions: {
      all: [
        { fact: "trendPct", operator: "lessThan", value: -15 },
        { fact: "segment", operator: "in", value: ["at_risk", "lapsed"] },
      ],
    },
    event: { type: "gap", params: {} },
  };
  const compiled = compileRules([rule]);
  const facts = { trendPct: -41.25, segment: "at_risk" };
  const words = (v: string): string => (v === "at_risk" ? "at risk" : v);

  it("names a fact by its label, in sentence case, and string values by the words given", () => {
    expect(describeTrace(compiled.trace(0, facts), labelled, undefined, words)).toBe(
      "change vs baseline -41.3% is below -15.0%; segment at risk is one of at risk, lapsed",
    );
  });

  it("a label is worded again when its spec's label or description changes (the labels are remembered per spec)", () => {
    const spec = { ...(labelled.get("trendPct") as FactSpec) };
    const specs = new Map([["trendPct", spec]]);
    const one = compileRules([
      {
        name: "t",
        conditions: { all: [{ fact: "trendPct", operator: "lessThan", value: -15 }] },
        event: { type: "gap", params: {} },
      },
    ]);
    const said = (): string => describeTrace(one.trace(0, facts), specs);
    expect(said()).toBe("change vs baseline -41.3% is below -15.0%");
    spec.label = "Drop against the usual";
    expect(said()).toBe("drop against the usual -41.3% is below -15.0%");
    delete spec.label;
    spec.description = "Spend trend (the last weeks). More words.";
    expect(said()).toBe("spend trend -41.3% is below -15.0%");
    // Another fact name given the same spec object is named by its own name's wording.
    spec.description = "";
    expect(said()).toBe("trendPct -41.3% is below -15.0%");
    const other = new Map([["otherFact", spec]]);
    const two = compileRules([
      {
        name: "o",
        conditions: { all: [{ fact: "otherFact", operator: "lessThan", value: -15 }] },
        event: { type: "gap", params: {} },
      },
    ]);
    expect(describeTrace(two.trace(0, { otherFact: -41.25 }), other)).toBe(
      "otherFact -41.3% is below -15.0%",
    );
  });

  it("without labels or words, the description and the value as given (unchanged behaviour)", () => {
    expect(describeTrace(compiled.trace(0, facts), FACTS)).toContain(
      "trend vs baseline -41.3% is below -15.0%",
    );
    expect(describeTrace(compiled.trace(0, facts), FACTS)).toContain(
      "at_risk is one of at_risk, lapsed",
    );
  });
});
