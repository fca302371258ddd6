/**
 * The result of one analysis run: ranked gap rows, per-customer facts, the churn list, the
 * portfolio summary, triggers, targets, verdict and stage timings. Money is in dollars, rounded to
 * cents per the pack's rule; percents are percent points unless named `...Share`.
 */
import type { FactRecord } from "../rules/types";
import type { GapType, PackParameters, SubScoreName } from "./parameters/pack-parameters";
import type { PipelineResult } from "./sales-pipeline/pipeline-result";

export type Severity = "high" | "medium" | "low";

export interface GapRow {
  /** 1-based rank after sorting. */
  rank: number;
  customerId: string;
  /** Position of the customer in `customers`. */
  customerPosition: number;
  gapType: GapType;
  severity: Severity;
  priorityScore: number;
  subScores: Record<SubScoreName, number>;
  current: number;
  expected: number;
  /** Positive shortfall in dollars. */
  gapAmount: number;
  /** Signed percent change vs expected (negative = below). */
  gapPct: number;
  weeksAtRisk: number;
  rootCause: string | null;
  /** Risk-weighted exposure (0 when the pack has no exposure layer). */
  exposure: number;
  /** The capped exposure multiplier applied (1 when none). */
  exposureMultiplier: number;
  recoveryPotential: number;
  recommendedActions: string[];
  /** Name of the gap rule that detected the row. */
  ruleName: string;
  /** Plain-words explanation: the rules that fired with their values. */
  why: string;
  /** "reference" (json-rules-engine trace) or "compiled" (compiled trace). */
  whySource: "reference" | "compiled" | "";
}

export interface CustomerResult {
  customerId: string;
  /** Every fact rules could test (metrics, score totals, segments). */
  facts: FactRecord;
  churnListed: boolean;
  churnScore: number;
  churnProbability: number;
  churnFactors: string[];
  rootCause: string | null;
  gapCount: number;
  exposure: number;
}

export interface ChurnEntry {
  customerId: string;
  score: number;
  probability: number;
  factors: string[];
  weeksSinceLastPurchase: number;
  trailingZeroWeeks: number;
}

export interface SeverityCounts {
  high: number;
  medium: number;
  low: number;
}

export interface PortfolioSummary {
  customersAnalyzed: number;
  customersWithGaps: number;
  gapCount: number;
  gapsByType: Record<string, number>;
  /** Over all gap rows. */
  severityCounts: SeverityCounts;
  /** Over the top N rows. */
  topSeverityCounts: SeverityCounts;
  totalGap: number;
  churnRiskCustomers: number;
  potentialRecovery: number;
  /** potentialRecovery / totalGap (0..1; 0 when no gap). */
  recoveryShare: number;
  totalExposure: number;
  exposureByCause: Record<string, number>;
  exposureByTier: Record<string, number>;
  /** Share of exposure (or of gap when exposure is off) held by the top customers, 0..1. */
  concentrationShare: number;
  concentrationTopN: number;
  topN: number;
  /** Per gap type over the top N rows: count, total gap, average priority score. */
  topByType: { gapType: string; count: number; totalGap: number; averageScore: number }[];
  /** Customers with gaps per root cause and per segment value. */
  rootCauseCounts: Record<string, number>;
  segmentCounts: Record<string, Record<string, number>>;
}

export interface TriggerResult {
  trigger: string;
  message: string;
  ruleName: string;
  why: string;
}

export interface TargetResult {
  name: string;
  label: string;
  fact: string;
  actual: number;
  max: number;
  status: "on_target" | "above_target";
}

export interface Verdict {
  level: "HIGH" | "MEDIUM" | "LOW";
  fact: string;
  value: number;
  high: number;
  medium: number;
}

export interface StageTiming {
  stage: string;
  ms: number;
}

export interface AnalysisResult {
  scope: { mode: "all" | "single"; customerId: string | null };
  runAt: Date;
  /** Weeks in the dataset's calendar. */
  weeks: number;
  parameters: PackParameters;
  /** Ranked, every gap row. */
  gaps: GapRow[];
  /** The first topN of `gaps`. */
  topGaps: GapRow[];
  customers: CustomerResult[];
  /** Sorted by churn score desc (ties: customer order). */
  churn: ChurnEntry[];
  portfolio: PortfolioSummary;
  triggers: TriggerResult[];
  targets: TargetResult[];
  verdict: Verdict;
  /** Sales-pipeline module figures; present when the input has a deals table. */
  pipeline?: PipelineResult;
  timings: StageTiming[];
}
