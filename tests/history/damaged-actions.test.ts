/**
 * The damaged RGO Actions matrix (issue 12): each way a user can damage the sheet gives issues
 * naming the sheet, row and column, keeps every value the user typed somewhere visible, and never
 * throws. Tables are written out by hand here (headers as the user sees them), so the expected
 * values do not come from the code under test.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Issue } from "../../src/engine/issue";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { actionsSheet } from "../../src/engine/history/actions-sheet";
import { type FlaggedNow, mergeActions } from "../../src/engine/history/merge-actions";
import { readPreviousActions } from "../../src/engine/history/read-actions";
import { nodeInflate } from "../../src/workbook/xlsx/read-xlsx-file";
import { readXlsxBook } from "../../src/workbook/xlsx/read-xlsx";
import { tempDir } from "../cli/run-cli";
import { ACTIONS_HEADER } from "./actions-helpers";

const HEADER = ACTIONS_HEADER;
const D = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86400000;
const AS_OF = dayOf("2025-11-28");

/** A previous sheet as RGO wrote it on 2025-11-21, with what the user typed since. */
function row(id: CellValue, user: CellValue[], extra: CellValue[] = []): CellValue[] {
  return [
    id,
    "decline",
    "price",
    50,
    D("2025-11-14"),
    1,
    "flagged",
    null,
    100,
    90,
    -10,
    ...user,
    ...extra,
  ];
}
const ROWS = (): CellValue[][] => [
  row("101", ["Dana", "in progress", "called", D("2025-12-01"), '=HYPERLINK("x")']),
  row("102", ["Lee", "open", null, null, "  spaced  "]),
  row("103", [null, "done", "visit", null, 7]),
];
function table(header: string[], rows: CellValue[][]): RawTable {
  return { name: "RGO_Actions", origin: "xlsx table", header, rows, headerRow: 1, firstColumn: 1 };
}
const NOW: FlaggedNow[] = [
  { customerId: "101", gapType: "decline", rootCause: "price", revenueAtRisk: 60, weeklySpend: 80 },
  { customerId: "103", gapType: "lapse", rootCause: null, revenueAtRisk: 20, weeklySpend: 95 },
  { customerId: "104", gapType: "decline", rootCause: null, revenueAtRisk: 10, weeklySpend: 40 },
];
const SPEND: Record<string, number> = { "101": 80, "102": 130, "103": 95, "104": 40 };

function merge(t: RawTable | undefined, flaggedLastRun?: Set<string>) {
  const previous = t === undefined ? null : readPreviousActions(t);
  const merged = mergeActions({
    previous,
    flagged: NOW,
    weeklySpendNow: (id) => SPEND[id] ?? null,
    asOfDay: AS_OF,
    ...(flaggedLastRun ? { flaggedLastRun } : {}),
  });
  const sheet = actionsSheet(merged);
  if (sheet.content.kind !== "table") throw new Error("not a table");
  const out = sheet.content.table;
  const issues: Issue[] = [...(previous?.issues ?? []), ...merged.issues];
  const cell = (id: string, header: string): CellValue => {
    const r = out.rows.find((x) => x[0] === id);
    if (r === undefined) throw new Error(`no row ${id}`);
    return r[out.columns.findIndex((c) => c.header === header)] as CellValue;
  };
  return { out, issues, cell, ids: out.rows.map((r) => r[0]) };
}

test("undamaged: user cells kept, tool cells refreshed, closed and new rows", () => {
  const { cell, ids, issues } = merge(table(HEADER, ROWS()));
  expect(issues).toEqual([]);
  expect(ids).toEqual(["101", "102", "103", "104"]);
  expect(cell("101", "Notes")).toBe('=HYPERLINK("x")');
  expect(cell("102", "Notes")).toBe("  spaced  ");
  expect(cell("103", "Notes")).toBe(7);
  expect((cell("101", "Next step date") as Date).toISOString()).toBe("2025-12-01T00:00:00.000Z");
  expect(cell("101", "Revenue at risk (a week)")).toBe(60);
  expect(cell("101", "Runs since first flagged")).toBe(2);
  // 102 is no longer flagged: closed on this as-of date; recovered 130 - 100 a week.
  expect(cell("102", "Gap now")).toBe("closed");
  expect((cell("102", "Closed on") as Date).getTime()).toBe(AS_OF * 86400000);
  expect(cell("102", "Recovered (a week)")).toBe(30);
  expect(cell("102", "Revenue at risk (a week)")).toBe(0);
  expect(cell("104", "Gap now")).toBe("flagged");
  expect((cell("104", "First flagged") as Date).getTime()).toBe(AS_OF * 86400000);
  expect(cell("104", "Owner")).toBeNull();
});

