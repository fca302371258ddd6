/**
 * The longest text the narrative accepts per field (characters, after trimming). A reply over a
 * limit is refused, not cut, so what is written is always what the model said in full.
 */
export const NARRATIVE_LIMITS = {
  rationale: 400,
  opportunity: 400,
  message: 700,
  paragraph: 900,
} as const;

export type NarrativeField = keyof typeof NARRATIVE_LIMITS;
