/**
 * Rule packs: the JSON users edit, share inside workbooks, and that decide what the engine
 * classifies. Rules are in json-rules-engine's format (conditions all/any/not, fact, operator,
 * value; event with type and params), restricted by a JSON Schema to allow-listed facts,
 * operators and event types. Nothing in a pack is ever evaluated as code or JSONPath.
 */

export type Scalar = number | string | boolean;

/** Operators allowed in packs (json-rules-engine's built-ins minus anything path- or code-like). */
export const OPERATORS = [
  "equal",
  "notEqual",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
  "in",
  "notIn",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** A comparison. `value` may name another fact ({ "fact": "baselineAvg" }) to compare two facts. */
export interface ConditionLeaf {
  fact: string;
  operator: Operator;
  value: Scalar | Scalar[] | { fact: string };
  /**
   * For a fact counted in weeks: the threshold a monthly run compares with, instead of `value`
   * converted to months (issue 11; the engine's period-parameters.ts). Weekly runs ignore it.
   */
  valueInMonths?: number;
}

export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
export type Condition = ConditionLeaf | AllCondition | AnyCondition | NotCondition;
/** json-rules-engine requires the top level of a rule to be all / any / not. */
export type TopCondition = AllCondition | AnyCondition | NotCondition;

export interface RuleEvent {
  type: string;
  params: Record<string, Scalar>;
}

export interface RuleDefinition {
  /** Unique within the pack; shown in explanations and in RGO Rules. */
  name: string;
  description?: string;
  /** Higher runs first; for "first match wins" event types the highest-priority match wins (ties: file order). Default 1. */
  priority?: number;
  conditions: TopCondition;
  event: RuleEvent;
}

/** The facts of one subject (a customer, or the portfolio), by fact name. null = not available. */
export type FactRecord = Readonly<Record<string, Scalar | null>>;

/** Metadata of an allow-listed fact (the registry drives the schema, the docs and the rules editor). */
export interface FactSpec {
  name: string;
  type: "number" | "string" | "boolean";
  description: string;
  /**
   * The description for monthly runs, written out (issue 11), when `description` speaks of weeks:
   * the drill-down and explanations of a monthly run read it, and the pack schema shows both.
   */
  descriptionInMonths?: string;
  /**
   * The fact's name in words for a reader ("Baseline spend per week"), set by the engine from its
   * label registry when it explains a run; absent, explanations fall back to the description.
   */
  label?: string;
  /** For string facts with a closed set of values. */
  values?: readonly string[];
  /** Money facts are in dollars; percent facts are in percent points (-41.3 = 41.3% below). */
  unit?: "dollars" | "percent" | "ratio" | "weeks" | "months" | "days" | "count" | "score";
}

/** Metadata of an allow-listed event type: what its params are. */
export interface EventSpec {
  type: string;
  description: string;
  /**
   * Which facts the event's rules run on: "customer" (one customer's facts), "portfolio" (the
   * portfolio's totals), "deal" (one deal of the sales pipeline) or "rep" (one sales rep).
   */
  scope: "customer" | "portfolio" | "deal" | "rep";
  params: Record<
    string,
    {
      type: "number" | "string" | "boolean";
      required: boolean;
      values?: readonly string[];
      description: string;
    }
  >;
}

/** The evaluated condition tree of one rule for one subject: the "why". */
export interface ConditionTrace {
  kind: "all" | "any" | "not" | "leaf";
  result: boolean;
  fact?: string;
  operator?: Operator;
  /** The compared value (after resolving { fact } references). */
  value?: Scalar | Scalar[] | null;
  /** When the condition compared two facts ({ "fact": … } value): the name of that other fact. */
  valueFact?: string;
  factValue?: Scalar | null;
  children?: ConditionTrace[];
}
