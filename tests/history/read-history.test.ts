/**
 * The RGO History sheet read back as untrusted input (issue 12, "bad edits are input too"): each
 * kind of damage gives issues naming sheet, row and column, and every row with anything in it is
 * kept with its cells as found, and written back as it was by the next run's History sheet.
 */
import fc from "fast-check";
import { HISTORY_COLUMNS } from "../../src/engine/history/history-columns";
import { historySheet } from "../../src/engine/history/history-sheet";
import { entryNumber, readHistory } from "../../src/engine/history/read-history";
import { isBlankRow } from "../../src/engine/input/coerce-id";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import type { Issue } from "../../src/engine/issue";
import { loadPack } from "../../src/cli/load-pack";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { plantedWorkbook } from "./planted-seed";

const HEADER = HISTORY_COLUMNS.map((c) => c.header);
const at = (h: string): number => HEADER.indexOf(h);

/** A History row as the tool writes it (hand-made figures). */
function row(asOf: string, pack = "seed-v2", risk: CellValue = 100.25): CellValue[] {
  const r: CellValue[] = HEADER.map(() => null);
  r[at("Run at")] = new Date("2026-01-05T09:00:00Z");
  r[at("As of")] = asOf;
  r[at("Rule pack")] = pack;
  r[at("Pack version")] = "1.0.0";
  r[at("Customers")] = 200;
  r[at("Customers with gaps")] = 12;
  r[at("Revenue at risk (weekly)")] = risk;
  r[at("Risk-weighted exposure")] = 150.5;
  r[at("Re-run of the same as-of date")] = "no";
  return r;
}

const table = (header: string[], rows: CellValue[][]): RawTable => ({
  name: "RGO History",
  origin: "test",
  header,
  rows,
  headerRow: 1,
  firstColumn: 1,
});

function read(t: RawTable): { issues: Issue[]; r: ReturnType<typeof readHistory> } {
  const issues: Issue[] = [];
  return { issues, r: readHistory(t, issues) };
}

test("an undamaged sheet: every row, no issues", () => {
  const { issues, r } = read(table(HEADER, [row("2025-11-14"), row("2025-11-21")]));
  expect(issues).toEqual([]);
  expect(r.entries.map((e) => e.cells[at("As of")])).toEqual(["2025-11-14", "2025-11-21"]);
  expect(r.entries.map((e) => e.row)).toEqual([2, 3]);
});

test("headers retyped in another case and spacing are recognised", () => {
  const { issues, r } = read(
    table(
      HEADER.map((h) => ` ${h.toUpperCase().replace(/ /g, "  ")} `),
      [row("2025-11-14")],
    ),
  );
  expect(issues).toEqual([]);
  expect(r.entries[0].cells[at("As of")]).toBe("2025-11-14");
});

test("a renamed column: an issue on the header row naming it; its values kept under the new name", () => {
  const header = HEADER.map((h) => (h === "As of" ? "Week ending" : h));
  const { issues, r } = read(table(header, [row("2025-11-14"), row("2025-11-21")]));
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({
    sheet: "RGO History",
    row: 1,
    column: "As of",
    code: "history-column-missing",
  });
  expect(issues[0].message).toMatch(/"Week ending".*kept/);
  expect(r.extraHeaders).toEqual(["Week ending"]);
  expect(r.entries.map((e) => e.extra)).toEqual([["2025-11-14"], ["2025-11-21"]]);
  // Written back: the kept column and its values are there.
  const sheet = historySheet(
    r,
    HEADER.map(() => null),
    "seed-v2",
  );
  const t = sheet.content.kind === "table" ? sheet.content.table : null;
  const j = t?.columns.findIndex((c) => c.header === "Week ending") ?? -1;
  expect(t?.rows.map((x) => x[j])).toEqual(["2025-11-14", "2025-11-21", null]);
});

test("text in a number cell: an issue with sheet, row and column; the text kept; the figure left out", () => {
  const { issues, r } = read(
    table(HEADER, [row("2025-11-14"), row("2025-11-21", "seed-v2", "about 300")]),
  );
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({
    sheet: "RGO History",
    row: 3,
    column: "Revenue at risk (weekly)",
    code: "history-bad-cell",
  });
  expect(r.entries[1].cells[at("Revenue at risk (weekly)")]).toBe("about 300");
  expect(entryNumber(r.entries[1], "revenueAtRisk")).toBeNull();
  expect(entryNumber(r.entries[0], "revenueAtRisk")).toBe(100.25);
  // Money typed as text with a symbol and separators is read as the number it says.
  const typed = read(table(HEADER, [row("2025-11-14", "seed-v2", "$1,234.50")]));
  expect(typed.issues).toEqual([]);
  expect(entryNumber(typed.r.entries[0], "revenueAtRisk")).toBe(1234.5);
});

