/** seed-v2 reproduces seed-logic 7.3 exactly on the seed data. */
import type { AnalysisResult } from "../../src/engine/analysis-result";
import { analyze } from "../../src/engine/pipeline/analyze";
import { rawPack, RUN_AT, seedDataset } from "./seed-helpers";

let result: AnalysisResult;
beforeAll(async () => {
  result = await analyze(await seedDataset(), rawPack("seed-v2"), { runAt: RUN_AT });
});

const countBy = (values: string[]): Record<string, number> =>
  values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});

test("portfolio figures", () => {
  const p = result.portfolio;
  expect(p.customersWithGaps).toBe(193);
  expect(p.totalGap).toBe(6257.13);
  expect(p.totalExposure).toBe(10754.95);
  expect(p.exposureByTier).toEqual({ standard: 9414.48, high: 1340.47 });
  expect(p.exposureByCause).toEqual({
    operational_stockout: 10525.34,
    structural_decline: 228.15,
    demand_softness: 1.46,
  });
  expect(p.potentialRecovery).toBe(2118.42);
  expect((p.concentrationShare * 100).toFixed(1)).toBe("41.5");
  expect(Math.round(p.recoveryShare * 100)).toBe(34);
});

test("top customer, verdict, targets", () => {
  const g = result.gaps[0];
  expect([g.customerId, g.gapAmount, g.exposure, g.exposureMultiplier]).toEqual([
    "152",
    135.03,
    283.56,
    2.0999999999999996,
  ]);
  expect(result.verdict.level).toBe("LOW");
  expect(result.targets.map((t) => [t.name, t.actual, t.status])).toEqual([
    ["exposure", 10754.95, "on_target"],
    ["customers", 193, "above_target"],
  ]);
  expect(result.triggers).toEqual([]);
});

test("causes, structural tiers and churn buckets of the 193 customers", () => {
  const withGaps = result.customers.filter((c) => c.gapCount > 0);
  expect(countBy(withGaps.map((c) => String(c.rootCause)))).toEqual({
    operational_stockout: 190,
    structural_decline: 2,
    demand_softness: 1,
  });
  expect(countBy(withGaps.map((c) => String(c.facts.structuralTier)))).toEqual({
    none: 119,
    moderate: 18,
    high: 5,
    severe: 51,
  });
  expect(countBy(withGaps.map((c) => String(c.facts.churnBucket)))).toEqual({
    low: 140,
    medium: 7,
    high: 11,
    critical: 35,
  });
});

test("default pack counts every customer once and sums displayed rows", async () => {
  const d = await analyze(await seedDataset(), rawPack("default"), { runAt: RUN_AT });
  const ids = d.gaps.map((g) => g.customerId);
  expect(new Set(ids).size).toBe(ids.length);
  const cents = d.gaps.reduce((a, g) => a + Math.round(g.gapAmount * 100), 0);
  expect(d.portfolio.totalGap).toBe(cents / 100);
});
