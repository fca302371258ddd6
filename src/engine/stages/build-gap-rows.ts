/**
 * Gap rows, built once. measureGaps (measure-gaps.ts) gives the detected gaps' figures and
 * severity; the score, exposure, rank, recovery and explain stages each return their
 * own outputs per gap; assembleGapRows then builds every row, complete and frozen, in rank order.
 */
import type { GapRow } from "../analysis-result";
import type { GapExplanation } from "./explain-gaps";
import type { GapExposure } from "./expose-gaps";
import type { GapMeasure } from "./measure-gaps";
import type { GapRecovery } from "./recover-gaps";
import type { GapScore } from "./score-gaps";

/** The stage outputs a row is built from: per gap in detection order, except where noted. */
export interface GapStageOutputs {
  measures: readonly GapMeasure[];
  scores: readonly GapScore[];
  exposures: readonly GapExposure[];
  recoveries: readonly GapRecovery[];
  /** Gap indices in rank order. */
  order: readonly number[];
  /** Per rank position. */
  explanations: readonly GapExplanation[];
  /** Per rank position: whether the row is its customer's primary row. */
  primary: readonly boolean[];
}

/** Every gap row, complete and frozen, in rank order. */
export function assembleGapRows(o: GapStageOutputs): GapRow[] {
  return o.order.map((i, j): GapRow => {
    const m = o.measures[i];
    const s = o.scores[i];
    const e = o.exposures[i];
    const rec = o.recoveries[i];
    const x = o.explanations[j];
    return Object.freeze({
      rank: j + 1,
      customerId: m.customerId,
      customerPosition: m.customerPosition,
      gapType: m.gapType,
      severity: m.severity,
      priorityScore: s.priorityScore,
      priorityBand: s.priorityBand,
      subScores: Object.freeze({ ...s.subScores }),
      current: m.current,
      expected: m.expected,
      gapAmount: m.gapAmount,
      gapPct: m.gapPct,
      weeksAtRisk: m.weeksAtRisk,
      rootCause: m.rootCause,
      exposure: e.exposure,
      exposureMultiplier: e.exposureMultiplier,
      recoveryPotential: rec.recoveryPotential,
      recommendedActions: Object.freeze(rec.recommendedActions.slice()),
      ruleName: m.ruleName,
      // Read through: a compiled row's why is worded when first read (explain-gaps.ts).
      get why(): string {
        return x.why;
      },
      whySource: x.whySource,
      primary: o.primary[j],
    });
  });
}
