import fc from "fast-check";
import { isRgoError } from "../../src/engine/errors";
import { planSheetWrites, type ExistingSheet } from "../../src/workbook/sheet-ownership";

const input = (name: string): ExistingSheet => ({ name, ours: false });
const ours = (name: string): ExistingSheet => ({ name, ours: true });

describe("planSheetWrites: hand-worked cases", () => {
  test("an empty workbook: every target is created", () => {
    expect(planSheetWrites([], ["RGO Summary", "RGO Gaps"])).toEqual({
      ok: true,
      replace: [],
      create: ["RGO Summary", "RGO Gaps"],
      replacesAll: false,
    });
  });

  test("our earlier sheets are replaced (as spelled in the workbook), new ones created, inputs left alone", () => {
    const existing = [input("customers"), ours("rgo gaps"), input("weekly_sales")];
    expect(planSheetWrites(existing, ["RGO Summary", "RGO Gaps"])).toEqual({
      ok: true,
      replace: ["rgo gaps"],
      create: ["RGO Summary"],
      replacesAll: false,
    });
  });

  test("a sheet the user made with a target's name refuses the whole write, naming it", () => {
    const plan = planSheetWrites(
      [ours("RGO Summary"), input("RGO gaps")],
      ["RGO Summary", "RGO Gaps"],
    );
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(isRgoError(plan.error)).toBe(true);
    expect(plan.error.kind).toBe("input");
    expect(plan.error.code).toBe("foreign-rgo-sheet");
    expect(plan.error.message).toContain('Sheet "RGO gaps" already exists');
  });

  test("replacing every sheet of the workbook says so (Excel needs a placeholder sheet)", () => {
    const plan = planSheetWrites([ours("RGO Rules")], ["RGO Rules"]);
    expect(plan).toEqual({ ok: true, replace: ["RGO Rules"], create: [], replacesAll: true });
  });

  test("a target named twice is planned once", () => {
    expect(planSheetWrites([], ["RGO Gaps", "rgo gaps"])).toEqual({
      ok: true,
      replace: [],
      create: ["RGO Gaps"],
      replacesAll: false,
    });
  });
});

test("property: never replaces a sheet that is not ours, never touches a sheet outside the targets", () => {
  const name = fc.constantFrom(
    "RGO Gaps",
    "rgo gaps",
    "RGO Summary",
    "Sales",
    "customers",
    "RGO Rules",
  );
  const existingArb = fc.uniqueArray(fc.record({ name, ours: fc.boolean() }), {
    selector: (s) => s.name.toLowerCase(),
    maxLength: 6,
  });
  fc.assert(
    fc.property(existingArb, fc.array(name, { maxLength: 6 }), (existing, targets) => {
      const plan = planSheetWrites(existing, targets);
      const targetKeys = new Set(targets.map((t) => t.toLowerCase()));
      const byKey = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
      const foreignTarget = existing.find((s) => !s.ours && targetKeys.has(s.name.toLowerCase()));
      if (!plan.ok) {
        // Refused exactly when a target is a sheet the user made, and it names that sheet.
        expect(foreignTarget).toBeDefined();
        expect(existing.some((s) => s.name === plan.error.location && !s.ours)).toBe(true);
        return;
      }
      expect(foreignTarget).toBeUndefined();
      for (const r of plan.replace) {
        expect(byKey.get(r.toLowerCase())?.ours).toBe(true);
        expect(targetKeys.has(r.toLowerCase())).toBe(true);
      }
      for (const c of plan.create) expect(byKey.has(c.toLowerCase())).toBe(false);
      // Every target is planned exactly once.
      const planned = [...plan.replace, ...plan.create].map((n) => n.toLowerCase());
      expect(new Set(planned).size).toBe(planned.length);
      expect(new Set(planned)).toEqual(targetKeys);
    }),
  );
});
