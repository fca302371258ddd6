/**
 * The `parameters` section of a rule pack: windows, rounding, formulas (method names + numbers),
 * bands, weights, multipliers and targets. Thresholds that classify live in the rules; what is
 * computed from a classification lives here. The JSON Schema is in parameters-schema.ts.
 */
import type { PipelineParameters } from "./pipeline-parameters";
import type { RoundingRule } from "../rounding/round-rule";

/** Gap types a `gap` rule can emit (order = the within-customer order of gap rows). */
export const GAP_TYPES = [
  "declining_revenue",
  "below_baseline",
  "zero_spend",
  "revenue_gap",
  "expected_shortfall",
] as const;
export type GapType = (typeof GAP_TYPES)[number];

/** The four sub-scores of the priority score (each 0-10). */
export const SUB_SCORES = [
  "revenueImpact",
  "churnRisk",
  "customerValue",
  "recoveryProbability",
] as const;
export type SubScoreName = (typeof SUB_SCORES)[number];

export interface WindowParameters {
  /** Weeks in the baseline window. */
  baselineWeeks: number;
  /** "first": the customer's first weeks; "trailing": the weeks just before the current window. */
  baselineAnchor: "first" | "trailing";
  /** Weeks in the current (recent) window, ending at the last calendar week. */
  currentWeeks: number;
  /** Weeks over which volatility is measured, ending at the last calendar week. */
  structuralWeeks: number;
  /**
   * The windows of a monthly run, declared by the pack (issue 11); without it a monthly run
   * converts the week counts above (period.ts weeksToMonths).
   */
  months?: MonthWindows;
}

/** A pack's windows for monthly data, in calendar months. */
export interface MonthWindows {
  baseline: number;
  current: number;
  structural: number;
}

/** How one gap type's row is computed (method names are in gap-methods.ts). */
export interface GapParameters {
  /** Method computing current / expected / amount / percent / weeks at risk. */
  method: string;
}

export interface SeverityParameters {
  /** Severity is read from the gap's percent change (negative = below expected). */
  high: number;
  medium: number;
  /** true: pct <= band; false: pct < band. */
  inclusive: boolean;
}

export interface Band {
  min: number;
  score: number;
}

export interface SubScoreParameters {
  revenueImpact: { method: "share-of-max-gap" | "share-of-total-revenue"; fallbackMax: number };
  churnRisk: {
    method: "zero-weeks-then-churn-then-decline" | "churn-score";
    zeroSpendBase: number;
    declinePctDivisor: number;
  };
  customerValue: { method: "percentile-bands"; bands: Band[]; otherwise: number };
  recoveryProbability: {
    method: "gap-type-table";
    base: Partial<Record<GapType, number>>;
    otherwise: number;
    /** For these gap types the base is read from weeks at risk: first band with weeksAtRisk >= min. */
    byWeeksAtRisk: Partial<Record<GapType, Band[]>>;
    /** Multiply by `factor` when weeksAtRisk > `above` (first match, listed from the highest). */
    dampening: { above: number; factor: number }[];
  };
}

/** A priority band: the first band (in order) whose `min` the score reaches gives the label. */
export interface PriorityBand {
  min: number;
  label: string;
}

/** Bands used when a pack lists none (scores are 0-10). */
export const DEFAULT_PRIORITY_BANDS: readonly PriorityBand[] = [
  { min: 8, label: "critical" },
  { min: 6, label: "high" },
  { min: 4, label: "medium" },
  { min: 0, label: "low" },
];

export interface ScoringParameters {
  /**
   * "weighted": weighted sum of sub-scores; "worst-of": a gap is as risky as its worst dimension,
   * min(10, max over sub-scores of sub-score x worstOfFactors[sub-score]).
   */
  model: "weighted" | "worst-of" | "loss-risk";
  weights: Record<SubScoreName, number>;
  /** Per-dimension factors of the worst-of model (missing = 1). */
  worstOfFactors?: Partial<Record<SubScoreName, number>>;
  /** Priority bands on the priority score, checked in order (default DEFAULT_PRIORITY_BANDS). */
  bands?: PriorityBand[];
  /** Round each sub-score with the pack's rounding rule before combining. */
  roundSubScores: boolean;
  subScores: SubScoreParameters;
}

