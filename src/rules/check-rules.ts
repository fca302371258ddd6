/**
 * The semantic checks of a pack's `rules`, with plain-sentence messages naming the rule: known
 * keys only, allow-listed facts / operators / event types, event params, value types, duplicate
 * names, empty lists, nesting depth, rule count. The value has already passed checkRawValue
 * (plain JSON, no prototype-altering keys, bounded depth).
 */
import { escapePointerToken } from "./json-locator";
import { LIST_OPERATORS, operatorsForFactType } from "./pack-schema";
import { PACK_LIMITS } from "./pack-limits";
import { allFacts, factsForScope, type PackRegistry } from "./registry";
import { closestName, nameList } from "./suggest";
import { OPERATORS, type EventSpec, type FactSpec } from "./types";

/** One semantic problem (pointer, code, message). */
export interface RuleProblem {
  pointer: string;
  code: string;
  message: string;
}

const hasOwn = Object.prototype.hasOwnProperty;
const RULE_KEYS = ["name", "description", "priority", "conditions", "event"];
const EVENT_KEYS = ["type", "params"];
const BOOLEAN_KEYS = ["all", "any", "not"];
const LEAF_KEYS = ["fact", "operator", "value"];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string")
    return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "number") return `the number ${String(v)}`;
  return `${typeof v} ${String(v)}`;
}

function article(type: string): string {
  return type === "number" ? "a number" : type === "string" ? "a text value" : "true or false";
}

function matchesType(v: unknown, type: "number" | "string" | "boolean"): boolean {
  return typeof v === type;
}

class RuleChecker {
  readonly problems: RuleProblem[] = [];
  private readonly allFacts: Map<string, FactSpec>;
  private readonly events: Map<string, EventSpec>;

  constructor(private readonly registry: PackRegistry) {
    this.allFacts = new Map();
    for (const f of allFacts(registry)) {
      if (!this.allFacts.has(f.name)) this.allFacts.set(f.name, f);
    }
    this.events = new Map(registry.events.map((e) => [e.type, e]));
  }

  private add(pointer: string, code: string, message: string): void {
    if (this.problems.length <= PACK_LIMITS.maxErrors)
      this.problems.push({ pointer, code, message });
  }

  checkRules(rules: unknown): void {
    if (!Array.isArray(rules)) {
      this.add(
        "/rules",
        "rules-not-a-list",
        `\`rules\` must be a list of rules, not ${typeName(rules)}`,
      );
      return;
    }
    if (rules.length > PACK_LIMITS.maxRules) {
      this.add(
        "/rules",
        "too-many-rules",
        `the pack has ${rules.length} rules; at most ${PACK_LIMITS.maxRules} are allowed`,
      );
      return;
    }
    const names = new Map<string, number>();
    rules.forEach((rule, index) => this.checkRule(rule, index, names));
  }

