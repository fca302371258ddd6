/**
 * The thresholds form edits the pack's JSON in place: for every preset, editing any field with any
 * allowed value gives text that still validates and whose parsed value differs from the original
 * only at that field; text outside the number is untouched. Labels are in words with direction
 * and unit; values a field refuses (0.25 weeks, top N -3) are named.
 */
import fc from "fast-check";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { FACT_SPECS_BY_NAME } from "../../src/engine/registry/rgo-registry";
import {
  acceptsValue,
  fieldProblem,
  setThreshold,
  shortLabel,
  thresholdFields,
  thresholdProblems,
  valueAt,
} from "../../src/taskpane/state/thresholds";
import {
  FACT_LABELS,
  GAP_TYPE_LABELS,
  humanise,
  IDENTIFIER_PATTERN,
} from "../../src/engine/registry/labels";

function setAt(doc: unknown, pointer: string, value: number): void {
  const keys = pointer.slice(1).split("/");
  const last = keys.pop() as string;
  const parent = valueAt(doc, keys.length ? "/" + keys.join("/") : "") as Record<string, unknown>;
  parent[last] = value;
}

const presets = Object.keys(BUILTIN_PACKS);

test("the form lists the main numbers and every numeric rule threshold, labelled in words", () => {
  const fields = thresholdFields(BUILTIN_PACKS["seed-tier2"]);
  const byLabel = new Map(fields.map((f) => [f.label, f]));
  expect(byLabel.get("Current window (weeks)")?.value).toBe(4);
  expect(byLabel.get("Baseline window (weeks)")?.value).toBe(4);
  expect(byLabel.get("Top N (rows in the top list)")?.value).toBe(20);
  expect(byLabel.get("Weight of revenue impact (0 or more)")?.value).toBe(0.35);
  expect(byLabel.get("Rule: declining revenue: Change vs baseline at most (%)")?.value).toBe(-15);
  expect(byLabel.get("Rule: below baseline: Change vs baseline at most (%)")?.value).toBe(-20);
  expect(byLabel.get("Rule: below baseline: Baseline spend per week above (USD)")?.value).toBe(0);
  expect(
    byLabel.get("Rule: no spend: Weeks without spend (current window) above (weeks)")?.value,
  ).toBe(0);
  // Facts compared with other facts ({ "fact": … }) and text values are not thresholds.
  expect(fields.some((f) => f.label.startsWith("Rule: deal stalled"))).toBe(false);
  expect(fields.some((f) => /trend label/i.test(f.label))).toBe(false);
  expect(new Set(fields.map((f) => f.label)).size).toBe(fields.length);
  // Each rule's thresholds form one group, in the pack's order.
  const groups = [...new Set(fields.map((f) => f.group))];
  expect(groups.slice(0, 4)).toEqual(["Windows", "Ranking", "Severity", "Weights"]);
  expect(groups).toContain("Rule: below baseline");
  expect(fields.filter((f) => f.group === "Rule: below baseline").map(shortLabel)).toEqual([
    "Baseline spend per week above (USD)",
    "Change vs baseline at most (%)",
  ]);
});

test("money thresholds are in the run's currency; whole-number units refuse fractions", () => {
  const gbp = thresholdFields(BUILTIN_PACKS["seed-tier2"], "GBP");
  expect(gbp.map((f) => f.label)).toContain(
    "Rule: below baseline: Baseline spend per week above (GBP)",
  );
  const weeks = gbp.find(
    (f) => f.label === "Rule: no spend: Weeks without spend (current window) above (weeks)",
  );
  if (weeks === undefined) throw new Error("no zero-spend weeks field");
  expect(fieldProblem(weeks, "0.25")).toBe("Enter a whole number of weeks.");
  expect(fieldProblem(weeks, "-1")).toBe("Enter 0 or more weeks.");
  expect(fieldProblem(weeks, "2")).toBeNull();
  const topN = gbp.find((f) => f.pointer === "/parameters/ranking/topN");
  if (topN === undefined) throw new Error("no top N field");
  expect(fieldProblem(topN, "-3")).toBe("Enter 1 or more rows.");
  expect(fieldProblem(topN, "")).toBe("Enter a number.");
  expect(fieldProblem(topN, "abc")).toBe("Enter a number.");
  const trend = gbp.find((f) => f.label.endsWith("Change vs baseline at most (%)"));
  if (trend === undefined) throw new Error("no trend field");
  expect(fieldProblem(trend, "-20.5")).toBeNull();
});

