/**
 * The `parameters.pipeline` block of a rule pack: numbers the sales-pipeline module uses. Which
 * deals are stalled or at risk and which reps need coaching is decided by rules (event types
 * `deal-flag` and `rep-flag`); these parameters feed the facts those rules compare against.
 */
export interface PipelineParameters {
  /** Days in stage from which an open deal counts as stalled, unless its stage has its own. Default 21. */
  stalledDaysDefault: number;
  /** Per-stage stalled thresholds (stage names compared case-insensitively). Default {}. */
  stalledDaysByStage: Record<string, number>;
  /** Probability used when a deal has none, by stage (case-insensitive). Default: see the packs. */
  stageProbabilities: Record<string, number>;
  /** Probability for an open deal whose stage has no default and no probability. Default 0.3. */
  fallbackProbability: number;
  /** Quota attainment (YTD / quota) below which a rep needs coaching; the rule compares against it. Default 0.7. */
  coachingQuotaAttainment: number;
  /** How many top opportunities (by value x probability) to list per rep. Default 3. */
  topOpportunities: number;
  /** Probability at or above which a long-stalled deal is suspicious (sanity check rule). Default 0.75. */
  highProbability: number;
  /** Days in stage that make a high-probability deal suspicious. Default 60. */
  extremeDaysInStage: number;
}

export const DEFAULT_PIPELINE_PARAMETERS: PipelineParameters = {
  stalledDaysDefault: 21,
  stalledDaysByStage: {},
  stageProbabilities: {},
  fallbackProbability: 0.3,
  coachingQuotaAttainment: 0.7,
  topOpportunities: 3,
  highProbability: 0.75,
  extremeDaysInStage: 60,
};

function lookupStage(table: Record<string, number>, stage: string): number | undefined {
  const key = stage.trim().toLowerCase();
  for (const [name, value] of Object.entries(table)) {
    if (name.trim().toLowerCase() === key) return value;
  }
  return undefined;
}

/** The stalled threshold that applies to a stage. */
export function stalledThreshold(params: PipelineParameters, stage: string): number {
  return lookupStage(params.stalledDaysByStage, stage) ?? params.stalledDaysDefault;
}

/** The probability the pack assumes for a stage when the deal has none. */
export function stageProbability(params: PipelineParameters, stage: string): number {
  return lookupStage(params.stageProbabilities, stage) ?? params.fallbackProbability;
}

/** The pack's `parameters.pipeline` (possibly partial or absent) completed with the defaults. */
export function resolvePipelineParameters(
  given: Partial<PipelineParameters> | undefined,
): PipelineParameters {
  return { ...DEFAULT_PIPELINE_PARAMETERS, ...(given ?? {}) };
}
