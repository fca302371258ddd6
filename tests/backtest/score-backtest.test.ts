/** Backtest scoring on small hand-worked cases (H = 13, recent window 13 weeks). */
import { backtestWindows, scoreBacktest } from "../../src/engine/backtest/score-backtest";

describe("backtestWindows", () => {
  it("splits a purchase log into the recent 13 weeks and the next H weeks, same-day merged", () => {
    const w = backtestWindows(
      [
        { customerId: "a", date: "1997-07-01", amount: 5 }, // 91 days before: outside recent
        { customerId: "a", date: "1997-07-02", amount: 10 }, // first recent day (week 27 of 1997)
        { customerId: "a", date: "1997-09-30", amount: 4 }, // as-of day: recent
        { customerId: "a", date: "1997-09-30", amount: 6 },
        { customerId: "a", date: "1997-10-01", amount: 7 }, // first future day
        { customerId: "a", date: "1997-12-30", amount: 3 }, // last future day
        { customerId: "a", date: "1997-12-31", amount: 100 }, // beyond the horizon
        { customerId: "b", date: "1997-10-05", amount: 50 }, // born after the as-of day
      ],
      "1997-09-30",
    );
    expect(w).toEqual([{ customerId: "a", recentSpend: 20, futureSpend: 10 }]);
  });
});

describe("scoreBacktest", () => {
  // Recent spend over 13 weeks and future spend over 13 weeks, so weekly means compare directly.
  const windows = [
    { customerId: "A", recentSpend: 130, futureSpend: 0 }, // lost, drop 10/week
    { customerId: "B", recentSpend: 130, futureSpend: 65 }, // lost (exactly half), drop 5
    { customerId: "C", recentSpend: 130, futureSpend: 130 }, // kept, drop 0
    { customerId: "D", recentSpend: 26, futureSpend: 13 }, // lost (half), drop 1
    { customerId: "E", recentSpend: 0, futureSpend: 40 }, // not active
  ];

  it("computes the definitions by hand", () => {
    const s = scoreBacktest(
      windows,
      [
        { customerId: "A", priority: 1 },
        { customerId: "C", priority: 3 },
        { customerId: "E", priority: 9 }, // inactive: ignored in precision
      ],
      [
        { customerId: "A", expectedSpendNext: 20, expectedSpendLow: 0, expectedSpendHigh: 50 },
        { customerId: "B", expectedSpendNext: 60, expectedSpendLow: 70, expectedSpendHigh: 90 },
        { customerId: "C", expectedSpendNext: 100, expectedSpendLow: 50, expectedSpendHigh: 130 },
        { customerId: "D", expectedSpendNext: 10, expectedSpendLow: 0, expectedSpendHigh: 5 },
        { customerId: "E", expectedSpendNext: 10, expectedSpendLow: 0, expectedSpendHigh: 30 },
      ],
      { topN: 1 },
    );
    expect(s.active).toBe(4);
    expect(s.lost).toBe(3);
    expect(s.baseRate).toBeCloseTo(0.75, 12);
    expect(s.flagged).toBe(3);
    expect(s.flaggedActive).toBe(2);
    expect(s.flaggedLost).toBe(1);
    expect(s.precision).toBeCloseTo(0.5, 12);
    expect(s.recall).toBeCloseTo(1 / 3, 12);
    expect(s.lift).toBeCloseTo(0.5 / 0.75, 12);
    // Top 1 by priority among flagged active is C (priority 3): not lost.
    expect(s.topN).toBe(1);
    expect(s.topNPrecision).toBe(0);
    // Drops per week: A 10, B 5, C 0, D 1 -> flagged (A, C) 10 of 16.
    expect(s.lossCoverage).toBeCloseTo(10 / 16, 12);
    expect(s.forecastTotal).toBeCloseTo(200, 12);
    expect(s.realisedTotal).toBeCloseTo(248, 12);
    expect(s.forecastError).toBeCloseTo(200 / 248 - 1, 12);
    // |20-0| + |60-65| + |100-130| + |10-13| + |10-40| = 88 over 5 customers.
    expect(s.meanAbsoluteError).toBeCloseTo(88 / 5, 12);
    // Active: A 0 in [0,50] yes; B 65 in [70,90] no; C 130 in [50,130] yes; D 13 in [0,5] no.
    expect(s.intervalCoverage).toBeCloseTo(0.5, 12);
  });

  it("breaks priority ties by customer id and scales weekly means by H", () => {
    const s = scoreBacktest(
      windows,
      [
        { customerId: "C", priority: 1 },
        { customerId: "B", priority: 1 },
      ],
      [],
      { topN: 1, horizonWeeks: 26 },
    );
    // With H = 26, B's future weekly mean is 65/26 = 2.5 <= 5: lost; C's 5 <= 5: lost too.
    expect(s.topNPrecision).toBe(1);
    expect(s.precision).toBe(1);
  });

  it("does not depend on the order of customers or flags", () => {
    const flags = [
      { customerId: "A", priority: 2 },
      { customerId: "D", priority: 1 },
    ];
    const a = scoreBacktest(windows, flags);
    const b = scoreBacktest([...windows].reverse(), [...flags].reverse());
    expect(b).toEqual(a);
  });
});
