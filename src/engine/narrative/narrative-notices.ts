/**
 * The RGO Issues notices of a narrative: ONE per failure kind, saying how many customers (and
 * whether the executive paragraph) fell back to the rule-based text, and why. Details are ours
 * (HTTP status, which rule a reply broke), never the endpoint's text or the key.
 */
import type { Issue } from "../issue";
import type { NarrativeFailure, NarrativeFailureKind, NarrativeOutcome } from "./narrative-outcome";

export const NARRATIVE_ISSUE_SHEET = "RGO Gaps";
export const NARRATIVE_COLUMN = "AI narrative";

function why(kind: NarrativeFailureKind, limits: NarrativeOutcome["limits"]): string {
  switch (kind) {
    case "timeout":
      return `the endpoint did not answer within ${limits.perCallSeconds} s`;
    case "total-timeout":
      return `the narrative's ${limits.totalSeconds} s in total ran out`;
    case "rate-limited":
      return "the endpoint answered 429 Too Many Requests again after one retry";
    case "server-error":
      return "the endpoint answered with a server error";
    case "refused":
      return "the endpoint refused the request (check the endpoint URL, model name and API key)";
    case "unreachable":
      return "the endpoint could not be reached";
    case "malformed":
      return "the reply was not the JSON object asked for";
    case "invalid":
      return "the reply broke the narrative's rules (fields, length, no markup or links)";
    case "cancelled":
      return "the narrative was cancelled";
  }
}

/** One warning per failure kind, in first-seen order. */
export function narrativeNotices(outcome: NarrativeOutcome): Issue[] {
  const total = outcome.payload.customers.length;
  const byKind = new Map<
    NarrativeFailureKind,
    { customers: number; paragraph: boolean; details: string[] }
  >();
  const note = (f: NarrativeFailure, paragraph: boolean): void => {
    const entry = byKind.get(f.kind) ?? { customers: 0, paragraph: false, details: [] };
    if (paragraph) entry.paragraph = true;
    else entry.customers += 1;
    if (f.detail !== "" && !entry.details.includes(f.detail)) entry.details.push(f.detail);
    byKind.set(f.kind, entry);
  };
  for (const c of outcome.payload.customers) {
    const a = outcome.customers.get(c.id);
    if (a === undefined) note({ kind: "cancelled", detail: "" }, false);
    else if (!a.ok) note(a.failure, false);
  }
  if (outcome.summary !== null && !outcome.summary.ok) note(outcome.summary.failure, true);
  return [...byKind].map(([kind, e]) => {
    const what = [
      ...(e.customers > 0 ? [`${e.customers} of ${total} customers`] : []),
      ...(e.paragraph ? ["the executive paragraph"] : []),
    ].join(" and ");
    const details = e.details.length > 0 ? ` (${e.details.slice(0, 3).join("; ")})` : "";
    return {
      severity: "warning",
      code: `narrative-${kind}`,
      sheet: NARRATIVE_ISSUE_SHEET,
      row: null,
      column: NARRATIVE_COLUMN,
      message: `AI narrative: ${what} use the rule-based text instead: ${why(kind, outcome.limits)}${details}.`,
    };
  });
}
