/**
 * The rule grammar has two readers: the semantic checker (typed problems) and the JSON Schema
 * built from it (ajv, editors). Here: the schema accepts every built-in pack, and for random rule
 * trees, valid or with one planted defect, the checker and ajv on the schema give the same verdict
 * and the checker names the planted defect.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import fc from "fast-check";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { checkRules } from "../../src/rules/check-rules";
import { buildPackSchema } from "../../src/rules/pack-schema";
import type { PackRegistry } from "../../src/rules/registry";
import { packSchemaValidator, validatePack } from "../../src/rules/validate-pack";
import { TEST_REGISTRY, validPackValue } from "./test-registry";

type Json = Record<string, unknown>;

const PACK_DIR = join(__dirname, "../../src/rules/packs");
const PACK_FILES = readdirSync(PACK_DIR).filter((f) => f.endsWith(".json"));

const validators = new Map<string, (v: unknown) => boolean>();
function ajvValidator(registry: PackRegistry, embedParameters: boolean): (v: unknown) => boolean {
  const key = String(embedParameters);
  const known = validators.get(key);
  if (known !== undefined) return known;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, inlineRefs: false });
  const validate = ajv.compile(buildPackSchema(registry, { embedParameters }));
  const accepts = (v: unknown): boolean => validate(v) === true;
  validators.set(key, accepts);
  return accepts;
}

describe("the derived JSON Schema", () => {
  it("knows the three built-in packs", () => {
    expect(PACK_FILES.sort()).toEqual(["default.json", "seed-tier2.json", "seed-v2.json"]);
  });

  it.each(PACK_FILES)("accepts the built-in pack %s (validation and editor schema)", (file) => {
    const pack = JSON.parse(readFileSync(join(PACK_DIR, file), "utf8")) as Json;
    expect(ajvValidator(RGO_REGISTRY, false)(pack)).toBe(true);
    expect(ajvValidator(RGO_REGISTRY, true)(pack)).toBe(true);
    expect(checkRules(pack.rules, RGO_REGISTRY)).toEqual([]);
  });

  it("the editor schema embeds the parameters schema: bad parameters fail it", () => {
    const pack = JSON.parse(readFileSync(join(PACK_DIR, "default.json"), "utf8")) as Json;
    const bad = { ...pack, parameters: { ...(pack.parameters as Json), unknownKnob: 1 } };
    expect(ajvValidator(RGO_REGISTRY, false)(bad)).toBe(true);
    expect(ajvValidator(RGO_REGISTRY, true)(bad)).toBe(false);
    expect(validatePack(bad, RGO_REGISTRY).ok).toBe(false);
  });
});

// --- random rule trees --------------------------------------------------------------------------

/** Operators per fact type, written out here (not taken from the grammar under test). */
const ALL_OPS = ["equal", "notEqual", "in", "notIn"];
const NUMBER_OPS = [
  ...ALL_OPS,
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
];
const VALID_DEPTH = 8;

const numberFact = fc.constantFrom("recentAvg", "baselineAvg", "trendPct", "zeroWeeks");
const number = fc.integer({ min: -100, max: 100 });

const leafArb: fc.Arbitrary<Json> = fc.oneof(
  fc
    .record({
      fact: numberFact,
      operator: fc.constantFrom(...NUMBER_OPS),
      n: number,
      ref: numberFact,
      useRef: fc.boolean(),
    })
    .map(({ fact, operator, n, ref, useRef }) => ({
      fact,
      operator,
      value: operator === "in" || operator === "notIn" ? [n] : useRef ? { fact: ref } : n,
    })),
  fc
    .record({
      operator: fc.constantFrom(...ALL_OPS),
      v: fc.constantFrom("Premium", "Standard", "Budget"),
    })
    .map(({ operator, v }) => ({
      fact: "segment",
      operator,
      value: operator === "in" || operator === "notIn" ? [v, "Budget"] : v,
    })),
  fc
    .record({ operator: fc.constantFrom("equal", "notEqual"), v: fc.string({ maxLength: 5 }) })
    .map(({ operator, v }) => ({ fact: "region", operator, value: v })),
  fc.boolean().map((v) => ({ fact: "loyaltyMember", operator: "equal", value: v })),
);

