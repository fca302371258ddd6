/**
 * Fact specs in the run's period (issue 11). The engine's facts that count periods carry the unit
 * "weeks" (trailingZeroWeeks, zeroWeeksCurrent, ...): in monthly data each counts months, so the
 * explanations read the same facts with the unit "months" ("3 months", not "3 weeks"). The fact
 * names stay as they are (a pack written for weekly data runs unchanged on monthly data).
 */
import type { FactSpec } from "../../rules/types";
import type { PeriodUnit } from "../input/period";
import { MONTH_FACT_LABELS } from "../registry/labels";

/**
 * `specs` with every "weeks" unit read as `unit` and, for months, each description and label that
 * speaks of weeks replaced by its written monthly one (descriptionInMonths, MONTH_FACT_LABELS);
 * `specs` itself for weeks.
 */
export function specsForPeriod(
  specs: ReadonlyMap<string, FactSpec>,
  unit: PeriodUnit,
): ReadonlyMap<string, FactSpec> {
  if (unit === "week") return specs;
  const out = new Map<string, FactSpec>();
  for (const [name, spec] of specs)
    out.set(name, {
      ...spec,
      ...(spec.unit === "weeks" ? { unit: "months" as const } : {}),
      ...(spec.descriptionInMonths !== undefined ? { description: spec.descriptionInMonths } : {}),
      ...(spec.label !== undefined && MONTH_FACT_LABELS[name] !== undefined
        ? { label: MONTH_FACT_LABELS[name] }
        : {}),
    });
  return out;
}
