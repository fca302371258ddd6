/**
 * RGO Actions through both writers: an Excel table with a Status drop-down (data-validation list
 * of the four statuses over the data rows), user text that looks like a formula stored as text
 * byte for byte, and dates as dates. The exceljs file is read back with exceljs itself; the
 * Office.js writer runs against the fake Excel and its write log.
 */
import ExcelJS from "exceljs";
import { join } from "node:path";
import { actionsSheet } from "../../src/engine/history/actions-sheet";
import { mergeActions } from "../../src/engine/history/merge-actions";
import { readPreviousActions } from "../../src/engine/history/read-actions";
import type { ResultBook } from "../../src/engine/report/result-book";
import { writeResultBook as writeExcel } from "../../src/workbook/excel";
import { inMemoryTarget, writeLayoutSheet } from "../../src/workbook/exceljs-result-writer";
import { layoutBook } from "../../src/workbook/sheet-layout";
import { writeResultBook as writeFile } from "../../src/workbook/xlsx-result-writer";
import { tempDir } from "../cli/run-cli";
import { FakeExcel } from "../support/fake-excel";

const NOTE = '=HYPERLINK("x")';
const NEXT = new Date(Date.UTC(2025, 11, 24));

function book(): ResultBook {
  const header = ["Customer", "Owner", "Status", "Next step date", "Notes"];
  const previous = readPreviousActions({
    name: "RGO_Actions",
    origin: "test",
    header,
    headerRow: 1,
    firstColumn: 1,
    rows: [
      ["7", "Dana", "done", NEXT, NOTE],
      ["8", null, null, null, null],
    ],
  });
  const merged = mergeActions({
    previous,
    flagged: [
      { customerId: "7", gapType: "decline", rootCause: null, revenueAtRisk: 5, weeklySpend: 9 },
      { customerId: "9", gapType: "decline", rootCause: null, revenueAtRisk: 5, weeklySpend: 9 },
    ],
    weeklySpendNow: () => 9,
    asOfDay: 20400,
  });
  return { sheets: [actionsSheet(merged)], properties: {} };
}

// Columns: 11 tool columns (A-K), then Owner L, Status M, Action taken N, Next step date O, Notes P.
const LIST = '"open,in progress,done,won\'t act"';

test("exceljs file (the CLI): a table, the Status drop-down, the note as text, the date as a date", async () => {
  const file = join(tempDir("actions-writer"), "out.xlsx");
  await writeFile(book(), file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("RGO Actions");
  if (ws === undefined) throw new Error("no sheet");
  expect(ws.getCell("M1").value).toBe("Status");
  expect(ws.getCell("P1").value).toBe("Notes");
  const note = ws.getCell("P2");
  expect(note.value).toBe(NOTE);
  expect(note.type).toBe(ExcelJS.ValueType.String);
  expect(note.numFmt).toBe("@");
  expect((ws.getCell("O2").value as Date).getTime()).toBe(NEXT.getTime());
  expect(ws.getCell("O2").numFmt).toBe("yyyy-mm-dd");
  // exceljs reads the sheet's list (sqref M2:M4) back onto each of its cells.
  for (const a of ["M2", "M3", "M4"])
    expect(ws.getCell(a).dataValidation).toMatchObject({ type: "list", formulae: [LIST] });
  expect(ws.getCell("L2").dataValidation).toBeUndefined();
  expect(ws.getCell("M5").dataValidation).toBeUndefined();
});

test("exceljs in memory (the preview's download): the same drop-down", () => {
  const wb = new ExcelJS.Workbook();
  const [layout] = layoutBook(book().sheets);
  writeLayoutSheet(inMemoryTarget(wb), layout);
  const ws = wb.getWorksheet("RGO Actions") as ExcelJS.Worksheet;
  const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } })
    .dataValidations.model;
  expect(validations["M2:M4"]).toMatchObject({ type: "list", formulae: [LIST] });
  expect(ws.getCell("P2").value).toBe(NOTE);
});

test("Office.js (fake Excel): the drop-down in the write log, the note as text in a text cell", async () => {
  const x = new FakeExcel(["Data"]);
  await writeExcel(x.context(), book());
  const s = x.sheet("RGO Actions");
  expect(s.dataValidations).toEqual([
    { address: "M2:M4", source: "open,in progress,done,won't act" },
  ]);
  const note = s.cell(1, 15);
  expect(note?.value).toBe(NOTE);
  expect(note?.format).toBe("@");
  expect(note?.formula).toBeUndefined();
  const date = s.cell(1, 14);
  expect(date?.value).toBe(NEXT.getTime() / 86400000 + 25569);
  expect(date?.format).toBe("yyyy-mm-dd");
  expect(x.tables.map((t) => t.name)).toContain("RGO_Actions");
});
