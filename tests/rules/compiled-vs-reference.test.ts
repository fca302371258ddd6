/**
 * Differential test: the compiled closures must agree with json-rules-engine (the reference) on
 * which rules fire, in which order, and on every node of the evaluated condition trees.
 */
import fc from "fast-check";
import { compileRules, compileSlotRules } from "../../src/rules/compiled-rules";
import { Engine, type TopLevelCondition } from "json-rules-engine";
import {
  conditionFacts,
  engineConditionToTrace,
  ownPropertyResolver,
  ReferenceEngine,
} from "../../src/rules/reference-engine";
import type {
  Condition,
  ConditionTrace,
  FactRecord,
  FactSpec,
  Operator,
  RuleDefinition,
  Scalar,
  TopCondition,
} from "../../src/rules/types";
import { PACK_LIMITS } from "../../src/rules/pack-limits";
import { validatePack } from "../../src/rules/validate-pack";
import { CUSTOMER_FACTS, TEST_REGISTRY } from "./test-registry";

const NUMBERS = [-20, -1, 0, 0.5, 1, 2, 10, 57];
const STRINGS: Record<string, string[]> = {
  segment: ["Premium", "Standard", "Budget"],
  region: ["North", "South", ""],
};
const NUMERIC_OPS: Operator[] = [
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
];
const EQUALITY_OPS: Operator[] = ["equal", "notEqual", "in", "notIn"];

function literal(spec: FactSpec): fc.Arbitrary<Scalar> {
  if (spec.type === "number") return fc.constantFrom(...NUMBERS);
  if (spec.type === "boolean") return fc.boolean();
  return fc.constantFrom(...STRINGS[spec.name]);
}

const leafArb: fc.Arbitrary<Condition> = fc.constantFrom(...CUSTOMER_FACTS).chain((spec) => {
  const ops = spec.type === "number" ? [...NUMERIC_OPS, ...EQUALITY_OPS] : EQUALITY_OPS;
  const sameType = CUSTOMER_FACTS.filter(
    (f) => f.type === spec.type && f.name !== "segment" && f.name !== "region",
  );
  return fc.constantFrom(...ops).chain((operator) => {
    let value: fc.Arbitrary<Scalar | Scalar[] | { fact: string }>;
    if (operator === "in" || operator === "notIn")
      value = fc.array(literal(spec), { minLength: 1, maxLength: 3 });
    else if (sameType.length > 0 && spec.type === "number")
      value = fc.oneof(
        literal(spec),
        fc.constantFrom(...sameType).map((f) => ({ fact: f.name })),
      );
    else value = literal(spec);
    return value.map((v) => ({ fact: spec.name, operator, value: v }) as Condition);
  });
});

/** Trees of all/any/not; `allowEmpty` lets all/any lists be empty (json-rules-engine: true). */
function treeArb(allowEmpty: boolean): fc.Arbitrary<TopCondition> {
  const { node } = fc.letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leafArb,
      fc
        .array(tie("node"), { minLength: allowEmpty ? 0 : 1, maxLength: 3 })
        .map((all) => ({ all })),
      fc
        .array(tie("node"), { minLength: allowEmpty ? 0 : 1, maxLength: 3 })
        .map((any) => ({ any })),
      tie("node").map((not) => ({ not })),
    ),
  }));
  return fc.oneof(
    fc.array(node, { minLength: allowEmpty ? 0 : 1, maxLength: 4 }).map((all) => ({ all })),
    fc.array(node, { minLength: allowEmpty ? 0 : 1, maxLength: 4 }).map((any) => ({ any })),
    node.map((not) => ({ not })),
  );
}

function rulesArb(allowEmpty: boolean): fc.Arbitrary<RuleDefinition[]> {
  return fc
    .array(
      fc.record({ priority: fc.constantFrom(undefined, 1, 2, 3), conditions: treeArb(allowEmpty) }),
      { minLength: 1, maxLength: 6 },
    )
    .map((rs) =>
      rs.map((r, i) => ({
        name: `r${i}`,
        ...(r.priority !== undefined ? { priority: r.priority } : {}),
        conditions: r.conditions,
        event: { type: "gap", params: { gapType: "decline" } },
      })),
    );
}

