/** Turns detected gaps into rows with figures (per the gap type's method) and severity. */
import type { RuleDefinition } from "../../rules/types";
import type { GapRow } from "../analysis-result";
import type { CustomerMetrics } from "../metrics/customer-metrics";
import { GAP_METHODS_BY_NAME } from "../parameters/gap-methods";
import type { PackParameters } from "../parameters/pack-parameters";
import type { Rounder } from "../rounding/round-rule";
import type { Classification } from "./classify-customers";
import { severityOf } from "./severity";

export function buildGapRows(
  metrics: CustomerMetrics,
  cls: Classification,
  rules: readonly RuleDefinition[],
  customerIds: readonly string[],
  params: PackParameters,
  r: Rounder,
): GapRow[] {
  const num = metrics.numeric;
  return cls.gaps.map((g): GapRow => {
    const k = g.position;
    const spec = params.gaps[g.gapType];
    const method = spec ? GAP_METHODS_BY_NAME.get(spec.method) : undefined;
    if (!method) throw new Error(`gap type ${g.gapType} has no method`);
    const fig = method.compute(
      {
        baselineAvg: num.baselineAvg[k],
        currentAvg: num.currentAvg[k],
        baselineRaw: metrics.baselineRaw[k],
        currentRaw: metrics.currentRaw[k],
        trendPct: num.trendPct[k],
        zeroWeeksCurrent: num.zeroWeeksCurrent[k],
        expectedRaw: metrics.expectedRaw[k],
      },
      r,
    );
    return {
      rank: 0,
      customerId: customerIds[k],
      customerPosition: k,
      gapType: g.gapType,
      severity: severityOf(fig.pct, params.severity),
      priorityScore: 0,
      priorityBand: "",
      subScores: { revenueImpact: 0, churnRisk: 0, customerValue: 0, recoveryProbability: 0 },
      current: r.display(fig.current),
      expected: r.display(fig.expected),
      gapAmount: r.display(fig.amount),
      gapPct: r.display(fig.pct),
      weeksAtRisk: fig.weeksAtRisk,
      rootCause: cls.rootCause[k],
      exposure: 0,
      exposureMultiplier: 1,
      recoveryPotential: 0,
      recommendedActions: [],
      ruleName: rules[g.ruleIndex].name,
      why: "",
      whySource: "",
      primary: false,
    };
  });
}
