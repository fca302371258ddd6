/**
 * JSON Schema (draft-07) of the optional `parameters.pipeline` block (PipelineParameters in
 * src/engine/sales-pipeline/pipeline-parameters.ts). Every key is optional; missing keys take
 * the defaults listed in each description.
 */
type Schema = Record<string, unknown>;

const perStage = (description: string, value: Schema): Schema => ({
  type: "object",
  description,
  additionalProperties: value,
});

export const PIPELINE_PARAMETERS_SCHEMA: Schema = {
  type: "object",
  description:
    "Sales-pipeline module (deals and reps sheets): thresholds the deal-flag and rep-flag rules compare against, and stage default probabilities.",
  additionalProperties: false,
  required: [],
  properties: {
    stalledDaysDefault: {
      type: "number",
      minimum: 0,
      description:
        "Days in stage from which an open deal counts as stalled (fact stalledDaysThreshold), unless its stage has its own. Default 21.",
    },
    stalledDaysByStage: perStage(
      "Per-stage stalled thresholds in days, by stage name (case-insensitive). Default none.",
      { type: "number", minimum: 0 },
    ),
    stageProbabilities: perStage(
      "Probability 0..1 assumed for a deal without one, by stage name (case-insensitive).",
      { type: "number", minimum: 0, maximum: 1 },
    ),
    fallbackProbability: {
      type: "number",
      minimum: 0,
      maximum: 1,
      description:
        "Probability for an open deal with no probability and a stage without a default. Default 0.3.",
    },
    coachingQuotaAttainment: {
      type: "number",
      minimum: 0,
      description:
        "Quota attainment below which a rep needs coaching (fact coachingThreshold). Default 0.7.",
    },
    topOpportunities: {
      type: "integer",
      minimum: 0,
      description: "Top opportunities (by value x probability) listed per rep. Default 3.",
    },
    highProbability: {
      type: "number",
      minimum: 0,
      maximum: 1,
      description:
        "Probability from which a deal long in its stage is suspicious (fact highProbability). Default 0.75.",
    },
    extremeDaysInStage: {
      type: "number",
      minimum: 0,
      description:
        "Days in stage that make a high-probability deal suspicious (fact extremeDaysInStage). Default 60.",
    },
  },
};
