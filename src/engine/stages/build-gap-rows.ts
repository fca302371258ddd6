/**
 * Gap rows, built once. measureGaps (measure-gaps.ts) gives the detected gaps' figures and
 * severity; the score, exposure, rank, recovery and explain stages each return their
 * own outputs per gap (columns: entry i for gap i); gapRowAt builds a row, complete and frozen,
 * at its rank, assembleGapRows every row in rank order.
 */
import type { GapRow, Severity } from "../analysis-result";
import type { GapType } from "../parameters/pack-parameters";
import type { GapExplanation, GapExplanations } from "./explain-gaps";
import type { GapExposures } from "./expose-gaps";
import type { GapMeasures } from "./measure-gaps";
import type { GapRecoveries } from "./recover-gaps";
import { type GapScores, subScoresAt } from "./score-gaps";

/** The stage outputs a row is built from: columns per gap in detection order, except where noted. */
export interface GapStageOutputs {
  measures: GapMeasures;
  scores: GapScores;
  exposures: GapExposures;
  recoveries: GapRecoveries;
  /** Gap indices in rank order. */
  order: readonly number[];
  /** Per rank position. */
  explanations: GapExplanations;
  /** Per rank position: 1 when the row is its customer's primary row (customer-money.ts primaryOf). */
  primary: Uint8Array;
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

/** Row j (rank position j, 0-based) of the rank order, complete and frozen. */
export function gapRowAt(o: GapStageOutputs, j: number): GapRow {
  const i = o.order[j];
  const m = o.measures;
  const s = o.scores;
  const row = {
    rank: j + 1,
    customerId: m.customerId[i],
    customerPosition: m.customerPosition[i],
    gapType: m.gapType[i],
    severity: m.severity[i],
    priorityScore: s.priorityScore[i],
    priorityBand: s.priorityBand[i],
    subScores: Object.freeze(subScoresAt(s, i)),
    current: m.current[i],
    expected: m.expected[i],
    gapAmount: m.gapAmount[i],
    gapPct: m.gapPct[i],
    weeksAtRisk: m.weeksAtRisk[i],
    rootCause: m.rootCause[i],
    exposure: o.exposures.exposure[i],
    exposureMultiplier: o.exposures.exposureMultiplier[i],
    recoveryPotential: o.recoveries.recoveryPotential[i],
    recommendedActions: Object.freeze(o.recoveries.actionsAt(i).slice()),
    ruleName: m.ruleName[i],
  } as Record<string, unknown>;
  const x = o.explanations.at(j);
  Object.defineProperty(row, "why", WHY);
  row.whySource = x.whySource;
  row.primary = o.primary[j] === 1;
  Object.defineProperty(row, EXPLANATION, { value: x });
  return Object.freeze(row) as unknown as GapRow;
}

/** Every gap row, complete and frozen, in rank order (keys in the order GapRow lists them). */
export function assembleGapRows(o: GapStageOutputs): GapRow[] {
  // An indexed loop (issue 14): this runs once per run.
  const rows: GapRow[] = [];
  for (let j = 0; j < o.order.length; j++) rows.push(gapRowAt(o, j));
  return rows;
}

/**
 * The rows' figures the customers and portfolio stages read, as columns in rank order: a run
 * reads them there, so its gap row objects are made only when the rows are read (analyze.ts; a
 * --json run makes its top rows only, issue 14 engine-fast round).
 */
export interface GapColumns {
  readonly count: number;
  readonly rank: Int32Array;
  readonly customerPosition: Int32Array;
  readonly gapType: readonly GapType[];
  readonly severity: readonly Severity[];
  readonly priorityScore: Float64Array;
  readonly gapAmount: Float64Array;
  readonly exposure: Float64Array;
  readonly recoveryPotential: Float64Array;
  readonly primary: Uint8Array;
}

/** How many rows `rows.slice(0, topN)` keeps of `count` rows (the top rows). */
export function topCount(count: number, topN: number): number {
  const end = Math.trunc(topN) || 0;
  return end < 0 ? Math.max(0, count + end) : Math.min(count, end);
}

/** Empty columns for `n` rows, filled by the caller. */
function emptyGapColumns(n: number): GapColumns & { gapType: GapType[]; severity: Severity[] } {
  return {
    count: n,
    rank: new Int32Array(n),
    customerPosition: new Int32Array(n),
    gapType: new Array<GapType>(n),
    severity: new Array<Severity>(n),
    priorityScore: new Float64Array(n),
    gapAmount: new Float64Array(n),
    exposure: new Float64Array(n),
    recoveryPotential: new Float64Array(n),
    primary: new Uint8Array(n),
  };
}

/** The columns of the rows `gapRowAt` would make from the stage outputs, without making them. */
export function gapColumnsOf(o: Omit<GapStageOutputs, "explanations">): GapColumns {
  const n = o.order.length;
  const g = emptyGapColumns(n);
  // Locals for every column (the loop runs once per process, mostly interpreted; issue 14).
  const order = o.order;
  const { customerPosition, gapType, severity, gapAmount } = o.measures;
  const priorityScore = o.scores.priorityScore;
  const exposure = o.exposures.exposure;
  const recoveryPotential = o.recoveries.recoveryPotential;
  const primary = o.primary;
  const { rank, customerPosition: positionOut, gapType: typeOut, severity: severityOut } = g;
  const { priorityScore: scoreOut, gapAmount: amountOut, exposure: exposureOut } = g;
  const recoveryOut = g.recoveryPotential;
  const primaryOut = g.primary;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    rank[j] = j + 1;
    positionOut[j] = customerPosition[i];
    typeOut[j] = gapType[i];
    severityOut[j] = severity[i];
    scoreOut[j] = priorityScore[i];
    amountOut[j] = gapAmount[i];
    exposureOut[j] = exposure[i];
    recoveryOut[j] = recoveryPotential[i];
    primaryOut[j] = primary[j];
  }
  return g;
}

/** The columns of rows already made (the stages' functions that take rows read them so). */
export function columnsOfRows(rows: readonly GapRow[]): GapColumns {
  const g = emptyGapColumns(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    g.rank[j] = r.rank;
    g.customerPosition[j] = r.customerPosition;
    g.gapType[j] = r.gapType;
    g.severity[j] = r.severity;
    g.priorityScore[j] = r.priorityScore;
    g.gapAmount[j] = r.gapAmount;
    g.exposure[j] = r.exposure;
    g.recoveryPotential[j] = r.recoveryPotential;
    g.primary[j] = r.primary ? 1 : 0;
  }
  return g;
}
