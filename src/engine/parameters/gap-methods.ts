/**
 * Gap methods: how a detected gap's figures are computed from the customer's metrics. Each
 * method declares its name and description (shown in the schema and the methodology text).
 */
import type { Rounder } from "../rounding/round-rule";

/** Inputs of a gap method: one customer's metrics (dollars, rounded per the rule, plus raw means). */
export interface GapInputs {
  baselineAvg: number;
  currentAvg: number;
  /** Unrounded means. */
  baselineRaw: number;
  currentRaw: number;
  trendPct: number;
  zeroWeeksCurrent: number;
  /**
   * Unrounded expected average (dollars) from the comparable in-stock baseline weeks
   * (expectedAvg); methods that need it fall back to baselineRaw when absent.
   */
  expectedRaw?: number;
  /** The customer model's figures over the horizon (dollars), when the pack uses the model. */
  forecast?: {
    expectedSpendNext: number;
    recentRunRate: number;
    forecastShortfall: number;
    horizonWeeks: number;
  };
}

/** A gap row's figures: amount is the positive shortfall, pct the signed change (negative = below). */
export interface GapFigures {
  current: number;
  expected: number;
  amount: number;
  pct: number;
  weeksAtRisk: number;
}

export interface GapMethod {
  name: string;
  description: string;
  /**
   * Whether `compute` reads `expectedRaw` (the stockout-robust expected level, computed when first
   * read: metrics/lazy-facts.ts); the gap stage reads that column only for such a method.
   */
  readsExpected?: true;
  compute(m: GapInputs, r: Rounder): GapFigures;
}

export const GAP_METHODS: readonly GapMethod[] = [
  {
    name: "current-vs-baseline",
    description:
      "current = current average, expected = baseline average, amount = |current - baseline| from the rounded averages, percent = trendPct, weeks at risk 0 (seed Tier2 declining / below baseline).",
    compute: (m, r) => ({
      current: m.currentAvg,
      expected: m.baselineAvg,
      amount: Math.abs(r.step(m.currentAvg - m.baselineAvg)),
      pct: m.trendPct,
      weeksAtRisk: 0,
    }),
  },
  {
    name: "lost-baseline",
    description:
      "current = 0, expected = baseline average, amount = baseline average, percent = -100 (0 when the baseline is 0), weeks at risk = zero weeks in the current window (seed Tier2 zero spend).",
    compute: (m) => ({
      current: 0,
      expected: m.baselineAvg,
      amount: Math.abs(m.baselineAvg),
      pct: m.baselineAvg > 0 ? -100 : 0,
      weeksAtRisk: m.zeroWeeksCurrent,
    }),
  },
  {
    name: "shortfall",
    description:
      "current = current average, expected = baseline average, amount = max(0, baseline - current) from the unrounded averages, rounded once; percent = -(baseline - current) / baseline x 100 from the unrounded averages; weeks at risk = zero weeks in the current window (seed RGOv2).",
    compute: (m, r) => {
      const diff = m.baselineRaw - m.currentRaw;
      const pct = m.baselineRaw > 0 ? r.step((-diff / m.baselineRaw) * 100) : diff > 0 ? -100 : 0;
      return {
        current: m.currentAvg,
        expected: m.baselineAvg,
        amount: r.step(Math.max(0, diff)),
        pct: pct === 0 ? 0 : pct,
        weeksAtRisk: m.zeroWeeksCurrent,
      };
    },
  },
  {
    name: "expected-shortfall",
    readsExpected: true,
    description:
      "current = current average, expected = expectedAvg (mean of the comparable in-stock baseline weeks), amount = max(0, expected - current) from the unrounded averages, rounded once (= revenueAtRisk); percent = -(expected - current) / expected x 100; weeks at risk = zero weeks in the current window (default pack).",
    compute: (m, r) => {
      const expected = m.expectedRaw ?? m.baselineRaw;
      const diff = expected - m.currentRaw;
      const pct = expected > 0 ? r.step((-diff / expected) * 100) : diff > 0 ? -100 : 0;
      return {
        current: m.currentRaw,
        expected,
        amount: r.display(Math.max(0, diff)),
        pct: pct === 0 ? 0 : pct,
        weeksAtRisk: m.zeroWeeksCurrent,
      };
    },
  },
  {
    name: "forecast-shortfall",
    description:
      "From the customer model over the horizon H: current = expected spend next H weeks / H (a week), expected = recent run-rate / H (the last 13 weeks' weekly mean), amount = expected shortfall / H (a week; the why states the H-week total and its interval), percent = -forecastShortfallShare x 100, weeks at risk = H (default pack's expected_shortfall).",
    compute: (m, r) => {
      const f = m.forecast;
      if (f === undefined) return { current: 0, expected: 0, amount: 0, pct: 0, weeksAtRisk: 0 };
      const H = f.horizonWeeks;
      const pct = f.recentRunRate > 0 ? r.step((-f.forecastShortfall / f.recentRunRate) * 100) : 0;
      return {
        current: f.expectedSpendNext / H,
        expected: f.recentRunRate / H,
        amount: r.display(f.forecastShortfall / H),
        pct: pct === 0 ? 0 : pct,
        weeksAtRisk: H,
      };
    },
  },
];

export const GAP_METHODS_BY_NAME: ReadonlyMap<string, GapMethod> = new Map(
  GAP_METHODS.map((m) => [m.name, m]),
);
