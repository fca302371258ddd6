/**
 * Plain-words explanations of evaluated conditions for a finance reader, e.g.
 * "recent 4-week average $48.10 is below baseline threshold $57.00; trend -41.3% is at or below -20%".
 * Each part states the condition with the values compared; the statement is true exactly when the
 * node's result is true (so a `not` reads "not (…)" around its condition).
 */
import { formatFactValue } from "./format-value";
import type { ConditionTrace, FactSpec, Operator, Scalar } from "./types";

const PHRASES: Record<Operator, string> = {
  equal: "is",
  notEqual: "is not",
  lessThan: "is below",
  lessThanInclusive: "is at or below",
  greaterThan: "is above",
  greaterThanInclusive: "is at or above",
  in: "is one of",
  notIn: "is not one of",
};

/** Words for a string value a condition compares (a segment value, a root cause); default as is. */
export type ValueWords = (value: string) => string;

const asIs: ValueWords = (v) => v;

/** A label inside a sentence: "Weeks observed" -> "weeks observed" (an abbreviation stays). */
export const inSentence = (text: string): string =>
  text.length > 1 && /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;

/**
 * The fact's label: its `label` (the engine's words) when set; else the first clause of its
 * description without parenthetical remarks; else its name. First letter in lower case.
 */
function label(name: string, facts: ReadonlyMap<string, FactSpec>): string {
  const spec = facts.get(name);
  if (spec === undefined) return name;
  // Worded once per spec while its label and description stay the same (a results book words
  // every gap's why: about 20,000 labels from a handful of specs, each by regular expressions).
  const known = LABELS.get(spec);
  if (
    known !== undefined &&
    known.name === name &&
    known.label === spec.label &&
    known.description === spec.description
  )
    return known.text;
  const text = labelOf(name, spec);
  LABELS.set(spec, { name, label: spec.label, description: spec.description, text });
  return text;
}

/** Each spec's label as last worded, with the name, label and description it was worded from. */
const LABELS = new WeakMap<
  FactSpec,
  { name: string; label: string | undefined; description: string | undefined; text: string }
>();

/** label() for a known spec, worded. */
function labelOf(name: string, spec: FactSpec): string {
  if (spec.label !== undefined && spec.label !== "") return inSentence(spec.label);
  const text = (spec.description ?? "").replace(/\s*\([^()]*\)/g, "").trim();
  if (text === "") return name;
  const short = text.replace(/[.;:]\s.*$/s, "").replace(/[.:;]$/, "");
  return inSentence(short);
}

function describeLeaf(
  trace: ConditionTrace,
  facts: ReadonlyMap<string, FactSpec>,
  money: ((n: number) => string) | undefined,
  words: ValueWords,
): string {
  const name = trace.fact ?? "?";
  const spec = facts.get(name);
  const phrase = trace.operator !== undefined ? (PHRASES[trace.operator] ?? trace.operator) : "?";
  const value = (v: Scalar | null | undefined, s: FactSpec | undefined): string =>
    typeof v === "string" ? words(v) : formatFactValue(v, s, money);
  const left = `${label(name, facts)} ${value(trace.factValue, spec)}`;
  let right: string;
  if (trace.valueFact !== undefined) {
    right = `${label(trace.valueFact, facts)} ${value(trace.value as Scalar | null, facts.get(trace.valueFact))}`;
  } else if (Array.isArray(trace.value)) {
    right = trace.value.map((v) => value(v, spec)).join(", ");
  } else {
    right = value(trace.value, spec);
  }
  return `${left} ${phrase} ${right}`;
}

/**
 * Plain words for an evaluated condition tree (see the module comment). `money` writes amounts in
 * the run's currency (default `$1,234.50`); `words` turns a string value into words (default: as
 * is); a fact is named by its spec's `label` when it has one.
 */
export function describeTrace(
  trace: ConditionTrace,
  facts: ReadonlyMap<string, FactSpec>,
  money?: (n: number) => string,
  words: ValueWords = asIs,
): string {
  switch (trace.kind) {
    case "leaf":
      return describeLeaf(trace, facts, money, words);
    case "not": {
      const child = trace.children?.[0];
      return child === undefined
        ? "not (nothing)"
        : `not (${describeTrace(child, facts, money, words)})`;
    }
    case "all":
    case "any": {
      const children = trace.children ?? [];
      if (children.length === 0) return "no conditions";
      // A node that held: its children that held (for `all`, all of them). A node that did
      // not hold is stated in full, so that "not (…)" around it reads true.
      if (trace.result) {
        return children
          .filter((c) => c.result)
          .map((c) => describeTrace(c, facts, money, words))
          .join("; ");
      }
      const parts = children.map((c) => describeTrace(c, facts, money, words));
      if (children.length === 1) return parts[0];
      return trace.kind === "all" ? `all of (${parts.join("; ")})` : `any of (${parts.join("; ")})`;
    }
    default:
      return "";
  }
}

/** Convenience: a Map of fact specs by name, for describeTrace. */
export function factSpecMap(...lists: (readonly FactSpec[])[]): ReadonlyMap<string, FactSpec> {
  const map = new Map<string, FactSpec>();
  for (const list of lists) for (const f of list) if (!map.has(f.name)) map.set(f.name, f);
  return map;
}
