/**
 * The headers the narrative adds: "AI narrative" and its source on RGO Gaps, the message draft and
 * its source on RGO Actions. The RGO Actions reader drops the latter two when it reads a previous
 * run (they are the tool's, written afresh by each run with the narrative on), so they never turn
 * into columns the user added.
 */
import { NARRATIVE_COLUMN } from "./narrative-notices";

export const GAPS_NARRATIVE_HEADERS = [NARRATIVE_COLUMN, "Narrative source"] as const;
export const ACTIONS_NARRATIVE_HEADERS = ["Message draft (AI narrative)", "Draft source"] as const;

/** A source cell: "ai" (the model's text, validated) or "rules" (the rule-based text). */
export type NarrativeSource = "ai" | "rules";
