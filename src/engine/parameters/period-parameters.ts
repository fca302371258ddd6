/**
 * A pack's week counts in the run's period (issue 11): the one place where the windows a pack
 * writes in weeks become months for monthly data (period.ts weeksToMonths: the nearest whole
 * number of months, at least 1; 13 weeks -> 3 months, 26 -> 6, 12 -> 3, 6 -> 1).
 *
 * Converted, every one by the same rule: the baseline, current and structural windows, the churn
 * streak length (`churn.streakWeeks`), and the numbers the rules compare with a fact counted in
 * weeks (`trailingZeroInStockWeeks >= 2` -> `>= 1`, `baselinePurchaseWeeks >= 6` -> `>= 1`; a
 * threshold of 0 stays 0). Not converted: `spikeMinWeeks` (a least number of purchases), the
 * recovery bands on periods at risk, and the positions firstPurchaseWeek / lastPurchaseWeek. The
 * customer model is off for monthly data (metrics/customer-forecast.ts says why), so its horizon
 * is left as it is. The pack the user wrote is not changed: RGO Rules shows it as written.
 *
 * A pack may instead declare its monthly values: `windows.months` ({ baseline, current,
 * structural } in months) replaces the converted windows, and a condition's `valueInMonths`
 * replaces the converted threshold of that one condition (default: the last quarter against the
 * half-year before it, and two sharp-drop months, not one, for a structural decline).
 */
import type { RulePack } from "../../rules/rule-pack";
import type { Condition, FactSpec, RuleDefinition, TopCondition } from "../../rules/types";
import type { PeriodUnit } from "../input/period";
import { weeksToMonths } from "../input/period";
import type { PackParameters, WindowParameters } from "./pack-parameters";

/** Facts counted in weeks that are positions, not spans: their thresholds are not converted. */
const POSITIONS: ReadonlySet<string> = new Set(["firstPurchaseWeek", "lastPurchaseWeek"]);

/** A rule threshold of weeks in months: 0 (or less) stays, else weeksToMonths. */
function thresholdInMonths(v: number): number {
  return v <= 0 ? v : weeksToMonths(v);
}

function convertCondition(c: Condition, specs: ReadonlyMap<string, FactSpec>): Condition {
  if ("all" in c) return { all: c.all.map((x) => convertCondition(x, specs)) };
  if ("any" in c) return { any: c.any.map((x) => convertCondition(x, specs)) };
  if ("not" in c) return { not: convertCondition(c.not, specs) };
  if (specs.get(c.fact)?.unit !== "weeks") return c;
  if (c.valueInMonths !== undefined) {
    const { valueInMonths, ...leaf } = c;
    return { ...leaf, value: valueInMonths };
  }
  if (POSITIONS.has(c.fact)) return c;
  const v = c.value;
  if (typeof v === "number") return { ...c, value: thresholdInMonths(v) };
  if (Array.isArray(v))
    return { ...c, value: v.map((x) => (typeof x === "number" ? thresholdInMonths(x) : x)) };
  return c;
}

/**
 * The pack a run in `unit` evaluates: for months, its rules' thresholds on facts counted in weeks
 * converted (see above); the pack itself for weeks.
 */
export function periodPack(
  pack: RulePack,
  unit: PeriodUnit,
  specs: ReadonlyMap<string, FactSpec>,
): RulePack {
  if (unit === "week") return pack;
  const rules: RuleDefinition[] = pack.rules.map((r) => ({
    ...r,
    conditions: convertCondition(r.conditions, specs) as TopCondition,
  }));
  return { ...pack, rules };
}

/** The methodology bullet of a monthly run (RGO Summary): what was declared, what was converted. */
export function monthlyMethodology(w: WindowParameters): string {
  const windows =
    w.months !== undefined
      ? `The pack declares its windows in months (baseline ${w.months.baseline}, current ${w.months.current}, volatility ${w.months.structural}); its churn streak, written in weeks, is converted to the nearest whole number of months (weeks x 12 / 52, at least 1)`
      : "The pack's windows, written in weeks, are converted to the nearest whole number of months (weeks x 12 / 52, at least 1: 13 weeks -> 3 months, 26 -> 6, 12 -> 3, 6 -> 1), and so is the churn streak";
  return `Monthly data: the analysis is in calendar months. ${windows}; amounts are per month; the rules' thresholds on facts counted in weeks (for example "in-stock weeks without spend at least 2" or "baseline weeks with a purchase at least 6") are converted the same way (0 stays 0) unless a rule gives its own value in months, so a pack written for weeks covers the same spans of time; RGO Rules shows the pack as written. The customer model is off for monthly data (a month's total hides how many purchases it holds).`;
}

/**
 * `p` with its windows in `unit` (the same object for weeks): for months, the pack's own monthly
 * windows (`windows.months`) when it declares them, else its week counts converted.
 */
export function periodParameters(p: PackParameters, unit: PeriodUnit): PackParameters {
  if (unit === "week") return p;
  const w = p.windows;
  const m = w.months;
  return {
    ...p,
    windows: {
      ...w,
      baselineWeeks: m?.baseline ?? weeksToMonths(w.baselineWeeks),
      currentWeeks: m?.current ?? weeksToMonths(w.currentWeeks),
      structuralWeeks: m?.structural ?? weeksToMonths(w.structuralWeeks),
    },
    ...(p.churn !== undefined
      ? { churn: { ...p.churn, streakWeeks: weeksToMonths(p.churn.streakWeeks) } }
      : {}),
  };
}
