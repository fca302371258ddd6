/**
 * The classify stage's fast paths (issue 14) against the code they replaced, kept here as the
 * reference: the fact records made by `factsRecordMaker` (columns looked up once per run) are
 * `customerFactsRecord`'s records, same keys in the same order, same values; and the score totals
 * and segments, now added through per-rule numbers instead of a Set and an object per customer,
 * equal the old per-customer aggregation on random score-points and segment rules (random
 * scores, dimensions, points, priorities, conditions on metrics and on earlier scores).
 */
import fc from "fast-check";
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import { MODEL_METRICS } from "../../src/engine/metrics/customer-forecast";
import type { CustomerMetrics } from "../../src/engine/metrics/customer-metrics";
import type { PackParameters } from "../../src/engine/parameters/pack-parameters";
import { SCORES, SEGMENTS } from "../../src/engine/registry/customer-facts";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import { classifyCustomers } from "../../src/engine/stages/classify-customers";
import {
  customerFactsRecord,
  factsRecordMaker,
  factsTemplate,
  type MutableFacts,
} from "../../src/engine/stages/customer-facts-record";
import { resolveParameters } from "../../src/engine/stages/resolve-parameters";
import { compileRules } from "../../src/rules/compiled-rules";
import type { Condition, RuleDefinition } from "../../src/rules/types";
import { rawPack, seedDataset } from "./seed-helpers";
import { makeDataset } from "./make-dataset";

const LATER = [...Object.keys(SCORES), ...Object.keys(SEGMENTS)];

async function seedMetrics(pack: string): Promise<{ m: CustomerMetrics; params: PackParameters }> {
  const ds = await seedDataset();
  const params = resolveParameters(rawPack(pack));
  const sel = Int32Array.from({ length: ds.customers.count }, (_, i) => i);
  return { m: computeMetrics(ds, sel, params.windows, makeRounder(params.rounding)), params };
}

describe("factsRecordMaker", () => {
  it.each(["seed-tier2", "seed-v2", "default"])(
    "gives customerFactsRecord's records on the seed data (%s)",
    async (pack) => {
      const { m } = await seedMetrics(pack);
      const template = factsTemplate(m, LATER);
      const recordOf = factsRecordMaker(m, LATER);
      for (let k = 0; k < m.count; k++) {
        const fast = recordOf(k);
        const reference = customerFactsRecord(m, k, template);
        expect(Object.keys(fast)).toEqual(Object.keys(reference));
        expect(fast).toEqual(reference);
        // The record's own values, read back from the metrics columns independently.
        expect(fast.totalRevenue).toBe(m.numeric.totalRevenue[k]);
        expect(fast.region).toBe(m.region[k]);
      }
    },
  );

  it("carries the customer model's facts when the metrics have them", () => {
    const m = computeMetrics(
      makeDataset([
        { id: "a", spend: [1, 2, 3, 4] },
        { id: "b", spend: [0, 5, 0, 5] },
      ]),
      Int32Array.of(0, 1),
      { baselineWeeks: 2, baselineAnchor: "first", currentWeeks: 2, structuralWeeks: 4 },
      makeRounder("cents"),
    );
    const numeric = Object.fromEntries(
      MODEL_METRICS.map((n, j) => [n, Float64Array.of(j, j + 0.5)]),
    );
    const withModel = { ...m, model: { numeric } } as unknown as CustomerMetrics;
    const recordOf = factsRecordMaker(withModel, LATER);
    const template = factsTemplate(withModel, LATER);
    for (const k of [0, 1]) {
      expect(recordOf(k)).toEqual(customerFactsRecord(withModel, k, template));
      expect(Object.keys(recordOf(k))).toEqual(
        Object.keys(customerFactsRecord(withModel, k, template)),
      );
    }
    const lossRisk = MODEL_METRICS.indexOf("lossRisk");
    expect(recordOf(1).lossRisk).toBe(lossRisk + 0.5);
  });
});

