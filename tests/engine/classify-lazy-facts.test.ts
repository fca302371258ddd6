/**
 * The classify stage with one reused record and the customers' records made when read (issue 14,
 * engine-fast round) against the stage it replaced, kept verbatim in reference/classify-before.ts:
 * every record equal, keys in the same order (whether made in run order, in a random order, or all
 * at once), each one fact read through `factOf` equal (Object.is) to the record's, and the churn
 * list, factors, root causes and detected gaps equal. On the seed data with each built-in pack and
 * on random score-points, segment, churn, gap and root-cause rules, including score and segment
 * names the registry does not know, a score named like a metric and rules reading them, so a
 * customer's record must not see what the rules set for the one before.
 */
import fc from "fast-check";
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import type { CustomerMetrics } from "../../src/engine/metrics/customer-metrics";
import type { PackParameters } from "../../src/engine/parameters/pack-parameters";
import { SCORES, SEGMENTS } from "../../src/engine/registry/customer-facts";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import { classifyCustomers, type Classification } from "../../src/engine/stages/classify-customers";
import { factsRecordMaker, readValuesWriter } from "../../src/engine/stages/customer-facts-record";
import { resolveParameters } from "../../src/engine/stages/resolve-parameters";
import type { Condition, RuleDefinition } from "../../src/rules/types";
import { classifyCustomersBefore, type ClassificationBefore } from "./reference/classify-before";
import { rawPack, seedDataset } from "./seed-helpers";

async function seedMetrics(pack: string): Promise<{ m: CustomerMetrics; params: PackParameters }> {
  const ds = await seedDataset();
  const params = resolveParameters(rawPack(pack));
  const sel = Int32Array.from({ length: ds.customers.count }, (_, i) => i);
  return { m: computeMetrics(ds, sel, params.windows, makeRounder(params.rounding)), params };
}

/** Names read through factOf besides each record's own keys (absent and prototype names). */
const EXTRA_NAMES = ["noSuchFact", "constructor", "toString", "customScore", "customSegment"];

/** Asserts that `fast` classified as `before` did; `order` is the order records are first made. */
function expectSame(fast: Classification, before: ClassificationBefore, order: number[]): void {
  const n = before.facts.length;
  // Single facts first, before any record is made (the store answers some from its columns),
  // then again once every record is made. Differences are collected: one expectation per pass.
  const factDifferences = (): string[] => {
    const out: string[] = [];
    for (const k of order)
      for (const name of [...Object.keys(before.facts[k]), ...EXTRA_NAMES])
        if (!Object.is(fast.store.factOf(k, name), before.facts[k][name])) out.push(`${k}.${name}`);
    return out;
  };
  expect(factDifferences()).toEqual([]);
  // The same facts read a name at a time for every customer (factAt), in the given order.
  const columnDifferences = (): string[] => {
    const out: string[] = [];
    for (const name of [...Object.keys(before.facts[0] ?? {}), ...EXTRA_NAMES]) {
      const values = fast.store.factAt(name, order);
      order.forEach((k, x) => {
        if (!Object.is(values[x], before.facts[k][name])) out.push(`${k}.${name}`);
      });
    }
    return out;
  };
  expect(columnDifferences()).toEqual([]);
  for (const k of order) {
    const made = fast.store.factsOf(k);
    expect(Object.keys(made)).toEqual(Object.keys(before.facts[k]));
    expect(made).toEqual(before.facts[k]);
    expect(fast.store.factsOf(k)).toBe(made);
  }
  expect(fast.facts.length).toBe(n);
  expect(fast.facts.every((f, k) => f === fast.store.factsOf(k))).toBe(true);
  expect(factDifferences()).toEqual([]);
  expect(columnDifferences()).toEqual([]);
  expect(fast.churnListed).toEqual(before.churnListed);
  expect(fast.churnFactors).toEqual(before.churnFactors);
  expect(fast.rootCause).toEqual(before.rootCause);
  expect(fast.rootCauseRule).toEqual(before.rootCauseRule);
  expect(fast.gaps).toEqual(before.gaps);
}

