/**
 * Deal facts: what `deal-flag` rules (scope "deal") may test for one deal of the sales pipeline,
 * plus the pack's pipeline thresholds as facts so rules can compare against them.
 */
import type { FactSpec } from "../../rules/types";

export const DEAL_FACTS: readonly FactSpec[] = [
  {
    name: "stage",
    type: "string",
    description: "Stage of the deal as written in the deals sheet.",
  },
  {
    name: "status",
    type: "string",
    values: ["active", "won", "lost"],
    description: "Status of the deal: active (open), won or lost.",
  },
  {
    name: "value",
    type: "number",
    unit: "dollars",
    description: "Deal value (not available when the sheet has none for the deal).",
  },
  {
    name: "probability",
    type: "number",
    unit: "ratio",
    description: "Win probability used: the deal's own, else the pack's stage default (0 to 1).",
  },
  {
    name: "hasOwnProbability",
    type: "boolean",
    description: "Whether the probability came from the deals sheet (not a stage default).",
  },
  {
    name: "weightedValue",
    type: "number",
    unit: "dollars",
    description: "Value x probability.",
  },
  {
    name: "daysInStage",
    type: "number",
    unit: "days",
    description: "Days in the current stage (given, or estimated from the engage date).",
  },
  {
    name: "stalledDaysThreshold",
    type: "number",
    unit: "days",
    description: "Stalled threshold for the deal's stage (pipeline parameters).",
  },
  {
    name: "riskFlagCount",
    type: "number",
    unit: "count",
    description: "Number of risk flags listed for the deal.",
  },
  {
    name: "competitorCount",
    type: "number",
    unit: "count",
    description: "Number of competitors listed for the deal.",
  },
  {
    name: "highProbability",
    type: "number",
    unit: "ratio",
    description: "High-probability mark for the sanity check (pipeline parameters).",
  },
  {
    name: "extremeDaysInStage",
    type: "number",
    unit: "days",
    description: "Extreme days in stage for the sanity check (pipeline parameters).",
  },
];