/** The score totals and segments as the classify stage computed them before issue 14. */
function referenceScoresAndSegments(
  m: CustomerMetrics,
  rules: readonly RuleDefinition[],
  params: PackParameters,
): MutableFacts[] {
  const scoreRules = compileRules(rules.filter((r) => r.event.type === "score-points"));
  const segmentRules = compileRules(rules.filter((r) => r.event.type === "segment"));
  const scoreNames = Object.keys(SCORES);
  const segmentNames = Object.keys(SEGMENTS);
  const template = factsTemplate(m, [...scoreNames, ...segmentNames]);
  const out: MutableFacts[] = [];
  for (let k = 0; k < m.count; k++) {
    const f = customerFactsRecord(m, k, template);
    for (const s of scoreNames) f[s] = 0;
    if (scoreRules.rules.length > 0) {
      const seen = new Set<string>();
      const add: Record<string, number> = {};
      for (const i of scoreRules.fire(f)) {
        const p = scoreRules.rules[i].event.params;
        const key = `${String(p.score)}\u0000${String(p.dimension)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        add[String(p.score)] = (add[String(p.score)] ?? 0) + Number(p.points);
      }
      for (const s of Object.keys(add)) f[s] = add[s];
    }
    for (const s of segmentNames) f[s] = params.segmentDefaults[s] ?? SEGMENTS[s].values[0];
    if (segmentRules.rules.length > 0) {
      const set = new Set<string>();
      const values: Record<string, string> = {};
      for (const i of segmentRules.fire(f)) {
        const p = segmentRules.rules[i].event.params;
        const seg = String(p.segment);
        if (set.has(seg)) continue;
        set.add(seg);
        values[seg] = String(p.value);
      }
      for (const s of Object.keys(values)) f[s] = values[s];
    }
    out.push(f);
  }
  return out;
}

const METRIC_FACTS = ["trendPct", "currentAvg", "zeroWeeksCurrent", "volatility", "totalRevenue"];
const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    fact: fc.constantFrom(...METRIC_FACTS),
    operator: fc.constantFrom("lessThan", "greaterThanInclusive"),
    value: fc.constantFrom(-50, -10, 0, 0.2, 1, 20, 100, 500),
  }) as fc.Arbitrary<Condition>,
  // Segment rules may test the score totals the score phase set.
  fc.record({
    fact: fc.constantFrom(...Object.keys(SCORES)),
    operator: fc.constantFrom("greaterThanInclusive", "lessThan"),
    value: fc.constantFrom(0, 1, 2.5, 4),
  }) as fc.Arbitrary<Condition>,
);

const ruleArb: fc.Arbitrary<Omit<RuleDefinition, "name">> = fc.oneof(
  fc.record({
    priority: fc.constantFrom(1, 2, 3),
    conditions: fc.array(conditionArb, { minLength: 0, maxLength: 2 }).map((all) => ({ all })),
    event: fc.record({
      type: fc.constant("score-points"),
      params: fc.record({
        score: fc.constantFrom(...Object.keys(SCORES)),
        dimension: fc.constantFrom("a", "b", "c"),
        points: fc.constantFrom(0.1, 0.2, 1, 2, 3.3, -1),
      }),
    }),
  }),
  fc.constantFrom(...Object.keys(SEGMENTS)).chain((segment) =>
    fc.record({
      priority: fc.constantFrom(1, 2, 3),
      conditions: fc.array(conditionArb, { minLength: 0, maxLength: 2 }).map((all) => ({ all })),
      event: fc.record({
        type: fc.constant("segment"),
        params: fc.record({
          segment: fc.constant(segment),
          value: fc.constantFrom(...SEGMENTS[segment].values),
        }),
      }),
    }),
  ),
) as fc.Arbitrary<Omit<RuleDefinition, "name">>;

describe("classify: score totals and segments", () => {
  it("equal the per-customer aggregation they replaced, on random rules", async () => {
    const { m, params } = await seedMetrics("seed-v2");
    let nonZero = 0;
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 0, maxLength: 12 }), (drawn) => {
        const rules = drawn.map((r, i) => ({ ...r, name: `r${i}` }));
        const fast = classifyCustomers(m, rules, params).facts;
        const reference = referenceScoresAndSegments(m, rules, params);
        for (let k = 0; k < m.count; k++) {
          expect(Object.keys(fast[k])).toEqual(Object.keys(reference[k]));
          expect(fast[k]).toEqual(reference[k]);
          if (fast[k].structuralScore !== 0) nonZero++;
        }
      }),
      { numRuns: 60 },
    );
    expect(nonZero).toBeGreaterThan(0);
  });

  it("hand-worked: one rule per (score, dimension), first in priority order, points summed", async () => {
    const { m, params } = await seedMetrics("seed-v2");
    const always = { all: [] };
    const rules: RuleDefinition[] = [
      {
        name: "a1",
        priority: 1,
        conditions: always,
        event: {
          type: "score-points",
          params: { score: "structuralScore", dimension: "a", points: 1 },
        },
      },
      {
        name: "a3",
        priority: 3,
        conditions: always,
        event: {
          type: "score-points",
          params: { score: "structuralScore", dimension: "a", points: 3 },
        },
      },
      {
        name: "b2",
        priority: 2,
        conditions: always,
        event: {
          type: "score-points",
          params: { score: "structuralScore", dimension: "b", points: 2 },
        },
      },
      {
        name: "t",
        priority: 1,
        conditions: {
          all: [{ fact: "structuralScore", operator: "greaterThanInclusive", value: 5 }],
        },
        event: { type: "segment", params: { segment: "structuralTier", value: "severe" } },
      },
    ];
    const facts = classifyCustomers(m, rules, params).facts;
    for (const f of facts) {
      // a: the priority-3 rule (3 points) wins over the priority-1 one; b adds 2: 3 + 2 = 5.
      expect(f.structuralScore).toBe(5);
      expect(f.attentionScore).toBe(0);
      expect(f.structuralTier).toBe("severe");
    }
  });
});
