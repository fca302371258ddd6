/**
 * The preview download writes an opened sheet from the typed columns the reader filled
 * (input-sheet-xml.ts `columnRowsXml`) instead of from its rows: on random sheets (sparse rows and
 * columns, text, numbers, booleans, dates in either date system) the XML is exactly what the rows
 * path (`cellRowsXml` over the same sheet's `plainCells()`, the reference) writes; a cell given
 * as text (an Excel table's header name) replaces the cell, or is added where the sheet has none;
 * a downloaded sheet with an Excel table reads back with the same table. Values met again down a
 * column (whose XML the columns path makes once) write the same XML as well, and the bytes the
 * download writes (`columnRowsBytes`, in chunks of random sizes) are that XML, rows counted alike.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { CellValue } from "../../src/engine/input/raw-table";
import { PreviewHost, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { cellRowsXml, columnRowsBytes, columnRowsXml } from "../../src/workbook/input-sheet-xml";
import { readXlsxBook } from "../../src/workbook/xlsx/read-xlsx";

const nodeExcel: ExcelLoader = async () => ExcelJS;
const decoder = new TextDecoder();
/** Byte chunks joined and read as UTF-8. */
const asText = (chunks: Iterable<Uint8Array>): string => {
  const all = [...chunks];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return decoder.decode(out);
};
const STYLES = { date: 3, text: 4 };

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.constantFrom("=SUM(A1)", " lead", "a & b", "_x0041_"),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.date({ min: new Date(Date.UTC(1904, 2, 1)), max: new Date(Date.UTC(2200, 0, 1)) }),
);
/** Sparse sheets: rows at random row numbers, cells at random columns. */
const sheet = fc.array(
  fc.record({
    row: fc.integer({ min: 1, max: 60 }),
    cells: fc.array(fc.record({ col: fc.integer({ min: 1, max: 8 }), v: cell }), {
      maxLength: 6,
    }),
  }),
  { maxLength: 25 },
);

