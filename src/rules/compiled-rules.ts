/**
 * Bulk evaluation: the rule JSON compiled into synchronous closures, with json-rules-engine 7.3's
 * built-in operator semantics reproduced exactly (see node_modules/json-rules-engine/dist/
 * engine-default-operators.js, rule.js and almanac.js), run with `allowUndefinedFacts: true`:
 *  - equal / notEqual are `===` / `!==`; in / notIn use `Array.prototype.indexOf` (so NaN is never found);
 *  - lessThan & co. first require `Number.parseFloat(factValue)` not to be NaN (numbers, and strings
 *    starting like a number, pass), then compare with JavaScript's `<`, `<=`, `>`, `>=`;
 *  - a missing fact is `undefined`, a null fact is `null`; neither is special-cased;
 *  - `all` / `any` with an empty list are true (json-rules-engine resolves empty lists to true),
 *    `not` negates its single condition;
 *  - rules fire in priority order (higher first, default 1), ties in file order.
 */
import type {
  Condition,
  ConditionLeaf,
  ConditionTrace,
  FactRecord,
  Operator,
  RuleDefinition,
  Scalar,
} from "./types";

/** Rules compiled for fast repeated evaluation. */
export interface CompiledRules {
  readonly rules: readonly RuleDefinition[];
  /** Indices of the rules that fire for these facts, ordered by priority desc then file order. */
  fire(facts: FactRecord): number[];
  /**
   * Like fire(), without allocating: writes the indices into `out` (cleared first) and returns
   * how many fired.
   */
  fireInto(facts: FactRecord, out: number[]): number;
  /**
   * Like fireInto(), into a typed array of at least `rules.length` slots: out[0, count) are the
   * indices, in the same order; nothing is resized (the classify stage, issue 14).
   */
  fireIndices(facts: FactRecord, out: Int32Array): number;
  /** Whether one rule fires (fast path). */
  test(ruleIndex: number, facts: FactRecord): boolean;
  /** The evaluated condition tree of one rule: same shape json-rules-engine reports. */
  trace(ruleIndex: number, facts: FactRecord): ConditionTrace;
}

type Predicate<F = FactRecord> = (facts: F) => boolean;
type Getter<F = FactRecord> = (facts: F) => unknown;
/** How a compiled leaf reads a fact by name from the facts it is given. */
type GetterOf<F> = (name: string) => Getter<F>;

const hasOwn = Object.prototype.hasOwnProperty;

/** Reads one fact; names that exist on Object.prototype are read as own properties only. */
function factGetter(name: string): Getter {
  if (name in Object.prototype) {
    return (facts) => (hasOwn.call(facts, name) ? facts[name] : undefined);
  }
  return (facts) => facts[name];
}

/** json-rules-engine's numberValidator: `Number.parseFloat(v).toString() !== 'NaN'`. */
export function isNumberLike(v: unknown): boolean {
  if (typeof v === "number") return v === v;
  if (typeof v === "string") return !Number.isNaN(Number.parseFloat(v));
  if (v === null || v === undefined || typeof v === "boolean") return false;
  return !Number.isNaN(Number.parseFloat(String(v)));
}

/** Applies one operator exactly as json-rules-engine's default operators do. */
export function applyOperator(operator: Operator | string, a: unknown, b: unknown): boolean {
  switch (operator) {
    case "equal":
      return a === b;
    case "notEqual":
      return a !== b;
    case "in":
      return (b as unknown[]).indexOf(a) > -1;
    case "notIn":
      return (b as unknown[]).indexOf(a) === -1;
    case "lessThan":
      return isNumberLike(a) && (a as number) < (b as number);
    case "lessThanInclusive":
      return isNumberLike(a) && (a as number) <= (b as number);
    case "greaterThan":
      return isNumberLike(a) && (a as number) > (b as number);
    case "greaterThanInclusive":
      return isNumberLike(a) && (a as number) >= (b as number);
    default:
      throw new Error(`Unknown operator: ${operator}`);
  }
}

