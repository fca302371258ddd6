import fc from "fast-check";
import type { PackError } from "../../src/rules/pack-error";
import { checkRules } from "../../src/rules/check-rules";
import { packSchemaValidator, validatePack } from "../../src/rules/validate-pack";
import { TEST_REGISTRY, validPackValue } from "./test-registry";

const HEAD = `{
  "format": "rgo-rule-pack/1",
  "name": "t",
  "version": "1",
  "parameters": {"recentWeeks": 4},
  "rules": [
`;
const EVENT = `{"type": "gap", "params": {"gapType": "decline"}}`;

/**
 * A pack text whose only rule is "r". Line 7 holds the name and event, line 8 opens the
 * conditions, line 9 is the condition (after 7 spaces, so its "{" is at column 8).
 */
function packText(condition: string, event = EVENT, top = "all"): string {
  return (
    HEAD +
    `    {"name": "r", "event": ${event},\n` +
    `     "conditions": {"${top}": [\n` +
    `       ${condition}\n` +
    `     ]}}\n  ]\n}\n`
  );
}

function errorsOf(input: unknown): PackError[] {
  const result = validatePack(input, TEST_REGISTRY);
  if (result.ok) throw new Error("expected the pack to be rejected");
  return result.errors;
}

/** The one error of a text; also checks the JSON Schema alone rejects the same pack. */
function onlyError(text: string): PackError {
  const errors = errorsOf(text);
  expect(errors).toHaveLength(1);
  if (errors[0].code !== "json-syntax") {
    expect(packSchemaValidator(TEST_REGISTRY)(JSON.parse(text))).toBe(false);
  }
  return errors[0];
}

describe("validatePack accepts valid packs", () => {
  it("the sample pack, as text and as a value", () => {
    expect(
      validatePack(
        packText(`{"fact": "trendPct", "operator": "lessThan", "value": -20}`),
        TEST_REGISTRY,
      ).ok,
    ).toBe(true);
    const result = validatePack(validPackValue(), TEST_REGISTRY);
    expect(result.ok).toBe(true);
    expect(packSchemaValidator(TEST_REGISTRY)(validPackValue())).toBe(true);
  });

  it("returns a clean copy with known keys only and fresh objects", () => {
    const input = validPackValue();
    const result = validatePack(input, TEST_REGISTRY);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.pack).toEqual({ ...input });
    expect(result.pack.rules[1]).toEqual({
      name: "premium",
      conditions: { any: [{ fact: "segment", operator: "in", value: ["Premium"] }] },
      event: { type: "segment", params: { label: "premium" } },
    });
    expect(result.pack.rules).not.toBe(input.rules);
    (input.rules as { name: string }[])[0].name = "changed";
    expect(result.pack.rules[0].name).toBe("declining-revenue");
    expect(Object.getPrototypeOf(result.pack.rules[0].conditions)).toBe(Object.prototype);
    expect(result.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // A missing description becomes "", missing event params become {}.
    const v = validPackValue();
    delete v.description;
    (v.rules as { event: Record<string, unknown> }[])[2].event = { type: "portfolio-alert" };
    const r2 = validatePack(v, TEST_REGISTRY);
    expect(r2.ok && r2.pack.description).toBe("");
    expect(r2.ok && r2.pack.rules[2].event).toEqual({ type: "portfolio-alert", params: {} });
  });
});

