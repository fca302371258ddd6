/** Severity of a gap from its percent change and the pack's bands. */
import type { Severity } from "../analysis-result";
import type { SeverityParameters } from "../parameters/pack-parameters";

/** high when pct is at/below (or strictly below) `high`, medium likewise for `medium`, else low. */
export function severityOf(pct: number, bands: SeverityParameters): Severity {
  const hit = (band: number): boolean => (bands.inclusive ? pct <= band : pct < band);
  if (hit(bands.high)) return "high";
  if (hit(bands.medium)) return "medium";
  return "low";
}
