/**
 * The rule grammar: the one description of what a rule pack may contain. The semantic checker
 * (check-rules.ts) walks it and the JSON Schema for ajv and editors (pack-schema.ts) is built from
 * it, so a key, an operator or a limit is added here once. No wording here: problems are typed
 * (rule-problem.ts) and worded in rule-problem-text.ts.
 */
import { PACK_LIMITS } from "./pack-limits";
import { RULE_PACK_FORMAT } from "./rule-pack";
import { OPERATORS, type FactSpec, type Operator } from "./types";

export type ValueType = FactSpec["type"];

/** What one key of a node holds. */
export type FieldValue =
  | { kind: "text"; minLength: number; maxLength?: number }
  | { kind: "integer"; minimum: number; maximum: number }
  | { kind: "const"; value: string }
  /** An object validated elsewhere (the pack's `parameters`, against the registry's schema). */
  | { kind: "object" }
  /** A list of rules (at most maxItems). */
  | { kind: "rules"; maxItems: number }
  /** The top level of `conditions`: a boolean node (json-rules-engine requires it). */
  | { kind: "top-condition" }
  /** The child of a boolean node: a non-empty list of conditions (`all`, `any`) or one (`not`). */
  | { kind: "conditions"; arity: "list" | "one" }
  | { kind: "event" }
  | { kind: "event-type" }
  | { kind: "event-params" }
  | { kind: "fact-name" }
  | { kind: "operator" }
  | { kind: "operand" }
  /** A condition's threshold for monthly runs: a number, on a fact counted in weeks. */
  | { kind: "month-operand"; minimum: number };

export interface Field {
  readonly required: boolean;
  readonly value: FieldValue;
}

/** A kind of object node: its keys (in the order checks run) and the keys refused with a reason. */
export interface NodeGrammar {
  readonly fields: Readonly<Record<string, Field>>;
  /** json-rules-engine keys a pack may not use here, with the problem code each raises. */
  readonly refused: Readonly<Record<string, RefusedKeyCode>>;
}

export type RefusedKeyCode = "condition-path" | "condition-params" | "condition-reference";

/** Most rules in one pack. */
export const MAX_RULES = PACK_LIMITS.maxRules;
/** Longest rule (and pack) name. */
export const MAX_NAME_LENGTH = PACK_LIMITS.maxRuleNameLength;
/** Highest rule priority. */
export const MAX_PRIORITY = PACK_LIMITS.maxPriority;
/** Most nested boolean levels in one rule's conditions (the top level counts as 1). */
export const MAX_CONDITION_DEPTH = PACK_LIMITS.maxConditionDepth;
/** Longest value list of `in` / `notIn`. */
export const MAX_LIST_LENGTH = PACK_LIMITS.maxListLength;

const required = (value: FieldValue): Field => ({ required: true, value });
const optional = (value: FieldValue): Field => ({ required: false, value });

/** The pack document. */
export const PACK_NODE: NodeGrammar = {
  fields: {
    format: required({ kind: "const", value: RULE_PACK_FORMAT }),
    name: required({ kind: "text", minLength: 1, maxLength: MAX_NAME_LENGTH }),
    version: required({ kind: "text", minLength: 1, maxLength: 100 }),
    description: optional({ kind: "text", minLength: 0 }),
    parameters: required({ kind: "object" }),
    rules: required({ kind: "rules", maxItems: MAX_RULES }),
  },
  refused: {},
};

/** One rule. */
export const RULE_NODE: NodeGrammar = {
  fields: {
    name: required({ kind: "text", minLength: 1, maxLength: MAX_NAME_LENGTH }),
    description: optional({ kind: "text", minLength: 0 }),
    priority: optional({ kind: "integer", minimum: 1, maximum: MAX_PRIORITY }),
    conditions: required({ kind: "top-condition" }),
    event: required({ kind: "event" }),
  },
  refused: {},
};

/** A rule's event. */
export const EVENT_NODE: NodeGrammar = {
  fields: {
    type: required({ kind: "event-type" }),
    params: optional({ kind: "event-params" }),
  },
  refused: {},
};