/** Condition trees whose nodes sit at most at `VALID_DEPTH - 3` (room for planted `not`s). */
const nodeAt = new Map<number, fc.Arbitrary<Json>>();
function nodeArb(level: number): fc.Arbitrary<Json> {
  const cached = nodeAt.get(level);
  if (cached !== undefined) return cached;
  const made =
    level >= VALID_DEPTH - 3
      ? leafArb
      : fc.oneof(
          { weight: 2, arbitrary: leafArb },
          fc.array(nodeArb(level + 1), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
          fc.array(nodeArb(level + 1), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
          nodeArb(level + 1).map((not) => ({ not })),
        );
  nodeAt.set(level, made);
  return made;
}
const topArb: fc.Arbitrary<Json> = fc.oneof(
  fc.array(nodeArb(2), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
  fc.array(nodeArb(2), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  nodeArb(2).map((not) => ({ not })),
);

const LEAF = { fact: "trendPct", operator: "lessThan", value: -20 };

/** A leaf with an own `__proto__` key (as JSON.parse makes it). */
function protoLeaf(): Json {
  return JSON.parse(
    `{"fact": "trendPct", "operator": "lessThan", "value": 0, "__proto__": {}}`,
  ) as Json;
}

/** Defects planted in place of one leaf, and the one problem code each must give. */
const LEAF_DEFECTS: Record<string, [() => Json, string]> = {
  "unknown operator": [
    () => ({ fact: "region", operator: "contains", value: "x" }),
    "unknown-operator",
  ],
  "number operator on a text fact": [
    () => ({ fact: "segment", operator: "greaterThan", value: "Premium" }),
    "type-mismatch",
  ],
  "number operator on a boolean fact": [
    () => ({ fact: "loyaltyMember", operator: "lessThanInclusive", value: true }),
    "type-mismatch",
  ],
  "unknown fact": [() => ({ fact: "weather", operator: "equal", value: 1 }), "unknown-fact"],
  "fact of another scope": [
    () => ({ fact: "totalRevenue", operator: "greaterThan", value: 1 }),
    "unknown-fact",
  ],
  JSONPath: [() => ({ ...LEAF, path: "$.x" }), "condition-path"],
  "condition params": [() => ({ ...LEAF, params: {} }), "condition-params"],
  "condition reference": [() => ({ ...LEAF, condition: "c" }), "condition-reference"],
  "unknown leaf key": [() => ({ ...LEAF, note: "x" }), "unknown-key"],
  "__proto__ key": [protoLeaf, "unknown-key"],
  "missing value": [() => ({ fact: "trendPct", operator: "lessThan" }), "missing-property"],
  "list too long": [
    () => ({ fact: "zeroWeeks", operator: "in", value: Array.from({ length: 1001 }, (_, i) => i) }),
    "value-list-too-long",
  ],
  "empty value list": [
    () => ({ fact: "zeroWeeks", operator: "notIn", value: [] }),
    "empty-value-list",
  ],
  "in without a list": [
    () => ({ fact: "segment", operator: "in", value: "Budget" }),
    "value-not-array",
  ],
  "list for equal": [() => ({ fact: "zeroWeeks", operator: "equal", value: [1] }), "type-mismatch"],
  "text for a number fact": [() => ({ ...LEAF, value: "5" }), "type-mismatch"],
  "value outside the set": [
    () => ({ fact: "segment", operator: "equal", value: "Premum" }),
    "value-not-allowed",
  ],
  "fact reference of another type": [
    () => ({ fact: "recentAvg", operator: "equal", value: { fact: "segment" } }),
    "type-mismatch",
  ],
  "fact reference with an extra key": [
    () => ({ fact: "recentAvg", operator: "equal", value: { fact: "baselineAvg", x: 1 } }),
    "unknown-key",
  ],
  "null value": [() => ({ fact: "trendPct", operator: "equal", value: null }), "type-mismatch"],
  "empty all": [() => ({ all: [] }), "empty-condition-list"],
  "all and any at once": [() => ({ all: [LEAF], any: [LEAF] }), "invalid-condition"],
  "not with an extra key": [() => ({ not: LEAF, fact: "trendPct" }), "unknown-key"],
  "not with a list": [() => ({ not: [LEAF] }), "invalid-condition"],
  "a number as a condition": [() => ({ all: [3] }), "invalid-condition"],
};

/** Defects of the rule around the tree. */
const RULE_DEFECTS: Record<string, [(rule: Json) => void, string]> = {
  "unknown rule key": [(r) => void (r.when = "now"), "unknown-key"],
  "unknown event key": [(r) => void ((r.event as Json).colour = 1), "unknown-key"],
  "unknown event type": [(r) => void ((r.event as Json).type = "gapp"), "unknown-event-type"],
  "missing event param": [(r) => void ((r.event as Json).params = {}), "missing-event-param"],
  "event param outside the set": [
    (r) => void ((r.event as Json).params = { gapType: "Churn" }),
    "event-param-value",
  ],
  "priority 0": [(r) => void (r.priority = 0), "invalid-priority"],
  "priority not whole": [(r) => void (r.priority = 1.5), "invalid-priority"],
  "name too long": [(r) => void (r.name = "n".repeat(201)), "invalid-name"],
  "empty name": [(r) => void (r.name = ""), "invalid-name"],
  "no conditions": [(r) => void delete r.conditions, "missing-property"],
  "a leaf at the top": [(r) => void (r.conditions = { ...LEAF }), "invalid-condition"],
};

/** The positions of the leaves of a tree, with their level (the top node is level 1). */
function leafSlots(
  node: Json,
  level: number,
  out: { parent: Json | unknown[]; key: string | number; level: number }[],
): void {
  for (const kind of ["all", "any"]) {
    const list = node[kind];
    if (Array.isArray(list)) {
      (list as Json[]).forEach((child, i) => {
        if ("fact" in child) out.push({ parent: list, key: i, level: level + 1 });
        else leafSlots(child, level + 1, out);
      });
    }
  }
  if (node.not !== undefined) {
    const child = node.not as Json;
    if ("fact" in child) out.push({ parent: node, key: "not", level: level + 1 });
    else leafSlots(child, level + 1, out);
  }
}

function packWith(trees: Json[]): Json {
  const pack = validPackValue();
  pack.rules = [
    ...trees.map((conditions, i) => ({
      name: `r${i}`,
      conditions,
      event: { type: "gap", params: { gapType: "decline" } },
    })),
    {
      name: "portfolio",
      conditions: { any: [{ fact: "quarter", operator: "in", value: ["Q1", "Q4"] }] },
      event: { type: "portfolio-alert" },
    },
  ];
  return pack;
}

type Plan =
  | { kind: "none" }
  | { kind: "nots"; tooDeep: boolean }
  | { kind: "leaf"; defect: string }
  | { kind: "rule"; defect: string };

const planArb: fc.Arbitrary<Plan> = fc.oneof(
  fc.constant<Plan>({ kind: "none" }),
  fc.boolean().map<Plan>((tooDeep) => ({ kind: "nots", tooDeep })),
  fc.constantFrom(...Object.keys(LEAF_DEFECTS)).map<Plan>((defect) => ({ kind: "leaf", defect })),
  fc.constantFrom(...Object.keys(RULE_DEFECTS)).map<Plan>((defect) => ({ kind: "rule", defect })),
);

/** Plants the plan in the pack; returns the expected problem code (null = valid). */
function plant(pack: Json, plan: Plan, pick: number): string | null {
  const rules = pack.rules as Json[];
  const rule = rules[pick % (rules.length - 1)];
  const slots: Parameters<typeof leafSlots>[2] = [];
  leafSlots(rule.conditions as Json, 1, slots);
  const slot = slots[pick % slots.length];
  const put = (v: unknown): void => {
    (slot.parent as Record<string | number, unknown>)[slot.key] = v;
  };
  switch (plan.kind) {
    case "none":
      return null;
    case "nots": {
      // Wrapping a leaf at level L in k `not`s puts the last `not` at level L + k - 1.
      const k = VALID_DEPTH + 1 - slot.level + (plan.tooDeep ? 1 : 0);
      let node: unknown = (slot.parent as Record<string | number, unknown>)[slot.key];
      for (let i = 0; i < k; i++) node = { not: node };
      put(node);
      return plan.tooDeep ? "nesting-too-deep" : null;
    }
    case "leaf": {
      const [make, code] = LEAF_DEFECTS[plan.defect];
      put(make());
      return code;
    }
    case "rule": {
      const [edit, code] = RULE_DEFECTS[plan.defect];
      edit(rule);
      return code;
    }
  }
}

describe("checker and JSON Schema agree on random rule trees", () => {
  const schemaAccepts = packSchemaValidator(TEST_REGISTRY);
  const numRuns = Number(process.env.RGO_NUM_RUNS ?? 300);

  it("verdicts agree; the checker names the planted defect", () => {
    fc.assert(
      fc.property(
        fc.array(topArb, { minLength: 1, maxLength: 3 }),
        planArb,
        fc.nat(),
        (trees, plan, pick) => {
          const pack = packWith(structuredClone(trees)); // fast-check replays the same values
          const expected = plant(pack, plan, pick);
          const codes = [...new Set(checkRules(pack.rules, TEST_REGISTRY).map((p) => p.code))];
          expect(codes).toEqual(expected === null ? [] : [expected]);
          expect(schemaAccepts(pack)).toBe(expected === null);
          const result = validatePack(pack, TEST_REGISTRY);
          const packCodes = result.ok ? [] : [...new Set(result.errors.map((e) => e.code))];
          const forbidden = plan.kind === "leaf" && plan.defect === "__proto__ key";
          expect(packCodes).toEqual(
            expected === null ? [] : [forbidden ? "forbidden-key" : expected],
          );
        },
      ),
      { numRuns },
    );
  });

  it("more than 500 rules: the checker says so and the schema rejects it", () => {
    const pack = packWith(Array.from({ length: 501 }, () => ({ all: [LEAF] })));
    expect(checkRules(pack.rules, TEST_REGISTRY).map((p) => p.code)).toEqual(["too-many-rules"]);
    expect(schemaAccepts(pack)).toBe(false);
  });
});
