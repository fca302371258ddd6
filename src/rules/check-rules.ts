/**
 * The semantic checks of a pack's `rules`, walking the rule grammar (rule-grammar.ts): known keys
 * only, allow-listed facts / operators / event types, event params, value types, duplicate names,
 * empty lists, nesting depth, rule count. Returns typed problems (rule-problem.ts); their wording
 * is in rule-problem-text.ts. The value has already passed checkRawValue (plain JSON, no
 * prototype-altering keys, bounded depth).
 */
import { escapePointerToken } from "./json-locator";
import { PACK_LIMITS } from "./pack-limits";
import { allFacts, factsForScope, type PackRegistry } from "./registry";
import {
  BOOLEAN_KEYS,
  BOOLEAN_NODES,
  BOOLEAN_NODE_GRAMMAR,
  EVENT_NODE,
  FACT_REF_NODE,
  LEAF_NODE,
  MAX_CONDITION_DEPTH,
  MAX_LIST_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PRIORITY,
  MAX_RULES,
  MONTH_VALUE_MINIMUM,
  MONTH_VALUE_UNIT,
  OPERATOR_GRAMMAR,
  RULE_NODE,
  checkScalarField,
  hasValueType,
  isOperator,
  isPlainObject,
  operatorsForFactType,
  type NodeGrammar,
} from "./rule-grammar";
import type { KeyOwner, RuleProblem, RuleRef } from "./rule-problem";
import { OPERATORS, type EventSpec, type FactSpec, type Operator } from "./types";

export type { RuleProblem } from "./rule-problem";

const hasOwn = Object.prototype.hasOwnProperty;

/** What the checks of one rule's conditions need to know. */
interface RuleContext {
  rule: RuleRef;
  scope: EventSpec["scope"] | null;
  facts: readonly FactSpec[];
}

/** A leaf's fact and operator once checked (undefined / null when unusable). */
interface LeafHead {
  spec: FactSpec | undefined;
  operator: Operator | null;
  /** The leaf has unknown or missing keys: comparisons of the value are not reported. */
  structural: boolean;
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

  private add(problem: RuleProblem): void {
    if (this.problems.length <= PACK_LIMITS.maxErrors) this.problems.push(problem);
  }

  checkRules(rules: unknown): void {
    if (!Array.isArray(rules)) {
      this.add({ code: "rules-not-a-list", pointer: "/rules", found: rules });
      return;
    }
    if (rules.length > MAX_RULES) {
      const count = rules.length;
      this.add({ code: "too-many-rules", pointer: "/rules", count, max: MAX_RULES });
      return;
    }
    const names = new Map<string, number>();
    rules.forEach((rule, index) => this.checkRule(rule, index, names));
  }

  /** Unknown keys of a node: refused json-rules-engine keys get their own code. */
  private checkKeys(
    obj: Record<string, unknown>,
    grammar: NodeGrammar,
    pointer: string,
    rule: RuleRef,
    owner: KeyOwner,
  ): boolean {
    let found = false;
    for (const key of Object.keys(obj)) {
      if (hasOwn.call(grammar.fields, key)) continue;
      found = true;
      const at = pointer + "/" + escapePointerToken(key);
      const refused = hasOwn.call(grammar.refused, key) ? grammar.refused[key] : undefined;
      if (refused !== undefined) this.add({ code: refused, pointer: at, rule });
      else {
        const allowed = Object.keys(grammar.fields);
        this.add({ code: "unknown-key", pointer: at, rule, owner, key, allowed });
      }
    }
    return found;
  }

  private checkRule(rule: unknown, index: number, names: Map<string, number>): void {
    const pointer = `/rules/${index}`;
    if (!isPlainObject(rule)) {
      this.add({ code: "rule-not-an-object", pointer, index, found: rule });
      return;
    }
    const name = typeof rule.name === "string" ? rule.name : null;
    const ref: RuleRef = { index, name };
    this.checkKeys(rule, RULE_NODE, pointer, ref, "rule");
    this.checkRuleFields(rule, pointer, ref, names);

    const scope = this.checkEvent(rule, pointer, ref);
    if (!hasOwn.call(rule, "conditions")) {
      this.add({ code: "missing-property", pointer, rule: ref, owner: "rule", key: "conditions" });
      return;
    }
    const conditions = rule.conditions;
    const cp = pointer + "/conditions";
    if (!isPlainObject(conditions)) {
      this.add({
        code: "invalid-condition",
        pointer: cp,
        rule: ref,
        reason: "conditions-not-object",
      });
      return;
    }
    if (!BOOLEAN_KEYS.some((k) => hasOwn.call(conditions, k))) {
      this.add({ code: "invalid-condition", pointer: cp, rule: ref, reason: "top-not-boolean" });
      return;
    }
    const facts =
      scope === null ? [...this.allFacts.values()] : factsForScope(this.registry, scope);
    this.checkCondition(conditions, cp, 1, { rule: ref, scope, facts });
  }