describe("classify with records made when read", () => {
  it.each(["seed-tier2", "seed-v2", "default"])(
    "classifies the seed data as the replaced stage did (%s)",
    async (pack) => {
      const { m, params } = await seedMetrics(pack);
      const rules = rawPack(pack).rules;
      const before = classifyCustomersBefore(m, rules, params);
      const inRunOrder = Array.from({ length: m.count }, (_, k) => k);
      expectSame(classifyCustomers(m, rules, params), before, inRunOrder);
      expectSame(classifyCustomers(m, rules, params), before, inRunOrder.reverse());
      // Hand-checked: the records hold their own metrics, read back from the columns.
      const fast = classifyCustomers(m, rules, params);
      expect(fast.store.factsOf(3).totalRevenue).toBe(m.numeric.totalRevenue[3]);
      expect(fast.store.factOf(7, "trailingZeroWeeks")).toBe(m.numeric.trailingZeroWeeks[7]);
    },
  );

  const METRICS = [
    "trendPct",
    "currentAvg",
    "zeroWeeksCurrent",
    "trailingZeroWeeks",
    "totalRevenue",
  ];
  const SCORE_NAMES = [...Object.keys(SCORES), "customScore", "totalRevenue", "constructor"];
  const SEGMENT_VALUES: Record<string, readonly string[]> = {
    ...Object.fromEntries(Object.entries(SEGMENTS).map(([s, d]) => [s, d.values])),
    customSegment: ["x", "y"],
  };
  const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({
      fact: fc.constantFrom(...METRICS, ...SCORE_NAMES),
      operator: fc.constantFrom("lessThan", "greaterThanInclusive"),
      value: fc.constantFrom(-50, -10, 0, 0.5, 1, 2, 20, 100, 500),
    }) as fc.Arbitrary<Condition>,
    fc.record({
      fact: fc.constantFrom(...Object.keys(SEGMENT_VALUES)),
      operator: fc.constantFrom("equal", "notEqual"),
      value: fc.constantFrom("x", "stable", "declining", "none", "standard", "low"),
    }) as fc.Arbitrary<Condition>,
  );
  const conditions = fc
    .array(conditionArb, { minLength: 0, maxLength: 2 })
    .map((all): Condition => ({ all }));
  const priority = fc.constantFrom(1, 2, 3);
  const ruleArb: fc.Arbitrary<Omit<RuleDefinition, "name">> = fc.oneof(
    fc.record({
      priority,
      conditions,
      event: fc.record({
        type: fc.constant("score-points"),
        params: fc.record({
          score: fc.constantFrom(...SCORE_NAMES),
          dimension: fc.constantFrom("a", "b"),
          points: fc.constantFrom(0.1, 1, 2.5, -1),
        }),
      }),
    }),
    fc.constantFrom(...Object.keys(SEGMENT_VALUES)).chain((segment) =>
      fc.record({
        priority,
        conditions,
        event: fc.record({
          type: fc.constant("segment"),
          params: fc.record({
            segment: fc.constant(segment),
            value: fc.constantFrom(...SEGMENT_VALUES[segment]),
          }),
        }),
      }),
    ),
    fc.record({
      priority,
      conditions,
      event: fc.record({
        type: fc.constantFrom("churn-risk", "churn-factor"),
        params: fc.record({ factor: fc.constantFrom("streak", "decline") }),
      }),
    }),
    fc.record({
      priority,
      conditions,
      event: fc.record({
        type: fc.constant("gap"),
        params: fc.record({
          gapType: fc.constantFrom("declining_revenue", "below_baseline", "zero_spend"),
        }),
      }),
    }),
    fc.record({
      priority,
      conditions,
      event: fc.record({
        type: fc.constant("root-cause"),
        params: fc.record({ cause: fc.constantFrom("stockout", "price") }),
      }),
    }),
  ) as fc.Arbitrary<Omit<RuleDefinition, "name">>;

  it("a score or segment the registry does not know is absent for the next customer (hand-made)", async () => {
    const { m, params } = await seedMetrics("seed-v2");
    const median = [...m.numeric.totalRevenue].sort((x, y) => x - y)[m.count >> 1];
    const rich = { all: [{ fact: "totalRevenue", operator: "greaterThan", value: median }] };
    const scored = { all: [{ fact: "customScore", operator: "greaterThanInclusive", value: 1 }] };
    const unscored = { all: [{ fact: "customScore", operator: "lessThan", value: 1 }] };
    const rules = [
      {
        name: "points",
        conditions: rich,
        event: {
          type: "score-points",
          params: { score: "customScore", dimension: "a", points: 1 },
        },
      },
      {
        name: "tier",
        conditions: rich,
        event: { type: "segment", params: { segment: "customSegment", value: "x" } },
      },
      {
        name: "scored",
        conditions: scored,
        event: { type: "segment", params: { segment: "valueTier", value: "top" } },
      },
      {
        name: "unscored-or-missing",
        conditions: {
          any: [unscored, { all: [{ fact: "customSegment", operator: "notEqual", value: "x" }] }],
        },
        event: { type: "gap", params: { gapType: "zero_spend" } },
      },
    ] as RuleDefinition[];
    const before = classifyCustomersBefore(m, rules, params);
    const fast = classifyCustomers(m, rules, params);
    expectSame(
      fast,
      before,
      Array.from({ length: m.count }, (_, k) => k),
    );
    // Worked out from the rule text: customers above the median revenue score 1 and are "top";
    // the others have no customScore (absent: lessThan is false) and no customSegment, so they
    // get the gap through the second branch, and only they do.
    for (let k = 0; k < m.count; k++) {
      const above = m.numeric.totalRevenue[k] > median;
      expect(fast.store.factOf(k, "valueTier") === "top").toBe(above);
      expect("customScore" in fast.store.factsOf(k)).toBe(above);
      expect(fast.gaps.some((g) => g.position === k)).toBe(!above);
    }
  });

  it("classifies as the replaced stage did on random rules (fast-check)", async () => {
    const { m, params } = await seedMetrics("seed-v2");
    let unknownNamesSet = 0;
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 0, maxLength: 10 }),
        fc.boolean(),
        (drawn, reversed) => {
          const rules = drawn.map((r, i) => ({ ...r, name: `r${i}` }));
          const before = classifyCustomersBefore(m, rules, params);
          const order = Array.from({ length: m.count }, (_, k) => (reversed ? m.count - 1 - k : k));
          expectSame(classifyCustomers(m, rules, params), before, order);
          if (before.facts.some((f) => "customScore" in f || "customSegment" in f))
            unknownNamesSet++;
        },
      ),
      { numRuns: 25 },
    );
    // The draws did reach records with names the registry does not know.
    expect(unknownNamesSet).toBeGreaterThan(0);
  });

  it("the facts by slot get exactly the facts the rules read, each as a full record has it (fast-check)", async () => {
    const { m } = await seedMetrics("default");
    const full = factsRecordMaker(m, []);
    const names = [...Object.keys(full(0)), "structuralScore", "noSuchFact"];
    fc.assert(
      fc.property(fc.shuffledSubarray(names), fc.nat({ max: m.count - 1 }), (chosen, k) => {
        const slots = new Map(chosen.map((name, slot) => [name, slot]));
        const values: unknown[] = chosen.map(() => "untouched");
        readValuesWriter(m, slots)(values, k);
        const record = full(k);
        chosen.forEach((name, slot) => {
          // A fact the record has is written at its slot with the record's value; no other slot
          // is written.
          if (name in record) expect(Object.is(values[slot], record[name])).toBe(true);
          else expect(values[slot]).toBe("untouched");
        });
      }),
      { numRuns: 100 },
    );
  });
});
