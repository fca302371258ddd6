/**
 * The explanation stage: a "why" per gap row, for a finance reader. It starts with plain-words
 * clauses from the customer's facts (plain-why.ts), then states the rules that fired with the
 * values compared: "Recent 4-week average $48.10 is 41% below the 6-week baseline $81.52; …. Rules:
 * revenue-gap: …; root cause stockout by cause-operational-stockout: …". Rows ranked
 * within `referenceRows` take the rule part from json-rules-engine's trace (the reference
 * semantics); the rest from the compiled trace.
 */
import type { GapRow } from "../analysis-result";
import { compileRules } from "../../rules/compiled-rules";
import { ReferenceEngine } from "../../rules/reference-engine";
import type { ConditionTrace, FactSpec, RuleDefinition } from "../../rules/types";
import { type GapMeasures, measureAt } from "./measure-gaps";
import type { Classification } from "./classify-customers";
import { describeTrace } from "../../rules/describe-trace";
import type { WindowParameters } from "../parameters/pack-parameters";
import { plainWhyClauses, type ForecastWording } from "./plain-why";
import { specsForStock } from "./stock-wording";
import { specsForPeriod } from "./period-facts";
import type { PeriodUnit } from "../input/period";
import { valueInSentence } from "../registry/labels";

/** What the explain stage gives one gap. */
export type GapExplanation = Pick<GapRow, "why" | "whySource">;

/**
 * The explain stage's output: the explanation of each rank position, the reference rows' made
 * with the stage, a compiled row's when first asked for (then the same object on every call).
 */
export interface GapExplanations {
  readonly count: number;
  at(j: number): GapExplanation;
}

/** An array of explanations (one per rank position) as the stage's output. */
export function explanationsOf(list: readonly GapExplanation[]): GapExplanations {
  return { count: list.length, at: (j) => list[j] };
}

/**
 * A compiled row's explanation, worded by `word` when its why is first read and kept (issue 14).
 * One class, so every row's explanation has one shape and shares one getter: an object literal
 * with a getter is a new function and a new shape per row, slow to make and to read.
 */
class LazyExplanation implements GapExplanation {
  readonly whySource = "compiled" as const;
  private text: string | undefined = undefined;
  constructor(
    private readonly word: (i: number) => string,
    private readonly i: number,
  ) {}
  get why(): string {
    return (this.text ??= this.word(this.i));
  }
}

/**
 * The explanation of every gap, in rank order (rank position i is gap `order[i]` of `measures`):
 * the first `referenceRows` use the reference engine and are worded now; the others are made
 * when first asked for and worded when their `why` is first read (no object per row made with the
 * stage, issue 14 gapcols round).
 */
