/**
 * What in the Rules step stops a run before it starts: a thresholds field whose text is not a
 * number, or a value the field refuses (0.25 weeks, top N -3). The message names the field and
 * the PackFix takes the user there. JSON and schema errors are found by the worker's check.
 */
import { DEFAULT_CURRENCY } from "../../engine/currency";
import type { PackFix } from "./pack-fix";
import type { PaneState } from "./pane-state";
import { thresholdFields, thresholdProblems, valueAt, type ThresholdField } from "./thresholds";

/** The parsed pack text, or null when it is not JSON. */
export function parsePack(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The currency money thresholds are in: the pane's choice, else the pack's, else USD. */
export function packCurrency(chosen: string | null, pack: unknown): string {
  if (chosen !== null) return chosen;
  const own = valueAt(pack, "/parameters/currency");
  return typeof own === "string" && own !== "" ? own : DEFAULT_CURRENCY;
}

/** The thresholds form's fields for the pane's current pack text (none when it is not JSON). */
export function paneFields(state: Pick<PaneState, "packText" | "currency">): ThresholdField[] {
  const pack = parsePack(state.packText);
  return pack === null ? [] : thresholdFields(pack, packCurrency(state.currency, pack));
}

/** The first thing in the form that stops a run, or null. */
export function runBlocker(
  state: Pick<PaneState, "packText" | "currency" | "draftProblems">,
): { message: string; fix: PackFix } | null {
  const drafts = Object.entries(state.draftProblems);
  if (drafts.length > 0) {
    const [pointer, label] = drafts[0];
    return {
      message: `Cannot run: the threshold “${label}” is not a number. Enter a number in the Rules step.`,
      fix: { kind: "field", pointer, label },
    };
  }
  const problems = thresholdProblems(paneFields(state));
  if (problems.length === 0) return null;
  const { field, message } = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return {
    message: `Cannot run: the threshold “${field.label}” is ${field.value}: ${message}${more}`,
    fix: { kind: "field", pointer: field.pointer, label: field.label },
  };
}
