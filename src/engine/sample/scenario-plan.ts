/**
 * The behaviour planted for one sample customer: which scenario, when it starts, how strong it is.
 * Drawn once per customer from its own random stream (so a customer's plan does not depend on any
 * other customer), then turned into weekly spend by `scenarioFactor`.
 *
 * Scenarios (the generator's doc comment and docs/QUALITY.md say the same):
 * - stable: level spend, weekly noise CV 8-20%, mild annual seasonality. Not a gap.
 * - demand_softness: from 5-9 weeks before the end, spend eases 30-55% down over 2-4 weeks and
 *   holds there. Gap, cause demand_softness.
 * - lapse: no spend in the last 3-8 weeks (zero rows or, for half of them, no rows at all); at
 *   least two of those weeks are not heavy-stockout weeks of the customer's store (the customer
 *   stopped while the shelf was full). Gap, cause behavioral_churn.
 * - stockout_dip: spend drops 45-85% in exactly the 2-3 of the last 4 weeks in which the
 *   customer's store had at least half of its SKUs out; normal otherwise. Gap, cause
 *   operational_stockout.
 * - structural_decline: over the last 8-12 weeks, 3-5 sharp drop weeks (spend 5-30% of the
 *   level, while the store is in stock) each followed by a permanent 8-20% step down, on top of
 *   volatile weekly noise (CV 20-35%). Gap, cause structural_decline.
 * - new: first purchase in the last 3 weeks. Not a gap.
 * - growing: spend grows 20-60% over the last 8-12 weeks. Not a gap.
 */
import type { Random } from "./random";

/** Scenario names as written in the `truth` table. */
export type ScenarioName =
  | "stable"
  | "demand_softness"
  | "lapse"
  | "stockout_dip"
  | "structural_decline"
  | "new"
  | "growing";

/** Root cause a detector should name for each scenario ("none": not a gap). */
export const EXPECTED_ROOT_CAUSE: Readonly<Record<ScenarioName, string>> = {
  stable: "none",
  demand_softness: "demand_softness",
  lapse: "behavioral_churn",
  stockout_dip: "operational_stockout",
  structural_decline: "structural_decline",
  new: "none",
  growing: "none",
};

/** Whether a scenario is a planted (material) revenue gap. */
export function isGapScenario(s: ScenarioName): boolean {
  return EXPECTED_ROOT_CAUSE[s] !== "none";
}

/** Scenarios in draw order with their share of customers (before eligibility fallbacks). */
export const SCENARIO_WEIGHTS: ReadonlyArray<readonly [ScenarioName, number]> = [
  ["stable", 0.7],
  ["demand_softness", 0.08],
  ["lapse", 0.06],
  ["stockout_dip", 0.05],
  ["structural_decline", 0.04],
  ["new", 0.03],
  ["growing", 0.04],
];

/**
 * Fewest weeks a scenario needs to be visible against a baseline; with fewer weeks the customer
 * falls back to "stable".
 */
export const SCENARIO_MIN_WEEKS: Readonly<Record<ScenarioName, number>> = {
  stable: 1,
  demand_softness: 10,
  lapse: 7,
  stockout_dip: 8,
  structural_decline: 12,
  new: 4,
  growing: 12,
};

export interface CustomerPlan {
  scenario: ScenarioName;
  /** Weekly spend level before seasonality, noise and scenario, in dollars. */
  baseSpend: number;
  /** Coefficient of variation of the weekly noise (customer-specific). */
  noiseCv: number;
  /** Seasonal amplitude (fraction of base). */
  seasonAmplitude: number;
  /** Index of the first week with a sales row (0 except for "new"). */
  firstWeek: number;
  /**
   * Week index where the scenario starts: softness / growth / structural window start, first
   * zero week of a lapse, first week of a new customer, first dip week; -1 for "stable".
   */
  startWeek: number;
  /**
   * Strength: softness = decline held after the ramp (0.3-0.55), growing = growth reached
   * (0.2-0.6), structural = overall level lost after all drops; 0 otherwise.
   */
  magnitude: number;
  /** Softness only: weeks over which the decline eases in (2-4); 0 otherwise. */
  rampWeeks: number;
  /** Lapse only: the zero weeks have no sales rows at all (sparse data) instead of 0 rows. */
  sparse: boolean;
  /** Stockout dips: the dip weeks; structural decline: the sharp-drop weeks. Ascending. */
  eventWeeks: number[];
  /** Per event week: stockout dip = spend drop 0.45-0.85; structural = that week's multiplier 0.05-0.3. */
  eventFactors: number[];
  /** Structural only: permanent level multiplier applied after each drop week (0.8-0.92). */
  stepFactors: number[];
}

