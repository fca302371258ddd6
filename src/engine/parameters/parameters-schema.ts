/**
 * JSON Schema (draft-07) of a rule pack's `parameters` (PackParameters). Every object is closed
 * (additionalProperties false) and every option says what it does and its usual default.
 */
import { ROUNDING_RULES } from "../rounding/round-rule";
import { GAP_METHODS } from "./gap-methods";
import {
  DEFAULT_PRIORITY_BANDS,
  GAP_TYPES,
  NARRATIVE_TONES,
  ROLLUP_ATTRIBUTES,
  SUB_SCORES,
} from "./pack-parameters";
import { PIPELINE_PARAMETERS_SCHEMA } from "./pipeline-parameters-schema";

type Schema = Record<string, unknown>;

/** Top-level parameter keys every pack must have (`pipeline` is optional). */
const REQUIRED_KEYS = [
  "windows",
  "rounding",
  "gaps",
  "severity",
  "scoring",
  "churn",
  "exposure",
  "ranking",
  "recovery",
  "portfolio",
  "segmentDefaults",
  "rootCauseDefault",
  "referenceTraceRows",
] as const;

const num = (description: string, extra: Schema = {}): Schema => ({
  type: "number",
  description,
  ...extra,
});
const int = (description: string, min = 0): Schema => ({
  type: "integer",
  minimum: min,
  description,
});
const closed = (
  description: string,
  properties: Record<string, Schema>,
  required = Object.keys(properties),
): Schema => ({
  type: "object",
  description,
  additionalProperties: false,
  properties,
  required,
});
const perGapType = (description: string, value: Schema): Schema => ({
  type: "object",
  description,
  additionalProperties: false,
  properties: Object.fromEntries(GAP_TYPES.map((t) => [t, value])),
});
const bands: Schema = {
  type: "array",
  description: "Bands checked in order; the first with value >= min gives the score.",
  items: closed("One band.", {
    min: num("Lower bound (inclusive)."),
    score: num("Score for the band."),
  }),
};

