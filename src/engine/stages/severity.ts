/** Severity of a gap from its percent change and the pack's bands. */
import type { Severity } from "../analysis-result";
import type { SeverityParameters } from "../parameters/pack-parameters";

/** high when pct is at/below (or strictly below) `high`, medium likewise for `medium`, else low. */
export function severityOf(pct: number, bands: SeverityParameters): Severity {
  // No closure per call (issue 14: called per gap row).
  if (bands.inclusive ? pct <= bands.high : pct < bands.high) return "high";
  if (bands.inclusive ? pct <= bands.medium : pct < bands.medium) return "medium";
  return "low";
}