/**
 * Draws a plan. `storeDipWeeks` are the planted heavy-stockout weeks of the customer's store (a
 * stockout-dip customer dips in exactly those weeks).
 */
export function drawPlan(
  rng: Random,
  weeks: number,
  householdSize: number,
  storeDipWeeks: readonly number[],
): CustomerPlan {
  let scenario = SCENARIO_WEIGHTS[rng.weighted(SCENARIO_WEIGHTS.map((s) => s[1]))][0];
  if (weeks < SCENARIO_MIN_WEEKS[scenario]) scenario = "stable";
  // Bigger households spend more; overall median stays near $80 a week, tail to about $600.
  const householdFactor = (0.7 + 0.12 * householdSize) / 0.94;
  const baseSpend = Math.min(650, Math.max(6, rng.logNormal(80 * householdFactor, 0.55)));
  const plan: CustomerPlan = {
    scenario,
    baseSpend,
    noiseCv: rng.uniform(0.08, 0.2),
    seasonAmplitude: rng.uniform(0.02, 0.06),
    firstWeek: 0,
    startWeek: -1,
    magnitude: 0,
    rampWeeks: 0,
    sparse: false,
    eventWeeks: [],
    eventFactors: [],
    stepFactors: [],
  };
  switch (scenario) {
    case "stable":
      break;
    case "demand_softness": {
      const span = rng.int(5, Math.min(9, weeks - 4));
      plan.startWeek = weeks - span;
      plan.rampWeeks = rng.int(2, 4);
      plan.magnitude = rng.uniform(0.3, 0.55);
      break;
    }
    case "growing": {
      const span = rng.int(8, Math.min(12, weeks - 4));
      plan.startWeek = weeks - span;
      plan.magnitude = rng.uniform(0.2, 0.6);
      break;
    }
    case "lapse": {
      let span = rng.int(3, Math.min(8, weeks - 4));
      // At least two zero weeks with the store in stock (not all of them heavy-stockout weeks).
      const inStockWeeks = (k: number): number =>
        k - storeDipWeeks.filter((w) => w >= weeks - k).length;
      while (inStockWeeks(span) < 2 && span < weeks - 4) span++;
      plan.startWeek = weeks - span;
      plan.sparse = rng.chance(0.5);
      break;
    }
    case "stockout_dip": {
      plan.eventWeeks = [...storeDipWeeks];
      plan.eventFactors = storeDipWeeks.map(() => rng.uniform(0.45, 0.85));
      plan.startWeek = storeDipWeeks.length > 0 ? storeDipWeeks[0] : -1;
      break;
    }
    case "structural_decline": {
      const span = rng.int(8, Math.min(12, weeks - 4));
      plan.startWeek = weeks - span;
      plan.noiseCv = rng.uniform(0.2, 0.35);
      const drops = rng.int(3, 5);
      plan.eventWeeks = rng.distinctInts(plan.startWeek, weeks - 1, drops);
      plan.eventFactors = plan.eventWeeks.map(() => rng.uniform(0.05, 0.3));
      plan.stepFactors = plan.eventWeeks.map(() => rng.uniform(0.8, 0.92));
      plan.magnitude = 1 - plan.stepFactors.reduce((p, f) => p * f, 1);
      break;
    }
    case "new": {
      plan.firstWeek = rng.int(weeks - 3, weeks - 1);
      plan.startWeek = plan.firstWeek;
      break;
    }
  }
  return plan;
}

/**
 * The scenario's multiplier on the customer's normal spend in week `w` (0 = no spend; NaN = no
 * sales row at all), before noise and seasonality.
 */
export function scenarioFactor(plan: CustomerPlan, w: number, weeks: number): number {
  if (w < plan.firstWeek) return NaN;
  switch (plan.scenario) {
    case "stable":
    case "new":
      return 1;
    case "demand_softness":
      return w < plan.startWeek
        ? 1
        : 1 - plan.magnitude * Math.min(1, (w - plan.startWeek + 1) / plan.rampWeeks);
    case "growing":
      return w < plan.startWeek
        ? 1
        : 1 + (plan.magnitude * (w - plan.startWeek + 1)) / (weeks - plan.startWeek);
    case "lapse":
      return w < plan.startWeek ? 1 : plan.sparse ? NaN : 0;
    case "stockout_dip": {
      const i = plan.eventWeeks.indexOf(w);
      return i < 0 ? 1 : 1 - plan.eventFactors[i];
    }
    case "structural_decline": {
      let level = 1;
      for (let i = 0; i < plan.eventWeeks.length; i++) {
        const e = plan.eventWeeks[i];
        if (e === w) return level * plan.eventFactors[i];
        if (e < w) level *= plan.stepFactors[i];
      }
      return level;
    }
  }
}
