/** The `pipeline` block of the `--json` summary (issue 5), money rounded to cents. */
import type { Forecast } from "../sales-pipeline/forecast";
import type { PipelineResult } from "../sales-pipeline/pipeline-result";
import type { PipelineSummary } from "../sales-pipeline/pipeline-summary";
import type { CycleTimes, StageFigures } from "../sales-pipeline/velocity";

/**
 * The summary's figures (see PipelineSummary) plus forecast, reps, velocity and notes. Declared
 * from the module's own types so the JSON cannot drift from what the sheets show.
 */
export interface PipelineJson extends PipelineSummary {
  forecast: Forecast;
  reps: {
    repId: string;
    activeDeals: number;
    pipelineValue: number;
    closeRate: number | null;
    quotaAttainment: number | null;
    needsCoaching: boolean;
    topOpportunities: string[];
    averageCycleDays: number | null;
    closedDealsWithCycle: number;
  }[];
  velocity: { stages: StageFigures[]; cycle: CycleTimes };
  /** Open deals whose probability came from the pack's stage defaults. */
  stageDefaultProbabilityDeals: number;
  /** What could not be computed, and what was estimated. */
  notes: string[];
}

/** The pipeline block from the module's result. */
export function toPipelineJson(p: PipelineResult): PipelineJson {
  const s = p.summary;
  return {
    totalDeals: s.totalDeals,
    activeDeals: s.activeDeals,
    wonDeals: s.wonDeals,
    lostDeals: s.lostDeals,
    openPipelineValue: s.openPipelineValue,
    weightedPipelineValue: s.weightedPipelineValue,
    atRiskWeightedValue: s.atRiskWeightedValue,
    averageDealSize: s.averageDealSize,
    winRate: s.winRate === null ? null : Math.round(s.winRate * 10000) / 10000,
    stalledDeals: [...s.stalledDeals],
    atRiskDeals: [...s.atRiskDeals],
    forecast: { ...p.forecast },
    reps: p.reps.map((r) => ({
      repId: r.repId,
      activeDeals: r.activeDeals,
      pipelineValue: r.pipelineValue,
      closeRate: r.closeRate === null ? null : Math.round(r.closeRate * 10000) / 10000,
      quotaAttainment: r.quotaAttainment,
      needsCoaching: r.needsCoaching,
      topOpportunities: [...r.topOpportunities],
      averageCycleDays: r.averageCycleDays,
      closedDealsWithCycle: r.cycleClosedDeals,
    })),
    velocity: {
      stages: p.velocity.stages.map((st) => ({ ...st })),
      cycle: { ...p.velocity.cycle },
    },
    stageDefaultProbabilityDeals: p.stageDefaultProbabilityDeals,
    openDealsWithoutValue: s.openDealsWithoutValue,
    notes: [...p.notes],
  };
}
