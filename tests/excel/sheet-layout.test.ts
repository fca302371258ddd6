import fc from "fast-check";
import type {
  ColumnFormat,
  ResultCell,
  ResultSheet,
  ResultTable,
  SummaryBlock,
} from "../../src/engine/report/result-book";
import {
  layoutBook,
  layoutCellValue,
  layoutSheet,
  type GridRange,
  type SheetLayout,
} from "../../src/workbook/sheet-layout";
import { fixtureBook, HYPERLINK_ID, LONG_TEXT } from "../workbook/result-book-fixture";
import { EXCEL_MAX_CELL_CHARS } from "../../src/workbook/xlsx-cell";

const FORMATS: ColumnFormat[] = [
  "text",
  "integer",
  "decimal",
  "score",
  "currency",
  "percent",
  "date",
];

function regionRange(g: SheetLayout["regions"][number]): GridRange {
  return {
    top: g.top,
    left: g.left,
    bottom: g.top + g.height - 1,
    right: g.left + Math.max(g.width, g.mergeAcross ?? 0) - 1,
  };
}

const overlaps = (a: GridRange, b: GridRange): boolean =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

const inside = (a: GridRange, l: SheetLayout): boolean =>
  a.top >= 0 &&
  a.left >= 0 &&
  a.bottom < l.rowCount &&
  a.right < l.columnCount &&
  a.top <= a.bottom &&
  a.left <= a.right;

/** Structural invariants every layout must satisfy. */
function checkLayout(l: SheetLayout): string[] {
  const problems: string[] = [];
  const regions = l.regions.map(regionRange);
  regions.forEach((r, i) => {
    if (!inside(r, l)) problems.push(`region ${i} outside the sheet`);
    const g = l.regions[i];
    if (g.rows.length !== g.height) problems.push(`region ${i} height`);
    if (g.columnFormats.length !== g.width) problems.push(`region ${i} formats`);
    for (const c of g.cellFormats)
      if (c.row < 0 || c.row >= g.height || c.col < 0 || c.col >= g.width)
        problems.push(`region ${i} cell format outside`);
    for (let j = 0; j < i; j++)
      if (overlaps(r, regions[j])) problems.push(`regions ${j} and ${i} overlap`);
  });
  l.tables.forEach((t, i) => {
    if (!inside(t.range, l)) problems.push(`table ${t.name} outside the sheet`);
    if (t.range.bottom - t.range.top < 1) problems.push(`table ${t.name} has no data row`);
    for (let j = 0; j < i; j++)
      if (overlaps(t.range, l.tables[j].range)) problems.push(`tables ${j} and ${i} overlap`);
  });
  for (const c of l.charts) {
    if (!inside(c.anchor, l)) problems.push(`chart ${c.title} outside`);
    for (const r of regions)
      if (overlaps(c.anchor, r)) problems.push(`chart ${c.title} covers cells`);
  }
  return problems;
}

test("table sheet: header at row 1, frozen, table over header + rows, colour scale on score columns", () => {
  const sheet: ResultSheet = {
    name: "RGO Gaps",
    content: {
      kind: "table",
      table: {
        name: "RGO_Gaps",
        columns: [
          { header: "Customer", format: "text" },
          { header: "Score", format: "score" },
          { header: "Gap", format: "currency" },
        ],
        rows: [
          ["C1", 5, 10],
          [HYPERLINK_ID, 7, "n/a"],
          ["C3", 1, "=1+1"],
        ],
      },
    },
  };
  const l = layoutSheet(sheet);
  expect(l.freezeRows).toBe(1);
  expect(l.tables).toEqual([
    expect.objectContaining({
      name: "RGO_Gaps",
      range: { top: 0, left: 0, bottom: 3, right: 2 },
      dataRows: 3,
    }),
  ]);
  expect(l.regions.map((g) => [g.role, g.top, g.height])).toEqual([
    ["table-header", 0, 1],
    ["table-body", 1, 3],
  ]);
  expect(l.regions[1].columnFormats).toEqual(["@", "0.00", "$#,##0.00;[Red]-$#,##0.00"]);
  // Formula-looking text in a non-text column gets "@"; other text keeps the column's format (a
  // file stores it as text anyway; the Office.js writer adds "@" for Excel itself).
  expect(l.regions[1].cellFormats).toEqual([{ row: 2, col: 2, format: "@" }]);
  expect(l.colorScales).toEqual([{ range: { top: 1, left: 1, bottom: 3, right: 1 } }]);
  expect(checkLayout(l)).toEqual([]);
});