describe("validatePack errors: pointer, line and column", () => {
  it("JSON syntax errors carry the line and column and pointer ''", () => {
    expect(errorsOf(`{"format": "rgo-rule-pack/1",\n  "name": }`)).toEqual([
      {
        pointer: "",
        line: 2,
        column: 11,
        code: "json-syntax",
        message:
          "the rule pack is not valid JSON: unexpected '}'; expected a value (line 2, column 11)",
      },
    ]);
    const trailing = onlyError(
      packText(`{"fact": "trendPct", "operator": "lessThan", "value": -20},`),
    );
    expect([trailing.line, trailing.column]).toEqual([10, 6]);
  });

  it("unknown fact with a suggestion", () => {
    expect(
      onlyError(packText(`{"fact": "trendPctt", "operator": "lessThan", "value": 0}`)),
    ).toEqual({
      pointer: "/rules/0/conditions/all/0/fact",
      line: 9,
      column: 9,
      code: "unknown-fact",
      message: 'rule "r": unknown fact `trendPctt`; did you mean `trendPct`?',
    });
  });

  it("unknown fact without a close match lists the facts of the rule's scope", () => {
    const e = onlyError(packText(`{"fact": "weather", "operator": "equal", "value": 1}`));
    expect(e.code).toBe("unknown-fact");
    expect(e.message).toBe(
      'rule "r": unknown fact `weather`; facts allowed for customer rules: `recentAvg`, `baselineAvg`, `trendPct`, `zeroWeeks`, `segment`, `region` and `loyaltyMember`',
    );
  });

  it("a portfolio fact in a customer rule", () => {
    const e = onlyError(
      packText(`{"fact": "totalRevenue", "operator": "greaterThan", "value": 1}`),
    );
    expect(e.pointer).toBe("/rules/0/conditions/all/0/fact");
    expect(e.message).toMatch(/^rule "r": fact `totalRevenue` is not available to customer rules/);
  });

  it("path (JSONPath) and params on a condition", () => {
    const text = packText(
      `{"fact": "trendPct", "operator": "lessThan", "value": 0, "path": "$.x"}`,
    );
    expect(onlyError(text)).toEqual({
      pointer: "/rules/0/conditions/all/0/path",
      line: 9,
      column: 65,
      code: "condition-path",
      message: 'rule "r": conditions may not use `path` (JSONPath); use a fact directly',
    });
    const p = onlyError(
      packText(`{"fact": "trendPct", "params": {}, "operator": "lessThan", "value": 0}`),
    );
    expect([p.pointer, p.code, p.line, p.column]).toEqual([
      "/rules/0/conditions/all/0/params",
      "condition-params",
      9,
      29,
    ]);
  });

  it("custom / unknown operators", () => {
    const e = onlyError(packText(`{"fact": "region", "operator": "contains", "value": "x"}`));
    expect([e.pointer, e.code, e.line, e.column]).toEqual([
      "/rules/0/conditions/all/0/operator",
      "unknown-operator",
      9,
      27,
    ]);
    expect(e.message).toContain("allowed operators: `equal`, `notEqual`");
  });

  it("unknown event type", () => {
    const e = onlyError(
      packText(`{"fact": "trendPct", "operator": "lessThan", "value": 0}`, `{"type": "gapp"}`),
    );
    expect(e).toEqual({
      pointer: "/rules/0/event/type",
      line: 7,
      column: 29,
      code: "unknown-event-type",
      message: 'rule "r": unknown event type `gapp`; did you mean `gap`?',
    });
  });

  it("missing, ill-typed, unknown and out-of-set event params", () => {
    const cond = `{"fact": "trendPct", "operator": "lessThan", "value": 0}`;
    const missing = onlyError(packText(cond, `{"type": "gap", "params": {}}`));
    expect([missing.pointer, missing.code, missing.line, missing.column]).toEqual([
      "/rules/0/event/params",
      "missing-event-param",
      7,
      44,
    ]);
    expect(missing.message).toBe(
      'rule "r": event `gap` requires the param `gapType` (the kind of gap)',
    );
    const typed = onlyError(
      packText(cond, `{"type": "gap", "params": {"gapType": "churn", "weight": "high"}}`),
    );
    expect([typed.pointer, typed.code]).toEqual([
      "/rules/0/event/params/weight",
      "event-param-type",
    ]);
    const unknown = onlyError(
      packText(cond, `{"type": "gap", "params": {"gapType": "churn", "colour": 1}}`),
    );
    expect([unknown.pointer, unknown.code]).toEqual([
      "/rules/0/event/params/colour",
      "unknown-event-param",
    ]);
    const outOfSet = onlyError(packText(cond, `{"type": "gap", "params": {"gapType": "Churn"}}`));
    expect([outOfSet.code, outOfSet.message]).toEqual([
      "event-param-value",
      'rule "r": event param `gapType` cannot be "Churn"; did you mean "churn"? allowed: `decline`, `churn` and `stockout`',
    ]);
  });

  it("a { fact } value naming an unknown fact", () => {
    const e = onlyError(
      packText(`{"fact": "recentAvg", "operator": "lessThan", "value": {"fact": "baseline"}}`),
    );
    expect([e.pointer, e.code, e.line, e.column]).toEqual([
      "/rules/0/conditions/all/0/value/fact",
      "unknown-fact-reference",
      9,
      64,
    ]);
  });

  it("type mismatches", () => {
    const num = onlyError(packText(`{"fact": "trendPct", "operator": "lessThan", "value": "5"}`));
    expect([num.pointer, num.code, num.column]).toEqual([
      "/rules/0/conditions/all/0/value",
      "type-mismatch",
      53,
    ]);
    expect(num.message).toBe(
      'rule "r": `trendPct` is a number fact, so it must be compared with a number, not the text "5"',
    );
    const strOp = onlyError(
      packText(`{"fact": "segment", "operator": "greaterThan", "value": "A"}`),
    );
    expect([strOp.pointer, strOp.code]).toEqual([
      "/rules/0/conditions/all/0/operator",
      "type-mismatch",
    ]);
    const notArray = onlyError(
      packText(`{"fact": "segment", "operator": "in", "value": "Premium"}`),
    );
    expect([notArray.pointer, notArray.code]).toEqual([
      "/rules/0/conditions/all/0/value",
      "value-not-array",
    ]);
    const refType = onlyError(
      packText(`{"fact": "recentAvg", "operator": "equal", "value": {"fact": "segment"}}`),
    );
    expect([refType.pointer, refType.code]).toEqual([
      "/rules/0/conditions/all/0/value/fact",
      "type-mismatch",
    ]);
    const allowed = onlyError(
      packText(`{"fact": "segment", "operator": "in", "value": ["Budget", "Premum"]}`),
    );
    expect(allowed).toMatchObject({
      pointer: "/rules/0/conditions/all/0/value/1",
      code: "value-not-allowed",
      message:
        'rule "r": `segment` is never "Premum"; did you mean "Premium"? its values are `Premium`, `Standard` and `Budget`',
    });
  });

  it("duplicate rule names", () => {
    const text = `{"format": "rgo-rule-pack/1", "name": "t", "version": "1", "parameters": {"recentWeeks": 4}, "rules": [
  {"name": "a", "conditions": {"all": [{"fact": "trendPct", "operator": "lessThan", "value": 0}]}, "event": ${EVENT}},
  {"name": "a", "conditions": {"all": [{"fact": "trendPct", "operator": "lessThan", "value": 1}]}, "event": ${EVENT}}
]}`;
    expect(errorsOf(text)).toEqual([
      {
        pointer: "/rules/1/name",
        line: 3,
        column: 4,
        code: "duplicate-rule-name",
        message: 'rule "a": the name is already used by rule 1; rule names must be unique',
      },
    ]);
  });

  it("empty all / any", () => {
    const text =
      HEAD + `    {"name": "r", "event": ${EVENT},\n     "conditions": {"any": []}}\n  ]\n}`;
    expect(onlyError(text)).toMatchObject({
      pointer: "/rules/0/conditions/any",
      line: 8,
      column: 21,
      code: "empty-condition-list",
    });
    const nested = onlyError(packText(`{"all": []}`));
    expect(nested.pointer).toBe("/rules/0/conditions/all/0/all");
  });

  it("nesting deeper than 8 levels", () => {
    const leaf = `{"fact": "trendPct", "operator": "lessThan", "value": 0}`;
    let eight = leaf; // top "all" is level 1; 7 more levels here make 8: accepted
    for (let i = 0; i < 7; i++) eight = `{"not": ${eight}}`;
    expect(validatePack(packText(eight), TEST_REGISTRY).ok).toBe(true);
    const nine = onlyError(packText(`{"not": ${eight}}`));
    expect(nine.code).toBe("nesting-too-deep");
    expect(nine.pointer).toBe("/rules/0/conditions/all/0" + "/not".repeat(7));
  });

  it("more than 500 rules", () => {
    const v = validPackValue();
    const base = (v.rules as Record<string, unknown>[])[0];
    v.rules = Array.from({ length: 501 }, (_, i) => ({ ...base, name: `r${i}` }));
    expect(errorsOf(v)).toEqual([
      {
        pointer: "/rules",
        line: null,
        column: null,
        code: "too-many-rules",
        message: "the pack has 501 rules; at most 500 are allowed",
      },
    ]);
    v.rules = (v.rules as unknown[]).slice(0, 500);
    expect(validatePack(v, TEST_REGISTRY).ok).toBe(true);
  });

  it("caps the error list at 200 plus a notice", () => {
    const v = validPackValue();
    v.rules = Array.from({ length: 300 }, (_, i) => ({
      name: `r${i}`,
      conditions: { all: [{ fact: "nope", operator: "equal", value: 1 }] },
      event: { type: "gap", params: { gapType: "churn" } },
    }));
    const errors = errorsOf(v);
    expect(errors).toHaveLength(201);
    expect(errors[199].pointer).toBe("/rules/199/conditions/all/0/fact");
    expect(errors[200].code).toBe("too-many-errors");
  });

  it("text over 1 MB, strings over 1,000 characters, non-finite numbers", () => {
    const big = JSON.stringify({ ...validPackValue(), description: "x".repeat(900) }).padEnd(
      1024 * 1024 + 1,
      " ",
    );
    expect(onlyErrorCode(big)).toBe("too-large");
    const longName = errorsOf(
      packText(`{"fact": "region", "operator": "equal", "value": "${"x".repeat(1001)}"}`),
    );
    expect(longName.map((e) => [e.pointer, e.code, e.line, e.column])).toEqual([
      ["/rules/0/conditions/all/0/value", "string-too-long", 9, 48],
    ]);
    const inf = errorsOf(packText(`{"fact": "trendPct", "operator": "lessThan", "value": 1e999}`));
    expect(inf.map((e) => [e.pointer, e.code, e.line, e.column])).toEqual([
      ["/rules/0/conditions/all/0/value", "non-finite-number", 9, 53],
    ]);
    const v = validPackValue();
    (v.parameters as Record<string, unknown>).multiplier = Number.NaN;
    expect(errorsOf(v).map((e) => [e.pointer, e.code])).toEqual([
      ["/parameters/multiplier", "non-finite-number"],
    ]);
  });

  it("pack-level schema errors and the registry's parameters schema", () => {
    const v = validPackValue();
    v.format = "rgo-rule-pack/2";
    v.extra = true;
    delete v.version;
    (v.parameters as Record<string, unknown>).recentWeeks = 0;
    expect(errorsOf(v).map((e) => [e.pointer, e.code, e.message])).toEqual([
      ["", "missing-property", "the pack is missing the required property `version`"],
      ["/extra", "unknown-key", "the pack has an unknown property `extra`"],
      ["/format", "schema-const", '`format` must be "rgo-rule-pack/1"'],
      ["/parameters/recentWeeks", "schema-minimum", "parameter `recentWeeks` must be >= 1"],
    ]);
    expect(errorsOf("[1, 2]")).toEqual([
      {
        pointer: "",
        line: 1,
        column: 1,
        code: "not-an-object",
        message: "a rule pack must be a JSON object",
      },
    ]);
  });

  it("duplicate keys in the text (JSON.parse would silently keep the last)", () => {
    const e = errorsOf(
      packText(`{"fact": "trendPct", "operator": "lessThan", "value": 0, "value": 1}`),
    );
    expect(e.map((x) => [x.pointer, x.code, x.line, x.column])).toEqual([
      ["/rules/0/conditions/all/0/value", "duplicate-key", 9, 65],
    ]);
  });
});