/** Fact values: typed values from the same pools (so equal values are common), plus null, missing, NaN, Infinity and wrong types. */
const factValueArb = (spec: FactSpec): fc.Arbitrary<Scalar | null | undefined> =>
  fc.oneof(
    { weight: 6, arbitrary: literal(spec) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Scalar>(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        "5",
        "abc",
        " 7x",
        true,
        0,
      ),
    },
  );

const factsArb: fc.Arbitrary<FactRecord> = fc
  .tuple(...CUSTOMER_FACTS.map((f) => factValueArb(f)))
  .map((values) => {
    const record: Record<string, Scalar | null> = {};
    CUSTOMER_FACTS.forEach((f, i) => {
      if (values[i] !== undefined) record[f.name] = values[i] as Scalar | null;
    });
    return record;
  });

function hasEmptyList(c: Condition): boolean {
  if ("all" in c) return c.all.length === 0 || c.all.some(hasEmptyList);
  if ("any" in c) return c.any.length === 0 || c.any.some(hasEmptyList);
  if ("not" in c) return hasEmptyList(c.not);
  return false;
}

/** Deepest boolean (all/any/not) node, counting the top condition as level 1 (as the validator does). */
function booleanDepth(c: Condition, level: number): number {
  if ("all" in c) return Math.max(level, ...c.all.map((n) => booleanDepth(n, level + 1)));
  if ("any" in c) return Math.max(level, ...c.any.map((n) => booleanDepth(n, level + 1)));
  if ("not" in c) return Math.max(level, booleanDepth(c.not, level + 1));
  return 0;
}

describe("compiled rules vs json-rules-engine", () => {
  it("agree on fired rules, order and traces for random packs and facts", async () => {
    let firedCount = 0;
    let quietCount = 0;
    let validated = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain(rulesArb),
        fc.array(factsArb, { minLength: 6, maxLength: 6 }),
        async (rules, factSets) => {
          const compiled = compileRules(rules);
          const reference = new ReferenceEngine(rules);
          if (!rules.some((r) => hasEmptyList(r.conditions))) {
            // Generated rules without empty lists are valid packs (the schema and checks accept them).
            const v = validatePack(
              {
                format: "rgo-rule-pack/1",
                name: "p",
                version: "1",
                parameters: { recentWeeks: 4 },
                rules,
              },
              TEST_REGISTRY,
            );
            const deepest = Math.max(...rules.map((r) => booleanDepth(r.conditions, 1)));
            if (deepest <= PACK_LIMITS.maxConditionDepth) {
              expect(v.ok ? [] : v.errors).toEqual([]);
              validated++;
            } else {
              // Over the nesting limit: the only complaint is the depth, and the engines still agree.
              expect(v.ok).toBe(false);
              const codes = new Set(v.ok ? [] : v.errors.map((e) => e.code));
              expect([...codes]).toEqual(["nesting-too-deep"]);
            }
          }
          for (const facts of factSets) {
            const ref = await reference.run(facts);
            const fired = compiled.fire(facts);
            expect(fired).toEqual(ref.fired);
            // The typed variant (the classify stage's) writes the same indices, nothing past them.
            const typed = new Int32Array(rules.length + 1).fill(-7);
            const count = compiled.fireIndices(facts, typed);
            expect([...typed.subarray(0, count)]).toEqual(ref.fired);
            expect(typed[count]).toBe(-7);
            rules.forEach((_, i) => {
              expect(compiled.test(i, facts)).toBe(fired.includes(i));
              expect(compiled.trace(i, facts)).toEqual(ref.traces[i]);
            });
            if (fired.length > 0) firedCount++;
            if (fired.length < rules.length) quietCount++;
          }
        },
      ),
      { numRuns: 400 },
    );
    // The generator exercises both outcomes and mostly valid packs.
    expect(firedCount).toBeGreaterThan(100);
    expect(quietCount).toBeGreaterThan(100);
    expect(validated).toBeGreaterThan(100);
  });
});

