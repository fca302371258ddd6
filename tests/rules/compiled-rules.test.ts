import { compileRules } from "../../src/rules/compiled-rules";
import { ownPropertyResolver, ReferenceEngine } from "../../src/rules/reference-engine";
import type { Condition, FactRecord, RuleDefinition, TopCondition } from "../../src/rules/types";

function rule(name: string, conditions: TopCondition, priority?: number): RuleDefinition {
  return {
    name,
    conditions,
    event: { type: "gap", params: {} },
    ...(priority !== undefined ? { priority } : {}),
  };
}
const leaf = (fact: string, operator: string, value: unknown): Condition =>
  ({ fact, operator, value }) as Condition;

/** Evaluates one condition with both implementations; asserts they agree; returns the result. */
async function both(cond: Condition, facts: FactRecord): Promise<boolean> {
  const rules = [rule("x", { all: [cond] })];
  const compiled = compileRules(rules).test(0, facts);
  const ref = (await new ReferenceEngine(rules).run(facts)).fired.includes(0);
  expect(compiled).toBe(ref);
  return compiled;
}

describe("operator semantics (hand-worked, checked against json-rules-engine)", () => {
  it("numeric operators at the boundary", async () => {
    expect(await both(leaf("a", "lessThan", 5), { a: 5 })).toBe(false);
    expect(await both(leaf("a", "lessThanInclusive", 5), { a: 5 })).toBe(true);
    expect(await both(leaf("a", "greaterThan", 5), { a: 5 })).toBe(false);
    expect(await both(leaf("a", "greaterThanInclusive", 5), { a: 5 })).toBe(true);
    expect(await both(leaf("a", "greaterThan", -0.5), { a: 0 })).toBe(true);
  });

  it("missing and null facts make every comparison false except notEqual / notIn", async () => {
    for (const facts of [{}, { a: null }] as FactRecord[]) {
      expect(await both(leaf("a", "lessThan", 5), facts)).toBe(false);
      expect(await both(leaf("a", "greaterThanInclusive", -5), facts)).toBe(false);
      expect(await both(leaf("a", "equal", 0), facts)).toBe(false);
      expect(await both(leaf("a", "in", [0, 1]), facts)).toBe(false);
      expect(await both(leaf("a", "notEqual", 0), facts)).toBe(true);
      expect(await both(leaf("a", "notIn", [0, 1]), facts)).toBe(true);
    }
  });

  it("numeric operators accept number-like strings (parseFloat), reject booleans and NaN", async () => {
    expect(await both(leaf("a", "greaterThan", 3), { a: "5" })).toBe(true);
    expect(await both(leaf("a", "greaterThan", 3), { a: "12abc" })).toBe(false); // "12abc" > 3 is NaN > 3
    expect(await both(leaf("a", "greaterThan", 0), { a: true })).toBe(false);
    expect(await both(leaf("a", "lessThan", 100), { a: Number.NaN })).toBe(false);
    expect(await both(leaf("a", "greaterThan", 100), { a: Number.POSITIVE_INFINITY })).toBe(true);
  });

  it("equal is strict; in uses indexOf (NaN is never found)", async () => {
    expect(await both(leaf("a", "equal", 5), { a: "5" })).toBe(false);
    expect(await both(leaf("a", "equal", 0), { a: -0 })).toBe(true);
    expect(await both(leaf("a", "in", ["x", "y"]), { a: "y" })).toBe(true);
    expect(await both(leaf("a", "notIn", [1, 2]), { a: Number.NaN })).toBe(true);
  });

  it("fact-to-fact comparisons, including a null right-hand fact (5 > null is 5 > 0)", async () => {
    expect(await both(leaf("a", "lessThan", { fact: "b" }), { a: 48.1, b: 57 })).toBe(true);
    expect(await both(leaf("a", "lessThan", { fact: "b" }), { a: 57, b: 57 })).toBe(false);
    expect(await both(leaf("a", "greaterThan", { fact: "b" }), { a: 5, b: null })).toBe(true);
    expect(await both(leaf("a", "greaterThan", { fact: "b" }), { a: 5 })).toBe(false);
    expect(await both(leaf("a", "equal", { fact: "b" }), { a: null, b: null })).toBe(true);
  });

  it("names that exist on Object.prototype are not inherited facts", async () => {
    expect(await both(leaf("toString", "notEqual", 1), {})).toBe(true);
    expect(await both(leaf("constructor", "equal", 1), { constructor: 1 } as FactRecord)).toBe(
      true,
    );
  });
});

describe("all / any / not and priorities", () => {
  it("empty all and empty any are true (json-rules-engine), not negates", async () => {
    const rules = [
      rule("e-all", { all: [] }),
      rule("e-any", { any: [] }),
      rule("not", { not: { any: [] } }),
    ];
    const compiled = compileRules(rules);
    expect(compiled.fire({})).toEqual([0, 1]);
    expect((await new ReferenceEngine(rules).run({})).fired).toEqual([0, 1]);
  });

  it("fires by priority desc, ties in file order", async () => {
    const always: TopCondition = { all: [] };
    const rules = [
      rule("a", always),
      rule("b", always, 3),
      rule("c", always, 1),
      rule("d", always, 3),
      rule("e", { not: always }, 9),
    ];
    expect(compileRules(rules).fire({})).toEqual([1, 3, 0, 2]);
    expect((await new ReferenceEngine(rules).run({})).fired).toEqual([1, 3, 0, 2]);
    const out: number[] = [7, 7];
    expect(compileRules(rules).fireInto({}, out)).toBe(4);
    expect(out).toEqual([1, 3, 0, 2]);
  });

  it("trace reports every node with its values", () => {
    const compiled = compileRules([
      rule("t", { all: [leaf("a", "lessThan", { fact: "b" }), { not: leaf("s", "in", ["x"]) }] }),
    ]);
    expect(compiled.trace(0, { a: 1, b: 2, s: "y" })).toEqual({
      kind: "all",
      result: true,
      children: [
        {
          kind: "leaf",
          result: true,
          fact: "a",
          operator: "lessThan",
          value: 2,
          valueFact: "b",
          factValue: 1,
        },
        {
          kind: "not",
          result: true,
          children: [
            {
              kind: "leaf",
              result: false,
              fact: "s",
              operator: "in",
              value: ["x"],
              factValue: "y",
            },
          ],
        },
      ],
    });
    expect(() => compiled.test(1, {})).toThrow(RangeError);
  });
});

describe("ReferenceEngine", () => {
  it("resolves paths as plain own properties only", () => {
    expect(ownPropertyResolver({ a: 1 }, "a")).toBe(1);
    expect(ownPropertyResolver({ a: { b: 2 } }, "$.a.b")).toBeUndefined();
    expect(ownPropertyResolver({}, "toString")).toBeUndefined();
  });

  it("queues concurrent runs: each result equals the sequential one", async () => {
    const rules = [
      rule("low", { all: [leaf("a", "lessThan", 10)] }),
      rule("high", { any: [leaf("a", "greaterThan", 10)] }, 2),
    ];
    const engine = new ReferenceEngine(rules);
    const inputs = Array.from({ length: 30 }, (_, i) => ({ a: i - 5 }));
    const concurrent = await Promise.all(inputs.map((f) => engine.run(f)));
    const compiled = compileRules(rules);
    concurrent.forEach((r, i) => {
      expect(r.fired).toEqual(compiled.fire(inputs[i]));
      expect(r.traces[0].children?.[0].factValue).toBe(inputs[i].a);
    });
  });
});