  /** A rule's name (present, text, not too long, unique), description and priority. */
  private checkRuleFields(
    rule: Record<string, unknown>,
    pointer: string,
    ref: RuleRef,
    names: Map<string, number>,
  ): void {
    const { name: nameField, description, priority } = RULE_NODE.fields;
    if (!hasOwn.call(rule, "name")) {
      this.add({ code: "missing-property", pointer, rule: ref, owner: "rule", key: "name" });
    } else {
      const violation = checkScalarField(rule.name, nameField.value);
      const at = pointer + "/name";
      const max = MAX_NAME_LENGTH;
      if (violation === "too-long") {
        this.add({ code: "invalid-name", pointer: at, rule: ref, reason: "too-long", max });
      } else if (violation !== null) {
        this.add({ code: "invalid-name", pointer: at, rule: ref, reason: "not-text", max });
      } else {
        const first = names.get(rule.name as string);
        if (first !== undefined) {
          this.add({ code: "duplicate-rule-name", pointer: at, rule: ref, firstIndex: first });
        } else names.set(rule.name as string, ref.index);
      }
    }
    if (hasOwn.call(rule, "description") && checkScalarField(rule.description, description.value))
      this.add({ code: "invalid-description", pointer: pointer + "/description", rule: ref });
    if (hasOwn.call(rule, "priority") && checkScalarField(rule.priority, priority.value)) {
      const at = pointer + "/priority";
      this.add({
        code: "invalid-priority",
        pointer: at,
        rule: ref,
        found: rule.priority,
        max: MAX_PRIORITY,
      });
    }
  }

  /** Checks the event; returns the scope of its type (null when unknown). */
  private checkEvent(
    rule: Record<string, unknown>,
    pointer: string,
    ref: RuleRef,
  ): EventSpec["scope"] | null {
    const ep = pointer + "/event";
    if (!hasOwn.call(rule, "event")) {
      this.add({ code: "missing-property", pointer, rule: ref, owner: "rule", key: "event" });
      return null;
    }
    const event = rule.event;
    if (!isPlainObject(event)) {
      this.add({ code: "invalid-event", pointer: ep, rule: ref });
      return null;
    }
    this.checkKeys(event, EVENT_NODE, ep, ref, "event");
    if (!hasOwn.call(event, "type")) {
      this.add({ code: "missing-property", pointer: ep, rule: ref, owner: "event", key: "type" });
      return null;
    }
    const type = event.type;
    const spec = typeof type === "string" ? this.events.get(type) : undefined;
    if (spec === undefined) {
      const allowed = [...this.events.keys()];
      this.add({
        code: "unknown-event-type",
        pointer: ep + "/type",
        rule: ref,
        found: type,
        allowed,
      });
      return null;
    }
    const pp = ep + "/params";
    const params: unknown = hasOwn.call(event, "params") ? event.params : undefined;
    if (params !== undefined && !isPlainObject(params)) {
      this.add({ code: "invalid-event-params", pointer: pp, rule: ref });
      return spec.scope;
    }
    this.checkEventParams(spec, params ?? {}, params === undefined ? ep : pp, pp, ref);
    return spec.scope;
  }

  private checkEventParams(
    spec: EventSpec,
    given: Record<string, unknown>,
    missingAt: string,
    pp: string,
    rule: RuleRef,
  ): void {
    const declared = Object.keys(spec.params);
    for (const key of Object.keys(given)) {
      const param = hasOwn.call(spec.params, key) ? spec.params[key] : undefined;
      const pointer = pp + "/" + escapePointerToken(key);
      if (param === undefined) {
        const eventType = spec.type;
        this.add({ code: "unknown-event-param", pointer, rule, eventType, key, declared });
        continue;
      }
      const found = given[key];
      if (!hasValueType(found, param.type)) {
        this.add({ code: "event-param-type", pointer, rule, key, expected: param.type, found });
      } else if (
        typeof found === "string" &&
        param.values !== undefined &&
        !param.values.includes(found)
      ) {
        const allowed = param.values;
        this.add({ code: "event-param-value", pointer, rule, key, found, allowed });
      }
    }
    for (const key of declared) {
      if (spec.params[key].required && !hasOwn.call(given, key)) {
        this.add({
          code: "missing-event-param",
          pointer: missingAt,
          rule,
          eventType: spec.type,
          key,
          description: spec.params[key].description,
        });
      }
    }
  }

