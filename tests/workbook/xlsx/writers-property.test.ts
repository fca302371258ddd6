/**
 * Property: random workbooks written by exceljs and by Python's openpyxl (which writes absolute
 * relationship targets), with their zip entries in random orders, read back by our reader as the
 * same tables every time, equal to what was written (and their column-wise cells, which the input
 * layer reads, agreeing with those rows).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import type { CellValue, RawTable } from "../../../src/engine/input/raw-table";
import { readXlsxBytes } from "../../../src/workbook/xlsx/read-xlsx";
import { tempDir } from "../external-tools";

interface SheetModel {
  name: string;
  header: string[];
  rows: CellValue[][];
  table: boolean;
}

const text = fc
  .string({ minLength: 1, maxLength: 12, unit: "grapheme" })
  // eslint-disable-next-line no-control-regex -- XML cannot carry C0 controls or lone surrogates
  .map((s) => s.replace(/[\u0000-\u001f\ud800-\udfff\ufffe\uffff]/g, "x").trim())
  .filter((s) => s.length > 0 && !s.startsWith("=") && !s.startsWith("_x"));
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  text,
  fc.integer({ min: -1e9, max: 1e9 }),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .map((x) => (Object.is(x, -0) ? 0 : x)),
  fc.boolean(),
  fc
    .integer({ min: 0, max: 365 * 150 })
    .map((d) => new Date(Date.UTC(1950, 0, 1) + d * 86_400_000)),
);
const sheet = (index: number): fc.Arbitrary<SheetModel> =>
  fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.record({
      name: fc.constant(`Sheet ${index + 1}`),
      header: fc.constant(Array.from({ length: width }, (_v, j) => `col_${index}_${j}`)),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 12,
      }),
      table: fc.boolean(),
    }),
  );
const book = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_v, i) => sheet(i))));

/** What the reader should give: trailing blank rows dropped, rows padded to the header width. */
function expected(sheets: SheetModel[]): [string, string[], CellValue[][]][] {
  return sheets.map((s) => {
    const rows = s.rows.map((r) => r.slice());
    const isTable = s.table && s.rows.length > 0;
    // A sheet ends at its last non-blank row; an Excel table at its declared range.
    if (!isTable)
      while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null)) rows.pop();
    return [isTable ? tableName(s) : s.name, s.header, rows];
  });
}
const tableName = (s: SheetModel): string => `T_${s.name.replace(" ", "_")}`;

function actual(tables: RawTable[]): [string, string[], CellValue[][]][] {
  // The column-wise cells the input layer reads agree with the rows: blank rows, widths, cells.
  for (const t of tables) {
    const cells = t.cells;
    if (cells === undefined) continue;
    expect(cells.rowCount).toBe(t.rows.length);
    t.rows.forEach((r, i) => {
      expect(cells.isBlankRow(i)).toBe(
        r.every((v) => v === null || (typeof v === "string" && v.trim() === "")),
      );
      expect(cells.width(i)).toBe(r.length);
    });
  }
  return tables.map((t) => [
    t.name,
    t.header,
    t.rows.map((r) => Array.from({ length: t.header.length }, (_v, j) => r[j] ?? null)),
  ]);
}

/** The package with its entries in a random (seeded) order. */
function shuffled(bytes: Uint8Array, seed: number): Uint8Array {
  const entries = Object.entries(unzipSync(bytes));
  let x = seed;
  for (let i = entries.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return zipSync(Object.fromEntries(entries));
}

/** Numbers to 15 significant digits (openpyxl writes 16, so the 17th may differ). */
function rounded(t: [string, string[], CellValue[][]][]): [string, string[], CellValue[][]][] {
  return t.map(([n, h, rows]) => [
    n,
    h,
    rows.map((r) => r.map((v) => (typeof v === "number" ? Number(v.toPrecision(15)) : v))),
  ]);
}

function checkEveryOrder(bytes: Uint8Array, sheets: SheetModel[], round = false): void {
  const first = actual(readXlsxBytes(bytes, "w.xlsx").tables);
  if (round) expect(rounded(first)).toEqual(rounded(expected(sheets)));
  else expect(first).toEqual(expected(sheets));
  for (const seed of [1, 2, 3, 4, 5]) {
    expect(actual(readXlsxBytes(shuffled(bytes, seed), "w.xlsx").tables)).toEqual(first);
  }
}

test("exceljs workbooks, any zip order", async () => {
  await fc.assert(
    fc.asyncProperty(book, async (sheets) => {
      const wb = new ExcelJS.Workbook();
      for (const s of sheets) {
        const ws = wb.addWorksheet(s.name);
        ws.addRow(s.header);
        for (const r of s.rows) ws.addRow(r.map((v) => v ?? undefined));
        ws.eachRow((row) =>
          row.eachCell((c) => {
            if (c.value instanceof Date) c.numFmt = "yyyy-mm-dd";
          }),
        );
        s.table = false; // exceljs tables are covered by the result-writer tests
      }
      checkEveryOrder(new Uint8Array(await wb.xlsx.writeBuffer()), sheets);
    }),
    { numRuns: 25 },
  );
});

const OPENPYXL = `
import datetime, json, sys
from openpyxl import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.utils import get_column_letter
for job in json.load(sys.stdin):
    wb = Workbook()
    wb.remove(wb.active)
    for s in job["sheets"]:
        ws = wb.create_sheet(s["name"])
        ws.append(s["header"])
        for r in s["rows"]:
            row = []
            for v in r:
                if isinstance(v, dict):
                    v = datetime.date.fromisoformat(v["date"])
                row.append(v)
            ws.append(row)
        if s["table"] and s["rows"]:
            ref = "A1:%s%d" % (get_column_letter(len(s["header"])), len(s["rows"]) + 1)
            ws.add_table(Table(displayName=s["tableName"], ref=ref))
    wb.save(job["file"])
`;

test("openpyxl workbooks (absolute targets, Excel tables), any zip order", () => {
  if (!existsSync("/usr/bin/python3")) throw new Error("needs /usr/bin/python3 with openpyxl");
  const dir = tempDir("openpyxl");
  const books = fc.sample(book, { numRuns: 15, seed: 10 });
  const jobs = books.map((sheets, i) => ({
    file: join(dir, `b${i}.xlsx`),
    sheets: sheets.map((s) => ({
      ...s,
      tableName: tableName(s),
      rows: s.rows.map((r) =>
        r.map((v) => (v instanceof Date ? { date: v.toISOString().slice(0, 10) } : v)),
      ),
    })),
  }));
  writeFileSync(join(dir, "jobs.json"), JSON.stringify(jobs));
  execFileSync("/usr/bin/python3", ["-c", OPENPYXL], { input: JSON.stringify(jobs) });
  books.forEach((sheets, i) => checkEveryOrder(readFileSync(jobs[i].file), sheets, true));
});