describe("json-rules-engine one rule at a time (the explain stage's reference rows, issue 14)", () => {
  it("an engine of one rule gives that rule's trace from an engine of every rule", async () => {
    let fired = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain(rulesArb),
        fc.array(factsArb, { minLength: 3, maxLength: 3 }),
        async (rules, factSets) => {
          const all = new ReferenceEngine(rules);
          const single = rules.map((r) => new ReferenceEngine([r]));
          for (const facts of factSets) {
            const whole = await all.run(facts);
            for (let j = 0; j < rules.length; j++) {
              const one = await single[j].run(facts);
              expect(one.traces).toHaveLength(1);
              expect(one.traces[0]).toEqual(whole.traces[j]);
              expect(one.fired).toEqual(whole.fired.includes(j) ? [0] : []);
              if (one.fired.length > 0) fired++;
            }
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(fired).toBeGreaterThan(50);
  });
});

/**
 * The replaced ReferenceEngine.run, kept as the reference: json-rules-engine given every own fact
 * of the record (the engine now gets only the facts its rules read, issue 14).
 */
async function everyFactRun(
  rules: readonly RuleDefinition[],
  facts: FactRecord,
): Promise<{ fired: Set<number>; traces: ConditionTrace[] }> {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: ownPropertyResolver });
  rules.forEach((rule, index) =>
    engine.addRule({
      name: String(index),
      priority: rule.priority,
      conditions: JSON.parse(JSON.stringify(rule.conditions)) as TopLevelCondition,
      event: { type: rule.event.type, params: { ...rule.event.params } },
    }),
  );
  const runtime = Object.create(null) as Record<string, Scalar | null>;
  for (const key of Object.keys(facts)) if (key !== "") runtime[key] = facts[key];
  const outcome = await engine.run(runtime);
  const traces: ConditionTrace[] = new Array<ConditionTrace>(rules.length);
  const fired = new Set<number>();
  for (const group of [outcome.results, outcome.failureResults])
    for (const r of group) {
      traces[Number(r.name)] = engineConditionToTrace(r.conditions, r.result === true);
      if (r.result === true) fired.add(Number(r.name));
    }
  return { fired, traces };
}

describe("json-rules-engine given only the facts the rules read (issue 14)", () => {
  it("fires and traces as when given every fact of the record", async () => {
    let unread = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean().chain(rulesArb),
        fc.array(factsArb, { minLength: 3, maxLength: 3 }),
        async (rules, factSets) => {
          const engine = new ReferenceEngine(rules);
          const read = new Set<string>();
          for (const r of rules) conditionFacts(r.conditions, read);
          for (const facts of factSets) {
            if (Object.keys(facts).some((k) => !read.has(k))) unread++;
            const now = await engine.run(facts);
            const before = await everyFactRun(rules, facts);
            expect(now.traces).toEqual(before.traces);
            expect(new Set(now.fired)).toEqual(before.fired);
          }
        },
      ),
      { numRuns: 200 },
    );
    // Records mostly carry facts no rule reads (what the change leaves out).
    expect(unread).toBeGreaterThan(300);
  });

  it("rules compiled over facts by slot fire exactly as over the record (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.boolean().chain(rulesArb),
        fc.array(factsArb, { minLength: 3, maxLength: 3 }),
        fc.func(fc.boolean()),
        (rules, factSets, keep) => {
          // Slots for some of the facts the rules read, in a drawn order; a record then holds
          // only facts that have a slot (what the classify stage gives its rules).
          const read = [...conditionFacts({ all: rules.map((r) => r.conditions) } as Condition)];
          const kept = read.filter((name) => keep(name));
          const order = kept.map((name, i) => [name, (i * 7919) % (kept.length + 3)] as const);
          const slots = new Map<string, number>();
          for (const [name] of [...order].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])))
            slots.set(name, slots.size);
          const byName = compileRules(rules);
          const bySlot = compileSlotRules(rules, slots);
          const out = new Int32Array(rules.length);
          for (const facts of factSets) {
            const record: Record<string, Scalar | null> = {};
            const values: unknown[] = new Array<unknown>(slots.size).fill(undefined);
            for (const [name, slot] of slots) {
              if (Object.prototype.hasOwnProperty.call(facts, name)) {
                record[name] = facts[name];
                values[slot] = facts[name];
              }
            }
            const count = bySlot.fireIndices(values, out);
            expect([...out.subarray(0, count)]).toEqual(byName.fire(record));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("conditionFacts names every leaf's fact and every fact a value names (hand-worked)", () => {
    const c: Condition = {
      any: [
        { fact: "a", operator: "lessThan", value: { fact: "b" } },
        { not: { all: [{ fact: "c", operator: "in", value: ["x"] }] } },
      ],
    } as Condition;
    expect([...conditionFacts(c)]).toEqual(["a", "b", "c"]);
  });
});
