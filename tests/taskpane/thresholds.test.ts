/**
 * The thresholds form edits the pack's JSON in place: for every preset, editing any field with any
 * allowed value gives text that still validates and whose parsed value differs from the original
 * only at that field; text outside the number is untouched.
 */
import fc from "fast-check";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import {
  acceptsValue,
  setThreshold,
  thresholdFields,
  valueAt,
} from "../../src/taskpane/state/thresholds";

function setAt(doc: unknown, pointer: string, value: number): void {
  const keys = pointer.slice(1).split("/");
  const last = keys.pop() as string;
  const parent = valueAt(doc, keys.length ? "/" + keys.join("/") : "") as Record<string, unknown>;
  parent[last] = value;
}

const presets = Object.keys(BUILTIN_PACKS);

test("the form lists the main numbers and every numeric rule threshold, labelled as the UI contract says", () => {
  const fields = thresholdFields(BUILTIN_PACKS["seed-tier2"]);
  const byLabel = new Map(fields.map((f) => [f.label, f]));
  expect(byLabel.get("Current window (weeks)")?.value).toBe(4);
  expect(byLabel.get("Baseline window (weeks)")?.value).toBe(4);
  expect(byLabel.get("Top N")?.value).toBe(20);
  expect(byLabel.get("Weight: revenueImpact")?.value).toBe(0.35);
  expect(byLabel.get("declining-revenue: trendPct")?.value).toBe(-15);
  expect(byLabel.get("below-baseline: trendPct")?.value).toBe(-20);
  expect(byLabel.get("zero-spend: zeroWeeksCurrent")?.value).toBe(0);
  // Facts compared with other facts ({ "fact": … }) and text values are not thresholds.
  expect(fields.some((f) => f.label.startsWith("deal-stalled"))).toBe(false);
  expect(fields.some((f) => f.label === "declining-revenue: trendLabel")).toBe(false);
  expect(new Set(fields.map((f) => f.label)).size).toBe(fields.length);
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
