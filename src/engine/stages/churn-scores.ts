/** Churn score and predicted probability of listed customers (seed-logic 3.5, Tier2). */
import type { ChurnParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";

/** min(1, trailing zero weeks / streakWeeks) for listed customers, else 0. */
export function churnScore(listed: boolean, trailingZeroWeeks: number, p: ChurnParameters): number {
  if (!listed) return 0;
  return Math.min(1, trailingZeroWeeks / p.streakWeeks);
}

/** factor x score, rounded with the pack's rule. */
export function churnProbability(score: number, p: ChurnParameters, r: Rounder): number {
  return r.display(p.probabilityFactor * score);
}