  private checkCondition(node: unknown, pointer: string, depth: number, ctx: RuleContext): void {
    const rule = ctx.rule;
    if (!isPlainObject(node)) {
      this.add({ code: "invalid-condition", pointer, rule, reason: "not-an-object", found: node });
      return;
    }
    const booleans = BOOLEAN_KEYS.filter((k) => hasOwn.call(node, k));
    if (booleans.length === 0) {
      this.checkLeaf(node, pointer, ctx);
      return;
    }
    if (booleans.length > 1) {
      this.add({
        code: "invalid-condition",
        pointer,
        rule,
        reason: "several-kinds",
        keys: booleans,
      });
      return;
    }
    const key = booleans[0];
    this.checkKeys(node, BOOLEAN_NODE_GRAMMAR[key], pointer, rule, key);
    if (depth > MAX_CONDITION_DEPTH) {
      this.add({ code: "nesting-too-deep", pointer, rule, max: MAX_CONDITION_DEPTH });
      return;
    }
    const child = node[key];
    const cp = pointer + "/" + key;
    if (BOOLEAN_NODES[key] === "one") {
      if (!isPlainObject(child)) {
        const reason = "not-one-condition";
        this.add({ code: "invalid-condition", pointer: cp, rule, reason, found: child });
        return;
      }
      this.checkCondition(child, cp, depth + 1, ctx);
      return;
    }
    if (!Array.isArray(child)) {
      const reason = "not-a-list";
      this.add({ code: "invalid-condition", pointer: cp, rule, reason, key, found: child });
      return;
    }
    if (child.length === 0) {
      this.add({ code: "empty-condition-list", pointer: cp, rule, key });
      return;
    }
    child.forEach((c, i) => this.checkCondition(c, `${cp}/${i}`, depth + 1, ctx));
  }

  /** A fact name used in a leaf or a { fact } value: its spec, or undefined after a problem. */
  private checkFactName(
    name: string,
    pointer: string,
    ctx: RuleContext,
    code: "unknown-fact" | "unknown-fact-reference",
  ): FactSpec | undefined {
    const spec = ctx.facts.find((f) => f.name === name);
    if (spec === undefined) {
      this.add({
        code,
        pointer,
        rule: ctx.rule,
        name,
        scope: ctx.scope,
        allowed: ctx.facts.map((f) => f.name),
        inOtherScope: this.allFacts.has(name),
      });
    }
    return spec;
  }

  private checkLeaf(node: Record<string, unknown>, pointer: string, ctx: RuleContext): void {
    const rule = ctx.rule;
    let structural = this.checkKeys(node, LEAF_NODE, pointer, rule, "leaf");
    for (const [key, field] of Object.entries(LEAF_NODE.fields)) {
      if (!field.required || hasOwn.call(node, key)) continue;
      structural = true;
      this.add({ code: "missing-property", pointer, rule, owner: "leaf", key });
    }
    let spec: FactSpec | undefined;
    if (hasOwn.call(node, "fact")) {
      const fact = node.fact;
      if (typeof fact !== "string") {
        this.add({ code: "invalid-fact", pointer: pointer + "/fact", rule, found: fact });
      } else spec = this.checkFactName(fact, pointer + "/fact", ctx, "unknown-fact");
    }
    let operator: Operator | null = null;
    if (hasOwn.call(node, "operator")) {
      if (isOperator(node.operator)) operator = node.operator;
      else {
        const at = pointer + "/operator";
        this.add({
          code: "unknown-operator",
          pointer: at,
          rule,
          found: node.operator,
          allowed: OPERATORS,
        });
      }
    }
    if (!hasOwn.call(node, "value")) return;
    const head: LeafHead = { spec, operator, structural };
    if (isPlainObject(node.value)) this.checkFactRef(node.value, pointer, head, ctx);
    else this.checkLiteral(node.value, pointer, head, ctx);
    if (hasOwn.call(node, "valueInMonths") && spec !== undefined)
      this.checkMonthValue(node.valueInMonths, pointer, rule, spec, operator);
  }

  /** `valueInMonths`: one number (0 or more), with a one-value operator, on a fact counted in weeks. */
  private checkMonthValue(
    found: unknown,
    pointer: string,
    rule: RuleRef,
    spec: FactSpec,
    operator: Operator | null,
  ): void {
    const at = pointer + "/valueInMonths";
    const base = {
      code: "invalid-month-value",
      pointer: at,
      rule,
      fact: spec.name,
      found,
    } as const;
    const listOperator = operator !== null && OPERATOR_GRAMMAR[operator].operand === "list";
    if (spec.unit !== MONTH_VALUE_UNIT) this.add({ ...base, reason: "not-weeks" });
    else if (typeof found !== "number" || !Number.isFinite(found) || listOperator)
      this.add({ ...base, reason: "not-one-number" });
    else if (found < MONTH_VALUE_MINIMUM) this.add({ ...base, reason: "negative" });
  }