test("a deleted header row: one issue, the rows read by position, none lost", () => {
  const rows = [row("2025-11-14"), row("2025-11-21"), row("2025-11-28")];
  // What a reader gives when the header row was deleted: the first data row becomes the header.
  const t = table(
    rows[0].map((v) => (v instanceof Date ? v.toISOString() : v === null ? "" : String(v))),
    rows.slice(1),
  );
  const { issues, r } = read(t);
  expect(issues.filter((i) => i.code === "history-header-missing")).toHaveLength(1);
  expect(issues[0]).toMatchObject({ sheet: "RGO History", row: 1 });
  expect(r.entries.map((e) => e.cells[at("As of")])).toEqual([
    "2025-11-14",
    "2025-11-21",
    "2025-11-28",
  ]);
  expect(r.entries.map((e) => e.row)).toEqual([1, 2, 3]);
  expect(entryNumber(r.entries[0], "customers")).toBe(200);
});

test("50,000 blank rows: one issue counting them all; every other row kept", () => {
  const blanks: CellValue[][] = Array.from({ length: 50_000 }, () => HEADER.map(() => null));
  const { issues, r } = read(table(HEADER, [row("2025-11-14"), ...blanks, row("2025-11-21")]));
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({
    code: "history-blank-rows",
    row: 3,
    count: 50_000,
    severity: "info",
  });
  expect(r.entries.map((e) => e.row)).toEqual([2, 50_003]);
});

test("a row from another rule pack is kept and marked; a blank required cell is named", () => {
  const blankAsOf = row("");
  const { issues, r } = read(table(HEADER, [row("2025-11-14", "default"), blankAsOf]));
  expect(issues).toEqual([expect.objectContaining({ row: 3, column: "As of" })]);
  const sheet = historySheet(
    r,
    HEADER.map(() => null),
    "seed-v2",
  );
  const t = sheet.content.kind === "table" ? sheet.content.table : null;
  const check = t?.columns.findIndex((c) => c.header === "Check") ?? -1;
  expect(t?.rows.map((x) => x[check])).toEqual([
    "different rule pack (default); not compared",
    "As of: blank",
    "",
  ]);
  // The earlier rows are written back exactly as read.
  expect(t?.rows.slice(0, 2).map((x) => x.slice(0, HEADER.length))).toEqual([
    row("2025-11-14", "default"),
    blankAsOf.map((v) => (v === "" ? null : v)),
  ]);
});

test("property: any table is read without throwing; every non-blank row is kept with its cells", () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
  );
  const header = fc.array(
    fc.oneof(fc.constantFrom(...HEADER, "Check", "Notes", ""), fc.string({ maxLength: 5 })),
    { maxLength: 22 },
  );
  fc.assert(
    fc.property(
      header,
      fc.array(fc.array(cell, { maxLength: 22 }), { maxLength: 30 }),
      (h, rows) => {
        const issues: Issue[] = [];
        const r = readHistory(table(h, rows), issues);
        const byPosition = issues.some((i) => i.code === "history-header-missing");
        const all = byPosition ? [h as CellValue[], ...rows] : rows;
        expect(r.entries.length).toBe(all.filter((x) => !isBlankRow(x)).length);
        const blanks = issues.find((i) => i.code === "history-blank-rows");
        expect(blanks?.count ?? (blanks ? 1 : 0)).toBe(all.filter((x) => isBlankRow(x)).length);
        for (const i of issues) {
          expect(i.sheet).toBe("RGO History");
          expect(i.message.length).toBeGreaterThan(0);
        }
        // Cells of recognised columns are kept: the value found, or its number.
        for (const e of r.entries) expect(e.cells).toHaveLength(HEADER.length);
      },
    ),
    { numRuns: 300 },
  );
});

test("through runAnalysis: the damage reaches RGO Issues and the JSON; the trend skips another pack's run", async () => {
  const pack = await loadPack("seed-v2");
  const out = await runAnalysis(plantedWorkbook(), pack, {
    runAt: new Date("2026-01-05T09:00:00Z"),
    asOf: "2025-11-21",
    previous: {
      source: "test",
      history: table(HEADER, [row("2025-11-14", "seed-v2", "lots"), row("2025-11-14", "default")]),
    },
  });
  expect(out.summary.issues.filter((i) => i.sheet === "RGO History")).toHaveLength(2);
  expect(out.issues.map((i) => [i.code, i.row, i.column])).toEqual(
    expect.arrayContaining([
      ["history-bad-cell", 2, "Revenue at risk (weekly)"],
      ["history-other-pack", 3, "Rule pack"],
    ]),
  );
  expect(out.summary.trend).toBeUndefined();
  const history = out.book.sheets.find((s) => s.name === "RGO History");
  expect(history?.content.kind === "table" && history.content.table.rows.length).toBe(3);
}, 60_000);
