import type { Deal } from "./deal";
import { toDollars, weightedCents } from "./money-cents";
import type { DealFlags, ProbabilityOf } from "./pipeline-summary";

export interface Forecast {
  /** Weighted open pipeline (value x probability). */
  commit: number;
  /** Whole open pipeline. */
  best: number;
  /** Commit minus the weighted value of at-risk deals, never below 0. */
  worst: number;
}

/** Forecast call figures (seed-logic 6.7), in exact cents. */
export function forecast(
  deals: readonly Deal[],
  flags: readonly DealFlags[],
  probabilityOf: ProbabilityOf,
): Forecast {
  let commit = 0;
  let best = 0;
  let atRiskWeighted = 0;
  deals.forEach((deal, i) => {
    if (deal.status !== "active" || deal.value === null) return;
    const cents = Math.round(deal.value * 100);
    const w = weightedCents(cents, probabilityOf(deal));
    best += cents;
    commit += w;
    if (flags[i].atRisk) atRiskWeighted += w;
  });
  return {
    commit: toDollars(commit),
    best: toDollars(best),
    worst: toDollars(Math.max(0, commit - atRiskWeighted)),
  };
}