test("every preset's fields: labels in words (no code names), direction and unit from the raw pack", () => {
  const direction: Record<string, string> = {
    lessThan: "below",
    lessThanInclusive: "at most",
    greaterThan: "above",
    greaterThanInclusive: "at least",
    equal: "equal to",
    notEqual: "not equal to",
  };
  for (const preset of presets) {
    const pack = BUILTIN_PACKS[preset] as unknown as {
      rules: { conditions: unknown }[];
    };
    const fields = thresholdFields(pack);
    // No camelCase or snake_case identifier in any label, and no rule's kebab-case name (a
    // hyphen in words, "in-stock", is English).
    const ruleNames = (pack.rules as { name?: unknown }[])
      .map((r) => r.name)
      .filter((n): n is string => typeof n === "string" && n.includes("-"));
    for (const f of fields) {
      expect(f.label).not.toMatch(IDENTIFIER_PATTERN);
      for (const name of ruleNames) expect(f.label).not.toContain(name);
    }
    // The presets as shipped are accepted by their own form.
    expect(thresholdProblems(fields)).toEqual([]);
    // Every numeric leaf of the raw rules, walked here independently, is a field whose label
    // says its operator's direction and, where the fact has a unit, the unit.
    const leaves: { pointer: string; fact: string; operator: string }[] = [];
    const walk = (node: unknown, pointer: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${pointer}/${i}`));
      else if (node !== null && typeof node === "object") {
        const o = node as Record<string, unknown>;
        if (typeof o.fact === "string" && typeof o.value === "number")
          leaves.push({ pointer: `${pointer}/value`, fact: o.fact, operator: String(o.operator) });
        for (const k of ["all", "any", "not"]) if (k in o) walk(o[k], `${pointer}/${k}`);
      }
    };
    pack.rules.forEach((r, i) => walk(r.conditions, `/rules/${i}/conditions`));
    const byPointer = new Map(fields.map((f) => [f.pointer, f]));
    for (const leaf of leaves) {
      const f = byPointer.get(leaf.pointer);
      expect({ pointer: leaf.pointer, found: f !== undefined }).toEqual({
        pointer: leaf.pointer,
        found: true,
      });
      if (f === undefined) continue;
      expect(shortLabel(f)).toContain(` ${direction[leaf.operator]}`);
      const unit = FACT_SPECS_BY_NAME.get(leaf.fact)?.unit;
      if (unit === "dollars") expect(f.label).toMatch(/\(USD\)/);
      if (unit === "percent") expect(f.label).toMatch(/\(%\)/);
      if (unit === "weeks") expect(f.label).toMatch(/\(weeks\)/);
    }
  }
});

test("fieldProblem accepts exactly what acceptsValue accepts (any number, any field)", () => {
  const fields = presets.flatMap((p) => thresholdFields(BUILTIN_PACKS[p]));
  fc.assert(
    fc.property(
      fc.constantFrom(...fields),
      fc.oneof(
        fc.integer({ min: -100, max: 100 }),
        fc.double({ min: -100, max: 100, noNaN: true }),
      ),
      (field, v) => {
        const problem = fieldProblem(field, String(v));
        expect(problem === null).toBe(acceptsValue(field, v));
        if (problem !== null && field.integer && !Number.isInteger(v))
          expect(problem).toMatch(/^Enter a whole number/);
      },
    ),
    { numRuns: 500 },
  );
});

test("fields speak the label registry's words: a fact as the sheets head it, a rule by its gap type", () => {
  const fields = thresholdFields(BUILTIN_PACKS["seed-tier2"]);
  const trend = fields.find(
    (f) => f.pointer.startsWith("/rules/") && f.label.includes("below baseline"),
  );
  expect(trend?.label.startsWith(`Rule: ${GAP_TYPE_LABELS.below_baseline.toLowerCase()}: `)).toBe(
    true,
  );
  expect(fields.map((f) => f.group)).toContain(`Rule: ${GAP_TYPE_LABELS.zero_spend.toLowerCase()}`);
  expect(fields.map((f) => f.label)).toContain(
    `Rule: declining revenue: ${FACT_LABELS.trendPct} at most (%)`,
  );
  expect(fields.map((f) => f.label)).toContain(
    `Weight of ${FACT_LABELS.revenueImpact.toLowerCase()} (0 or more)`,
  );
});

test("a name the pack invents reads in words, short forms in full", () => {
  expect(humanise("baselinePurchaseWeeks")).toBe("Baseline purchase weeks");
  expect(humanise("trendPct")).toBe("Trend percent");
  expect(humanise("below-baseline")).toBe("Below baseline");
  expect(humanise("myAvgOrder")).toBe("My average order");
});

test("editing any field through the form keeps the pack valid and changes only that value", () => {
  const cases = presets.flatMap((p) => {
    const text = JSON.stringify(BUILTIN_PACKS[p], null, 2);
    return thresholdFields(JSON.parse(text)).map((field) => ({ text, field }));
  });
  fc.assert(
    fc.property(
      fc.constantFrom(...cases),
      fc.oneof(
        fc.integer({ min: -1000, max: 1000 }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
      ),
      ({ text, field }, raw) => {
        const value = field.integer
          ? Math.max(field.min ?? 1, Math.round(Math.abs(raw)) % 60 || 1)
          : field.min !== undefined
            ? Math.abs(raw)
            : raw;
        fc.pre(acceptsValue(field, value));
        const out = setThreshold(text, field.pointer, value);
        const check = validatePack(out, RGO_REGISTRY);
        if (!check.ok)
          throw new Error(`${field.label}=${value}: ${JSON.stringify(check.errors[0])}`);
        const expected = JSON.parse(text) as unknown;
        // JSON has no negative zero: -0 is written (and read back) as 0.
        setAt(expected, field.pointer, value === 0 ? 0 : value);
        expect(JSON.parse(out)).toEqual(expected);
        // Only the number's characters changed.
        const at = out.length - text.length;
        let i = 0;
        while (i < text.length && text[i] === out[i]) i++;
        expect(text.slice(i + String(field.value).length)).toBe(
          out.slice(i + String(field.value).length + at),
        );
      },
    ),
    { numRuns: 300 },
  );
});

test("setThreshold keeps compact formatting and refuses text that is not JSON", () => {
  const text = '{"parameters":{"ranking":{"by":"exposure","topN":20}}}';
  expect(setThreshold(text, "/parameters/ranking/topN", 35)).toBe(
    '{"parameters":{"ranking":{"by":"exposure","topN":35}}}',
  );
  expect(() => setThreshold('{"a": ', "/a", 1)).toThrow(/line 1/);
  expect(() => setThreshold(text, "/parameters/ranking/by", 1)).toThrow(/no number/);
});
