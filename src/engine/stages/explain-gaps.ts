/**
 * The explanation stage: a "why" per gap row. Rows ranked within `referenceRows` are explained
 * from json-rules-engine's trace (the reference semantics); the rest from the compiled trace.
 */
import { compileRules } from "../../rules/compiled-rules";
import { ReferenceEngine } from "../../rules/reference-engine";
import type { ConditionTrace, FactSpec, RuleDefinition } from "../../rules/types";
import type { GapRow } from "../analysis-result";
import type { Classification } from "./classify-customers";
import { describeTrace } from "../../rules/describe-trace";

export async function explainGaps(
  ranked: GapRow[],
  rules: readonly RuleDefinition[],
  cls: Classification,
  specs: ReadonlyMap<string, FactSpec>,
  referenceRows: number,
  checkAbort: () => void,
): Promise<void> {
  const customerRules: number[] = [];
  rules.forEach((r, i) => {
    if (r.event.type !== "trigger") customerRules.push(i);
  });
  const subset = customerRules.map((i) => rules[i]);
  const local = new Map<number, number>(customerRules.map((packIndex, j) => [packIndex, j]));
  const ruleIndexByName = new Map<string, number>(rules.map((r, i) => [r.name, i]));
  const compiled = compileRules(subset);
  const reference = referenceRows > 0 && ranked.length > 0 ? new ReferenceEngine(subset) : null;
  const referenceTraces = new Map<number, ConditionTrace[]>();

  for (let i = 0; i < ranked.length; i++) {
    if ((i & 1023) === 0) checkAbort();
    const row = ranked[i];
    const k = row.customerPosition;
    const facts = cls.facts[k];
    const gapRule = local.get(ruleIndexByName.get(row.ruleName) ?? -1) ?? -1;
    const causeRule = local.get(cls.rootCauseRule[k]) ?? -1;
    let traceOf: (j: number) => ConditionTrace;
    if (reference && i < referenceRows) {
      let traces = referenceTraces.get(k);
      if (!traces) {
        traces = (await reference.run(facts)).traces;
        referenceTraces.set(k, traces);
      }
      const t = traces;
      traceOf = (j) => t[j];
      row.whySource = "reference";
    } else {
      traceOf = (j) => compiled.trace(j, facts);
      row.whySource = "compiled";
    }
    const parts: string[] = [];
    if (gapRule >= 0) {
      const note = subset[gapRule].event.params.note;
      parts.push(
        `${subset[gapRule].name}: ${describeTrace(traceOf(gapRule), specs)}${note ? ` (${String(note)})` : ""}`,
      );
    }
    if (causeRule >= 0)
      parts.push(
        `root cause ${row.rootCause} by ${subset[causeRule].name}: ${describeTrace(traceOf(causeRule), specs)}`,
      );
    row.why = parts.join(". ");
  }
}
