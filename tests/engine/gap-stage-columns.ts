/**
 * The gap stages' columns (measure-gaps.ts GapMeasures, score-gaps.ts GapScores, expose-gaps.ts
 * GapExposures, recover-gaps.ts GapRecoveries) made from one record per gap, for tests that
 * write the stage outputs by hand or generate them as records.
 */
import type { GapStageOutputs } from "../../src/engine/stages/build-gap-rows";
import { type GapExplanation, explanationsOf } from "../../src/engine/stages/explain-gaps";
import type { GapExposure, GapExposures } from "../../src/engine/stages/expose-gaps";
import {
  emptyGapMeasures,
  type GapMeasure,
  type GapMeasures,
} from "../../src/engine/stages/measure-gaps";
import type { GapRecoveries, GapRecovery } from "../../src/engine/stages/recover-gaps";
import type { GapScore, GapScores } from "../../src/engine/stages/score-gaps";

export function measuresOf(rows: readonly GapMeasure[]): GapMeasures {
  const m = emptyGapMeasures(rows.length);
  rows.forEach((row, i) => {
    m.customerId[i] = row.customerId;
    m.customerPosition[i] = row.customerPosition;
    m.gapType[i] = row.gapType;
    m.severity[i] = row.severity;
    m.current[i] = row.current;
    m.expected[i] = row.expected;
    m.gapAmount[i] = row.gapAmount;
    m.gapPct[i] = row.gapPct;
    m.weeksAtRisk[i] = row.weeksAtRisk;
    m.rootCause[i] = row.rootCause;
    m.ruleName[i] = row.ruleName;
  });
  return m;
}

export function scoresOf(rows: readonly GapScore[]): GapScores {
  const column = (f: (s: GapScore) => number): Float64Array => Float64Array.from(rows, f);
  return {
    count: rows.length,
    revenueImpact: column((s) => s.subScores.revenueImpact),
    churnRisk: column((s) => s.subScores.churnRisk),
    customerValue: column((s) => s.subScores.customerValue),
    recoveryProbability: column((s) => s.subScores.recoveryProbability),
    priorityScore: column((s) => s.priorityScore),
    priorityBand: rows.map((s) => s.priorityBand),
  };
}

export function exposuresOf(rows: readonly GapExposure[]): GapExposures {
  return {
    count: rows.length,
    exposure: Float64Array.from(rows, (e) => e.exposure),
    exposureMultiplier: Float64Array.from(rows, (e) => e.exposureMultiplier),
  };
}

export function recoveriesOf(rows: readonly GapRecovery[]): GapRecoveries {
  return {
    count: rows.length,
    recoveryPotential: Float64Array.from(rows, (x) => x.recoveryPotential),
    actionsAt: (i) => rows[i].recommendedActions,
  };
}

/** The stage outputs as records: one per gap (detection order), or per rank position. */
export interface GapStageRecords {
  measures: readonly GapMeasure[];
  scores: readonly GapScore[];
  exposures: readonly GapExposure[];
  recoveries: readonly GapRecovery[];
  order: readonly number[];
  explanations: readonly GapExplanation[];
  primary: readonly boolean[];
}

/** The stage outputs as the columns the stages give. */
export function stageOutputsOf(o: GapStageRecords): GapStageOutputs {
  return {
    measures: measuresOf(o.measures),
    scores: scoresOf(o.scores),
    exposures: exposuresOf(o.exposures),
    recoveries: recoveriesOf(o.recoveries),
    order: o.order,
    explanations: explanationsOf(o.explanations),
    primary: Uint8Array.from(o.primary, (b) => (b ? 1 : 0)),
  };
}
