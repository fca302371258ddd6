/**
 * The clean copy of a rule pack that passed validation (validate-pack.ts, or the build's check of a
 * built-in pack): only the known keys, fresh plain objects, `description` always present. Its
 * packHash is the pack's identity. Only for a value known to be a valid pack.
 */
import { isPlainObject } from "./rule-grammar";
import type { RulePack } from "./rule-pack";
import type { Condition, Operator, RuleDefinition, Scalar } from "./types";

const hasOwn = Object.prototype.hasOwnProperty;

function cleanCondition(node: Record<string, unknown>): Condition {
  if (hasOwn.call(node, "all"))
    return { all: (node.all as Record<string, unknown>[]).map(cleanCondition) };
  if (hasOwn.call(node, "any"))
    return { any: (node.any as Record<string, unknown>[]).map(cleanCondition) };
  if (hasOwn.call(node, "not")) return { not: cleanCondition(node.not as Record<string, unknown>) };
  const value = node.value;
  let copy: Scalar | Scalar[] | { fact: string };
  if (Array.isArray(value)) copy = (value as Scalar[]).slice();
  else if (isPlainObject(value)) copy = { fact: value.fact as string };
  else copy = value as Scalar;
  const leaf: Condition = {
    fact: node.fact as string,
    operator: node.operator as Operator,
    value: copy,
  };
  return typeof node.valueInMonths === "number"
    ? { ...leaf, valueInMonths: node.valueInMonths }
    : leaf;
}

function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = cloneJson(value[key]);
    return out;
  }
  return value;
}

function cleanRule(rule: Record<string, unknown>): RuleDefinition {
  const event = rule.event as Record<string, unknown>;
  const params: Record<string, Scalar> = {};
  if (isPlainObject(event.params)) {
    for (const key of Object.keys(event.params)) params[key] = event.params[key] as Scalar;
  }
  const out: RuleDefinition = {
    name: rule.name as string,
    conditions: cleanCondition(
      rule.conditions as Record<string, unknown>,
    ) as RuleDefinition["conditions"],
    event: { type: event.type as string, params },
  };
  if (typeof rule.description === "string") out.description = rule.description;
  if (typeof rule.priority === "number") out.priority = rule.priority;
  return out;
}

/** A deep copy of a validated pack with only the known keys. */
export function cleanPack(value: Record<string, unknown>): RulePack {
  return {
    format: "rgo-rule-pack/1",
    name: value.name as string,
    version: value.version as string,
    description: typeof value.description === "string" ? value.description : "",
    parameters: cloneJson(value.parameters) as Record<string, unknown>,
    rules: (value.rules as Record<string, unknown>[]).map(cleanRule),
  };
}
