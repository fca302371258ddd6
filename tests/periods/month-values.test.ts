/**
 * A pack's own values for monthly data (issue 11): `windows.months` replaces the converted
 * windows and a condition's `valueInMonths` replaces the converted threshold of that condition.
 * Checked here: the checker and the JSON Schema accept them where they make sense and refuse them
 * elsewhere with a worded problem, and a monthly run uses them (weekly runs do not).
 */
import Ajv from "ajv";
import fc from "fast-check";
import { weeksToMonths } from "../../src/engine/input/period";
import type { PackParameters } from "../../src/engine/parameters/pack-parameters";
import { periodPack, periodParameters } from "../../src/engine/parameters/period-parameters";
import { FACT_SPECS_BY_NAME, RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { checkRules } from "../../src/rules/check-rules";
import { buildPackSchema } from "../../src/rules/pack-schema";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { ruleProblemText } from "../../src/rules/rule-problem-text";
import type { RulePack } from "../../src/rules/rule-pack";
import type { ConditionLeaf } from "../../src/rules/types";
import { validatePack } from "../../src/rules/validate-pack";

type Json = Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, inlineRefs: false });
const schemaAccepts = ajv.compile(buildPackSchema(RGO_REGISTRY, { embedParameters: true }));

/** default with its first rule's conditions replaced by `leaf`. */
function withLeaf(leaf: Json): Json {
  const pack = JSON.parse(JSON.stringify(BUILTIN_PACKS.default)) as Json & { rules: Json[] };
  pack.rules[0] = { ...pack.rules[0], conditions: { all: [leaf] } };
  return pack;
}

function checked(value: unknown): RulePack {
  const c = validatePack(value, RGO_REGISTRY);
  if (!c.ok) throw new Error(c.errors.map((e) => e.message).join("; "));
  return c.pack;
}

describe("valueInMonths in the grammar", () => {
  const good = {
    fact: "sharpDropWeeks",
    operator: "greaterThanInclusive",
    value: 2,
    valueInMonths: 2,
  };

  it("is accepted on a fact counted in weeks, by the checker, the schema and validatePack", () => {
    const pack = withLeaf(good);
    expect(checkRules(pack.rules, RGO_REGISTRY)).toEqual([]);
    expect(schemaAccepts(pack)).toBe(true);
    const leaf = (checked(pack).rules[0].conditions as { all: ConditionLeaf[] }).all[0];
    expect(leaf.valueInMonths).toBe(2);
  });

  it.each([
    [
      "a fact not counted in weeks",
      { fact: "declinePct", operator: "greaterThanInclusive", value: 15, valueInMonths: 15 },
      "not-weeks",
      "`valueInMonths` is only for facts counted in weeks, and `declinePct` is not one",
    ],
    [
      "a text",
      { ...good, valueInMonths: "2" },
      "not-one-number",
      '`valueInMonths` must be one number, with an operator that compares one value (found "2")',
    ],
    [
      "a list operator",
      { fact: "sharpDropWeeks", operator: "in", value: [1, 2], valueInMonths: 1 },
      "not-one-number",
      "`valueInMonths` must be one number, with an operator that compares one value (found 1)",
    ],
    [
      "a negative number",
      { ...good, valueInMonths: -1 },
      "negative",
      "`valueInMonths` must be 0 or more, not -1",
    ],
  ])("is refused on %s, by the checker and the schema", (_what, leaf, reason, text) => {
    const pack = withLeaf(leaf);
    const problems = checkRules(pack.rules, RGO_REGISTRY);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: "invalid-month-value",
      reason,
      pointer: "/rules/0/conditions/all/0/valueInMonths",
    });
    expect(ruleProblemText(problems[0])).toContain(text);
    expect(schemaAccepts(pack)).toBe(false);
    expect(validatePack(pack, RGO_REGISTRY).ok).toBe(false);
  });
});

describe("windows.months in the parameters", () => {
  it("is optional, and must hold whole months of at least 1", () => {
    const base = JSON.parse(JSON.stringify(BUILTIN_PACKS.default)) as Json & {
      parameters: { windows: Json };
    };
    delete base.parameters.windows.months;
    expect(validatePack(base, RGO_REGISTRY).ok).toBe(true);
    for (const months of [{ baseline: 6, current: 0, structural: 6 }, { baseline: 6 }, 6]) {
      base.parameters.windows.months = months;
      expect(validatePack(base, RGO_REGISTRY).ok).toBe(false);
    }
  });
});

describe("a monthly run uses the declared values", () => {
  const params = (months?: { baseline: number; current: number; structural: number }) =>
    ({
      windows: {
        baselineWeeks: 12,
        baselineAnchor: "trailing",
        currentWeeks: 6,
        structuralWeeks: 12,
        ...(months !== undefined ? { months } : {}),
      },
      churn: { scoreMethod: "zero-streak-ratio", streakWeeks: 4, probabilityFactor: 0.9 },
    }) as unknown as PackParameters;

  it("windows.months replaces the converted windows; weekly runs keep the weeks", () => {
    fc.assert(
      fc.property(
        fc.record({
          baseline: fc.integer({ min: 1, max: 36 }),
          current: fc.integer({ min: 1, max: 12 }),
          structural: fc.integer({ min: 1, max: 36 }),
        }),
        (m) => {
          const w = periodParameters(params(m), "month").windows;
          expect([w.baselineWeeks, w.currentWeeks, w.structuralWeeks]).toEqual([
            m.baseline,
            m.current,
            m.structural,
          ]);
          expect(periodParameters(params(m), "week").windows.baselineWeeks).toBe(12);
        },
      ),
    );
    // Without it: 12 weeks x 12 / 52 = 2.77 -> 3 months, 6 -> 1.38 -> 1; the churn streak 4 -> 1.
    const w = periodParameters(params(), "month");
    expect([w.windows.baselineWeeks, w.windows.currentWeeks, w.windows.structuralWeeks]).toEqual([
      3, 1, 3,
    ]);
    expect(w.churn.streakWeeks).toBe(1);
  });

  it("valueInMonths replaces the converted threshold of its condition only", () => {
    const pack = checked(
      withLeaf({
        any: [
          { fact: "sharpDropWeeks", operator: "greaterThanInclusive", value: 2, valueInMonths: 2 },
          { fact: "sharpDropWeeks", operator: "greaterThanInclusive", value: 2 },
          { fact: "trailingZeroWeeks", operator: "greaterThanInclusive", value: 13 },
        ],
      }),
    );
    const leaves = (p: RulePack) =>
      (p.rules[0].conditions as { all: { any: ConditionLeaf[] }[] }).all[0].any;
    const monthly = leaves(periodPack(pack, "month", FACT_SPECS_BY_NAME));
    expect(monthly.map((l) => l.value)).toEqual([2, weeksToMonths(2), weeksToMonths(13)]);
    expect(weeksToMonths(2)).toBe(1);
    expect(weeksToMonths(13)).toBe(3);
    expect(monthly.every((l) => l.valueInMonths === undefined)).toBe(true);
    expect(leaves(periodPack(pack, "week", FACT_SPECS_BY_NAME)).map((l) => l.value)).toEqual([
      2, 2, 13,
    ]);
  });
});
