/**
 * The Office.js reader reports the currencies the number formats name (issue 11), as the .xlsx
 * reader does: RawTable.columnCurrencies from each block's `Range.numberFormat`, loaded in the
 * same request as its values, the blocks sized for both so the response stays within Excel's
 * payload limit. The same cells written to an .xlsx file with exceljs and read by the CLI's reader
 * (an independent path) give the same columnCurrencies.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { RawTable } from "../../src/engine/input/raw-table";
import { readSource } from "../../src/workbook/excel";
import { readXlsxBytes } from "../../src/workbook/xlsx/read-xlsx";
import { FakeExcel, type FakeValue } from "../support/fake-excel";

const POUNDS = "[$£-809]#,##0.00";
const EUROS = '"€"#,##0.00';

/** Header plus `n` sales rows: customer, week (a date serial), revenue, units. */
function sales(n: number): FakeValue[][] {
  const rows: FakeValue[][] = [["customer_id", "week_start", "revenue", "units"]];
  for (let i = 0; i < n; i++)
    rows.push([`C${1000 + (i % 97)}`, 45000 + 7 * (i % 52), i + 0.25, i % 9]);
  return rows;
}

/** The formats of `rows` by a rule per (data row index, column); the header keeps "General". */
function formatsOf(
  rows: readonly (readonly FakeValue[])[],
  rule: (i: number, c: number) => string,
): string[][] {
  return rows.map((row, r) => row.map((_, c) => (r === 0 ? "" : rule(r - 1, c))));
}

/** The same cells written by exceljs and read back by the CLI's .xlsx reader. */
async function viaXlsx(
  rows: readonly (readonly FakeValue[])[],
  formats: readonly (readonly string[])[],
  top: number,
  left: number,
): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      const cell = ws.getCell(top + r + 1, left + c + 1);
      if (v !== "") cell.value = v; // an empty cell, as FakeExcel.put leaves it
      const f = formats[r]?.[c] ?? "";
      if (f !== "") cell.numFmt = f;
    }),
  );
  const buf = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const book = readXlsxBytes(buf, "sales.xlsx");
  const t = book.tables.find((x) => x.name === "Sales");
  if (t === undefined) throw new Error("no Sales table");
  return t;
}

test("a £ revenue column read in many blocks: GBP from the first data row; other columns none", async () => {
  const x = new FakeExcel(["Sales"]);
  const rows = sales(3000);
  x.put("Sales", 2, 1, rows); // header at B3, data from sheet row 4
  x.putFormats(
    "Sales",
    2,
    1,
    formatsOf(rows, (_i, c) => (c === 2 ? POUNDS : "")),
  );
  const t = await readSource(
    x.context(),
    { kind: "sheet", sheet: "Sales" },
    { targetBytes: 20_000 },
  );
  expect(x.requests.length).toBeGreaterThan(5);
  expect(t.rows).toEqual(rows.slice(1));
  expect(t.columnCurrencies).toEqual([[], [], [{ code: "GBP", row: 4 }], []]);
});

test("£ then € further down one column: both, each with its first row, across blocks", async () => {
  const x = new FakeExcel(["Sales"]);
  const rows = sales(2000);
  x.put("Sales", 0, 0, rows);
  // Data row i sits at sheet row i + 2; the € rows start at data row 1500 (sheet row 1502).
  const rule = (i: number, c: number): string => (c !== 2 ? "" : i >= 1500 ? EUROS : POUNDS);
  x.putFormats("Sales", 0, 0, formatsOf(rows, rule));
  const t = await readSource(
    x.context(),
    { kind: "sheet", sheet: "Sales" },
    { targetBytes: 8_000 },
  );
  expect(t.columnCurrencies?.[2]).toEqual([
    { code: "GBP", row: 2 },
    { code: "EUR", row: 1502 },
  ]);
});

test("no currency format: no columnCurrencies (the table is as before)", async () => {
  const x = new FakeExcel(["Sales"]);
  x.put("Sales", 0, 0, sales(50));
  x.putFormats(
    "Sales",
    0,
    0,
    formatsOf(sales(50), (_i, c) => (c === 2 ? "#,##0.00" : "")),
  );
  const t = await readSource(x.context(), { kind: "sheet", sheet: "Sales" });
  expect(t.columnCurrencies).toBeUndefined();
  expect(Object.keys(t).sort()).toEqual(
    ["name", "origin", "header", "rows", "headerRow", "firstColumn"].sort(),
  );
});

