import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { xlsxText } from "../../src/workbook/xlsx-cell";
import { writeTablesXlsx } from "../../src/workbook/xlsx-table-writer";
import { checkXlsx, tempDir } from "./external-tools";

function table(name: string, header: string[], rows: CellValue[][]): RawTable {
  return { name, origin: "test", header, rows, headerRow: 1, firstColumn: 1 };
}

function text(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return v;
}

const W1 = new Date(Date.UTC(2025, 8, 6));
const W2 = new Date(Date.UTC(2025, 8, 13));
const sales = table(
  "retail_weekly_sales.csv",
  ["customer_id", "week_start_date", "weekly_spend", "loyalty"],
  [
    ["1", W1, 50.12, true],
    ["2", W2, 0, false],
    ["=1+1", W1, NaN, null],
    ["3", W2, -12.5],
  ],
);
const customers = table(
  "customers",
  ["customer_id", "age"],
  [
    ["1", 34],
    ["2", null],
  ],
);
const clash = table("retail_weekly_sales", ["a"], [[1]]);

describe("writeTablesXlsx", () => {
  const dir = tempDir("tables");

  it("round-trips dates as dates, numbers as numbers, text as text (exceljs)", async () => {
    const file = path.join(dir, "plain.xlsx");
    await writeTablesXlsx([sales, customers, clash], file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "retail_weekly_sales",
      "customers",
      "retail_weekly_sales (2)",
    ]);
    const ws = wb.getWorksheet("retail_weekly_sales")!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "customer_id",
      "week_start_date",
      "weekly_spend",
      "loyalty",
    ]);
    expect(ws.getCell("A2").value).toBe("1");
    expect(ws.getCell("B2").value).toEqual(W1);
    expect(ws.getCell("B2").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("B3").value).toEqual(W2);
    expect(ws.getCell("C2").value).toBe(50.12);
    expect(ws.getCell("C5").value).toBe(-12.5);
    expect(ws.getCell("D2").value).toBe(true);
    expect(ws.getCell("A4").value).toBe("=1+1");
    expect(ws.getCell("A4").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("C4").value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(wb.getWorksheet("customers")!.getCell("B2").value).toBe(34);
    const checked = await checkXlsx(file);
    expect(checked.sheets.every((s) => s.tables.length === 0)).toBe(true);
  });

  it("with asExcelTables writes real Excel tables that openpyxl sees", async () => {
    const file = path.join(dir, "tables.xlsx");
    await writeTablesXlsx([sales, customers, clash], file, { asExcelTables: true });
    const checked = await checkXlsx(file);
    expect(checked.sheets.map((s) => s.tables)).toEqual([
      [{ name: "retail_weekly_sales", ref: "A1:D5" }],
      [{ name: "customers", ref: "A1:B3" }],
      [{ name: "retail_weekly_sales_2", ref: "A1:A2" }],
    ]);
    const s = checked.sheets[0];
    expect(s.freeze_panes).toBe("A2");
    expect(s.types[1]).toEqual(["s", "d", "n", "b"]);
    expect(s.rows[1]).toEqual(["1", "2025-09-06T00:00:00", 50.12, true]);
    expect(s.rows[3][0]).toBe("=1+1");
    expect(s.formula_cells).toBe(0);
  });

  it("keeps any random text as the same string cell and always loads cleanly (openpyxl + exceljs)", async () => {
    const strings = fc.sample(fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), {
      numRuns: 300,
      seed: 42,
    });
    strings.push("\uFFFE\uFFFF", "\uD800lone", "tail\uDC00", "=cmd|' /C calc'!A0", "a\r\nb");
    const file = path.join(dir, "random.xlsx");
    await writeTablesXlsx(
      [
        table(
          "random",
          ["text"],
          strings.map((s) => [s]),
        ),
      ],
      file,
      { asExcelTables: true },
    );
    // exceljs drops XML-invalid C0 controls; XML parsers turn CR / CRLF into LF
    const expected = (s: string): string | null => {
      // eslint-disable-next-line no-control-regex
      const t = xlsxText(s).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
      const n = t.replace(/\r\n?/g, "\n");
      return n === "" ? null : n;
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("random")!;
    strings.forEach((s, i) => {
      const got = text(ws.getCell(i + 2, 1));
      expect([got, s]).toEqual([expected(s), s]);
    });
    const checked = await checkXlsx(file, 3);
    expect(checked.sheets[0].formula_cells).toBe(0);
    expect(checked.sheets[0].max_row).toBe(strings.length + 1);
  });
});
