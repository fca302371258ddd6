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

/** Where a row keeps its explanation (not enumerable: no copy, JSON or structured clone sees it). */
const EXPLANATION = Symbol("explanation");

type RowWithExplanation = GapRow & { readonly [EXPLANATION]: GapExplanation };

/**
 * The `why` of every row: one getter shared by all rows, reading the row's explanation (a
 * compiled row's why is worded when first read, explain-gaps.ts). Shared, so every row has the
 * same shape and V8 keeps them as fast objects; a getter written in each row's literal is a new
 * function per row, which turned each of the 11,522 rows of a 20,000-customer run into a slow
 * dictionary object (about 30 ms to build, and slower to read, issue 14).
 */
const WHY: PropertyDescriptor = {
  get(this: RowWithExplanation): string {
    return this[EXPLANATION].why;
  },
  enumerable: true,
  configurable: true,
};

/** Every gap row, complete and frozen, in rank order (keys in the order GapRow lists them). */
export function assembleGapRows(o: GapStageOutputs): GapRow[] {
  return o.order.map((i, j): GapRow => {
    const m = o.measures[i];
    const s = o.scores[i];
    const e = o.exposures[i];
    const rec = o.recoveries[i];
    const x = o.explanations[j];
    const row = {
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
    } as Record<string, unknown>;
    Object.defineProperty(row, "why", WHY);
    row.whySource = x.whySource;
    row.primary = o.primary[j];
    Object.defineProperty(row, EXPLANATION, { value: x });
    return Object.freeze(row) as unknown as GapRow;
  });
}