test("an Excel table: rows are counted from the table's header", async () => {
  const x = new FakeExcel(["Data"]);
  const rows = sales(10);
  x.put("Data", 4, 2, rows);
  x.putFormats(
    "Data",
    4,
    2,
    formatsOf(rows, (i, c) => (c === 2 && i >= 3 ? POUNDS : "")),
  );
  x.putTable("Data", "Sales", "C5:F15");
  const t = await readSource(x.context(), { kind: "table", table: "Sales" });
  // Header on sheet row 5, data row 3 on sheet row 9.
  expect(t.columnCurrencies).toEqual([[], [], [{ code: "GBP", row: 9 }], []]);
});

test("blocks are sized for values and formats: none is rejected for its response size", async () => {
  const x = new FakeExcel(["Sales"]);
  const rows = sales(4000);
  x.put("Sales", 0, 0, rows);
  x.putFormats(
    "Sales",
    0,
    0,
    formatsOf(rows, () => POUNDS),
  );
  x.responseLimit = 20_000;
  const ctx = x.context();
  const check = ctx.checkResponse.bind(ctx);
  let rejected = 0;
  ctx.checkResponse = (bytes: number): void => {
    try {
      check(bytes);
    } catch (e) {
      rejected++;
      throw e;
    }
  };
  const t = await readSource(ctx, { kind: "sheet", sheet: "Sales" }, { targetBytes: 16_000 });
  expect(rejected).toBe(0);
  expect(t.rows).toEqual(rows.slice(1));
  // Every number cell names GBP; the text column (customer ids) does not.
  expect(t.columnCurrencies).toEqual([
    [],
    [{ code: "GBP", row: 2 }],
    [{ code: "GBP", row: 2 }],
    [{ code: "GBP", row: 2 }],
  ]);
});

const FORMATS = [
  "",
  "General",
  "#,##0.00",
  POUNDS,
  EUROS,
  "$#,##0.00",
  '"CHF "#,##0.00',
  "[$EUR] #,##0.00",
  "yyyy-mm-dd",
  "[$-409]mmm d, yyyy",
  "@",
];

test("property: any values and formats give the columnCurrencies the .xlsx reader gives", async () => {
  const cell = fc.oneof(
    fc.integer({ min: -100000, max: 100000 }).map((n) => n / 100),
    fc.constantFrom("a", "b c", "x"),
    fc.constant(""),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }).chain((cols) =>
        fc.tuple(
          fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), {
            minLength: 1,
            maxLength: 12,
          }),
          fc.array(fc.array(fc.constantFrom(...FORMATS), { minLength: cols, maxLength: cols }), {
            minLength: 12,
            maxLength: 12,
          }),
          fc.constant(cols),
        ),
      ),
      fc.integer({ min: 0, max: 3 }),
      async ([data, fmts, cols], top) => {
        const header = Array.from({ length: cols }, (_, c) => `h${c}`);
        // A full first and last data row keep the used range the same on both paths.
        const rows: FakeValue[][] = [header, ...data];
        rows[1] = rows[1].map((v, c) => (v === "" ? c : v));
        rows[rows.length - 1] = rows[rows.length - 1].map((v, c) => (v === "" ? c : v));
        const formats = rows.map((_, r) => (r === 0 ? header.map(() => "") : fmts[r - 1]));
        const x = new FakeExcel(["Sales"]);
        x.put("Sales", top, 0, rows);
        x.putFormats("Sales", top, 0, formats);
        const excel = await readSource(x.context(), { kind: "sheet", sheet: "Sales" });
        const xlsx = await viaXlsx(rows, formats, top, 0);
        expect(excel.headerRow).toBe(xlsx.headerRow);
        expect(excel.rows.length).toBe(xlsx.rows.length);
        expect(excel.columnCurrencies).toEqual(xlsx.columnCurrencies);
      },
    ),
    { numRuns: 60 },
  );
});
