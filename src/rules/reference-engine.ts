/**
 * json-rules-engine as the reference semantics and the "why": the same rule JSON run through the
 * real engine, with a plain own-property path resolver (JSONPath is never evaluated) and
 * `allowUndefinedFacts: true` (a missing fact is undefined, not an error).
 *
 * One Engine per instance. json-rules-engine's Engine keeps run state on itself, so concurrent
 * runs on one Engine are not allowed: this class queues calls to run() and executes them one
 * after another (callers may still await several; they just do not overlap).
 */
import { Engine } from "json-rules-engine";
import type { RuleProperties, TopLevelCondition } from "json-rules-engine";
import { priorityOrder } from "./compiled-rules";
import type {
  Condition,
  ConditionTrace,
  FactRecord,
  Operator,
  RuleDefinition,
  Scalar,
} from "./types";

const hasOwn = Object.prototype.hasOwnProperty;

/** Plain own-property lookup used instead of json-rules-engine's JSONPath resolver. */
export function ownPropertyResolver(value: object, path: string): unknown {
  return hasOwn.call(value, path) ? (value as Record<string, unknown>)[path] : undefined;
}

/** A deep copy of a condition with only the keys json-rules-engine needs. */
function toEngineCondition(node: Condition): Record<string, unknown> {
  if (hasOwn.call(node, "any"))
    return { any: (node as { any: Condition[] }).any.map(toEngineCondition) };
  if (hasOwn.call(node, "all"))
    return { all: (node as { all: Condition[] }).all.map(toEngineCondition) };
  if (hasOwn.call(node, "not")) return { not: toEngineCondition((node as { not: Condition }).not) };
  const leaf = node as { fact: string; operator: Operator; value: unknown };
  const value = leaf.value;
  let copy: unknown = value;
  if (Array.isArray(value)) copy = value.slice();
  else if (value !== null && typeof value === "object")
    copy = { fact: (value as { fact: string }).fact };
  return { fact: leaf.fact, operator: leaf.operator, value: copy };
}

/** Every fact a condition reads: its leaves' facts and the facts their values name. */
export function conditionFacts(node: Condition, into: Set<string> = new Set()): Set<string> {
  if (hasOwn.call(node, "any"))
    for (const c of (node as { any: Condition[] }).any) conditionFacts(c, into);
  else if (hasOwn.call(node, "all"))
    for (const c of (node as { all: Condition[] }).all) conditionFacts(c, into);
  else if (hasOwn.call(node, "not")) conditionFacts((node as { not: Condition }).not, into);
  else {
    const leaf = node as { fact: string; value: unknown };
    into.add(leaf.fact);
    const value = leaf.value;
    if (value !== null && typeof value === "object" && !Array.isArray(value))
      into.add((value as { fact: string }).fact);
  }
  return into;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object";
}

function traceValue(v: unknown): Scalar | Scalar[] | null {
  if (v === undefined) return null;
  return v as Scalar | Scalar[] | null;
}

/** Converts one evaluated json-rules-engine condition (from a RuleResult) into a ConditionTrace. */
export function engineConditionToTrace(node: unknown, rootResult?: boolean): ConditionTrace {
  if (!isRecord(node)) throw new Error("json-rules-engine returned a malformed condition");
  const result = rootResult !== undefined ? rootResult : node.result === true;
  for (const kind of ["any", "all"] as const) {
    if (hasOwn.call(node, kind)) {
      const list = node[kind];
      const children = Array.isArray(list) ? list.map((c) => engineConditionToTrace(c)) : [];
      return { kind, result, children };
    }
  }
  if (hasOwn.call(node, "not")) {
    return { kind: "not", result, children: [engineConditionToTrace(node.not)] };
  }
  const trace: ConditionTrace = {
    kind: "leaf",
    result,
    fact: String(node.fact),
    operator: node.operator as Operator,
    value: traceValue(node.valueResult),
    factValue: traceValue(node.factResult) as Scalar | null,
  };
  const raw = node.value;
  if (isRecord(raw) && !Array.isArray(raw) && typeof raw.fact === "string")
    trace.valueFact = raw.fact;
  return trace;
}

/** json-rules-engine, the reference semantics and the source of "why" explanations. */
export class ReferenceEngine {
  private readonly engine: Engine;
  private readonly order: number[];
  private readonly ruleCount: number;
  /** The facts the rules read: the only ones given to the engine (see runNow). */
  private readonly read: ReadonlySet<string>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(rules: readonly RuleDefinition[]) {
    this.engine = new Engine([], { allowUndefinedFacts: true, pathResolver: ownPropertyResolver });
    this.ruleCount = rules.length;
    this.order = priorityOrder(rules);
    const read = new Set<string>();
    for (const rule of rules) conditionFacts(rule.conditions, read);
    this.read = read;
    rules.forEach((rule, index) => {
      const props: RuleProperties = {
        // The index is the name: results map back to rule indices whatever the rule names are.
        name: String(index),
        priority: rule.priority,
        conditions: toEngineCondition(rule.conditions) as unknown as TopLevelCondition,
        event: { type: rule.event.type, params: { ...rule.event.params } },
      };
      this.engine.addRule(props);
    });
  }

  /**
   * Runs json-rules-engine on one subject; fired = rule indices (priority desc, then file
   * order, like CompiledRules.fire), traces per rule index (fired or not). Calls are queued:
   * runs never overlap on the shared Engine.
   */
  run(facts: FactRecord): Promise<{ fired: number[]; traces: ConditionTrace[] }> {
    const next = this.queue.then(() => this.runNow(facts));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(facts: FactRecord): Promise<{ fired: number[]; traces: ConditionTrace[] }> {
    // Own keys only, on a prototype-free object (the engine iterates with for…in); only the facts
    // some rule reads: the engine makes, caches and hashes every fact it is given, and a fact no
    // condition names cannot change a result or a trace (a customer's record has about 50 facts,
    // a rule reads a few; issue 14).
    const runtime = Object.create(null) as Record<string, Scalar | null>;
    for (const key of Object.keys(facts)) {
      if (key !== "" && this.read.has(key)) runtime[key] = facts[key];
    }
    const outcome = await this.engine.run(runtime);
    const traces: ConditionTrace[] = new Array<ConditionTrace>(this.ruleCount);
    const firedSet = new Set<number>();
    for (const group of [outcome.results, outcome.failureResults]) {
      for (const ruleResult of group) {
        const index = Number(ruleResult.name);
        const result = ruleResult.result === true;
        traces[index] = engineConditionToTrace(ruleResult.conditions, result);
        if (result) firedSet.add(index);
      }
    }
    const fired = this.order.filter((i) => firedSet.has(i));
    return { fired, traces };
  }
}
