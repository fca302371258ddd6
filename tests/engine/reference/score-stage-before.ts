/**
 * The measure and score stages as they were before issue 14's engine2 round (an array callback per
 * gap, a method looked up and an inputs literal made per gap, a sub-score context per gap), kept
 * verbatim but for their names and import paths as the reference the indexed stages are tested
 * against (tests/engine/score-stage.test.ts). Not used by the app.
 */
import type { RuleDefinition } from "../../../src/rules/types";
import type { CustomerMetrics } from "../../../src/engine/metrics/customer-metrics";
import { GAP_METHODS_BY_NAME, type GapInputs } from "../../../src/engine/parameters/gap-methods";
import type {
  PackParameters,
  ScoringParameters,
  SubScoreName,
} from "../../../src/engine/parameters/pack-parameters";
import type { Rounder } from "../../../src/engine/rounding/round-rule";
import type { Classification } from "../../../src/engine/stages/classify-customers";
import type { GapMeasure } from "../../../src/engine/stages/measure-gaps";
import { priorityBandOf, priorityBands } from "../../../src/engine/stages/priority-band";
import {
  combineSubScores,
  type GapScore,
  learnedLossRisk,
} from "../../../src/engine/stages/score-gaps";
import { severityOf } from "../../../src/engine/stages/severity";
import {
  churnRisk,
  customerValue,
  recoveryProbability,
  revenueImpact,
  type SubScoreContext,
} from "../../../src/engine/stages/sub-scores";

/** The figures and severity of every detected gap, in detection order. */
export function measureGapsBefore(
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

/** The sub-scores, priority score and band of every gap, in the order of `gaps`. */
export function scoreGapsBefore(
  gaps: readonly GapMeasure[],
  metrics: CustomerMetrics,
  churnListed: Uint8Array,
  churnScores: Float64Array,
  p: ScoringParameters,
  r: Rounder,
): GapScore[] {
  let maxGap = 0;
  for (let i = 0; i < gaps.length; i++) if (gaps[i].gapAmount > maxGap) maxGap = gaps[i].gapAmount;
  const sp = p.subScores;
  const fix = (x: number): number => (p.roundSubScores ? r.step(x) : x);
  const bands = priorityBands(p);
  return gaps.map((row): GapScore => {
    const k = row.customerPosition;
    const ctx: SubScoreContext = {
      maxGapAmount: maxGap,
      totalRevenue: metrics.numeric.totalRevenue[k],
      churnListed: churnListed[k] === 1,
      churnScore: churnScores[k],
      valuePercentile: metrics.numeric.valuePercentile[k],
    };
    const subs: Record<SubScoreName, number> = {
      revenueImpact: fix(revenueImpact(row, ctx, sp.revenueImpact)),
      churnRisk: fix(churnRisk(row, ctx, sp.churnRisk)),
      customerValue: fix(customerValue(ctx, sp.customerValue)),
      recoveryProbability: fix(recoveryProbability(row, sp.recoveryProbability)),
    };
    const priorityScore = r.display(
      p.model === "loss-risk" && learnedLossRisk(metrics)
        ? 10 * (metrics.model?.lossRiskRaw[k] ?? 0)
        : combineSubScores(subs, p),
    );
    return { subScores: subs, priorityScore, priorityBand: priorityBandOf(priorityScore, bands) };
  });
}
