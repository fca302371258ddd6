/** The sheet view's table boxes get unique accessible names (17 summary tables were all "RGO Summary"). */
import fc from "fast-check";
import { regionNames } from "../../src/taskpane/state/region-names";
import type { SheetViewPart } from "../../src/taskpane/state/sheet-view";

const table = (title: string | null): SheetViewPart => ({
  kind: "table",
  title,
  headers: ["A"],
  numeric: [false],
  rows: [["x"]],
  totalRows: 1,
});

test("title, else the heading above, else the sheet; repeats numbered", () => {
  const parts: SheetViewPart[] = [
    table(null),
    { kind: "heading", text: "Headline figures", level: 2 },
    table(null),
    table(null),
    { kind: "text", text: "…" },
    table("By segment"),
    table("By segment"),
  ];
  expect([...regionNames(parts, "RGO Summary").entries()]).toEqual([
    [0, "RGO Summary (table)"],
    [2, "Headline figures (table)"],
    [3, "Headline figures (table 2)"],
    [5, "By segment (table)"],
    [6, "By segment (table 2)"],
  ]);
});

test("names are unique and one per table, whatever the titles and headings", () => {
  const part = fc.oneof(
    fc.constantFrom<string | null>(null, "A", "B", "A (table)").map(table),
    fc
      .constantFrom("A", "B", "H")
      .map((text): SheetViewPart => ({ kind: "heading", text, level: 2 })),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 30 }), (parts) => {
      const names = regionNames(parts, "S");
      const tables = parts.filter((p) => p.kind === "table").length;
      expect(names.size).toBe(tables);
      expect(new Set(names.values()).size).toBe(tables);
    }),
  );
});