  /** A value naming another fact: { "fact": "baselineAvg" }. */
  private checkFactRef(
    value: Record<string, unknown>,
    pointer: string,
    head: LeafHead,
    ctx: RuleContext,
  ): void {
    const rule = ctx.rule;
    const vp = pointer + "/value";
    this.checkKeys(value, FACT_REF_NODE, vp, rule, "fact-ref");
    const ref = value.fact;
    if (!hasOwn.call(value, "fact") || typeof ref !== "string") {
      this.add({ code: "invalid-value", pointer: vp, rule, reason: "fact-ref-without-fact" });
      return;
    }
    const refSpec = this.checkFactName(ref, vp + "/fact", ctx, "unknown-fact-reference");
    const { spec, operator } = head;
    if (refSpec === undefined || operator === null || spec === undefined || head.structural) return;
    if (OPERATOR_GRAMMAR[operator].operand === "list") {
      this.add({ code: "value-not-array", pointer: vp, rule, operator, given: "fact-ref" });
    } else if (!OPERATOR_GRAMMAR[operator].factTypes.includes(spec.type)) {
      this.operatorMismatch(pointer, rule, operator, spec);
    } else if (refSpec.type !== spec.type) {
      this.add({
        code: "type-mismatch",
        pointer: vp + "/fact",
        rule,
        reason: "fact-reference",
        fact: spec.name,
        factType: spec.type,
        refFact: refSpec.name,
        refType: refSpec.type,
      });
    }
  }

  /** A literal value: one scalar, or a list for `in` / `notIn`. */
  private checkLiteral(value: unknown, pointer: string, head: LeafHead, ctx: RuleContext): void {
    const rule = ctx.rule;
    const vp = pointer + "/value";
    const { spec, operator } = head;
    if (operator === null || spec === undefined) {
      if (value === null) this.add({ code: "invalid-value", pointer: vp, rule, reason: "null" });
      return;
    }
    if (OPERATOR_GRAMMAR[operator].operand === "list") {
      if (!Array.isArray(value)) {
        const factType = spec.type;
        const given = "value";
        this.add({
          code: "value-not-array",
          pointer: vp,
          rule,
          operator,
          given,
          factType,
          found: value,
        });
      } else if (value.length === 0) {
        this.add({ code: "empty-value-list", pointer: vp, rule, operator });
      } else if (value.length > MAX_LIST_LENGTH) {
        this.add({ code: "value-list-too-long", pointer: vp, rule, max: MAX_LIST_LENGTH });
      } else value.forEach((item, i) => this.checkScalar(item, `${vp}/${i}`, rule, spec));
      return;
    }
    if (!OPERATOR_GRAMMAR[operator].factTypes.includes(spec.type)) {
      this.operatorMismatch(pointer, rule, operator, spec);
    } else if (Array.isArray(value)) {
      this.add({ code: "type-mismatch", pointer: vp, rule, reason: "list-for-one", operator });
    } else this.checkScalar(value, vp, rule, spec);
  }

  private operatorMismatch(
    pointer: string,
    rule: RuleRef,
    operator: Operator,
    spec: FactSpec,
  ): void {
    this.add({
      code: "type-mismatch",
      pointer: pointer + "/operator",
      rule,
      reason: "operator",
      operator,
      fact: spec.name,
      factType: spec.type,
      allowed: operatorsForFactType(spec.type),
    });
  }

  private checkScalar(value: unknown, pointer: string, rule: RuleRef, spec: FactSpec): void {
    if (!hasValueType(value, spec.type)) {
      const factType = spec.type;
      this.add({
        code: "type-mismatch",
        pointer,
        rule,
        reason: "value",
        fact: spec.name,
        factType,
        found: value,
      });
    } else if (
      typeof value === "string" &&
      spec.values !== undefined &&
      !spec.values.includes(value)
    ) {
      const values = spec.values;
      this.add({ code: "value-not-allowed", pointer, rule, fact: spec.name, found: value, values });
    }
  }
}

/** Checks a pack's `rules` value against the registry; returns every problem found. */
export function checkRules(rules: unknown, registry: PackRegistry): RuleProblem[] {
  const checker = new RuleChecker(registry);
  checker.checkRules(rules);
  return checker.problems;
}
