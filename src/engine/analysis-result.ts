/**
 * The result of one analysis run: ranked gap rows, per-customer facts, the churn list, the
 * portfolio summary, triggers, targets, verdict and stage timings. Money is in dollars, rounded to
 * cents per the pack's rule; percents are percent points unless named `...Share`.
 */
import type { FactRecord } from "../rules/types";
import type { ModelSummary } from "./metrics/customer-forecast";
import type {
  GapType,
  ModelParameters,
  PackParameters,
  RollupAttribute,
  SubScoreName,
} from "./parameters/pack-parameters";
import type { PeriodUnit } from "./input/period";
import type { PipelineResult } from "./sales-pipeline/pipeline-result";

export type Severity = "high" | "medium" | "low";

/**
 * One gap row, built once and complete (stages/build-gap-rows.ts assembleGapRows) from the outputs
 * of the measure, score, exposure, rank, recovery and explain stages, then frozen: no stage changes
 * a row after it exists.
 */
export interface GapRow {
  /** 1-based rank after sorting. */
  readonly rank: number;
  readonly customerId: string;
  /** Position of the customer in `customers`. */
  readonly customerPosition: number;
  readonly gapType: GapType;
  readonly severity: Severity;
  readonly priorityScore: number;
  /** Label of the priority band the score falls in (scoring.bands). */
  readonly priorityBand: string;
  readonly subScores: Readonly<Record<SubScoreName, number>>;
  readonly current: number;
  readonly expected: number;
  /** Positive shortfall in dollars. */
  readonly gapAmount: number;
  /** Signed percent change vs expected (negative = below). */
  readonly gapPct: number;
  readonly weeksAtRisk: number;
  readonly rootCause: string | null;
  /** Risk-weighted exposure (0 when the pack has no exposure layer). */
  readonly exposure: number;
  /** The capped exposure multiplier applied (1 when none). */
  readonly exposureMultiplier: number;
  readonly recoveryPotential: number;
  readonly recommendedActions: readonly string[];
  /** Name of the gap rule that detected the row. */
  readonly ruleName: string;
  /** Plain-words explanation: the rules that fired with their values. */
  readonly why: string;
  /** "reference" (json-rules-engine trace) or "compiled" (compiled trace). */
  readonly whySource: "reference" | "compiled";
  /**
   * true on the customer's primary gap row (largest gap amount; ties: the better-ranked row): the
   * row whose amount, exposure and recovery are the customer's one money figures.
   */
  readonly primary: boolean;
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
  /**
   * Money counted once per customer (see stages/customer-money.ts): the primary gap row's weekly
   * shortfall (revenue at risk), risk-weighted exposure and recovery potential; 0 without gaps.
   */
  revenueAtRisk: number;
  exposure: number;
  recoveryPotential: number;
  /** Gap type of the primary row (null without gaps). */
  primaryGapType: GapType | null;
  /** The customer's worst (highest) priority score over its rows and its band (0 / null without gaps). */
  priorityScore: number;
  priorityBand: string | null;
  /** 1-based rank of the customer's best-ranked row (0 without gaps). */
  bestRank: number;
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
  /** Sum of gap amounts over all gap rows (a customer with several gap types counts once per row). */
  totalGap: number;
  /** Sum over customers of their one revenue-at-risk figure (each customer once). */
  revenueAtRisk: number;
  /** Revenue at risk per root cause, per primary gap type, per tier (customerTier): sums of customers. */
  revenueAtRiskByCause: Record<string, number>;
  revenueAtRiskByGapType: Record<string, number>;
  revenueAtRiskByTier: Record<string, number>;
  /** Revenue at risk per value of each segment the pack sets. */
  revenueAtRiskBySegment: Record<string, Record<string, number>>;
  churnRiskCustomers: number;
  /** Per the pack's recovery scope (top-n: the top N gap rows; *-customers: each customer once). */
  potentialRecovery: number;
  /** potentialRecovery / totalGap (0..1; 0 when no gap). */
  recoveryShare: number;
  /** Sum over customers of their one exposure figure (each customer once). */
  totalExposure: number;
  /** Exposure per root cause and per tier: sums of customers. */
  exposureByCause: Record<string, number>;
  exposureByTier: Record<string, number>;
  /** Customers with gaps per priority band (band order). */
  bandCounts: Record<string, number>;
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

/** One group of a segment rollup (stages/segment-rollups.ts). */
export interface RollupRow {
  value: string;
  customers: number;
  customersWithGaps: number;
  /** Dollars (an exact sum of cents). */
  revenueAtRisk: number;
  /** Dollars (an exact sum of cents; 0 when the pack has no exposure layer). */
  exposure: number;
}

export interface AttributeRollup {
  attribute: RollupAttribute;
  rows: RollupRow[];
}

export interface AnalysisResult {
  scope: { mode: "all" | "single"; customerId: string | null };
  runAt: Date;
  /** Weeks in the dataset's calendar. */
  weeks: number;
  /** The calendar's period when it is not weeks: "month" for monthly data (input/period.ts). */
  period?: PeriodUnit;
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
  /** Segment rollups the pack asked for (`report.rollups`); absent when it asked for none. */
  rollups?: AttributeRollup[];
  /** False when the input had no stock table (stockouts could not be assessed); absent = true. */
  stockAssessed?: boolean;
  /**
   * The customer model, when the pack uses it: the fit and its quality (null with the reason when
   * there was too little data to fit) and the settings it ran with.
   */
  model?: {
    summary: ModelSummary | null;
    notFitted: string | null;
    parameters: ModelParameters;
  };
  timings: StageTiming[];
}