function onlyErrorCode(input: unknown): string {
  const errors = errorsOf(input);
  expect(errors).toHaveLength(1);
  return errors[0].code;
}

describe("prototype-altering keys", () => {
  it("__proto__, constructor and prototype are rejected with their location", () => {
    const text = packText(
      `{"fact": "trendPct", "operator": "lessThan", "value": 0, "__proto__": {"polluted": 1}}`,
    );
    expect(errorsOf(text)).toEqual([
      {
        pointer: "/rules/0/conditions/all/0/__proto__",
        line: 9,
        column: 65,
        code: "forbidden-key",
        message:
          "the key `__proto__` is not allowed anywhere in a rule pack (it could alter object prototypes)",
      },
    ]);
    for (const key of ["constructor", "prototype"]) {
      const v = validPackValue();
      (v.parameters as Record<string, unknown>)[key] = { polluted: 1 };
      expect(errorsOf(v).map((e) => [e.pointer, e.code])).toEqual([
        [`/parameters/${key}`, "forbidden-key"],
      ]);
    }
    const parsed = JSON.parse(`{"a": {"__proto__": {"polluted": 1}}}`) as unknown;
    expect(errorsOf(parsed).map((e) => [e.pointer, e.code])).toEqual([
      ["/a/__proto__", "forbidden-key"],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("property: a __proto__ key anywhere in a valid pack is rejected and Object.prototype stays clean", () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const base = JSON.stringify(validPackValue(), null, 1);
    // Every position where an object opens: a member can be inserted right after the "{".
    const opens = [...base.matchAll(/\{/g)].map((m) => m.index ?? 0);
    fc.assert(
      fc.property(fc.constantFrom(...opens), fc.json(), fc.boolean(), (at, payload, asText) => {
        const text = base.slice(0, at + 1) + `"__proto__": ${payload},` + base.slice(at + 1);
        const result = validatePack(asText ? text : (JSON.parse(text) as unknown), TEST_REGISTRY);
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(
            result.errors.some(
              (e) => e.code === "forbidden-key" && e.pointer.endsWith("/__proto__"),
            ),
          ).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("validatePack never throws", () => {
  const check = (input: unknown): void => {
    const result = validatePack(input, TEST_REGISTRY);
    if (result.ok) expect(result.hash).toMatch(/^sha256:/);
    else {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) {
        expect(typeof e.pointer).toBe("string");
        expect(e.message.length).toBeGreaterThan(0);
        if (typeof input === "string") {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }
    }
  };

  it("on arbitrary values, JSON texts and strings", () => {
    fc.assert(fc.property(fc.anything(), check), { numRuns: 300 });
    fc.assert(fc.property(fc.json(), check), { numRuns: 300 });
    fc.assert(fc.property(fc.string(), check), { numRuns: 300 });
    for (const odd of [
      undefined,
      null,
      0,
      () => 1,
      Symbol("s"),
      10n,
      new Date(0),
      new Array<number>(2), // a sparse list (holes)
      "[".repeat(100000),
    ])
      check(odd);
  });

  it("on valid packs with random edits (schema and rule checks agree)", () => {
    const base = validPackValue();
    const paths: (string | number)[][] = [
      ["rules", 0, "conditions", "all", 0, "fact"],
      ["rules", 0, "conditions", "all", 1, "value"],
      ["rules", 1, "event", "type"],
      ["rules", 2, "conditions", "not", "operator"],
      ["rules", 0, "priority"],
      ["parameters", "recentWeeks"],
      ["rules", 1, "conditions", "any", 0, "value", 0],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, replacement) => {
        const v = structuredClone(base) as Record<string, unknown>;
        let node = v as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path[path.length - 1]] = replacement;
        const result = validatePack(v, TEST_REGISTRY);
        // The registry-built JSON Schema and the semantic rule checks agree on the rules.
        const rulesOk = checkRules(v.rules, TEST_REGISTRY).length === 0;
        expect(packSchemaValidator(TEST_REGISTRY)(v)).toBe(rulesOk);
        if (path[0] === "rules") expect(result.ok).toBe(rulesOk);
        check(JSON.stringify(v));
      }),
      { numRuns: 1000 },
    );
  });
});
