/**
 * The preview download's input sheets written as XML (input-sheet-xml.ts) instead of as exceljs
 * cells: on random sheets, the CLI's reader reads the spliced download exactly as it reads the
 * download exceljs writes cell by cell (the previous path, rebuilt here); text that XML cannot hold
 * or that looks like a `_xHHHH_` escape reads back as written; formula-looking text stays text in
 * exceljs too; hand-worked cells and the dimension; the CRC of a part deflated as it is written.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { PreviewHost, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { cellText, cellXml, dimensionRef, excelSerial } from "../../src/workbook/input-sheet-xml";
import { layoutCellValue } from "../../src/workbook/sheet-layout";
import { concatBytes } from "../../src/workbook/xlsx-charts/add-charts";
import { crc32 } from "../../src/workbook/xlsx-charts/crc32";
import { readXlsxBook } from "../../src/workbook/xlsx/read-xlsx";

const nodeExcel: ExcelLoader = async () => ExcelJS;
const STYLES = { date: 1, text: 2 };

/** The download of a workbook holding `rows` on one sheet from A1 (the spliced path). */
async function download(rows: CellValue[][]): Promise<Uint8Array> {
  const host = PreviewHost.empty("in", nodeExcel);
  const table: RawTable = {
    name: "data",
    origin: "test",
    header: (rows[0] ?? []).map((v) => String(v)),
    rows: rows.slice(1),
    headerRow: 1,
    firstColumn: 1,
  };
  await host.writeSampleSheets([table]);
  return host.resultsFile();
}

/** The same sheet as the preview wrote it before: exceljs cells, "@" on formula-like text. */
async function exceljsCopy(rows: CellValue[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("data");
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const cell = ws.getRow(r + 1).getCell(c + 1);
      cell.value = v;
      if (typeof v === "string" && layoutCellValue(v).formulaLike) cell.numFmt = "@";
    });
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const cellsOf = (bytes: Uint8Array): CellValue[][] =>
  readXlsxBook(bytes, "x.xlsx", { keepCells: true }).sheets[0].cells ?? [];

/** Printable text with XML's special characters, spaces at the ends and formula starts. */
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("=SUM(A1)", "+1", "-x", "@a", "a & b < c > d", ' "q" ', "'s", "  lead", "tab\tx"),
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  text,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.boolean(),
  fc.date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(2200, 0, 1)) }),
);
const sheet = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), {
  minLength: 1,
  maxLength: 30,
});

test("the spliced download reads exactly as the download exceljs writes cell by cell (property)", async () => {
  await fc.assert(
    fc.asyncProperty(sheet, async (rows) => {
      // The header row is text, as a sheet's first row written by writeSampleSheets.
      rows[0] = rows[0].map((v, i) => (v === null ? `h${i}` : String(v)));
      expect(cellsOf(await download(rows))).toEqual(cellsOf(await exceljsCopy(rows)));
    }),
    { numRuns: 40 },
  );
});

test("text XML cannot hold, CR, and text that looks like an escape read back as written (property)", async () => {
  const odd = fc
    .array(
      fc.constantFrom(
        ..."\u0000 \u0001 \u000b \r \n _ x 0 0041 _x0041_ \ud800 \udc00 \uffff é 😀 & <".split(" "),
      ),
      { minLength: 1, maxLength: 10 },
    )
    .map((parts) => parts.join(""));
  await fc.assert(
    fc.asyncProperty(fc.array(odd, { minLength: 1, maxLength: 6 }), async (texts) => {
      const rows: CellValue[][] = [["h"], ...texts.map((t) => [t])];
      expect(cellsOf(await download(rows)).slice(1)).toEqual(texts.map((t) => [t]));
    }),
    { numRuns: 40 },
  );
});

test("hand-worked cells: numbers, booleans, dates as serials, text inline, formula-like text in @", () => {
  expect(cellXml("A1", 12.5, STYLES)).toBe('<c r="A1"><v>12.5</v></c>');
  expect(cellXml("B2", true, STYLES)).toBe('<c r="B2" t="b"><v>1</v></c>');
  // 2025-01-04 is day 45661 of Excel's 1900 system.
  expect(excelSerial(new Date(Date.UTC(2025, 0, 4)))).toBe(45661);
  expect(cellXml("C3", new Date(Date.UTC(2025, 0, 4)), STYLES)).toBe(
    '<c r="C3" s="1"><v>45661</v></c>',
  );
  expect(cellXml("D4", "a<b", STYLES)).toBe('<c r="D4" t="inlineStr"><is><t>a&lt;b</t></is></c>');
  expect(cellXml("E5", "=1+1", STYLES)).toContain('s="2" t="inlineStr"');
  expect(cellXml("F6", null, STYLES)).toBe("");
  expect(cellXml("G7", " x", STYLES)).toContain('<t xml:space="preserve"> x</t>');
  expect(cellText("a\u0001_x0041_\r")).toBe("a_x0001__x005F_x0041__x000D_");
  expect(dimensionRef([["a"], [], [null, null, 3]])).toBe("A1:C3");
  expect(dimensionRef([[], [null]])).toBe("A1");
});

test("formula-looking input text opens in exceljs as text with the @ format", async () => {
  const bytes = await download([["h"], ['=HYPERLINK("http://x","y")'], [45]]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("data") as ExcelJS.Worksheet;
  expect(ws.getCell("A2").value).toBe('=HYPERLINK("http://x","y")');
  expect(ws.getCell("A2").type).toBe(ExcelJS.ValueType.String);
  expect(ws.getCell("A2").numFmt).toBe("@");
  expect(ws.getCell("A3").value).toBe(45);
  expect(ws.actualRowCount).toBe(3);
});

test("the CRC of a part written in pieces is the CRC of the whole (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }), (pieces) => {
      const whole = concatBytes(pieces);
      expect(pieces.reduce((c, p) => crc32(p, c), 0)).toBe(crc32(whole));
    }),
  );
  // The check value of CRC-32 (IEEE): "123456789" -> 0xCBF43926.
  expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
});
