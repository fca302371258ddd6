/** Hand-worked metrics on small datasets, including edge cases. */
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import type { WindowParameters } from "../../src/engine/parameters/pack-parameters";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import { makeDataset, type SmallCustomer } from "./make-dataset";

const TIER2: WindowParameters = {
  baselineWeeks: 4,
  baselineAnchor: "first",
  currentWeeks: 4,
  structuralWeeks: 8,
};
const V2: WindowParameters = {
  baselineWeeks: 6,
  baselineAnchor: "trailing",
  currentWeeks: 4,
  structuralWeeks: 8,
};

function metricsOf(
  customers: SmallCustomer[],
  w: WindowParameters,
  stockOut: number[][] = [],
  rule: "numpy-2dp" | "python-2dp" | "cents" = "python-2dp",
) {
  const ds = makeDataset(customers, stockOut);
  const m = computeMetrics(
    ds,
    Int32Array.from(customers, (_, i) => i),
    w,
    makeRounder(rule),
  );
  return (k: number) =>
    Object.fromEntries(Object.entries(m.numeric).map(([name, arr]) => [name, arr[k]]));
}

test("12 weeks, first-anchored baseline (hand-worked)", () => {
  // baseline = mean(10,20,30,40) = 25; current = mean(20,10,0,0) = 7.5; trend = -70%
  const f = metricsOf(
    [{ id: "a", spend: [10, 20, 30, 40, 50, 40, 30, 30, 20, 10, 0, 0] }],
    TIER2,
  )(0);
  expect(f.baselineAvg).toBe(25);
  expect(f.currentAvg).toBe(7.5);
  expect(f.trendPct).toBe(-70);
  expect(f.shortfall).toBe(17.5);
  expect(f.zeroWeeksCurrent).toBe(2);
  expect(f.trailingZeroWeeks).toBe(2);
  // 30 -> 20 -> 10 -> 0 are declines; 0 -> 0 is not, so the streak from the end is 0.
  expect(f.consecutiveDeclineWeeks).toBe(0);
  expect(f.totalRevenue).toBe(280);
  expect(f.weeksObserved).toBe(12);
  expect(f.lastPurchaseWeek).toBe(10);
  expect(f.weeksSinceLastPurchase).toBe(2);
});

test("trailing baseline: weeks n-9..n-4; decline streak; volatility", () => {
  // weeks 3..8 = 10 each -> baseline 10; current = mean(8,6,4,2) = 5
  const f = metricsOf([{ id: "a", spend: [99, 99, 10, 10, 10, 10, 10, 10, 8, 6, 4, 2] }], V2)(0);
  expect(f.baselineAvg).toBe(10);
  expect(f.currentAvg).toBe(5);
  expect(f.trendPct).toBe(-50);
  expect(f.consecutiveDeclineWeeks).toBe(4);
  // last 8: 10,10,10,10,8,6,4,2 mean 7.5, pstdev sqrt(((2.5^2)*4+0.25+2.25+12.25+30.25)/8) = sqrt(70/8)
  expect(f.volatility).toBe(Math.round((Math.sqrt(70 / 8) / 7.5) * 10000) / 10000);
});

test("fewer weeks than the windows (n < windows) and one week", () => {
  const get = metricsOf(
    [
      { id: "a", spend: [4, 8, 12] },
      { id: "b", spend: [5] },
    ],
    V2,
  );
  const a = get(0);
  expect(a.weeksObserved).toBe(3);
  expect(a.baselineAvg).toBe(8); // n <= current window: mean of all
  expect(a.currentAvg).toBe(8);
  expect(a.firstPurchaseWeek).toBe(1);
  const b = get(1);
  expect(b.weeksObserved).toBe(1);
  expect(b.baselineAvg).toBe(5);
  expect(b.volatility).toBe(0);
  expect(b.firstPurchaseWeek).toBe(3);
  // 4 < n < 10: baseline = all but the last 4
  const c = metricsOf([{ id: "c", spend: [6, 6, 3, 3, 3, 3] }], V2)(0);
  expect(c.baselineAvg).toBe(6);
  expect(c.currentAvg).toBe(3);
});

test("baseline 0 and all zeros", () => {
  const get = metricsOf(
    [
      { id: "z", spend: [0, 0, 0, 0, 0, 0] },
      { id: "g", spend: [0, 0, 0, 0, 5, 5, 5, 5] },
    ],
    TIER2,
  );
  const z = get(0);
  expect(z.trendPct).toBe(0);
  expect(z.currentToBaselineRatio).toBe(1);
  expect(z.trailingZeroWeeks).toBe(6);
  expect(z.volatility).toBe(0);
  expect(z.lastPurchaseWeek).toBe(0);
  expect(z.weeksSinceLastPurchase).toBe(8);
  const g = get(1);
  expect(g.baselineAvg).toBe(0);
  expect(g.trendPct).toBe(0);
  expect(g.shortfall).toBe(0);
});

test("stockout overlap with the customer's store-weeks", () => {
  // baseline (first 4) = 10; gap weeks = weeks with spend < 10 or 0: indices 4, 5, 6, 7
  const f = metricsOf([{ id: "s", spend: [10, 10, 10, 10, 5, 0, 5, 12], store: 0 }], TIER2, [
    [4, 5, 7],
  ])(0);
  expect(f.gapWeeks).toBe(3);
  expect(f.stockoutOverlapWeeks).toBe(2);
  expect(f.stockoutGapShare).toBe(0.6667);
});

test("value percentile over the customers in the run", () => {
  const get = metricsOf(
    [
      { id: "a", spend: [1] },
      { id: "b", spend: [2] },
      { id: "c", spend: [2] },
      { id: "d", spend: [3] },
    ],
    TIER2,
  );
  expect([0, 1, 2, 3].map((k) => get(k).valuePercentile)).toEqual([25, 75, 75, 100]);
});

test("rounding rule decides the cents of a half-cent mean", () => {
  // mean(0.01, 0.02, 0.02, 0.00) = 0.0125 -> numpy 0.01, python 0.01; mean of (1.01,1.02,1.02,1.00)
  const spend = [1.01, 1.02, 1.02, 1.0, 1, 1, 1, 1];
  expect(metricsOf([{ id: "a", spend }], TIER2, [], "numpy-2dp")(0).baselineAvg).toBe(1.01);
  expect(metricsOf([{ id: "a", spend }], TIER2, [], "cents")(0).baselineAvg).toBeCloseTo(
    1.0125,
    12,
  );
});
