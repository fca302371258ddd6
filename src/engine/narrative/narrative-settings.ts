/**
 * The AI-written narrative's settings from the rule pack (`parameters.narrative`): how many
 * customers' facts are sent (default 5, at most 20), the tone and the audience. The narrative itself
 * is off unless a person turns it on (rgo analyze --narrative, the pane's Settings); these settings
 * only shape it when it is on.
 */
import type { NarrativeParameters, PackParameters } from "../parameters/pack-parameters";

export const DEFAULT_NARRATIVE: Readonly<NarrativeParameters> = {
  topN: 5,
  tone: "neutral",
  audience: "account managers",
};

/** The most customers a narrative may cover (the pack schema's maximum). */
export const MAX_NARRATIVE_TOP_N = 20;

/** The pack's narrative settings, missing keys taking DEFAULT_NARRATIVE; topN kept in 1..20. */
export function narrativeSettings(parameters: PackParameters): NarrativeParameters {
  const given = parameters.narrative ?? {};
  const topN = given.topN ?? DEFAULT_NARRATIVE.topN;
  return {
    topN: Math.min(MAX_NARRATIVE_TOP_N, Math.max(1, Math.floor(topN))),
    tone: given.tone ?? DEFAULT_NARRATIVE.tone,
    audience: given.audience ?? DEFAULT_NARRATIVE.audience,
  };
}