function isFactRef(value: ConditionLeaf["value"]): value is { fact: string } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function compileLeaf<F>(leaf: ConditionLeaf, getter: GetterOf<F>): Predicate<F> {
  const get = getter(leaf.fact);
  const value = leaf.value;
  if (isFactRef(value)) {
    const getB = getter(value.fact);
    const op = leaf.operator;
    return (facts) => applyOperator(op, get(facts), getB(facts));
  }
  switch (leaf.operator) {
    case "equal":
      return (facts) => get(facts) === value;
    case "notEqual":
      return (facts) => get(facts) !== value;
    case "in": {
      const list = value as unknown[];
      return (facts) => list.indexOf(get(facts)) > -1;
    }
    case "notIn": {
      const list = value as unknown[];
      return (facts) => list.indexOf(get(facts)) === -1;
    }
    case "lessThan": {
      const b = value as number;
      return (facts) => {
        const a = get(facts) as number;
        return isNumberLike(a) && a < b;
      };
    }
    case "lessThanInclusive": {
      const b = value as number;
      return (facts) => {
        const a = get(facts) as number;
        return isNumberLike(a) && a <= b;
      };
    }
    case "greaterThan": {
      const b = value as number;
      return (facts) => {
        const a = get(facts) as number;
        return isNumberLike(a) && a > b;
      };
    }
    case "greaterThanInclusive": {
      const b = value as number;
      return (facts) => {
        const a = get(facts) as number;
        return isNumberLike(a) && a >= b;
      };
    }
    default:
      throw new Error(`Unknown operator: ${String(leaf.operator)}`);
  }
}

function compileCondition<F>(node: Condition, getter: GetterOf<F>): Predicate<F> {
  if (hasOwn.call(node, "any")) {
    return compileList((node as { any: Condition[] }).any, false, getter);
  }
  if (hasOwn.call(node, "all")) {
    return compileList((node as { all: Condition[] }).all, true, getter);
  }
  if (hasOwn.call(node, "not")) {
    const inner = compileCondition((node as { not: Condition }).not, getter);
    return (facts) => !inner(facts);
  }
  return compileLeaf(node as ConditionLeaf, getter);
}

function compileList<F>(
  children: readonly Condition[],
  every: boolean,
  getter: GetterOf<F>,
): Predicate<F> {
  const preds = children.map((c) => compileCondition(c, getter));
  const n = preds.length;
  if (n === 0) return () => true;
  if (n === 1) return preds[0];
  if (n === 2) {
    const [p0, p1] = preds;
    return every ? (f) => p0(f) && p1(f) : (f) => p0(f) || p1(f);
  }
  if (every) {
    return (facts) => {
      for (let i = 0; i < n; i++) if (!preds[i](facts)) return false;
      return true;
    };
  }
  return (facts) => {
    for (let i = 0; i < n; i++) if (preds[i](facts)) return true;
    return false;
  };
}

function toTraceValue(v: unknown): Scalar | null {
  return v === undefined ? null : (v as Scalar | null);
}

/** Evaluates every node (no short-circuit, like json-rules-engine) and records the values. */
export function traceCondition(node: Condition, facts: FactRecord): ConditionTrace {
  if (hasOwn.call(node, "any") || hasOwn.call(node, "all")) {
    const isAny = hasOwn.call(node, "any");
    const list = isAny ? (node as { any: Condition[] }).any : (node as { all: Condition[] }).all;
    const children = list.map((c) => traceCondition(c, facts));
    let result: boolean;
    if (children.length === 0) result = true;
    else if (isAny) result = children.some((c) => c.result);
    else result = children.every((c) => c.result);
    return { kind: isAny ? "any" : "all", result, children };
  }
  if (hasOwn.call(node, "not")) {
    const child = traceCondition((node as { not: Condition }).not, facts);
    return { kind: "not", result: !child.result, children: [child] };
  }
  const leaf = node as ConditionLeaf;
  const a = factGetter(leaf.fact)(facts);
  const trace: ConditionTrace = {
    kind: "leaf",
    result: false,
    fact: leaf.fact,
    operator: leaf.operator,
  };
  let b: unknown;
  if (isFactRef(leaf.value)) {
    b = factGetter(leaf.value.fact)(facts);
    trace.valueFact = leaf.value.fact;
    trace.value = toTraceValue(b);
  } else {
    b = leaf.value;
    trace.value = Array.isArray(leaf.value) ? leaf.value.slice() : leaf.value;
  }
  trace.factValue = toTraceValue(a);
  trace.result = applyOperator(leaf.operator, a, b);
  return trace;
}

