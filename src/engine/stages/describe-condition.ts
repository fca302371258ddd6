/**
 * Plain words for an evaluated condition tree. Temporary local formatter until the rules library's
 * describeTrace lands (then this file delegates to it).
 */
import type { ConditionTrace, FactSpec, Scalar } from "../../rules/types";

const OPERATOR_WORDS: Record<string, string> = {
  equal: "is",
  notEqual: "is not",
  lessThan: "<",
  lessThanInclusive: "<=",
  greaterThan: ">",
  greaterThanInclusive: ">=",
  in: "is one of",
  notIn: "is not one of",
};

function show(v: Scalar | Scalar[] | null | undefined, spec?: FactSpec): string {
  if (v === null || v === undefined) return "n/a";
  if (Array.isArray(v)) return v.map((x) => show(x, spec)).join(", ");
  if (typeof v === "number") {
    const text = Number.isInteger(v) ? String(v) : v.toFixed(2);
    if (spec?.unit === "dollars") return `$${text}`;
    if (spec?.unit === "percent") return `${text}%`;
    return text;
  }
  return String(v);
}

export function describeCondition(t: ConditionTrace, specs: ReadonlyMap<string, FactSpec>): string {
  if (t.kind === "leaf") {
    const spec = t.fact ? specs.get(t.fact) : undefined;
    return `${t.fact} ${show(t.factValue, spec)} ${OPERATOR_WORDS[t.operator ?? ""] ?? t.operator} ${show(t.value, spec)}`;
  }
  const kids = (t.children ?? []).filter((c) => c.result === t.result || t.kind === "not");
  const parts = kids.map((c) => describeCondition(c, specs));
  if (t.kind === "not") return `not (${parts.join("; ")})`;
  return parts.join(t.kind === "all" ? " and " : " or ");
}