const where = (i: Issue): [string, number | null, string | null] => [i.sheet, i.row, i.column];

test("1. a renamed user column (in place) is read under its own place and written back", () => {
  const h = [...HEADER];
  h[15] = "Comments";
  const { cell, issues, out } = merge(table(h, ROWS()));
  expect(cell("101", "Notes")).toBe('=HYPERLINK("x")');
  expect(out.columns.map((c) => c.header)).not.toContain("Comments");
  expect(issues.map(where)).toEqual([["RGO Actions", 1, "Comments"]]);
  expect(issues[0].message).toMatch(/"Comments".*"Notes"/);
});

test("1b. a column inserted and Notes renamed: both kept as extra columns, Notes reported missing", () => {
  const h = [...HEADER.slice(0, 14), "Extra", "Next step date", "Comments"];
  const rows = ROWS().map((r) => [...r.slice(0, 14), "x", r[14], r[15]]);
  const { cell, issues, out } = merge(table(h, rows));
  expect(out.columns.slice(-2).map((c) => c.header)).toEqual(["Extra", "Comments"]);
  expect(cell("101", "Comments")).toBe('=HYPERLINK("x")');
  expect(cell("101", "Extra")).toBe("x");
  expect((cell("101", "Next step date") as Date).toISOString().slice(0, 10)).toBe("2025-12-01");
  expect(cell("101", "Notes")).toBeNull();
  expect(issues.map(where)).toEqual([["RGO Actions", 1, "Notes"]]);
  expect(issues[0].message).toMatch(/No "Notes" column.*kept as an extra column/);
});

test("2. a renamed tool column (in place) still carries the first-flag memory", () => {
  const h = [...HEADER];
  h[4] = "Flagged since";
  const { cell, issues } = merge(table(h, ROWS()));
  expect((cell("101", "First flagged") as Date).toISOString().slice(0, 10)).toBe("2025-11-14");
  expect(issues.map(where)).toEqual([["RGO Actions", 1, "Flagged since"]]);
});

test("3. text in the next-step-date column: kept as typed, one issue with its row", () => {
  const rows = ROWS();
  rows[1][14] = "after Easter";
  const { cell, issues } = merge(table(HEADER, rows));
  expect(cell("102", "Next step date")).toBe("after Easter");
  expect(issues.map(where)).toEqual([["RGO Actions", 3, "Next step date"]]);
  expect(issues[0].message).toMatch(/Expected a date, found "after Easter": kept as typed/);
});

test("4. a date and unknown text in the status column: kept as typed, reported", () => {
  const rows = ROWS();
  rows[0][12] = D("2025-12-24");
  rows[1][12] = "Waiting on client";
  const { cell, issues } = merge(table(HEADER, rows));
  expect((cell("101", "Status") as Date).toISOString().slice(0, 10)).toBe("2025-12-24");
  expect(cell("102", "Status")).toBe("Waiting on client");
  expect(issues.map(where)).toEqual([
    ["RGO Actions", 2, "Status"],
    ["RGO Actions", 3, "Status"],
  ]);
  expect(issues[0].message).toMatch(/the date 2025-12-24/);
});

test("5. a customer on two rows: both rows kept with both texts, said so", () => {
  const rows = [...ROWS(), row("101", ["Kim", "done", null, null, "second note"])];
  const { out, issues } = merge(table(HEADER, rows));
  const both = out.rows.filter((r) => r[0] === "101").map((r) => [r[11], r[15]]);
  expect(both).toEqual([
    ["Dana", '=HYPERLINK("x")'],
    ["Kim", "second note"],
  ]);
  expect(issues.map(where)).toEqual([["RGO Actions", 5, "Customer"]]);
  expect(issues[0].message).toMatch(/also on row 2/);
});

test("6. a formula the user typed: its cached value is kept (read from a real .xlsx)", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("RGO Actions");
  ws.addTable({
    name: "RGO_Actions",
    ref: "A1",
    headerRow: true,
    columns: HEADER.map((name) => ({ name })),
    rows: ROWS(),
  });
  ws.getCell("P3").value = { formula: 'L3&" to call"', result: "Lee to call" };
  const file = join(tempDir("formula"), "book.xlsx");
  await wb.xlsx.writeFile(file);
  const book = readXlsxBook(readFileSync(file), "book.xlsx", { rawInflate: nodeInflate });
  const t = book.sheets.find((s) => s.name === "RGO Actions")?.tables[0];
  const { cell, issues } = merge(t);
  expect(cell("102", "Notes")).toBe("Lee to call");
  expect(cell("101", "Notes")).toBe('=HYPERLINK("x")');
  expect(issues).toEqual([]);
});

