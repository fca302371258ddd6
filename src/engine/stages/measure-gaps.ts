/**
 * The measure stage: the detected gaps' figures (per the gap type's method) and severity, the
 * first of the per-gap stage outputs a gap row is built from (build-gap-rows.ts).
 */
import type { GapRow } from "../analysis-result";
import type { RuleDefinition } from "../../rules/types";
import type { CustomerMetrics } from "../metrics/customer-metrics";
import { GAP_METHODS_BY_NAME, type GapInputs } from "../parameters/gap-methods";
import type { PackParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { Classification } from "./classify-customers";
import { severityOf } from "./severity";

/** What the measure stage knows of one gap: who, which rule, its figures and severity. */
export type GapMeasure = Pick<
  GapRow,
  | "customerId"
  | "customerPosition"
  | "gapType"
  | "severity"
  | "current"
  | "expected"
  | "gapAmount"
  | "gapPct"
  | "weeksAtRisk"
  | "rootCause"
  | "ruleName"
>;

/** The figures and severity of every detected gap, in detection order. */
export function measureGaps(
  metrics: CustomerMetrics,
  cls: Classification,
  rules: readonly RuleDefinition[],
  customerIds: readonly string[],
  params: PackParameters,
  r: Rounder,
): GapMeasure[] {
  const num = metrics.numeric;
  const model = metrics.model;
  return cls.gaps.map((g): GapMeasure => {
    const k = g.position;
    const spec = params.gaps[g.gapType];
    const method = spec ? GAP_METHODS_BY_NAME.get(spec.method) : undefined;
    if (!method) throw new Error(`gap type ${g.gapType} has no method`);
    // One literal, the model's figures added after (no object spread per gap; issue 14).
    const inputs: GapInputs = {
      baselineAvg: num.baselineAvg[k],
      currentAvg: num.currentAvg[k],
      baselineRaw: metrics.baselineRaw[k],
      currentRaw: metrics.currentRaw[k],
      trendPct: num.trendPct[k],
      zeroWeeksCurrent: num.zeroWeeksCurrent[k],
      expectedRaw: metrics.expectedRaw[k],
    };
    if (model !== undefined)
      inputs.forecast = {
        expectedSpendNext: model.numeric.expectedSpendNext[k],
        recentRunRate: model.numeric.recentRunRate[k],
        forecastShortfall: model.numeric.forecastShortfall[k],
        horizonWeeks: model.summary.horizonWeeks,
      };
    const fig = method.compute(inputs, r);
    return {
      customerId: customerIds[k],
      customerPosition: k,
      gapType: g.gapType,
      severity: severityOf(fig.pct, params.severity),
      current: r.display(fig.current),
      expected: r.display(fig.expected),
      gapAmount: r.display(fig.amount),
      gapPct: r.display(fig.pct),
      weeksAtRisk: fig.weeksAtRisk,
      rootCause: cls.rootCause[k],
      ruleName: rules[g.ruleIndex].name,
    };
  });
}
