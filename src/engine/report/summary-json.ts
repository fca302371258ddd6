/**
 * The `--json` summary (DESIGN.md section 7): these keys, money rounded to cents, plus the
 * `pipeline` block when the input has deals. `summary` adds revenue at risk (each customer once)
 * and its breakdowns, the recovery scope and the priority-band counts after the original keys.
 */
import { DEFAULT_CURRENCY } from "../currency";
import type { AnalysisResult, RollupRow } from "../analysis-result";
import type { ModelSummary } from "../metrics/customer-forecast";
import type { IssueSeverity } from "../issue";
import { toPipelineJson, type PipelineJson } from "./pipeline-json";
import type { ReportMeta } from "./report-meta";
import type { TrendJson } from "../history/trend";

export interface SummaryJson {
  rulePack: { name: string; version: string; hash: string };
  input: { customers: number; salesRows: number; weeks: number; stockRows: number };
  summary: {
    customersAnalyzed: number;
    customersWithGaps: number;
    gapCount: number;
    gapsByType: Record<string, number>;
    severityCounts: { high: number; medium: number; low: number };
    totalGap: number;
    churnRiskCustomers: number;
    potentialRecovery: number;
    totalExposure: number;
    /** Whether the pack has an exposure layer (false: the exposure figures are 0 by definition). */
    exposureEnabled: boolean;
    exposureByCause: Record<string, number>;
    exposureByTier: Record<string, number>;
    /** Revenue at risk, each customer once (totalGap sums every gap row). */
    revenueAtRisk: number;
    revenueAtRiskByCause: Record<string, number>;
    revenueAtRiskByGapType: Record<string, number>;
    revenueAtRiskByTier: Record<string, number>;
    /** What potentialRecovery sums: "top-n", "all", "top-n-customers" or "all-customers". */
    recoveryScope: string;
    /** Customers with gaps per priority band. */
    priorityBands: Record<string, number>;
    /**
     * ISO 4217 code of every money figure, when it is not USD (absent: USD, so a run without
     * currency information writes exactly the JSON it always did).
     */
    currency?: string;
    /**
     * "month" when the money figures are per month (monthly data, input/period.ts); absent: per
     * week, so a weekly run writes exactly the JSON it always did.
     */
    period?: "month";
    /**
     * The customer model, when the pack uses it: settings, fitted parameters and fit quality
     * (`fit` null and `notFitted` the reason when there was too little data).
     */
    model?: {
      horizonWeeks: number;
      intervalLevel: number;
      lossFraction: number;
      fit: ModelSummary | null;
      notFitted: string | null;
    };
  };
  topGaps: {
    rank: number;
    customerId: string;
    gapType: string;
    severity: string;
    priorityScore: number;
    gapAmount: number;
    rootCause: string | null;
    exposure: number;
  }[];
  /** Sales-pipeline block; present only when the input has a deals table. */
  pipeline?: PipelineJson;
  /** Segment rollups by customer attribute (money in dollars); present when the pack asks for them. */
  rollups?: Record<string, RollupRow[]>;
  /** The run's as-of date: the last day analysed (ISO date, or the last week's label). */
  asOf?: string;
  /** What changed since the previous run (history/trend.ts); present when there was one to compare. */
  trend?: TrendJson;
  issues: {
    severity: IssueSeverity;
    sheet: string;
    row: number | null;
    column: string | null;
    message: string;
    /** Issues this entry stands for, when more than one (a capped kind's summary entry). */
    count?: number;
  }[];
}

/** Money to cents (half away from zero on the cent value; inputs are already at cents). */
export const cents = (x: number): number => Math.round(x * 100 + (x >= 0 ? 1e-9 : -1e-9)) / 100;

const mapCents = (m: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, cents(v)]));

export function toSummaryJson(result: AnalysisResult, meta: ReportMeta): SummaryJson {
  const p = result.portfolio;
  return {
    rulePack: { name: meta.pack.name, version: meta.pack.version, hash: meta.packHash },
    input: {
      customers: meta.inputCounts.customers,
      salesRows: meta.inputCounts.salesRows,
      weeks: meta.weeks ?? result.weeks,
      stockRows: meta.inputCounts.stockRows,
    },
    summary: {
      customersAnalyzed: p.customersAnalyzed,
      customersWithGaps: p.customersWithGaps,
      gapCount: p.gapCount,
      gapsByType: { ...p.gapsByType },
      severityCounts: { ...p.severityCounts },
      totalGap: cents(p.totalGap),
      churnRiskCustomers: p.churnRiskCustomers,
      potentialRecovery: cents(p.potentialRecovery),
      totalExposure: cents(p.totalExposure),
      exposureEnabled: result.parameters.exposure.enabled,
      exposureByCause: mapCents(p.exposureByCause),
      exposureByTier: mapCents(p.exposureByTier),
      revenueAtRisk: cents(p.revenueAtRisk),
      revenueAtRiskByCause: mapCents(p.revenueAtRiskByCause),
      revenueAtRiskByGapType: mapCents(p.revenueAtRiskByGapType),
      revenueAtRiskByTier: mapCents(p.revenueAtRiskByTier),
      recoveryScope: result.parameters.recovery.scope,
      priorityBands: { ...p.bandCounts },
      ...(meta.currency !== undefined && meta.currency !== DEFAULT_CURRENCY
        ? { currency: meta.currency }
        : {}),
      ...(result.period === "month" ? { period: "month" as const } : {}),
      ...(result.model !== undefined
        ? {
            model: {
              horizonWeeks: result.model.parameters.horizonWeeks,
              intervalLevel: result.model.parameters.intervalLevel,
              lossFraction: result.model.parameters.lossFraction,
              fit: result.model.summary,
              notFitted: result.model.notFitted,
            },
          }
        : {}),
    },
    topGaps: result.topGaps.map((g) => ({
      rank: g.rank,
      customerId: g.customerId,
      gapType: g.gapType,
      severity: g.severity,
      priorityScore: g.priorityScore,
      gapAmount: cents(g.gapAmount),
      rootCause: g.rootCause,
      exposure: cents(g.exposure),
    })),
    ...(result.pipeline !== undefined ? { pipeline: toPipelineJson(result.pipeline) } : {}),
    ...(result.rollups !== undefined
      ? { rollups: Object.fromEntries(result.rollups.map((r) => [r.attribute, r.rows])) }
      : {}),
    ...(meta.asOf !== undefined ? { asOf: meta.asOf } : {}),
    issues: meta.issues.map((i) => ({
      severity: i.severity,
      sheet: i.sheet,
      row: i.row,
      column: i.column,
      message: i.message,
      ...(i.count !== undefined ? { count: i.count } : {}),
    })),
  };
}