export interface ChurnParameters {
  /** "zero-streak-ratio": min(1, trailing zero weeks / streakWeeks). */
  scoreMethod: "zero-streak-ratio";
  streakWeeks: number;
  /** Predicted churn probability = factor x score. */
  probabilityFactor: number;
}

export interface ExposureFactor {
  /** Segment whose value picks the multiplier (e.g. "churnBucket"). */
  segment: string;
  multipliers: Record<string, number>;
  /** Multiplier for a value not listed. */
  otherwise: number;
}

export interface ExposureParameters {
  enabled: boolean;
  /** Multiplied left to right, then capped. */
  factors: ExposureFactor[];
  cap: number;
}

export interface RankingParameters {
  /** Sort key, descending; ties keep customer file order then gap-type order. */
  by: "priorityScore" | "exposure" | "gapAmount";
  topN: number;
}

export interface RecoveryParameters {
  /**
   * What potential recovery sums: "top-n" the top N gap rows (seed presets; a customer with two
   * rows in the top N counts twice), "all" every row, "top-n-customers" the recovery figure of each
   * of the top N customers once, "all-customers" every customer once.
   */
  scope: "top-n" | "all" | "top-n-customers" | "all-customers";
  /** Recovery potential of a row = gap amount x factor (default 1). */
  factors: Partial<Record<GapType, number>>;
  actions: Partial<Record<GapType, string[]>>;
}

export interface TargetParameter {
  name: string;
  /** Portfolio fact compared with `max`. */
  fact: string;
  max: number;
  label: string;
}

export interface PortfolioParameters {
  concentrationTopN: number;
  /** Verdict from a portfolio fact: >= high -> HIGH, >= medium -> MEDIUM, else LOW. */
  verdict: { fact: string; high: number; medium: number };
  targets: TargetParameter[];
}

/**
 * Stockout attribution and noise inputs of the metrics stage (the stockout-robust facts
 * expectedAvg, noiseSd, shortfallZ, stockoutWeeksCurrent, sharpDropWeeks ...). Optional in a pack:
 * missing keys take DEFAULT_ATTRIBUTION.
 */
export interface AttributionParameters {
  /** A store-week is a stockout week when at least this share of the store's range is out (0..1). */
  stockoutWeekShare: number;
  /** A sharp drop week: 0 < spend < sharpDropRatio x expected, while the store is in stock. */
  sharpDropRatio: number;
  /** Noise floor: shortfallZ divides by at least noiseFloorCv x expectedAvg (0 = no floor). */
  noiseFloorCv: number;
  /** shortfallZ and the other z facts are clamped to [-zCap, zCap]. */
  zCap: number;
  /**
   * Baseline spike clipping: comparable baseline weeks above median + spikeClipK x max(1.4826 x
   * MAD, noiseFloorCv x median) of their purchases (spend > 0) are clipped to that level before
   * expectedAvg and noiseSd (0 = no clipping). See metrics/spike-cap.ts.
   */
  spikeClipK: number;
  /** Least purchase weeks among the comparable baseline weeks for spike clipping (at least 3). */
  spikeMinWeeks: number;
}

/** Attribution settings used when a pack has none (or omits a key). */
export const DEFAULT_ATTRIBUTION: Readonly<AttributionParameters> = {
  stockoutWeekShare: 0.25,
  sharpDropRatio: 0.35,
  noiseFloorCv: 0.05,
  zCap: 99,
  spikeClipK: 3,
  spikeMinWeeks: 6,
};

