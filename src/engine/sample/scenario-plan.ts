/**
 * The behaviour planted for one sample customer: which scenario, when it starts, how strong it is.
 * Drawn once per customer from its own random stream (so a customer's plan does not depend on any
 * other customer), then turned into weekly spend by `plannedSpend`.
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
   * Strength: softness = decline reached in the last week (0.2-0.5), growing = growth reached
   * (0.2-0.6), structural = overall level lost after all drops; 0 otherwise.
   */
  magnitude: number;
  /** Lapse only: the zero weeks have no sales rows at all (sparse data) instead of 0 rows. */
  sparse: boolean;
  /** Stockout dips: the dip weeks; structural decline: the sharp-drop weeks. Ascending. */
  eventWeeks: number[];
  /** Per event week: stockout dip = spend drop 0.4-0.8; structural = that week's multiplier 0.05-0.3. */
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
    noiseCv: rng.uniform(0.1, 0.25),
    seasonAmplitude: rng.uniform(0.02, 0.05),
    firstWeek: 0,
    startWeek: -1,
    magnitude: 0,
    sparse: false,
    eventWeeks: [],
    eventFactors: [],
    stepFactors: [],
  };
  switch (scenario) {
    case "stable":
      break;
    case "demand_softness": {
      const span = rng.int(6, Math.min(10, weeks - 4));
      plan.startWeek = weeks - span;
      plan.magnitude = rng.uniform(0.2, 0.5);
      break;
    }
    case "growing": {
      const span = rng.int(8, Math.min(12, weeks - 4));
      plan.startWeek = weeks - span;
      plan.magnitude = rng.uniform(0.2, 0.6);
      break;
    }
    case "lapse": {
      const span = rng.int(3, Math.min(8, weeks - 4));
      plan.startWeek = weeks - span;
      plan.sparse = rng.chance(0.5);
      break;
    }
    case "stockout_dip": {
      plan.eventWeeks = [...storeDipWeeks];
      plan.eventFactors = storeDipWeeks.map(() => rng.uniform(0.4, 0.8));
      plan.startWeek = storeDipWeeks.length > 0 ? storeDipWeeks[0] : -1;
      break;
    }
    case "structural_decline": {
      const span = rng.int(8, Math.min(16, weeks - 4));
      plan.startWeek = weeks - span;
      plan.noiseCv = rng.uniform(0.3, 0.45);
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
        : 1 - (plan.magnitude * (w - plan.startWeek + 1)) / (weeks - plan.startWeek);
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
