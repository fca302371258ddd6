/** The rules library's deal and rep scopes: facts are allow-listed per scope in the packs. */
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import type { RulePack } from "../../src/rules/rule-pack";

function withRule(rule: unknown): unknown {
  const base = JSON.parse(JSON.stringify(BUILTIN_PACKS.default)) as RulePack;
  return { ...base, rules: [...base.rules, rule] };
}

test("every built-in pack validates with its pipeline parameters and flag rules", () => {
  for (const [name, pack] of Object.entries(BUILTIN_PACKS)) {
    const v = validatePack(pack, RGO_REGISTRY);
    expect({ name, ok: v.ok }).toEqual({ name, ok: true });
    if (v.ok) {
      const types = v.pack.rules.map((r) => r.event.type);
      expect(types.filter((t) => t === "deal-flag")).toHaveLength(3);
      expect(types.filter((t) => t === "rep-flag")).toHaveLength(1);
    }
  }
});

test("a deal-flag rule may not use a customer fact, nor a gap rule a deal fact", () => {
  const dealWithCustomerFact = validatePack(
    withRule({
      name: "bad-deal",
      conditions: { all: [{ fact: "totalRevenue", operator: "greaterThan", value: 1 }] },
      event: { type: "deal-flag", params: { flag: "stalled" } },
    }),
    RGO_REGISTRY,
  );
  expect(dealWithCustomerFact.ok).toBe(false);
  if (!dealWithCustomerFact.ok)
    expect(dealWithCustomerFact.errors.map((e) => e.message).join(" ")).toMatch(
      /totalRevenue.*not available to deal rules/,
    );
  const gapWithDealFact = validatePack(
    withRule({
      name: "bad-gap",
      conditions: { all: [{ fact: "daysInStage", operator: "greaterThan", value: 1 }] },
      event: { type: "gap", params: { gapType: "below_baseline" } },
    }),
    RGO_REGISTRY,
  );
  expect(gapWithDealFact.ok).toBe(false);
});

test("a rep-flag rule with an unknown flag is rejected; pipeline parameters are checked", () => {
  const badFlag = validatePack(
    withRule({
      name: "bad-rep",
      conditions: { all: [{ fact: "quotaAttainment", operator: "lessThan", value: 0.5 }] },
      event: { type: "rep-flag", params: { flag: "promote" } },
    }),
    RGO_REGISTRY,
  );
  expect(badFlag.ok).toBe(false);
  const base = JSON.parse(JSON.stringify(BUILTIN_PACKS.default)) as RulePack;
  (base.parameters.pipeline as Record<string, unknown>).stageProbabilities = { Discovery: 1.5 };
  expect(validatePack(base, RGO_REGISTRY).ok).toBe(false);
  delete base.parameters.pipeline;
  expect(validatePack(base, RGO_REGISTRY).ok).toBe(true);
});
