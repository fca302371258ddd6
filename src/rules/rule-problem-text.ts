/** The English wording of every rule problem: one sentence, naming the rule it is in. */
import type { RuleProblem, RuleRef, UnknownFactData } from "./rule-problem";
import { closestName, nameList } from "./suggest";
import type { ValueType } from "./rule-grammar";

/** How a found value is named in a message: "a list", "the text \"abc\"", "the number 3". */
export function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string")
    return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `the number ${String(v)}`;
  return `${typeof v} ${String(v)}`;
}

function article(type: ValueType): string {
  return type === "number" ? "a number" : type === "string" ? "a text value" : "true or false";
}

function who(rule: RuleRef): string {
  return rule.name !== null && rule.name !== ""
    ? `rule "${rule.name}"`
    : `rule ${rule.index + 1} (unnamed)`;
}

/** "did you mean `x`? " or "". */
function didYouMean(found: string, candidates: readonly string[], quote: boolean): string {
  const guess = closestName(found, candidates);
  if (guess === null) return "";
  return `did you mean ${quote ? JSON.stringify(guess) : `\`${guess}\``}? `;
}

function unknownFact(p: UnknownFactData): string {
  const guess = closestName(p.name, p.allowed);
  if (p.inOtherScope && p.scope !== null) {
    return (
      `fact \`${p.name}\` is not available to ${p.scope} rules` +
      (guess !== null
        ? `; did you mean \`${guess}\`?`
        : `; ${p.scope} facts: ${nameList(p.allowed)}`)
    );
  }
  if (guess !== null) return `unknown fact \`${p.name}\`; did you mean \`${guess}\`?`;
  return `unknown fact \`${p.name}\`; facts allowed${p.scope !== null ? ` for ${p.scope} rules` : ""}: ${nameList(p.allowed)}`;
}

const MISSING: Record<string, string> = {
  "rule/name": "every rule needs a `name`",
  "rule/conditions": "every rule needs `conditions`",
  "rule/event": "every rule needs an `event` with a `type`",
  "event/type": "the event needs a `type`",
};

type InRuleProblem = Exclude<
  RuleProblem,
  { code: "rules-not-a-list" | "too-many-rules" | "rule-not-an-object" }
>;

function unknownKey(p: Extract<RuleProblem, { code: "unknown-key" }>): string {
  switch (p.owner) {
    case "rule":
    case "event":
      return `the ${p.owner} has an unknown property \`${p.key}\`; allowed: ${nameList(p.allowed)}`;
    case "leaf":
      return `a condition has an unknown property \`${p.key}\`; allowed: ${nameList(p.allowed)}`;
    case "fact-ref":
      return `a fact reference has only \`fact\`; \`${p.key}\` is not allowed`;
    default:
      return `an \`${p.owner}\` condition cannot also have \`${p.key}\``;
  }
}

function invalidCondition(p: Extract<RuleProblem, { code: "invalid-condition" }>): string {
  switch (p.reason) {
    case "conditions-not-object":
      return "`conditions` must be an object with `all`, `any` or `not`";
    case "top-not-boolean":
      return "the top level of `conditions` must be `all`, `any` or `not` (json-rules-engine requires it)";
    case "not-an-object":
      return `a condition must be an object, not ${typeName(p.found)}`;
    case "not-one-condition":
      return `\`not\` takes one condition (an object), not ${typeName(p.found)}`;
    case "not-a-list":
      return `\`${p.key}\` takes a list of conditions, not ${typeName(p.found)}`;
    case "several-kinds":
      return `a condition has both ${nameList(p.keys)}; use one per condition (nest them instead)`;
  }
}

function typeMismatch(p: Extract<RuleProblem, { code: "type-mismatch" }>): string {
  switch (p.reason) {
    case "operator":
      return `operator \`${p.operator}\` compares numbers, but \`${p.fact}\` is a ${p.factType} fact; use ${nameList(p.allowed)}`;
    case "fact-reference":
      return `\`${p.fact}\` is a ${p.factType} fact but \`${p.refFact}\` is a ${p.refType} fact; they cannot be compared`;
    case "list-for-one":
      return `operator \`${p.operator}\` compares with one value, not a list (use \`in\` for a list)`;
    case "value":
      return `\`${p.fact}\` is a ${p.factType} fact, so it must be compared with ${article(p.factType)}, not ${typeName(p.found)}`;
  }
}