/** Least `valueInMonths` (a count of months). */
export const MONTH_VALUE_MINIMUM = 0;

/** A comparison (a leaf of the condition tree). */
export const LEAF_NODE: NodeGrammar = {
  fields: {
    fact: required({ kind: "fact-name" }),
    operator: required({ kind: "operator" }),
    value: required({ kind: "operand" }),
    valueInMonths: optional({ kind: "month-operand", minimum: MONTH_VALUE_MINIMUM }),
  },
  refused: {
    path: "condition-path",
    params: "condition-params",
    condition: "condition-reference",
  },
};

/** The unit of the facts a condition may give `valueInMonths` for (counts of periods). */
export const MONTH_VALUE_UNIT = "weeks";

/** A value naming another fact: { "fact": "baselineAvg" }. */
export const FACT_REF_NODE: NodeGrammar = {
  fields: { fact: required({ kind: "fact-name" }) },
  refused: { path: "condition-path", params: "condition-params" },
};

/** The boolean nodes: `all` / `any` take a non-empty list of conditions, `not` one condition. */
export const BOOLEAN_NODES = { all: "list", any: "list", not: "one" } as const;
export type BooleanKey = keyof typeof BOOLEAN_NODES;
export const BOOLEAN_KEYS = Object.keys(BOOLEAN_NODES) as readonly BooleanKey[];

/** The grammar of each boolean node: its one key and nothing else. */
export const BOOLEAN_NODE_GRAMMAR: Readonly<Record<BooleanKey, NodeGrammar>> = {
  all: { fields: { all: required({ kind: "conditions", arity: "list" }) }, refused: {} },
  any: { fields: { any: required({ kind: "conditions", arity: "list" }) }, refused: {} },
  not: { fields: { not: required({ kind: "conditions", arity: "one" }) }, refused: {} },
};

/** Per operator: one value or a list, and the fact types it applies to. */
export const OPERATOR_GRAMMAR: Readonly<
  Record<Operator, { operand: "one" | "list"; factTypes: readonly ValueType[] }>
> = {
  equal: { operand: "one", factTypes: ["number", "string", "boolean"] },
  notEqual: { operand: "one", factTypes: ["number", "string", "boolean"] },
  lessThan: { operand: "one", factTypes: ["number"] },
  lessThanInclusive: { operand: "one", factTypes: ["number"] },
  greaterThan: { operand: "one", factTypes: ["number"] },
  greaterThanInclusive: { operand: "one", factTypes: ["number"] },
  in: { operand: "list", factTypes: ["number", "string", "boolean"] },
  notIn: { operand: "list", factTypes: ["number", "string", "boolean"] },
};

export function isOperator(name: unknown): name is Operator {
  return typeof name === "string" && (OPERATORS as readonly string[]).includes(name);
}

/** The operators a fact of this type may use. */
export function operatorsForFactType(type: ValueType): readonly Operator[] {
  return OPERATORS.filter((o) => OPERATOR_GRAMMAR[o].factTypes.includes(type));
}

/** Operators that take a list value. */
export const LIST_OPERATORS: readonly Operator[] = OPERATORS.filter(
  (o) => OPERATOR_GRAMMAR[o].operand === "list",
);

/** Whether a JSON value has this scalar type. */
export function hasValueType(v: unknown, type: ValueType): boolean {
  return typeof v === type;
}

/** A text or integer field's violation, or null when the value fits. */
export type FieldViolation = "type" | "too-short" | "too-long" | "out-of-range" | null;

export function checkScalarField(v: unknown, value: FieldValue): FieldViolation {
  if (value.kind === "text") {
    if (typeof v !== "string") return "type";
    if (v.length < value.minLength) return "too-short";
    if (value.maxLength !== undefined && v.length > value.maxLength) return "too-long";
    return null;
  }
  if (value.kind === "integer") {
    if (typeof v !== "number" || !Number.isInteger(v)) return "type";
    return v < value.minimum || v > value.maximum ? "out-of-range" : null;
  }
  return null;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
