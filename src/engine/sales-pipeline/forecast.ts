import type { PipelineSummary } from "./pipeline-summary";

export interface Forecast {
  /** Weighted open pipeline (value x probability). */
  commit: number;
  /** Whole open pipeline. */
  best: number;
  /** Commit minus the weighted value of at-risk deals, never below 0. */
  worst: number;
}

/**
 * Forecast call figures (seed-logic 6.7), derived from the pipeline summary's exact-cent sums so
 * the forecast and the summary can never disagree.
 */
export function forecast(summary: PipelineSummary): Forecast {
  const commitCents = Math.round(summary.weightedPipelineValue * 100);
  const atRiskCents = Math.round(summary.atRiskWeightedValue * 100);
  return {
    commit: summary.weightedPipelineValue,
    best: summary.openPipelineValue,
    worst: Math.max(0, commitCents - atRiskCents) / 100,
  };
}