async function book(
  rows: { row: number; cells: { col: number; v: CellValue }[] }[],
  date1904: boolean,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("data");
  for (const r of rows)
    for (const c of r.cells) if (c.v !== null) ws.getRow(r.row).getCell(c.col).value = c.v;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

test("the columns path writes exactly the rows path's XML (property)", async () => {
  await fc.assert(
    fc.asyncProperty(sheet, fc.boolean(), async (rows, date1904) => {
      const read = readXlsxBook(await book(rows, date1904), "x.xlsx", {
        keepCells: true,
        keepColumns: true,
      });
      const s = read.sheets[0];
      if (s.columns === undefined || s.cells === undefined) throw new Error("not kept");
      const fromColumns = [...columnRowsXml(s.columns, STYLES)];
      const fromRows = [...cellRowsXml(s.cells, STYLES)];
      expect(fromColumns).toEqual(fromRows);
      expect(asText(columnRowsBytes(s.columns, STYLES))).toBe(fromRows.join(""));
      // Every written row holds a cell (no empty <row>), one per row number, in order.
      const numbers = fromColumns.map((x) => Number(/^<row r="(\d+)">/.exec(x)?.[1]));
      expect(numbers).toEqual([...new Set(numbers)].sort((a, b) => a - b));
    }),
    { numRuns: 60 },
  );
});

test("values met again down a column (their XML made once) write exactly the rows path's XML (property)", async () => {
  // A few values per sheet, each met many times: ids, weeks and flags as a sales sheet repeats them.
  const pool = fc.array(cell, { minLength: 1, maxLength: 4 });
  const repeated = pool.chain((values) =>
    fc.array(
      fc.record({
        row: fc.integer({ min: 1, max: 300 }),
        cells: fc.array(
          fc.record({
            col: fc.integer({ min: 1, max: 4 }),
            v: fc.constantFrom(...values),
          }),
          { maxLength: 4 },
        ),
      }),
      { maxLength: 120 },
    ),
  );
  await fc.assert(
    fc.asyncProperty(
      repeated,
      fc.boolean(),
      fc.integer({ min: 1, max: 400 }),
      async (rows, date1904, chunkBytes) => {
        const read = readXlsxBook(await book(rows, date1904), "x.xlsx", {
          keepCells: true,
          keepColumns: true,
        });
        const s = read.sheets[0];
        if (s.columns === undefined || s.cells === undefined) throw new Error("not kept");
        const counted = { rows: 0 };
        const fromColumns = [...columnRowsXml(s.columns, STYLES, undefined, counted)];
        const rowsCounted = { rows: 0 };
        const fromRows = [...cellRowsXml(s.cells, STYLES, rowsCounted)];
        expect(fromColumns).toEqual(fromRows);
        // Both count the rows they write (the download's progress).
        expect(counted.rows).toBe(fromColumns.length);
        expect(rowsCounted.rows).toBe(fromRows.length);
        // The download's bytes: the same XML in chunks of any size, rows counted the same.
        const bytesCounted = { rows: 0 };
        const chunks = [...columnRowsBytes(s.columns, STYLES, undefined, bytesCounted, chunkBytes)];
        expect(asText(chunks)).toBe(fromRows.join(""));
        expect(bytesCounted.rows).toBe(fromRows.length);
        // No empty chunk is handed on (each would be a write into the compressor).
        for (const c of chunks) expect(c.length).toBeGreaterThan(0);
      },
    ),
    { numRuns: 40 },
  );
});

test("a cell given as text replaces the sheet's cell, or is added where there is none", async () => {
  const read = readXlsxBook(
    await book(
      [
        { row: 2, cells: [{ col: 2, v: 2024 }] },
        { row: 3, cells: [{ col: 2, v: 5 }] },
      ],
      false,
    ),
    "x.xlsx",
    { keepColumns: true },
  );
  const columns = read.sheets[0].columns;
  if (columns === undefined) throw new Error("not kept");
  const text = new Map([
    ["2:1", "Column1"],
    ["2:2", "2024"],
    ["4:3", "late"],
  ]);
  // Cells stay in column order within a row; a text below the sheet's last row adds a row.
  expect(asText(columnRowsBytes(columns, STYLES, text))).toBe(
    [...columnRowsXml(columns, STYLES, text)].join(""),
  );
  expect([...columnRowsXml(columns, STYLES, text)]).toEqual([
    '<row r="2"><c r="A2" t="inlineStr"><is><t>Column1</t></is></c><c r="B2" t="inlineStr"><is><t>2024</t></is></c></row>',
    '<row r="3"><c r="B3"><v>5</v></c></row>',
    '<row r="4"><c r="C4" t="inlineStr"><is><t>late</t></is></c></row>',
  ]);
});

test("row numbers of every length are written as the rows path writes them (bytes)", async () => {
  // The bytes path prints row numbers itself: one to seven digits, up to Excel's last row.
  const numbers = [1, 9, 10, 99, 100, 999, 1000, 65536, 999999, 1048576];
  const read = readXlsxBook(
    await book(
      numbers.map((row) => ({
        row,
        cells: [
          { col: 1, v: row },
          { col: 3, v: `r${row}` },
        ],
      })),
      false,
    ),
    "x.xlsx",
    { keepCells: true, keepColumns: true },
  );
  const s = read.sheets[0];
  if (s.columns === undefined || s.cells === undefined) throw new Error("not kept");
  const xml = asText(columnRowsBytes(s.columns, STYLES));
  expect(xml).toBe([...cellRowsXml(s.cells, STYLES)].join(""));
  expect(xml).toContain('<row r="1048576"><c r="A1048576"><v>1048576</v></c>');
  expect([...xml.matchAll(/<row r="(\d+)">/g)].map((m) => Number(m[1]))).toEqual(numbers);
});

test("a downloaded sheet with an Excel table reads back with the same table and cells", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.getCell("A1").value = "note above the table";
  ws.addTable({
    name: "SalesTable",
    ref: "B3",
    headerRow: true,
    columns: [{ name: "customer_id" }, { name: "amount" }, { name: "date" }],
    rows: [
      ["c1", 10.5, new Date(Date.UTC(2025, 0, 6))],
      ["c2", 7, new Date(Date.UTC(2025, 0, 13))],
    ],
  });
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const host = await PreviewHost.open("in.xlsx", bytes, nodeExcel);
  const down = await host.resultsFile();
  const before = readXlsxBook(bytes, "in.xlsx", { keepCells: true });
  const after = readXlsxBook(down, "out.xlsx", { keepCells: true });
  expect(after.sheets.map((s) => s.name)).toEqual(["Sales"]);
  expect(after.sheets[0].cells).toEqual(before.sheets[0].cells);
  expect(after.sheets[0].hasExcelTables).toBe(true);
  const [t0] = before.sheets[0].tables;
  const [t1] = after.sheets[0].tables;
  expect({ name: t1.name, header: t1.header, rows: t1.rows, headerRow: t1.headerRow }).toEqual({
    name: t0.name,
    header: t0.header,
    rows: t0.rows,
    headerRow: t0.headerRow,
  });
  // exceljs opens it too and sees the table.
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(down as unknown as ArrayBuffer);
  const sheetBack = back.getWorksheet("Sales") as ExcelJS.Worksheet;
  expect(sheetBack.getCell("C4").value).toBe(10.5);
  expect(Object.keys((sheetBack as unknown as { tables: object }).tables)).toEqual(["SalesTable"]);
});
