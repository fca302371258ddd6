import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { writeResultBook } from "../../src/workbook/xlsx-result-writer";
import { EXCEL_MAX_CELL_CHARS, TRUNCATION_MARKER } from "../../src/workbook/xlsx-cell";
import {
  checkXlsx,
  convertWithLibreOffice,
  runPython,
  tempDir,
  type CheckedBook,
} from "./external-tools";
import {
  HYPERLINK_ID,
  LONG_SHEET_NAME,
  LONG_TEXT,
  WEEK1,
  WEEK2,
  fixtureBook,
} from "./result-book-fixture";

/** A cell's text whether exceljs read it as a plain or a rich-text string. */
function text(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return null;
}

describe("writeResultBook", () => {
  const dir = tempDir("result");
  const file = path.join(dir, "nested", "results.xlsx");
  const wb = new ExcelJS.Workbook();
  let checked: CheckedBook;

  beforeAll(async () => {
    await writeResultBook(fixtureBook(), file);
    await wb.xlsx.readFile(file);
    checked = await checkXlsx(file, 8);
  });

  it("writes every sheet with valid, unique names of at most 31 characters", () => {
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names).toEqual(["RGO Summary", "RGO Gaps", LONG_SHEET_NAME.slice(0, 31), "RGO Issues"]);
    expect(checked.sheets.map((s) => s.name)).toEqual(names);
  });

  it("reads back values, types and number formats per column format (exceljs)", () => {
    const ws = wb.getWorksheet("RGO Gaps")!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "Rank",
      "Customer",
      "Priority score",
      "Gap",
      "Share",
      "Ratio",
      "Week",
      "Note",
    ]);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe(1);
    expect(r2.getCell(1).numFmt).toBe("#,##0");
    expect(r2.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(r2.getCell(2).value).toBe(HYPERLINK_ID);
    expect(r2.getCell(2).numFmt).toBe("@");
    expect(r2.getCell(3).value).toBe(8.5);
    expect(r2.getCell(3).numFmt).toBe("0.00");
    expect(r2.getCell(4).value).toBe(1234.5);
    expect(r2.getCell(4).numFmt).toBe("$#,##0.00;[Red]-$#,##0.00");
    expect(r2.getCell(5).value).toBe(0.415);
    expect(r2.getCell(5).numFmt).toBe("0.0%");
    expect(r2.getCell(6).numFmt).toBe("0.00");
    expect(r2.getCell(7).value).toEqual(WEEK1);
    expect(r2.getCell(7).numFmt).toBe("yyyy-mm-dd");
    expect(ws.getRow(3).getCell(7).value).toEqual(WEEK2);
    expect(r2.getCell(8).value).toBe("=1+1");
    // tricky text stays literal text, never a formula
    for (let r = 2; r <= 6; r++) {
      for (let c = 1; c <= 8; c++)
        expect(ws.getRow(r).getCell(c).type).not.toBe(ExcelJS.ValueType.Formula);
    }
    expect(ws.getCell("B3").value).toBe("+SUM(A1)");
    expect(ws.getCell("H3").value).toBe("-2+3");
    expect(ws.getCell("B4").value).toBe("@cmd");
    expect(text(ws.getCell("H4"))).toBe("\t=x"); // leading whitespace: an inline rich-text string
    expect(ws.getCell("B5").value).toBe("Zoë 東京 🚀");
    expect(ws.getCell("B6").value).toBe("＝1+1");
    expect(text(ws.getCell("H6"))).toBe(" padded ");
  });

  it("writes non-finite numbers as empty cells", () => {
    const ws = wb.getWorksheet("RGO Gaps")!;
    expect(ws.getCell("F3").value).toBeNull(); // NaN
    expect(ws.getCell("C4").value).toBeNull(); // NaN score
    expect(ws.getCell("D4").value).toBeNull(); // Infinity
    expect(ws.getCell("E4").value).toBeNull(); // -Infinity
    expect(ws.getCell("G4").value).toBeNull(); // null date
    const summary = wb.getWorksheet("RGO Summary")!;
    const broken = summary.getColumn(1).values.indexOf("Broken figure");
    expect(broken).toBeGreaterThan(0);
    expect(summary.getRow(broken).getCell(2).value).toBeNull();
  });

  it("truncates text longer than Excel's 32,767-character limit with a marker", () => {
    const v = wb.getWorksheet("RGO Gaps")!.getCell("H5").value as string;
    expect(v).toHaveLength(EXCEL_MAX_CELL_CHARS);
    expect(v.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(v.startsWith(LONG_TEXT.slice(0, 1000))).toBe(true);
  });

  it("freezes the header row and adds a colour scale over the used score cells only", () => {
    const ws = wb.getWorksheet("RGO Gaps")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const gaps = checked.sheets[1];
    expect(gaps.freeze_panes).toBe("A2");
    expect(gaps.conditional_formatting).toEqual([{ ref: "C2:C6", types: ["colorScale"] }]);
    expect(checked.sheets[0].conditional_formatting).toEqual([]);
  });

  it("makes each table sheet a real Excel table with valid, unique names (openpyxl ws.tables)", () => {
    expect(checked.sheets[1].tables).toEqual([{ name: "RGO_Gaps", ref: "A1:H6" }]);
    expect(checked.sheets[2].tables).toEqual([{ name: "RGO_Gaps_2", ref: "A1:B2" }]);
    expect(checked.sheets[2].rows[0]).toEqual(["Customer", "Customer 2"]);
    // an empty table still spans one (empty) data row, as Excel requires
    expect(checked.sheets[3].tables).toEqual([{ name: "RGO_Issues", ref: "A1:A2" }]);
    expect(checked.sheets[0].tables).toEqual([]);
  });

  it("loads in openpyxl without warnings, text cells as strings and no formula anywhere", () => {
    const gaps = checked.sheets[1];
    expect(gaps.types[1][1]).toBe("s");
    expect(gaps.rows[1][1]).toBe(HYPERLINK_ID); // decided: the literal text, no apostrophe
    expect(gaps.rows[2][1]).toBe("+SUM(A1)");
    expect(gaps.rows[3][7]).toBe("\t=x");
    expect(gaps.rows[5][7]).toBe(" padded ");
    expect(gaps.types[1][6]).toBe("d");
    expect(gaps.rows[1][6]).toBe("2025-09-06T00:00:00");
    for (const sheet of checked.sheets) expect(sheet.formula_cells).toBe(0);
  });

  it("renders the report: bold larger headings, figures with formats, wrapped merged paragraphs, bordered tables", () => {
    const ws = wb.getWorksheet("RGO Summary")!;
    expect(ws.getCell("A1").value).toBe("Revenue gap summary");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getCell("A2").value).toBe("Total gap");
    expect(ws.getCell("B2").value).toBe(12345.67);
    expect(ws.getCell("B2").numFmt).toBe("$#,##0.00;[Red]-$#,##0.00");
    expect(ws.getCell("B3").numFmt).toBe("0.0%");
    expect(ws.getCell("B4").numFmt).toBe("#,##0");
    expect(ws.getCell("B7").value).toEqual(WEEK1);
    expect(ws.getCell("B7").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("B8").value).toBe("=1+1");
    expect(ws.getCell("B8").type).toBe(ExcelJS.ValueType.String);
    const col = ws.getColumn(1).values;
    const why = col.indexOf("Why");
    expect(ws.getRow(why).getCell(1).font).toMatchObject({ bold: true, size: 13 });
    const para = why + 1;
    expect(text(ws.getRow(para).getCell(1))).toMatch(/^Revenue slipped/);
    expect(ws.getRow(para).getCell(1).alignment).toMatchObject({ wrapText: true });
    expect(checked.sheets[0].merged).toContain(`A${para}:F${para}`);
    expect(col).toContain("\u2022 +SUM(A1) is just text");
    const header = col.indexOf("Top gaps") + 1;
    expect(ws.getRow(header).getCell(1).value).toBe("Customer");
    expect(ws.getRow(header).getCell(1).font).toMatchObject({ bold: true });
    expect(ws.getRow(header).getCell(3).border).toMatchObject({ top: { style: "thin" } });
    expect(ws.getRow(header + 2).getCell(1).value).toBe("@cmd");
    expect(ws.getRow(header + 2).getCell(2).numFmt).toBe("$#,##0.00;[Red]-$#,##0.00");
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(30);
  });

  it("writes document properties (core and custom) and never secret-looking keys", async () => {
    expect(wb.title).toBe("RGO results");
    expect(wb.subject).toBe("Revenue gaps");
    expect(wb.keywords).toBe("rgo revenue gaps");
    expect(checked.properties.title).toBe("RGO results");
    const out = await runPython(
      "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('docProps/custom.xml').decode())",
      [file],
    );
    expect(out).toContain('name="rulePackHash"><vt:lpwstr>sha256:0123abcd</vt:lpwstr>');
    expect(out).toContain('name="rulePack"><vt:lpwstr>seed-tier2</vt:lpwstr>');
    expect(readFileSync(file).includes("must-not-be-written")).toBe(false);
    expect(out).not.toContain("apiToken");
  });

  it("converts in LibreOffice to PDF and to CSV showing the literal formula-looking text", async () => {
    const outDir = tempDir("lo-out");
    const profile = tempDir("lo-profile");
    await convertWithLibreOffice(file, "pdf", outDir, profile);
    const pdf = path.join(outDir, "results.pdf");
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(1000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    // every sheet to its own CSV (filter token 12 = -1: all sheets)
    await convertWithLibreOffice(
      file,
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
      outDir,
      profile,
    );
    const gapsCsv = readdirSync(outDir).find((f) => f.endsWith("RGO Gaps.csv"));
    expect(gapsCsv).toBeDefined();
    const lines = readFileSync(path.join(outDir, gapsCsv!), "utf8").split(/\r?\n/);
    expect(lines[1].startsWith('1,"=HYPERLINK(""http://x"",""y"")",8.5,')).toBe(true);
    expect(lines[1]).toContain("2025-09-06");
    expect(lines[1].endsWith(",=1+1")).toBe(true);
    expect(lines[2]).toMatch(/^2,\+SUM\(A1\),/);
    expect(lines[2].endsWith(",-2+3")).toBe(true);
    expect(lines[3]).toMatch(/^3,@cmd,/);
  });
});