test("7. 50,000 blank rows: skipped fast, one issue with the true count", () => {
  const blanks = Array.from({ length: 50000 }, () => new Array<CellValue>(16).fill(null));
  const rows = [ROWS()[0], ...blanks, ROWS()[1], ROWS()[2]];
  const t0 = performance.now();
  const { ids, issues } = merge(table(HEADER, rows));
  expect(performance.now() - t0).toBeLessThan(2000);
  expect(ids).toEqual(["101", "102", "103", "104"]);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ sheet: "RGO Actions", row: 3, severity: "info" });
  expect(issues[0].message).toMatch(/^50,000 blank rows/);
});

test("8. the header row deleted: the first row is read as data, columns in RGO's order", () => {
  const rows = ROWS();
  const first = rows.shift() as CellValue[];
  // A reader takes the first row as the header (text cells, as the .xlsx reader gives them).
  const header = first.map((v) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? "" : String(v),
  );
  const { cell, ids, issues } = merge(table(header, rows));
  expect(ids).toEqual(["101", "102", "103", "104"]);
  expect(cell("101", "Owner")).toBe("Dana");
  expect(cell("101", "Notes")).toBe('=HYPERLINK("x")');
  expect(cell("101", "Next step date")).toBe("2025-12-01");
  expect(cell("102", "Owner")).toBe("Lee");
  expect(issues.map(where)).toEqual([["RGO Actions", 1, null]]);
});

test("9. columns the user added are kept, with their header, after RGO's", () => {
  const h = [...HEADER, "Region manager", "Budget"];
  const rows = ROWS().map((r, i) => [...r, `RM${i}`, i * 100]);
  const { out, cell } = merge(table(h, rows));
  expect(out.columns.slice(-2).map((c) => c.header)).toEqual(["Region manager", "Budget"]);
  expect(cell("102", "Region manager")).toBe("RM1");
  expect(cell("103", "Budget")).toBe(200);
  expect(cell("104", "Budget")).toBeNull();
});

test("10. a deleted row stays deleted when the previous run had flagged it", () => {
  const rows = ROWS().filter((r) => r[0] !== "103");
  expect(merge(table(HEADER, rows), new Set(["101", "102", "103"])).ids).toEqual([
    "101",
    "102",
    "104",
  ]);
  const { issues } = merge(table(HEADER, rows), new Set(["101", "102", "103"]));
  expect(issues[0].message).toMatch(/^1 flagged customer's row was deleted/);
  // Without the previous run's record the customer cannot be told from a new gap: appended.
  expect(merge(table(HEADER, rows)).ids).toEqual(["101", "102", "103", "104"]);
});

test("11. rows the user re-ordered keep their order", () => {
  const rows = ROWS().reverse();
  expect(merge(table(HEADER, rows)).ids).toEqual(["103", "102", "101", "104"]);
});

test("12. a customer id typed as a number matches the same id as text", () => {
  const rows = ROWS();
  rows[2][0] = 103;
  const { ids, issues, cell } = merge(table(HEADER, rows));
  expect(ids).toEqual(["101", "102", "103", "104"]);
  expect(cell("103", "Action taken")).toBe("visit");
  expect(cell("103", "Gap now")).toBe("flagged");
  expect(issues).toEqual([]);
});

test("13. an empty sheet: one note, a fresh sheet of this run's flagged customers", () => {
  const { ids, issues } = merge(table([], []));
  expect(ids).toEqual(["101", "103", "104"]);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ sheet: "RGO Actions", code: "actions-empty" });
});

test("14. a row whose customer was cleared is kept at the end, as written", () => {
  const rows = ROWS();
  rows[0][0] = null;
  const { out, issues } = merge(table(HEADER, rows));
  // 101 is flagged and has no row any more: it gets a fresh one; the cleared row goes last.
  expect(out.rows.map((r) => r[0])).toEqual(["102", "103", "101", "104", null]);
  const last = out.rows[out.rows.length - 1];
  expect(last[11]).toBe("Dana");
  expect(last[15]).toBe('=HYPERLINK("x")');
  expect(issues.map(where)).toEqual([["RGO Actions", 2, "Customer"]]);
});

test("15. bad values in tool columns: reported, treated as unknown, user cells kept", () => {
  const rows = ROWS();
  rows[0][4] = "last week";
  rows[0][8] = "lots";
  const { cell, issues } = merge(table(HEADER, rows));
  expect(issues.map(where)).toEqual([
    ["RGO Actions", 2, "First flagged"],
    ["RGO Actions", 2, "Weekly spend at first flag"],
  ]);
  // Unknown first flag: restarted at this run; unknown spend at the flag: this run's.
  expect((cell("101", "First flagged") as Date).getTime()).toBe(AS_OF * 86400000);
  expect(cell("101", "Recovered (a week)")).toBe(0);
  expect(cell("101", "Owner")).toBe("Dana");
});