export const PARAMETERS_SCHEMA: Schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  ...closed(
    "Rule-pack parameters: windows, rounding, formulas, bands, weights, multipliers and targets.",
    {
      windows: closed(
        "Week windows the metrics use (and, optionally, their lengths in months for monthly data).",
        {
          baselineWeeks: int(
            "Weeks in the baseline window. Default 4 (seed-tier2) / 6 (seed-v2).",
            1,
          ),
          baselineAnchor: {
            enum: ["first", "trailing"],
            description:
              "first: the customer's first weeks (seed-tier2); trailing: the weeks immediately before the current window (seed-v2; falls back to all weeks before it, or all weeks). Default trailing.",
          },
          currentWeeks: int(
            "Weeks in the current window, ending at the last calendar week. Default 4.",
            1,
          ),
          structuralWeeks: int("Weeks over which volatility is measured. Default 8.", 1),
          months: closed(
            "The windows of a monthly run (monthly data, or --period month), in calendar months. Optional: without it a monthly run converts the week counts above to the nearest whole number of months (weeks x 12 / 52, at least 1: 12 weeks -> 3 months, 6 -> 1). default declares the finance convention, the last quarter against the half-year before it: { baseline: 6, current: 3, structural: 6 }. Weekly runs ignore it.",
            {
              baseline: int("Months in the baseline window.", 1),
              current: int("Months in the current window, ending at the last calendar month.", 1),
              structural: int("Months over which volatility is measured.", 1),
            },
          ),
        },
        ["baselineWeeks", "baselineAnchor", "currentWeeks", "structuralWeeks"],
      ),
      rounding: {
        enum: ROUNDING_RULES.map((r) => r.name),
        description: `How figures are rounded. ${ROUNDING_RULES.map((r) => `${r.name}: ${r.description}`).join(" ")} Default cents.`,
      },
      gaps: perGapType(
        "Per gap type, the method computing current, expected, amount, percent and weeks at risk. A gap rule's type must be listed here.",
        closed("Gap type settings.", {
          method: {
            enum: GAP_METHODS.map((m) => m.name),
            description: `Gap method. ${GAP_METHODS.map((m) => `${m.name}: ${m.description}`).join(" ")}`,
          },
        }),
      ),
      severity: closed("Severity bands on the gap's percent change (negative = below expected).", {
        high: num("At or below (or strictly below) this percent the gap is high. Default -30."),
        medium: num(
          "At or below (or strictly below) this percent the gap is medium, else low. Default -15.",
        ),
        inclusive: {
          type: "boolean",
          description: "true: pct <= band (seed-tier2); false: pct < band. Default true.",
        },
      }),
      scoring: closed(
        "Priority score: sub-scores 0-10, how they combine, and the priority bands.",
        {
          model: {
            enum: ["weighted", "worst-of", "loss-risk"],
            description:
              "weighted: sum of weight x sub-score (default); worst-of: a gap is as risky as its worst dimension, min(10, largest sub-score x its worstOfFactors factor); loss-risk: 10 x the customer's learned loss risk (the lossRisk fact; needs the customer model), ranked on the unrounded value.",
          },
          weights: closed(
            "Weights of the sub-scores (weighted model). Default 0.35 / 0.30 / 0.20 / 0.15.",
            Object.fromEntries(SUB_SCORES.map((s) => [s, num(`Weight of ${s}.`, { minimum: 0 })])),
          ),
          worstOfFactors: closed(
            "Worst-of model: each sub-score is multiplied by its factor before taking the largest (score = min(10, max of sub-score x factor)). Optional; a missing factor is 1.",
            Object.fromEntries(
              SUB_SCORES.map((s) => [s, num(`Factor of ${s}. Default 1.`, { minimum: 0 })]),
            ),
            [],
          ),
          bands: {
            type: "array",
            description: `Priority bands on the priority score (0-10), checked in order: the first band with score >= min gives the label (shown as the Priority band column). Optional; default ${DEFAULT_PRIORITY_BANDS.map((b) => `${b.label} >= ${b.min}`).join(", ")}, else the last band's label.`,
            minItems: 1,
            items: closed("One band.", {
              min: num("Lower bound of the band (inclusive)."),
              label: { type: "string", minLength: 1, description: "Band label, e.g. critical." },
            }),
          },
          roundSubScores: {
            type: "boolean",
            description:
              "Round each sub-score with the rounding rule before combining (seed-tier2: true). Default false.",
          },
          subScores: closed("Sub-score methods.", {
            revenueImpact: closed("Revenue impact 0-10.", {
              method: {
                enum: ["share-of-max-gap", "share-of-total-revenue"],
                description:
                  "share-of-max-gap: min(10, amount / largest amount in the run x 10) (default); share-of-total-revenue: min(10, amount / customer's total revenue x 100).",
              },
              fallbackMax: num("Largest amount used when every amount is 0. Default 1000.", {
                exclusiveMinimum: 0,
              }),
            }),
            churnRisk: closed("Churn risk 0-10.", {
              method: {
                enum: ["zero-weeks-then-churn-then-decline", "churn-score"],
                description:
                  "zero-weeks-then-churn-then-decline: zero_spend gaps min(10, zeroSpendBase + weeks at risk), else churn score x 10 for listed customers, else min(10, |gap %| / declinePctDivisor x 10) (seed-tier2, default); churn-score: churn score x 10 for listed customers, else 0.",
              },
              zeroSpendBase: num("Base for zero_spend gaps. Default 7."),
              declinePctDivisor: num("Percent decline that scores 10. Default 50.", {
                exclusiveMinimum: 0,
              }),
            }),
            customerValue: closed("Customer value 0-10 from the value percentile.", {
              method: {
                enum: ["percentile-bands"],
                description: "percentile-bands: first band with percentile >= min (default).",
              },
              bands,
              otherwise: num("Score below every band. Default 2."),
            }),
            recoveryProbability: closed("Recovery probability 0-10.", {
              method: {
                enum: ["gap-type-table"],
                description:
                  "gap-type-table: a base per gap type, then dampening by weeks at risk (default).",
              },
              base: perGapType("Base score per gap type.", num("Base score.")),
              otherwise: num("Base for gap types not listed. Default 5."),
              byWeeksAtRisk: perGapType(
                "Gap types whose base comes from weeks at risk (first band with weeks >= min).",
                bands,
              ),
              dampening: {
                type: "array",
                description:
                  "Multiply by factor when weeks at risk > above; first match wins, list from the highest. Default [{above 4, 0.7}, {above 2, 0.85}].",
                items: closed("One dampening step.", {
                  above: num("Weeks at risk strictly above."),
                  factor: num("Multiplier."),
                }),
              },
            }),
          }),
        },
        ["model", "weights", "roundSubScores", "subScores"],
      ),
      churn: closed("Churn score of listed customers.", {
        scoreMethod: {
          enum: ["zero-streak-ratio"],
          description: "zero-streak-ratio: min(1, trailing zero weeks / streakWeeks) (default).",
        },
        streakWeeks: num("Zero weeks that make the score 1. Default 4.", { exclusiveMinimum: 0 }),
        probabilityFactor: num("Predicted churn probability = factor x score. Default 0.9.", {
          minimum: 0,
          maximum: 1,
        }),
      }),
      exposure: closed(
        "Risk-weighted exposure = gap amount x min(cap, product of segment multipliers).",
        {
          enabled: {
            type: "boolean",
            description: "Compute exposure (false: exposure 0). Default true.",
          },
          factors: {
            type: "array",
            description: "Multipliers keyed by segment values, multiplied left to right.",
            items: closed("One factor.", {
              segment: { type: "string", description: "Segment fact name (e.g. churnBucket)." },
              multipliers: {
                type: "object",
                description: "Multiplier per segment value.",
                additionalProperties: { type: "number", minimum: 0 },
              },
              otherwise: num("Multiplier for a value not listed. Default 1.", { minimum: 0 }),
            }),
          },
          cap: num("Largest multiplier. Default 2.5.", { exclusiveMinimum: 0 }),
        },
      ),
      ranking: closed("Ranking of gap rows.", {
        by: {
          enum: ["priorityScore", "exposure", "gapAmount"],
          description:
            "Sort key, descending; ties keep customer file order then gap-type order. Default priorityScore.",
        },
        topN: int("Rows in the top list (the CLI --top overrides). Default 20.", 1),
      }),
      recovery: closed("Recovery potential and recommended actions.", {
        scope: {
          enum: ["top-n", "all", "top-n-customers", "all-customers"],
          description:
            "What potential recovery sums: top-n the top N gap rows (default, seed presets; a customer with two rows there counts twice), all every gap row, top-n-customers each of the top N customers once (its primary gap's recovery), all-customers every customer once.",
        },
        factors: perGapType(
          "Recovery potential = gap amount x factor (default 1).",
          num("Factor.", { minimum: 0 }),
        ),
        actions: perGapType("Recommended actions per gap type.", {
          type: "array",
          items: { type: "string" },
        }),
      }),
      portfolio: closed("Portfolio rollups.", {
        concentrationTopN: int(
          "Concentration: share of exposure held by this many top customers. Default 20.",
          1,
        ),
        verdict: closed("Verdict bands on a portfolio fact.", {
          fact: { type: "string", description: "Portfolio fact (default totalExposure)." },
          high: num("At or above: HIGH. Default 50000."),
          medium: num("At or above: MEDIUM, else LOW. Default 15000."),
        }),
        targets: {
          type: "array",
          description: "Targets: 'on target' when the fact <= max, else 'above target'.",
          items: closed("One target.", {
            name: { type: "string", description: "Short name." },
            fact: { type: "string", description: "Portfolio fact." },
            max: num("Target maximum."),
            label: { type: "string", description: "Label in the report." },
          }),
        },
      }),
      segmentDefaults: {
        type: "object",
        description:
          "Value of a segment when no segment rule fires (default: the segment's first value).",
        additionalProperties: { type: "string" },
      },
      rootCauseDefault: {
        type: ["string", "null"],
        description:
          "Root cause when no root-cause rule fires (null: none). Default demand_softness.",
      },
      referenceTraceRows: int(
        "Gap rows (in rank order) whose why-text comes from json-rules-engine's reference trace; the rest use the compiled trace. Default 50.",
      ),
      attribution: closed(
        "Stockout attribution, noise and sharp-drop settings of the metrics stage (optional; every key optional).",
        {
          stockoutWeekShare: num(
            "A store-week counts as a stockout week when at least this share of the store's range is out (SKUs out / SKUs, stockout days / (7 x SKUs), or 1 - mean in-stock rate). Default 0.25.",
            { minimum: 0, maximum: 1 },
          ),
          sharpDropRatio: num(
            "A sharp drop week: spend above 0 but below this multiple of expectedAvg while the store is in stock. Default 0.35.",
            { minimum: 0 },
          ),
          noiseFloorCv: num(
            "shortfallZ divides by at least this share of expectedAvg, so a customer with near-constant spend is not called significant for a few cents. Default 0.05.",
            { minimum: 0 },
          ),
          zCap: num("shortfallZ and the other z facts are clamped to [-zCap, zCap]. Default 99.", {
            exclusiveMinimum: 0,
          }),
          spikeClipK: num(
            "Baseline spike clipping: a comparable in-stock baseline week whose spend is above median + spikeClipK x max(1.4826 x MAD, noiseFloorCv x median) of those weeks' purchases (spend > 0) is clipped to that level before expectedAvg and noiseSd, so one unusually large order does not inflate the expected level. 0 turns clipping off. Default 3.",
            { minimum: 0 },
          ),
          spikeMinWeeks: int(
            "Spike clipping needs at least this many purchase weeks among the comparable baseline weeks (at least 3 is used): a robust scale from a handful of lumpy purchases cannot tell a spike from an ordinary large order. Default 6.",
          ),
        },
        [],
      ),
      pipeline: PIPELINE_PARAMETERS_SCHEMA,
      currency: {
        type: "string",
        pattern: "^[A-Za-z]{3}$",
        description:
          "ISO 4217 code of the money in the input (GBP, EUR, ...), used in every money format, headline and why text. Optional: --currency or the pane's choice wins; without either, the currency the input's number formats or money texts name; else USD.",
      },
      report: closed(
        "Report options (optional).",
        {
          rollups: {
            type: "array",
            uniqueItems: true,
            items: { type: "string", enum: [...ROLLUP_ATTRIBUTES] },
            description:
              "Customer attributes RGO Summary rolls revenue at risk, customers with gaps and exposure up by, one table each in this order: region (the region / segment column), ageBand (age bands as given, or 10-year bands from plain ages), householdSize, income, loyalty, store. An attribute the input has no values for is left out. Absent or []: no rollups (packs written before rollups, such as the seed presets, report as before). The default pack lists every attribute, so it rolls up by every one present.",
          },
          feedbackAfterRuns: int(
            "Outcome feedback on RGO Summary (RGO Actions) counts the customers first flagged this many runs ago or more: how many gaps closed with an action recorded and without. Default 4 (a gap is judged on the current window, 4 weeks in the built-in packs, so a customer needs about that many weekly runs to show a recovery).",
            1,
          ),
          trendStablePct: num(
            "Since last run: a change of less than this percent is 'stable' (the trend verdict on exposure, and a customer flagged both times is 'persisting' rather than worsening or improving). Default 5 (the original RGOv2's trend_stable_threshold_pct).",
            { minimum: 0 },
          ),
        },
        [],
      ),
      narrative: closed(
        "The optional AI-written narrative (off unless a person turns it on: rgo analyze --narrative, the pane's Settings). Optional; every key optional.",
        {
          topN: {
            type: "integer",
            minimum: 1,
            maximum: 20,
            description:
              "Customers (best-ranked first) whose computed facts and why are sent to the language model. Default 5, at most 20.",
          },
          tone: {
            enum: [...NARRATIVE_TONES],
            description: "Tone of the drafts: neutral, warm, formal or concise. Default neutral.",
          },
          audience: {
            type: "string",
            minLength: 1,
            maxLength: 80,
            description: 'Who reads the drafts, in words. Default "account managers".',
          },
        },
        [],
      ),
      model: closed(
        "The customer model (BG/NBD + Gamma-Gamma + a loss risk learned from the workbook's own earlier history): facts pActive, expectedPurchasesNext, expectedSpendNext, expectedSpendLow/High, recentRunRate, forecastShortfall, forecastShortfallShare, pLoss, lossRisk. Optional; every key optional.",
        {
          enabled: {
            type: "boolean",
            description:
              "Fit the model and show its facts (RGO Customers columns, the forecast on RGO Summary). It is also fitted when a rule tests one of its facts. Default false.",
          },
          horizonWeeks: int("Forecast horizon H in weeks. Default 13.", 1),
          intervalLevel: num("Probability of the spend interval. Default 0.8.", {
            exclusiveMinimum: 0,
            exclusiveMaximum: 1,
          }),
          lossFraction: num(
            "A customer counts as lost when their weekly spend over the horizon is at most this fraction of their weekly spend over the last 13 weeks (pLoss, lossRisk). Default 0.5.",
            { exclusiveMinimum: 0, maximum: 1 },
          ),
          valueTrend: {
            type: "boolean",
            description:
              "Scale the expected value per purchase by the cohort's recent mean repeat value / its long-run mean. Default true.",
          },
        },
        [],
      ),
    },
    [...REQUIRED_KEYS],
  ),
};