/** Customer attributes RGO Summary can roll revenue at risk up by (`report.rollups`). */
export const ROLLUP_ATTRIBUTES = [
  "region",
  "ageBand",
  "householdSize",
  "income",
  "loyalty",
  "store",
] as const;
export type RollupAttribute = (typeof ROLLUP_ATTRIBUTES)[number];

/** Report options (optional in a pack). */
export interface ReportParameters {
  /**
   * Customer attributes to roll revenue at risk, customers with gaps and exposure up by, in this
   * order; those the input has no values for are left out. Absent or []: no rollups.
   */
  rollups?: RollupAttribute[];
  /** RGO Actions outcome feedback: customers first flagged this many runs ago or more (default 4). */
  feedbackAfterRuns?: number;
  /** Since last run: changes below this percent are stable (default 5, history/trend.ts). */
  trendStablePct?: number;
}

/**
 * The customer model (BG/NBD + Gamma-Gamma + learned loss risk, metrics/customer-forecast.ts).
 * Its facts (pActive, expectedSpendNext, forecastShortfall, lossRisk ...) are computed and shown
 * only when `enabled` (or when a rule tests one of them), so packs that do not use it are unchanged.
 */
export interface ModelParameters {
  enabled: boolean;
  /** Forecast horizon H in weeks (default 13). */
  horizonWeeks: number;
  /** Probability of the spend interval (default 0.8). */
  intervalLevel: number;
  /** Future weekly spend at most this fraction of the recent weekly spend is a loss (default 0.5). */
  lossFraction: number;
  /** Scale expected values by the cohort's recent value trend (default true). */
  valueTrend: boolean;
}

export const DEFAULT_MODEL: Readonly<ModelParameters> = {
  enabled: false,
  horizonWeeks: 13,
  intervalLevel: 0.8,
  lossFraction: 0.5,
  valueTrend: true,
};

export interface PackParameters {
  windows: WindowParameters;
  rounding: RoundingRule;
  gaps: Partial<Record<GapType, GapParameters>>;
  severity: SeverityParameters;
  scoring: ScoringParameters;
  churn: ChurnParameters;
  exposure: ExposureParameters;
  ranking: RankingParameters;
  recovery: RecoveryParameters;
  portfolio: PortfolioParameters;
  /** Default value of each segment when no segment rule fires. */
  segmentDefaults: Record<string, string>;
  /** Root cause when no root-cause rule fires (null: none). */
  rootCauseDefault: string | null;
  /** How many gap rows get the json-rules-engine reference trace; the rest use the compiled trace. */
  referenceTraceRows: number;
  /** Stockout attribution and noise settings (optional; missing keys take DEFAULT_ATTRIBUTION). */
  attribution?: Partial<AttributionParameters>;
  /** Sales-pipeline module settings (optional; missing keys take the module's defaults). */
  pipeline?: Partial<PipelineParameters>;
  /** ISO 4217 code of the input's money (optional; see currency.ts and run-analysis.ts). */
  currency?: string;
  /** Report options (optional): segment rollups on RGO Summary. */
  report?: ReportParameters;
  /** Customer model settings (optional; missing keys take DEFAULT_MODEL). */
  model?: Partial<ModelParameters>;
  /** The optional AI-written narrative (docs/NARRATIVE.md): how many customers, tone, audience. */
  narrative?: Partial<NarrativeParameters>;
}

/** The tones the AI-written narrative may be asked for. */
export const NARRATIVE_TONES = ["neutral", "warm", "formal", "concise"] as const;
export type NarrativeTone = (typeof NARRATIVE_TONES)[number];

/** The AI-written narrative's settings (used only when a person turns the narrative on). */
export interface NarrativeParameters {
  /** Customers (best-ranked first) whose facts are sent; default 5, at most 20. */
  topN: number;
  tone: NarrativeTone;
  /** Who reads the drafts, in words (e.g. "account managers"); at most 80 characters. */
  audience: string;
}