/** The sentence after "rule "x": ". */
function inRuleText(p: InRuleProblem): string {
  switch (p.code) {
    case "unknown-key":
      return unknownKey(p);
    case "missing-property":
      return p.owner === "leaf"
        ? `a condition needs \`fact\`, \`operator\` and \`value\` (or \`all\`/\`any\`/\`not\`); \`${p.key}\` is missing`
        : MISSING[`${p.owner}/${p.key}`];
    case "invalid-name":
      return p.reason === "not-text"
        ? "`name` must be a non-empty text"
        : `the name is longer than ${p.max} characters`;
    case "duplicate-rule-name":
      return `the name is already used by rule ${p.firstIndex + 1}; rule names must be unique`;
    case "invalid-description":
      return "`description` must be text";
    case "invalid-priority":
      return `\`priority\` must be a whole number from 1 to ${p.max}, not ${typeName(p.found)}`;
    case "invalid-condition":
      return invalidCondition(p);
    case "nesting-too-deep":
      return `conditions are nested more than ${p.max} levels deep`;
    case "empty-condition-list":
      return `\`${p.key}\` has no conditions (json-rules-engine treats an empty \`${p.key}\` as always true); add conditions or remove it`;
    case "invalid-event":
      return "`event` must be an object with a `type`";
    case "unknown-event-type":
      return typeof p.found === "string"
        ? `unknown event type \`${p.found}\`; ` +
            (closestName(p.found, p.allowed) !== null
              ? didYouMean(p.found, p.allowed, false).trimEnd()
              : `allowed event types: ${nameList(p.allowed)}`)
        : `the event \`type\` must be text naming one of ${nameList(p.allowed)}`;
    case "invalid-event-params":
      return "event `params` must be an object";
    case "unknown-event-param":
      return `event \`${p.eventType}\` has no param \`${p.key}\`; its params are ${nameList(p.declared)}`;
    case "event-param-type":
      return `event param \`${p.key}\` must be ${article(p.expected)}, not ${typeName(p.found)}`;
    case "event-param-value":
      return (
        `event param \`${p.key}\` cannot be ${JSON.stringify(p.found)}; ` +
        didYouMean(p.found, p.allowed, true) +
        `allowed: ${nameList(p.allowed)}`
      );
    case "missing-event-param":
      return `event \`${p.eventType}\` requires the param \`${p.key}\` (${p.description})`;
    case "condition-path":
      return "conditions may not use `path` (JSONPath); use a fact directly";
    case "condition-params":
      return "conditions may not have `params`; facts take no parameters";
    case "condition-reference":
      return "shared condition references (`condition`) are not supported; write the conditions out";
    case "invalid-fact":
      return `\`fact\` must be a fact name (text), not ${typeName(p.found)}`;
    case "unknown-fact":
      return unknownFact(p);
    case "unknown-fact-reference":
      return `in the value { "fact": … }, ${unknownFact(p)}`;
    case "unknown-operator":
      return (
        (typeof p.found === "string"
          ? `unknown operator \`${p.found}\`; ` + didYouMean(p.found, p.allowed, false)
          : "the operator must be text; ") + `allowed operators: ${nameList(p.allowed)}`
      );
    case "invalid-value":
      return p.reason === "null"
        ? "`value` cannot be null"
        : 'an object value must name a fact: { "fact": "<name>" }';
    case "value-not-array":
      return p.given === "fact-ref"
        ? `operator \`${p.operator}\` needs a list of values, e.g. ["a", "b"], not a fact`
        : `operator \`${p.operator}\` needs a list of values, e.g. [${p.factType === "number" ? "1, 2" : '"a", "b"'}], not ${typeName(p.found)}`;
    case "invalid-month-value":
      return p.reason === "not-weeks"
        ? `\`valueInMonths\` is only for facts counted in weeks, and \`${p.fact}\` is not one`
        : p.reason === "negative"
          ? `\`valueInMonths\` must be 0 or more, not ${JSON.stringify(p.found)}`
          : `\`valueInMonths\` must be one number, with an operator that compares one value (found ${JSON.stringify(p.found)})`;
    case "empty-value-list":
      return `operator \`${p.operator}\` needs at least one value in the list`;
    case "value-list-too-long":
      return `the list has more than ${p.max} values`;
    case "type-mismatch":
      return typeMismatch(p);
    case "value-not-allowed":
      return (
        `\`${p.fact}\` is never ${JSON.stringify(p.found)}; ` +
        didYouMean(p.found, p.values, true) +
        `its values are ${nameList(p.values)}`
      );
  }
}

/** One plain sentence for a rule problem. */
export function ruleProblemText(p: RuleProblem): string {
  switch (p.code) {
    case "rules-not-a-list":
      return `\`rules\` must be a list of rules, not ${typeName(p.found)}`;
    case "too-many-rules":
      return `the pack has ${p.count} rules; at most ${p.max} are allowed`;
    case "rule-not-an-object":
      return `rule ${p.index + 1} must be an object, not ${typeName(p.found)}`;
    default:
      return `${who(p.rule)}: ${inRuleText(p)}`;
  }
}