export async function explainGaps(
  measures: GapMeasures,
  order: readonly number[],
  rules: readonly RuleDefinition[],
  cls: Classification,
  allSpecs: ReadonlyMap<string, FactSpec>,
  referenceRows: number,
  checkAbort: () => void,
  windows?: WindowParameters,
  money?: (n: number) => string,
  stockAssessed = true,
  model?: ForecastWording,
  unit: PeriodUnit = "week",
): Promise<GapExplanations> {
  // Without stock data no fact description may claim the store was in stock (stock-wording.ts);
  // in monthly data a fact counted in periods is counted in months (period-facts.ts).
  const specs = specsForPeriod(specsForStock(allSpecs, stockAssessed), unit);
  const customerRules: number[] = [];
  rules.forEach((r, i) => {
    if (r.event.type !== "trigger") customerRules.push(i);
  });
  const subset = customerRules.map((i) => rules[i]);
  const local = new Map<number, number>(customerRules.map((packIndex, j) => [packIndex, j]));
  const ruleIndexByName = new Map<string, number>(rules.map((r, i) => [r.name, i]));
  const compiled = compileRules(subset);
  // One json-rules-engine per rule, made when a reference row first needs that rule: a why states
  // only the customer's gap rule and root-cause rule, and json-rules-engine evaluates each rule on
  // the facts alone (no rule sees another's outcome), so running those two gives exactly their
  // traces from a run of every rule, at a fraction of the cost (issue 14: 39 rules, 50 rows).
  const useReference = referenceRows > 0 && order.length > 0;
  const engines = new Map<number, ReferenceEngine>();
  const referenceTrace = async (j: number, k: number): Promise<ConditionTrace> => {
    let engine = engines.get(j);
    if (engine === undefined) {
      engine = new ReferenceEngine([subset[j]]);
      engines.set(j, engine);
    }
    return (await engine.run(cls.store.factsOf(k))).traces[0];
  };
  /** Rule (subset index) -> its reference trace, per customer position. */
  const referenceTraces = new Map<number, Map<number, ConditionTrace>>();
  const out = new Array<GapExplanation | undefined>(order.length);

  /** The gap rule (subset index, -1 none) of rank position i; the root-cause rule of customer k. */
  const gapRuleOf = (i: number): number =>
    local.get(ruleIndexByName.get(measures.ruleName[order[i]]) ?? -1) ?? -1;
  const causeRuleOf = (k: number): number => local.get(cls.rootCauseRule[k]) ?? -1;

  /** The why of rank position i, from the given rule traces. */
  const explain = (i: number, traceOf: (j: number) => ConditionTrace): string => {
    // The measure as a record, made only for the rows explained (plainWhyClauses reads it).
    const row = measureAt(measures, order[i]);
    const k = row.customerPosition;
    const facts = cls.store.factsOf(k);
    const gapRule = gapRuleOf(i);
    const causeRule = causeRuleOf(k);
    const parts: string[] = [];
    if (gapRule >= 0) {
      const note = subset[gapRule].event.params.note;
      parts.push(
        `${subset[gapRule].name}: ${describeTrace(traceOf(gapRule), specs, money, valueInSentence)}${note ? ` (${String(note)})` : ""}`,
      );
    }
    if (causeRule >= 0)
      parts.push(
        `root cause ${row.rootCause === null ? "none" : valueInSentence(row.rootCause)} by ${subset[causeRule].name}: ${describeTrace(traceOf(causeRule), specs, money, valueInSentence)}`,
      );
    const clauses = windows
      ? plainWhyClauses(row, facts, windows, specs, money, stockAssessed, model, unit)
      : [];
    return composeWhy(clauses, parts);
  };

  /** The why of rank position i from the compiled traces (a compiled row's, when first read). */
  const compiledWhy = (i: number): string => {
    const facts = cls.store.factsOf(measures.customerPosition[order[i]]);
    return explain(i, (j) => compiled.trace(j, facts));
  };

  for (let i = 0; useReference && i < order.length && i < referenceRows; i++) {
    if ((i & 1023) === 0) checkAbort();
    const k = measures.customerPosition[order[i]];
    let traces = referenceTraces.get(k);
    if (!traces) {
      traces = new Map<number, ConditionTrace>();
      referenceTraces.set(k, traces);
    }
    for (const j of [gapRuleOf(i), causeRuleOf(k)]) {
      if (j >= 0 && !traces.has(j)) traces.set(j, await referenceTrace(j, k));
    }
    const t = traces;
    out[i] = { why: explain(i, (j) => t.get(j) as ConditionTrace), whySource: "reference" };
  }
  return {
    count: order.length,
    // Worded when first read (issue 14): a run that writes only the JSON summary, or a few rows,
    // never words the other thousands. The same text whenever it is read: the facts and the
    // compiled rules do not change after the classify stage.
    at: (j) => (out[j] ??= new LazyExplanation(compiledWhy, j)),
  };
}

/**
 * The why text: the plain clauses as one sentence (first letter capitalised), then "Rules: " and
 * the fired rules with their values, joined by "; ".
 */
export function composeWhy(clauses: readonly string[], rules: readonly string[]): string {
  const out: string[] = [];
  if (clauses.length > 0) {
    const text = clauses.join("; ");
    out.push(`${text[0].toUpperCase()}${text.slice(1)}.`);
  }
  if (rules.length > 0) out.push(`Rules: ${rules.join("; ")}.`);
  return out.join(" ");
}