/** The priority json-rules-engine uses for a rule (`parseInt(priority || 1)`). */
export function rulePriority(rule: RuleDefinition): number {
  return Number.parseInt(String(rule.priority || 1), 10);
}

/** Rule indices by priority desc, then file order. */
export function priorityOrder(rules: readonly RuleDefinition[]): number[] {
  const order = rules.map((_, i) => i);
  const priorities = rules.map(rulePriority);
  order.sort((x, y) => priorities[y] - priorities[x] || x - y);
  return order;
}

/**
 * fireIndices over compiled predicates: the indices of the rules that fire for `facts`, in
 * `order` (priority desc, then file order), written into out[0, count); returns count.
 */
function indicesFirer<F>(
  preds: readonly Predicate<F>[],
  order: readonly number[],
): (facts: F, out: Int32Array) => number {
  const n = order.length;
  return (facts, out) => {
    let count = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (preds[i](facts)) out[count++] = i;
    }
    return count;
  };
}

/**
 * Compiles rules (normally from a validated pack) into synchronous predicates.
 * Throws on an unknown operator; everything else a validated pack contains is supported.
 */
export function compileRules(rules: readonly RuleDefinition[]): CompiledRules {
  const frozen: readonly RuleDefinition[] = rules.slice();
  const preds = frozen.map((r) => compileCondition(r.conditions, factGetter));
  const order = priorityOrder(frozen);
  const n = order.length;

  const checkIndex = (ruleIndex: number): void => {
    if (!(ruleIndex >= 0 && ruleIndex < preds.length && Number.isInteger(ruleIndex))) {
      throw new RangeError(`rule index ${ruleIndex} is out of range (0..${preds.length - 1})`);
    }
  };

  const fireInto = (facts: FactRecord, out: number[]): number => {
    out.length = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (preds[i](facts)) out.push(i);
    }
    return out.length;
  };

  const fireIndices = indicesFirer(preds, order);

  return {
    rules: frozen,
    fire(facts) {
      const out: number[] = [];
      fireInto(facts, out);
      return out;
    },
    fireInto,
    fireIndices,
    test(ruleIndex, facts) {
      checkIndex(ruleIndex);
      return preds[ruleIndex](facts);
    },
    trace(ruleIndex, facts) {
      checkIndex(ruleIndex);
      return traceCondition(frozen[ruleIndex].conditions, facts);
    },
  };
}

/**
 * Facts held by slot, for a caller that evaluates the same rules over many records of one shape
 * (the classify stage: 20,000 customers, issue 14): `values[slot]` is the fact's value, undefined
 * when the fact is absent. A leaf reads its fact as `values[slot]` (an array element at a number:
 * one kind of load the engine keeps fast from the first call) where `compileRules` reads
 * `facts[name]` with a different name at each leaf (a lookup by name every time).
 */
export type FactSlots = ReadonlyMap<string, number>;

/** Rules compiled over facts by slot (compileSlotRules). */
export interface SlotRules {
  readonly rules: readonly RuleDefinition[];
  /**
   * compileRules' fireIndices for the facts `values` (by `slots`): the rules that fire, by
   * priority desc then file order, written into out[0, count); returns count.
   */
  fireIndices(values: readonly unknown[], out: Int32Array): number;
}

/**
 * Compiles rules over facts by slot (see FactSlots). For `values` holding, at each named fact's
 * slot, what a record holds under that name (undefined where it has no own property of that
 * name), every rule fires exactly when it fires for the record under `compileRules`: the same
 * predicates, operators and order; a fact without a slot reads as absent.
 */
export function compileSlotRules(rules: readonly RuleDefinition[], slots: FactSlots): SlotRules {
  const frozen: readonly RuleDefinition[] = rules.slice();
  const getter = (name: string): Getter<readonly unknown[]> => {
    const slot = slots.get(name);
    if (slot === undefined) return () => undefined;
    return (values) => values[slot];
  };
  const preds = frozen.map((r) => compileCondition(r.conditions, getter));
  return {
    rules: frozen,
    fireIndices: indicesFirer(preds, priorityOrder(frozen)),
  };
}
