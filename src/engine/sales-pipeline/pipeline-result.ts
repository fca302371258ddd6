/** What the sales-pipeline module produces for the report and the `--json` summary. */
import type { DealStatus } from "./deal";
import type { Forecast } from "./forecast";
import type { PipelineParameters } from "../parameters/pipeline-parameters";
import type { PipelineSummary } from "./pipeline-summary";
import type { RepPerformance } from "./rep-performance";
import type { Velocity } from "./velocity";

/** One deal as listed in RGO Pipeline. */
export interface DealResult {
  dealId: string;
  repId: string;
  stage: string;
  status: DealStatus;
  value: number | null;
  /** Probability used: the deal's own, else the stage default, else the fallback. */
  probability: number;
  probabilitySource: "deal" | "stage default" | "fallback";
  /** value x probability rounded to the cent; null without a value. */
  weightedValue: number | null;
  daysInStage: number | null;
  stalledThreshold: number;
  riskFlags: string[];
  competitors: string[];
  stalled: boolean;
  atRisk: boolean;
  /** Names of the deal-flag rules that fired. */
  flagRules: string[];
  /** Plain words: each fired rule with the values it compared ("" when none fired). */
  why: string;
}

/** One rep as listed in RGO Reps. */
export interface RepResult extends RepPerformance {
  region: string | null;
  manager: string | null;
  quota: number | null;
  ytdRevenue: number | null;
  needsCoaching: boolean;
  why: string;
  /** Closed deals with created and close dates: average and median days created -> close. */
  cycleClosedDeals: number;
  averageCycleDays: number | null;
  medianCycleDays: number | null;
}

export interface PipelineResult {
  parameters: PipelineParameters;
  dealsTable: string;
  repsTable: string | null;
  deals: DealResult[];
  summary: PipelineSummary;
  forecast: Forecast;
  reps: RepResult[];
  velocity: Velocity;
  /** Open deals whose probability came from the pack's stage defaults (or fallback). */
  stageDefaultProbabilityDeals: number;
  /** Plain sentences: what could not be computed, and what was estimated. */
  notes: string[];
}
