/**
 * The measure stage: the detected gaps' figures (per the gap type's method) and severity, the
 * first of the per-gap stage outputs a gap row is built from (build-gap-rows.ts). The output is
 * columns, one entry per gap in detection order (`GapMeasures`); `measureAt` makes one gap's
 * record from them for the readers that take a record (the why texts, tests).
 */
import type { GapRow, Severity } from "../analysis-result";
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
 * Every gap's `GapMeasure` as columns, entry i for gap i (detection order): the figures in typed
 * arrays, the names (shared strings) in plain arrays. No object per gap (issue 14, gapcols round:
 * about 11,500 gaps in a 20,000-customer run, each a record the collector copied and the later
 * stages read through inline-cache misses before V8 optimised them).
 */
export interface GapMeasures {
  readonly count: number;
  readonly customerId: readonly string[];
  readonly customerPosition: Int32Array;
  readonly gapType: readonly GapType[];
  readonly severity: readonly Severity[];
  readonly current: Float64Array;
  readonly expected: Float64Array;
  readonly gapAmount: Float64Array;
  readonly gapPct: Float64Array;
  readonly weeksAtRisk: Float64Array;
  readonly rootCause: readonly (string | null)[];
  readonly ruleName: readonly string[];
}

/** Empty columns for `n` gaps, filled by the caller. */
export function emptyGapMeasures(n: number): GapMeasures & {
  customerId: string[];
  gapType: GapType[];
  severity: Severity[];
  rootCause: (string | null)[];
  ruleName: string[];
} {
  return {
    count: n,
    customerId: new Array<string>(n),
    customerPosition: new Int32Array(n),
    gapType: new Array<GapType>(n),
    severity: new Array<Severity>(n),
    current: new Float64Array(n),
    expected: new Float64Array(n),
    gapAmount: new Float64Array(n),
    gapPct: new Float64Array(n),
    weeksAtRisk: new Float64Array(n),
    rootCause: new Array<string | null>(n),
    ruleName: new Array<string>(n),
  };
}

/** Gap i's measure as a record (keys in the order the stage made them before it made columns). */
export function measureAt(m: GapMeasures, i: number): GapMeasure {
  return {
    customerId: m.customerId[i],
    customerPosition: m.customerPosition[i],
    gapType: m.gapType[i],
    severity: m.severity[i],
    current: m.current[i],
    expected: m.expected[i],
    gapAmount: m.gapAmount[i],
    gapPct: m.gapPct[i],
    weeksAtRisk: m.weeksAtRisk[i],
    rootCause: m.rootCause[i],
    ruleName: m.ruleName[i],
  };
}

/**
 * The figures and severity of every detected gap, in detection order. One indexed loop over the
 * gaps with each gap type's method looked up once and one inputs record reused gap after gap (a
 * method reads its inputs and keeps none of them), where an array callback made an inputs literal
 * and looked the method up per gap (issue 14, engine2 round: about 11,500 gaps run once per
 * process, mostly before V8 optimises the loop). The figures go into columns (`GapMeasures`).
 */
export function measureGaps(
  metrics: CustomerMetrics,
  cls: Classification,
  rules: readonly RuleDefinition[],
  customerIds: readonly string[],
  params: PackParameters,
  r: Rounder,
): GapMeasures {
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
  const out = emptyGapMeasures(gaps.length);
  // Every column read or written in the loop is a local: the loop runs once per process, mostly
  // interpreted, where each `a.b[k]` is one more property load per gap (issue 14, gapcols round).
  const baselineAvg = num.baselineAvg;
  const currentAvg = num.currentAvg;
  const baselineRaw = metrics.baselineRaw;
  const currentRaw = metrics.currentRaw;
  const trendPct = num.trendPct;
  const zeroWeeksCurrent = num.zeroWeeksCurrent;
  // The expected level only for a method that reads it (reading the column computes it).
  const readsExpected = Object.values(params.gaps).some(
    (spec) => spec !== undefined && GAP_METHODS_BY_NAME.get(spec.method)?.readsExpected === true,
  );
  const expectedRaw = readsExpected ? metrics.expectedRaw : null;
  const rootCause = cls.rootCause;
  const severity = params.severity;
  const { customerId, customerPosition, gapType, current, expected, gapAmount, gapPct } = out;
  const weeksAtRisk = out.weeksAtRisk;
  const severities = out.severity;
  const causes = out.rootCause;
  const ruleName = out.ruleName;
  for (let j = 0; j < gaps.length; j++) {
    const g = gaps[j];
    const k = g.position;
    const type = g.gapType;
    let method = methods.get(type);
    if (method === undefined) {
      const spec = params.gaps[type];
      method = spec ? GAP_METHODS_BY_NAME.get(spec.method) : undefined;
      if (!method) throw new Error(`gap type ${type} has no method`);
      methods.set(type, method);
    }
    inputs.baselineAvg = baselineAvg[k];
    inputs.currentAvg = currentAvg[k];
    inputs.baselineRaw = baselineRaw[k];
    inputs.currentRaw = currentRaw[k];
    inputs.trendPct = trendPct[k];
    inputs.zeroWeeksCurrent = zeroWeeksCurrent[k];
    inputs.expectedRaw = expectedRaw !== null ? expectedRaw[k] : 0;
    if (model !== undefined && forecast !== undefined) {
      forecast.expectedSpendNext = model.numeric.expectedSpendNext[k];
      forecast.recentRunRate = model.numeric.recentRunRate[k];
      forecast.forecastShortfall = model.numeric.forecastShortfall[k];
    }
    const fig = method.compute(inputs, r);
    customerId[j] = customerIds[k];
    customerPosition[j] = k;
    gapType[j] = type;
    severities[j] = severityOf(fig.pct, severity);
    current[j] = r.display(fig.current);
    expected[j] = r.display(fig.expected);
    gapAmount[j] = r.display(fig.amount);
    gapPct[j] = r.display(fig.pct);
    weeksAtRisk[j] = fig.weeksAtRisk;
    causes[j] = rootCause[k];
    ruleName[j] = rules[g.ruleIndex].name;
  }
  return out;
}
