/**
 * The measure stage: the detected gaps' figures (per the gap type's method) and severity, the
 * first of the per-gap stage outputs a gap row is built from (build-gap-rows.ts).
 */
import type { GapRow } from "../analysis-result";
import type { RuleDefinition } from "../../rules/types";
import type { CustomerMetrics } from "../metrics/customer-metrics";
import { GAP_METHODS_BY_NAME, type GapInputs, type GapMethod } from "../parameters/gap-methods";
import type { GapType, PackParameters } from "../parameters/pack-parameters";
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

/**
 * The figures and severity of every detected gap, in detection order. One indexed loop over the
 * gaps with each gap type's method looked up once and one inputs record reused gap after gap (a
 * method reads its inputs and keeps none of them), where an array callback made an inputs literal
 * and looked the method up per gap (issue 14, engine2 round: about 11,500 gaps run once per
 * process, mostly before V8 optimises the loop).
 */
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
  const methods = new Map<GapType, GapMethod>();
  const inputs: GapInputs = {
    baselineAvg: 0,
    currentAvg: 0,
    baselineRaw: 0,
    currentRaw: 0,
    trendPct: 0,
    zeroWeeksCurrent: 0,
    expectedRaw: 0,
  };
  const forecast =
    model !== undefined
      ? {
          expectedSpendNext: 0,
          recentRunRate: 0,
          forecastShortfall: 0,
          horizonWeeks: model.summary.horizonWeeks,
        }
      : undefined;
  if (forecast !== undefined) inputs.forecast = forecast;
  const gaps = cls.gaps;
  const out: GapMeasure[] = new Array<GapMeasure>(gaps.length);
  for (let j = 0; j < gaps.length; j++) {
    const g = gaps[j];
    const k = g.position;
    let method = methods.get(g.gapType);
    if (method === undefined) {
      const spec = params.gaps[g.gapType];
      method = spec ? GAP_METHODS_BY_NAME.get(spec.method) : undefined;
      if (!method) throw new Error(`gap type ${g.gapType} has no method`);
      methods.set(g.gapType, method);
    }
    inputs.baselineAvg = num.baselineAvg[k];
    inputs.currentAvg = num.currentAvg[k];
    inputs.baselineRaw = metrics.baselineRaw[k];
    inputs.currentRaw = metrics.currentRaw[k];
    inputs.trendPct = num.trendPct[k];
    inputs.zeroWeeksCurrent = num.zeroWeeksCurrent[k];
    inputs.expectedRaw = metrics.expectedRaw[k];
    if (model !== undefined && forecast !== undefined) {
      forecast.expectedSpendNext = model.numeric.expectedSpendNext[k];
      forecast.recentRunRate = model.numeric.recentRunRate[k];
      forecast.forecastShortfall = model.numeric.forecastShortfall[k];
    }
    const fig = method.compute(inputs, r);
    out[j] = {
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
  }
  return out;
}