  private checkUnknownKeys(
    obj: Record<string, unknown>,
    allowed: readonly string[],
    pointer: string,
    who: string,
    what: string,
  ): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      this.add(
        pointer + "/" + escapePointerToken(key),
        "unknown-key",
        `${who}: ${what} has an unknown property \`${key}\`; allowed: ${nameList(allowed)}`,
      );
    }
  }

  private checkRule(rule: unknown, index: number, names: Map<string, number>): void {
    const pointer = `/rules/${index}`;
    if (!isPlainObject(rule)) {
      this.add(
        pointer,
        "rule-not-an-object",
        `rule ${index + 1} must be an object, not ${typeName(rule)}`,
      );
      return;
    }
    const name = rule.name;
    const who =
      typeof name === "string" && name !== "" ? `rule "${name}"` : `rule ${index + 1} (unnamed)`;
    this.checkUnknownKeys(rule, RULE_KEYS, pointer, who, "the rule");

    if (!hasOwn.call(rule, "name")) {
      this.add(pointer, "missing-property", `${who}: every rule needs a \`name\``);
    } else if (typeof name !== "string" || name === "") {
      this.add(pointer + "/name", "invalid-name", `${who}: \`name\` must be a non-empty text`);
    } else if (name.length > PACK_LIMITS.maxRuleNameLength) {
      this.add(
        pointer + "/name",
        "invalid-name",
        `${who}: the name is longer than ${PACK_LIMITS.maxRuleNameLength} characters`,
      );
    } else {
      const first = names.get(name);
      if (first !== undefined) {
        this.add(
          pointer + "/name",
          "duplicate-rule-name",
          `${who}: the name is already used by rule ${first + 1}; rule names must be unique`,
        );
      } else names.set(name, index);
    }
    if (hasOwn.call(rule, "description") && typeof rule.description !== "string") {
      this.add(
        pointer + "/description",
        "invalid-description",
        `${who}: \`description\` must be text`,
      );
    }
    if (hasOwn.call(rule, "priority")) {
      const p = rule.priority;
      if (typeof p !== "number" || !Number.isInteger(p) || p < 1 || p > PACK_LIMITS.maxPriority) {
        this.add(
          pointer + "/priority",
          "invalid-priority",
          `${who}: \`priority\` must be a whole number from 1 to ${PACK_LIMITS.maxPriority}, not ${typeName(p)}`,
        );
      }
    }

    const scope = this.checkEvent(rule, pointer, who);
    if (!hasOwn.call(rule, "conditions")) {
      this.add(pointer, "missing-property", `${who}: every rule needs \`conditions\``);
      return;
    }
    const conditions = rule.conditions;
    const cp = pointer + "/conditions";
    if (!isPlainObject(conditions)) {
      this.add(
        cp,
        "invalid-condition",
        `${who}: \`conditions\` must be an object with \`all\`, \`any\` or \`not\``,
      );
      return;
    }
    if (!BOOLEAN_KEYS.some((k) => hasOwn.call(conditions, k))) {
      this.add(
        cp,
        "invalid-condition",
        `${who}: the top level of \`conditions\` must be \`all\`, \`any\` or \`not\` (json-rules-engine requires it)`,
      );
      return;
    }
    const facts =
      scope === null ? [...this.allFacts.values()] : factsForScope(this.registry, scope);
    this.checkCondition(conditions, cp, 1, who, scope, facts);
  }

  /** Checks the event; returns the scope of its type (null when unknown). */
  private checkEvent(
    rule: Record<string, unknown>,
    pointer: string,
    who: string,
  ): EventSpec["scope"] | null {
    const ep = pointer + "/event";
    if (!hasOwn.call(rule, "event")) {
      this.add(
        pointer,
        "missing-property",
        `${who}: every rule needs an \`event\` with a \`type\``,
      );
      return null;
    }
    const event = rule.event;
    if (!isPlainObject(event)) {
      this.add(ep, "invalid-event", `${who}: \`event\` must be an object with a \`type\``);
      return null;
    }
    this.checkUnknownKeys(event, EVENT_KEYS, ep, who, "the event");
    const type = event.type;
    if (!hasOwn.call(event, "type")) {
      this.add(ep, "missing-property", `${who}: the event needs a \`type\``);
      return null;
    }
    const spec = typeof type === "string" ? this.events.get(type) : undefined;
    if (spec === undefined) {
      const types = [...this.events.keys()];
      const guess = typeof type === "string" ? closestName(type, types) : null;
      this.add(
        ep + "/type",
        "unknown-event-type",
        typeof type === "string"
          ? `${who}: unknown event type \`${type}\`; ` +
              (guess !== null
                ? `did you mean \`${guess}\`?`
                : `allowed event types: ${nameList(types)}`)
          : `${who}: the event \`type\` must be text naming one of ${nameList(types)}`,
      );
      return null;
    }
    const pp = ep + "/params";
    const params: unknown = hasOwn.call(event, "params") ? event.params : undefined;
    if (params !== undefined && !isPlainObject(params)) {
      this.add(pp, "invalid-event-params", `${who}: event \`params\` must be an object`);
      return spec.scope;
    }
    const given = params ?? {};
    const declared = Object.keys(spec.params);
    for (const key of Object.keys(given)) {
      const param = hasOwn.call(spec.params, key) ? spec.params[key] : undefined;
      const at = pp + "/" + escapePointerToken(key);
      if (param === undefined) {
        this.add(
          at,
          "unknown-event-param",
          `${who}: event \`${spec.type}\` has no param \`${key}\`; its params are ${nameList(declared)}`,
        );
        continue;
      }
      const v = given[key];
      if (!matchesType(v, param.type)) {
        this.add(
          at,
          "event-param-type",
          `${who}: event param \`${key}\` must be ${article(param.type)}, not ${typeName(v)}`,
        );
      } else if (
        param.type === "string" &&
        param.values !== undefined &&
        !param.values.includes(v as string)
      ) {
        const guess = closestName(v as string, param.values);
        this.add(
          at,
          "event-param-value",
          `${who}: event param \`${key}\` cannot be ${JSON.stringify(v)}; ` +
            (guess !== null ? `did you mean ${JSON.stringify(guess)}? ` : "") +
            `allowed: ${nameList(param.values)}`,
        );
      }
    }
    for (const key of declared) {
      if (spec.params[key].required && !hasOwn.call(given, key)) {
        this.add(
          params === undefined ? ep : pp,
          "missing-event-param",
          `${who}: event \`${spec.type}\` requires the param \`${key}\` (${spec.params[key].description})`,
        );
      }
    }
    return spec.scope;
  }

  private unknownFactMessage(
    name: string,
    scope: EventSpec["scope"] | null,
    facts: readonly FactSpec[],
    role: string,
  ): string {
    const allowed = facts.map((f) => f.name);
    const guess = closestName(name, allowed);
    const other = this.allFacts.get(name);
    if (other !== undefined && scope !== null) {
      return (
        `${role} \`${name}\` is not available to ${scope} rules` +
        (guess !== null ? `; did you mean \`${guess}\`?` : `; ${scope} facts: ${nameList(allowed)}`)
      );
    }
    if (guess !== null) return `unknown ${role} \`${name}\`; did you mean \`${guess}\`?`;
    return `unknown ${role} \`${name}\`; facts allowed${scope !== null ? ` for ${scope} rules` : ""}: ${nameList(allowed)}`;
  }

  private checkCondition(
    node: unknown,
    pointer: string,
    depth: number,
    who: string,
    scope: EventSpec["scope"] | null,
    facts: readonly FactSpec[],
  ): void {
    if (!isPlainObject(node)) {
      this.add(
        pointer,
        "invalid-condition",
        `${who}: a condition must be an object, not ${typeName(node)}`,
      );
      return;
    }
    const booleans = BOOLEAN_KEYS.filter((k) => hasOwn.call(node, k));
    if (booleans.length > 0) {
      if (booleans.length > 1) {
        this.add(
          pointer,
          "invalid-condition",
          `${who}: a condition has both ${nameList(booleans)}; use one per condition (nest them instead)`,
        );
        return;
      }
      const key = booleans[0];
      for (const other of Object.keys(node)) {
        if (other === key) continue;
        this.add(
          pointer + "/" + escapePointerToken(other),
          "unknown-key",
          `${who}: an \`${key}\` condition cannot also have \`${other}\``,
        );
      }
      if (depth > PACK_LIMITS.maxConditionDepth) {
        this.add(
          pointer,
          "nesting-too-deep",
          `${who}: conditions are nested more than ${PACK_LIMITS.maxConditionDepth} levels deep`,
        );
        return;
      }
      const child = node[key];
      const cp = pointer + "/" + key;
      if (key === "not") {
        if (!isPlainObject(child)) {
          this.add(
            cp,
            "invalid-condition",
            `${who}: \`not\` takes one condition (an object), not ${typeName(child)}`,
          );
          return;
        }
        this.checkCondition(child, cp, depth + 1, who, scope, facts);
        return;
      }
      if (!Array.isArray(child)) {
        this.add(
          cp,
          "invalid-condition",
          `${who}: \`${key}\` takes a list of conditions, not ${typeName(child)}`,
        );
        return;
      }
      if (child.length === 0) {
        this.add(
          cp,
          "empty-condition-list",
          `${who}: \`${key}\` has no conditions (json-rules-engine treats an empty \`${key}\` as always true); add conditions or remove it`,
        );
        return;
      }
      child.forEach((c, i) => this.checkCondition(c, `${cp}/${i}`, depth + 1, who, scope, facts));
      return;
    }
    this.checkLeaf(node, pointer, who, scope, facts);
  }

  private checkLeaf(
    node: Record<string, unknown>,
    pointer: string,
    who: string,
    scope: EventSpec["scope"] | null,
    facts: readonly FactSpec[],
  ): void {
    let structural = false;
    for (const key of Object.keys(node)) {
      if (LEAF_KEYS.includes(key)) continue;
      structural = true;
      const at = pointer + "/" + escapePointerToken(key);
      if (key === "path") {
        this.add(
          at,
          "condition-path",
          `${who}: conditions may not use \`path\` (JSONPath); use a fact directly`,
        );
      } else if (key === "params") {
        this.add(
          at,
          "condition-params",
          `${who}: conditions may not have \`params\`; facts take no parameters`,
        );
      } else if (key === "condition") {
        this.add(
          at,
          "condition-reference",
          `${who}: shared condition references (\`condition\`) are not supported; write the conditions out`,
        );
      } else {
        this.add(
          at,
          "unknown-key",
          `${who}: a condition has an unknown property \`${key}\`; allowed: ${nameList(LEAF_KEYS)}`,
        );
      }
    }
    for (const key of LEAF_KEYS) {
      if (!hasOwn.call(node, key)) {
        structural = true;
        this.add(
          pointer,
          "missing-property",
          `${who}: a condition needs \`fact\`, \`operator\` and \`value\` (or \`all\`/\`any\`/\`not\`); \`${key}\` is missing`,
        );
      }
    }

    const factName = node.fact;
    let spec: FactSpec | undefined;
    if (hasOwn.call(node, "fact")) {
      if (typeof factName !== "string") {
        this.add(
          pointer + "/fact",
          "invalid-fact",
          `${who}: \`fact\` must be a fact name (text), not ${typeName(factName)}`,
        );
      } else {
        spec = facts.find((f) => f.name === factName);
        if (spec === undefined) {
          this.add(
            pointer + "/fact",
            "unknown-fact",
            `${who}: ${this.unknownFactMessage(factName, scope, facts, "fact")}`,
          );
        }
      }
    }
    const operator = node.operator;
    let knownOperator = false;
    if (hasOwn.call(node, "operator")) {
      if (typeof operator === "string" && (OPERATORS as readonly string[]).includes(operator)) {
        knownOperator = true;
      } else {
        const guess = typeof operator === "string" ? closestName(operator, OPERATORS) : null;
        this.add(
          pointer + "/operator",
          "unknown-operator",
          `${who}: ${typeof operator === "string" ? `unknown operator \`${operator}\`` : "the operator must be text"}; ` +
            (guess !== null ? `did you mean \`${guess}\`? ` : "") +
            `allowed operators: ${nameList(OPERATORS)}`,
        );
      }
    }
    if (!hasOwn.call(node, "value")) return;
    const value = node.value;
    const vp = pointer + "/value";

    if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        if (key === "fact") continue;
        const at = vp + "/" + escapePointerToken(key);
        if (key === "path")
          this.add(
            at,
            "condition-path",
            `${who}: conditions may not use \`path\` (JSONPath); use a fact directly`,
          );
        else if (key === "params")
          this.add(
            at,
            "condition-params",
            `${who}: conditions may not have \`params\`; facts take no parameters`,
          );
        else
          this.add(
            at,
            "unknown-key",
            `${who}: a fact reference has only \`fact\`; \`${key}\` is not allowed`,
          );
      }
      const ref = value.fact;
      if (!hasOwn.call(value, "fact") || typeof ref !== "string") {
        this.add(
          vp,
          "invalid-value",
          `${who}: an object value must name a fact: { "fact": "<name>" }`,
        );
        return;
      }
      const refSpec = facts.find((f) => f.name === ref);
      if (refSpec === undefined) {
        this.add(
          vp + "/fact",
          "unknown-fact-reference",
          `${who}: in the value { "fact": … }, ${this.unknownFactMessage(ref, scope, facts, "fact")}`,
        );
        return;
      }
      if (!knownOperator || spec === undefined || structural) return;
      if (LIST_OPERATORS.includes(operator as string)) {
        this.add(
          vp,
          "value-not-array",
          `${who}: operator \`${operator as string}\` needs a list of values, e.g. ["a", "b"], not a fact`,
        );
      } else if (!operatorsForFactType(spec.type).includes(operator as string)) {
        this.numericMismatch(pointer, who, operator as string, spec);
      } else if (refSpec.type !== spec.type) {
        this.add(
          vp + "/fact",
          "type-mismatch",
          `${who}: \`${spec.name}\` is a ${spec.type} fact but \`${refSpec.name}\` is a ${refSpec.type} fact; they cannot be compared`,
        );
      }
      return;
    }
    if (!knownOperator || spec === undefined) {
      if (value === null || (typeof value === "object" && !Array.isArray(value))) {
        this.add(vp, "invalid-value", `${who}: \`value\` cannot be null`);
      }
      return;
    }
    if (LIST_OPERATORS.includes(operator as string)) {
      if (!Array.isArray(value)) {
        this.add(
          vp,
          "value-not-array",
          `${who}: operator \`${operator as string}\` needs a list of values, e.g. [${spec.type === "number" ? "1, 2" : '"a", "b"'}], not ${typeName(value)}`,
        );
        return;
      }
      if (value.length === 0) {
        this.add(
          vp,
          "empty-value-list",
          `${who}: operator \`${operator as string}\` needs at least one value in the list`,
        );
        return;
      }
      if (value.length > PACK_LIMITS.maxListLength) {
        this.add(
          vp,
          "value-list-too-long",
          `${who}: the list has more than ${PACK_LIMITS.maxListLength} values`,
        );
        return;
      }
      value.forEach((item, i) => this.checkScalar(item, `${vp}/${i}`, who, spec as FactSpec));
      return;
    }
    if (!operatorsForFactType(spec.type).includes(operator as string)) {
      this.numericMismatch(pointer, who, operator as string, spec);
      return;
    }
    if (Array.isArray(value)) {
      this.add(
        vp,
        "type-mismatch",
        `${who}: operator \`${operator as string}\` compares with one value, not a list (use \`in\` for a list)`,
      );
      return;
    }
    this.checkScalar(value, vp, who, spec);
  }

  private numericMismatch(pointer: string, who: string, operator: string, spec: FactSpec): void {
    this.add(
      pointer + "/operator",
      "type-mismatch",
      `${who}: operator \`${operator}\` compares numbers, but \`${spec.name}\` is a ${spec.type} fact; use ${nameList(operatorsForFactType(spec.type))}`,
    );
  }

  private checkScalar(value: unknown, pointer: string, who: string, spec: FactSpec): void {
    if (!matchesType(value, spec.type)) {
      this.add(
        pointer,
        "type-mismatch",
        `${who}: \`${spec.name}\` is a ${spec.type} fact, so it must be compared with ${article(spec.type)}, not ${typeName(value)}`,
      );
      return;
    }
    if (
      spec.type === "string" &&
      spec.values !== undefined &&
      !spec.values.includes(value as string)
    ) {
      const guess = closestName(value as string, spec.values);
      this.add(
        pointer,
        "value-not-allowed",
        `${who}: \`${spec.name}\` is never ${JSON.stringify(value)}; ` +
          (guess !== null ? `did you mean ${JSON.stringify(guess)}? ` : "") +
          `its values are ${nameList(spec.values)}`,
      );
    }
  }
}

/** Checks a pack's `rules` value against the registry; returns every problem found. */
export function checkRules(rules: unknown, registry: PackRegistry): RuleProblem[] {
  const checker = new RuleChecker(registry);
  checker.checkRules(rules);
  return checker.problems;
}
