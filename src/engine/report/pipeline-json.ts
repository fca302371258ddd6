/** The `pipeline` block of the `--json` summary (issue 5), money rounded to cents. */
import type { PipelineResult } from "../sales-pipeline/pipeline-result";

export interface PipelineJson {
  totalDeals: number;
  activeDeals: number;
  wonDeals: number;
  lostDeals: number;
  openPipelineValue: number;
  weightedPipelineValue: number;
  averageDealSize: number;
  /** null when no deal has closed. */
  winRate: number | null;
  stalledDeals: string[];
  atRiskDeals: string[];
  forecast: { commit: number; best: number; worst: number };
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
  velocity: {
    stages: {
      stage: string;
      openDeals: number;
      openValue: number;
      averageDaysInStage: number | null;
    }[];
    cycle: { closedDeals: number; averageDays: number | null; medianDays: number | null };
  };
  /** Open deals whose probability came from the pack's stage defaults. */
  stageDefaultProbabilityDeals: number;
  openDealsWithoutValue: number;
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
