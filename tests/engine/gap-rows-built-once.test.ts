/**
 * Gap rows are built once, complete, from the stages' outputs and frozen: no placeholder values
 * (rank 0, band "", why "", whySource "") survive, and no stage can change a row afterwards.
 */
import type { AnalysisResult, GapRow } from "../../src/engine/analysis-result";
import { analyze } from "../../src/engine/pipeline/analyze";
import { assembleGapRows } from "../../src/engine/stages/build-gap-rows";
import type { GapMeasure } from "../../src/engine/stages/measure-gaps";
import { stageOutputsOf } from "./gap-stage-columns";
import { rawPack, RUN_AT, seedDataset } from "./seed-helpers";

const KEYS: (keyof GapRow)[] = [
  "rank",
  "customerId",
  "customerPosition",
  "gapType",
  "severity",
  "priorityScore",
  "priorityBand",
  "subScores",
  "current",
  "expected",
  "gapAmount",
  "gapPct",
  "weeksAtRisk",
  "rootCause",
  "exposure",
  "exposureMultiplier",
  "recoveryPotential",
  "recommendedActions",
  "ruleName",
  "why",
  "whySource",
  "primary",
];

describe.each(["seed-tier2", "seed-v2", "default"])("seed data, pack %s", (pack) => {
  let result: AnalysisResult;
  beforeAll(async () => {
    result = await analyze(await seedDataset(), rawPack(pack), { runAt: RUN_AT });
  });

  test("every row is frozen, complete and ranked 1..n", () => {
    expect(result.gaps.length).toBeGreaterThan(0);
    result.gaps.forEach((g, i) => {
      expect(Object.isFrozen(g)).toBe(true);
      expect(Object.isFrozen(g.subScores)).toBe(true);
      expect(Object.isFrozen(g.recommendedActions)).toBe(true);
      expect(Object.keys(g)).toEqual(KEYS);
      expect(g.rank).toBe(i + 1);
      expect(g.priorityBand).not.toBe("");
      expect(g.why).not.toBe("");
      expect(["reference", "compiled"]).toContain(g.whySource);
      expect(() => {
        (g as { rank: number }).rank = 0;
      }).toThrow(TypeError);
    });
    expect(result.topGaps).toEqual(result.gaps.slice(0, result.topGaps.length));
  });

  test("one primary row per customer with gaps: its largest amount, the first such in rank", () => {
    const byCustomer = new Map<number, GapRow[]>();
    for (const g of result.gaps)
      byCustomer.set(g.customerPosition, [...(byCustomer.get(g.customerPosition) ?? []), g]);
    for (const rows of byCustomer.values()) {
      const max = Math.max(...rows.map((r) => r.gapAmount));
      expect(rows.filter((r) => r.primary)).toEqual([rows.find((r) => r.gapAmount === max)]);
    }
  });
});

test("assembleGapRows: rows in the rank order, each from its own stage outputs", () => {
  const measure = (customerId: string, gapAmount: number): GapMeasure => ({
    customerId,
    customerPosition: Number(customerId),
    gapType: "revenue_gap",
    severity: "high",
    current: 0,
    expected: gapAmount,
    gapAmount,
    gapPct: -100,
    weeksAtRisk: 2,
    rootCause: null,
    ruleName: "gap",
  });
  const subs = { revenueImpact: 1, churnRisk: 2, customerValue: 3, recoveryProbability: 4 };
  const actions = ["call"];
  const rows = assembleGapRows(
    stageOutputsOf({
      measures: [measure("0", 10), measure("1", 30)],
      scores: [
        { subScores: subs, priorityScore: 2, priorityBand: "low" },
        { subScores: subs, priorityScore: 9, priorityBand: "critical" },
      ],
      exposures: [
        { exposure: 0, exposureMultiplier: 1 },
        { exposure: 45, exposureMultiplier: 1.5 },
      ],
      recoveries: [
        { recoveryPotential: 5, recommendedActions: actions },
        { recoveryPotential: 15, recommendedActions: [] },
      ],
      order: [1, 0],
      explanations: [
        { why: "first", whySource: "reference" },
        { why: "second", whySource: "compiled" },
      ],
      primary: [true, true],
    }),
  );
  expect(
    rows.map((r) => [
      r.rank,
      r.customerId,
      r.gapAmount,
      r.priorityScore,
      r.priorityBand,
      r.exposure,
      r.exposureMultiplier,
      r.recoveryPotential,
      r.recommendedActions,
      r.why,
      r.whySource,
    ]),
  ).toEqual([
    [1, "1", 30, 9, "critical", 45, 1.5, 15, [], "first", "reference"],
    [2, "0", 10, 2, "low", 0, 1, 5, ["call"], "second", "compiled"],
  ]);
  // The row holds its own copy of the stage's lists.
  expect(rows[1].recommendedActions).not.toBe(actions);
  expect(rows[1].subScores).not.toBe(subs);
});

test("assembleGapRows: why is an enumerable read-through getter every copy sees, read when first asked", () => {
  let reads = 0;
  const explanation = (text: string): { why: string; whySource: "compiled" } => ({
    get why(): string {
      reads++;
      return text;
    },
    whySource: "compiled",
  });
  const measure: GapMeasure = {
    customerId: "7",
    customerPosition: 0,
    gapType: "revenue_gap",
    severity: "low",
    current: 1,
    expected: 2,
    gapAmount: 1,
    gapPct: -50,
    weeksAtRisk: 0,
    rootCause: null,
    ruleName: "gap",
  };
  const score = {
    subScores: { revenueImpact: 1, churnRisk: 0, customerValue: 0, recoveryProbability: 0 },
    priorityScore: 1,
    priorityBand: "low",
  };
  const rows = assembleGapRows(
    stageOutputsOf({
      measures: [measure, { ...measure, customerId: "8" }],
      scores: [score, score],
      exposures: [
        { exposure: 0, exposureMultiplier: 1 },
        { exposure: 0, exposureMultiplier: 1 },
      ],
      recoveries: [
        { recoveryPotential: 0, recommendedActions: [] },
        { recoveryPotential: 0, recommendedActions: [] },
      ],
      order: [0, 1],
      explanations: [explanation("why seven"), explanation("why eight")],
      primary: [true, true],
    }),
  );
  expect(reads).toBe(0);
  const [a, b] = rows;
  expect(Object.keys(a)).toEqual(KEYS);
  const desc = Object.getOwnPropertyDescriptor(a, "why");
  expect(desc?.enumerable).toBe(true);
  expect(typeof desc?.get).toBe("function");
  // Each row reads its own explanation through the same getter.
  expect(b.why).toBe("why eight");
  expect(a.why).toBe("why seven");
  expect(reads).toBe(2);
  // Copies, JSON and structured clones (the worker's messages) carry the text, nothing hidden.
  expect({ ...a }.why).toBe("why seven");
  expect((JSON.parse(JSON.stringify(a)) as GapRow).why).toBe("why seven");
  expect(Object.keys(JSON.parse(JSON.stringify(a)) as object)).toEqual(KEYS);
  expect(structuredClone(a)).toEqual({ ...a });
  expect(Object.keys(structuredClone(a))).toEqual(KEYS);
  expect(Object.isFrozen(a)).toBe(true);
});