test("report sheet from the writer's fixture: rows as the .xlsx writer places them, charts right of the blocks", () => {
  const book = fixtureBook();
  const layouts = layoutBook(book.sheets);
  for (const l of layouts) expect(checkLayout(l)).toEqual([]);
  const summary = layouts[0];
  expect(summary.kind).toBe("report");
  expect(summary.regions[0]).toMatchObject({
    role: "heading1",
    top: 0,
    rows: [["Revenue gap summary"]],
  });
  expect(summary.regions[1]).toMatchObject({ role: "figures", top: 1, width: 2 });
  // Figure values: text gets "@", numbers their format.
  const fig = summary.regions[1];
  const fmt = (label: string): string | undefined =>
    fig.cellFormats.find((c) => fig.rows[c.row][0] === label)?.format;
  expect(fmt("Verdict")).toBe("@");
  expect(fmt("Total gap")).toBe("$#,##0.00;[Red]-$#,##0.00");
  expect(fmt("Share at risk")).toBe("0.0%");
  // Sheet names made valid like the writer's (31 characters).
  for (const l of layouts) expect(l.name.length).toBeLessThanOrEqual(31);
});

test("empty table: one blank data row reserved; charts over empty tables are skipped", () => {
  const l = layoutSheet({
    name: "RGO Summary",
    content: {
      kind: "report",
      blocks: [
        {
          kind: "table",
          table: {
            name: "T1",
            columns: [
              { header: "A", format: "text" },
              { header: "B", format: "currency" },
            ],
            rows: [],
          },
        },
        { kind: "paragraph", text: "after" },
      ],
    },
    charts: [{ title: "x", table: "T1", categoryColumn: 0, valueColumn: 1, kind: "pie" }],
  });
  expect(l.tables[0].range).toEqual({ top: 0, left: 0, bottom: 1, right: 1 });
  expect(l.charts).toEqual([]);
  expect(l.regions.find((g) => g.role === "text")?.top).toBe(3);
  expect(checkLayout(l)).toEqual([]);
});

test("layoutCellValue: text stays text, long text cut, non-finite numbers and invalid dates empty", () => {
  expect(layoutCellValue("=1+1")).toEqual({ value: "=1+1", text: true, formulaLike: true });
  expect(layoutCellValue("00123")).toEqual({ value: "00123", text: true, formulaLike: false });
  expect(layoutCellValue(NaN).value).toBeNull();
  expect(layoutCellValue(new Date("x")).value).toBeNull();
  expect(layoutCellValue("").value).toBeNull();
  expect(String(layoutCellValue(LONG_TEXT).value).length).toBe(EXCEL_MAX_CELL_CHARS);
});

// ---- properties

const cellArb: fc.Arbitrary<ResultCell> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
);

const tableArb = (name: fc.Arbitrary<string>): fc.Arbitrary<ResultTable> =>
  fc
    .record({
      name,
      title: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
      columns: fc.array(
        fc.record({ header: fc.string({ maxLength: 8 }), format: fc.constantFrom(...FORMATS) }),
        { minLength: 1, maxLength: 6 },
      ),
      rowCount: fc.nat(6),
      seed: fc.array(cellArb, { minLength: 36, maxLength: 36 }),
    })
    .map(({ name: n, title, columns, rowCount, seed }) => ({
      name: n,
      ...(title === undefined ? {} : { title }),
      columns,
      rows: Array.from({ length: rowCount }, (_, r) =>
        columns.map((_c, c) => seed[(r * 6 + c) % 36]),
      ),
    }));

const blockArb: fc.Arbitrary<SummaryBlock> = fc.oneof(
  fc.record({
    kind: fc.constant("heading" as const),
    text: fc.string({ maxLength: 20 }),
    level: fc.constantFrom(1 as const, 2 as const),
  }),
  fc.record({
    kind: fc.constant("figures" as const),
    items: fc.array(
      fc.record({
        label: fc.string({ maxLength: 10 }),
        value: cellArb,
        format: fc.constantFrom(...FORMATS),
      }),
      { maxLength: 4 },
    ),
  }),
  fc.record({ kind: fc.constant("paragraph" as const), text: fc.string({ maxLength: 300 }) }),
  fc.record({
    kind: fc.constant("bullets" as const),
    items: fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant("table" as const),
    table: tableArb(fc.constantFrom("T_a", "T_b", "RGO_X", "1bad", "A1")),
  }),
  fc.constant({ kind: "spacer" as const }),
);

test("property: every region, table and chart lies inside its sheet; nothing overlaps", () => {
  fc.assert(
    fc.property(
      fc.array(blockArb, { maxLength: 10 }),
      fc.array(
        fc.record({
          title: fc.string({ maxLength: 8 }),
          table: fc.constantFrom("T_a", "T_b", "RGO_X", "missing"),
          categoryColumn: fc.integer({ min: -1, max: 6 }),
          valueColumn: fc.integer({ min: -1, max: 6 }),
          kind: fc.constantFrom("bar" as const, "pie" as const),
        }),
        { maxLength: 3 },
      ),
      tableArb(fc.constant("RGO_Main")),
      (blocks, charts, main) => {
        const layouts = layoutBook([
          { name: "RGO Summary", content: { kind: "report", blocks }, charts },
          { name: "RGO Main", content: { kind: "table", table: main } },
        ]);
        for (const l of layouts) expect(checkLayout(l)).toEqual([]);
        // Table names are unique across the book.
        const names = layouts.flatMap((l) => l.tables.map((t) => t.name.toLowerCase()));
        expect(new Set(names).size).toBe(names.length);
      },
    ),
    { numRuns: 200 },
  );
});
