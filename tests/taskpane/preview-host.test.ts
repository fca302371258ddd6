/**
 * The browser preview's workbook against an .xlsx made with exceljs in Node: sheets and Excel
 * tables found, cells as found (formulas give their cached result, rich text its text, dates stay
 * dates), results written and refused over a foreign "RGO" sheet, the rules sheet round-trips, and
 * the download keeps text as text and marks RGO's sheets so a reopened file can be re-run.
 */
import ExcelJS from "exceljs";
import { RgoError } from "../../src/engine/errors";
import type { ResultBook } from "../../src/engine/report/result-book";
import { PreviewHost, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { sampleFile } from "./preview-sample";

const nodeExcel: ExcelLoader = async () => ExcelJS;

const book = (name: string, text: string): ResultBook => ({
  properties: { title: "RGO results" },
  sheets: [
    {
      name,
      freezeHeader: true,
      content: {
        kind: "table",
        table: {
          name: "RGO_Gaps",
          columns: [
            { header: "Customer", format: "text" },
            { header: "Gap", format: "currency" },
            { header: "Score", format: "score" },
          ],
          rows: [
            [text, 12.5, 7.25],
            ["C2", 3, 1],
          ],
        },
      },
    },
  ],
});

test("sheets and tables are listed with their headers; cells are read as found", async () => {
  const host = await PreviewHost.open("sales.xlsx", await sampleFile(), nodeExcel);
  expect(host.title).toBe("sales");
  const sheets = await host.listSheets();
  expect(sheets.map((s) => [s.name, s.rows, s.columns, s.createdByRgo])).toEqual([
    ["weekly_sales", 3, 3, false],
    // Data holds an Excel table: read as that table (as the CLI reads it), not offered as a sheet.
    ["Data", 0, 0, false],
  ]);
  expect(sheets[1].tables).toEqual([
    { name: "tblCustomers", sheet: "Data", rows: 2, columns: 2, header: ["customer_id", "age"] },
  ]);
  const wb = await host.readTables([
    { kind: "sheet", sheet: "weekly_sales" },
    { kind: "table", table: "tblCustomers" },
  ]);
  const [sales, customers] = wb.tables;
  await expect(host.readTables([{ kind: "sheet", sheet: "Data" }])).rejects.toThrow(
    /"Data" holds Excel tables.*tblCustomers/,
  );
  expect(sales.header).toEqual(["customer_id", "week_start_date", "weekly_spend"]);
  expect(sales.rows[1][0]).toBe("C2");
  expect(sales.rows[1][2]).toBe(6);
  expect(sales.rows[0][1]).toEqual(new Date(Date.UTC(2025, 0, 4)));
  expect(customers).toMatchObject({
    name: "tblCustomers",
    headerRow: 3,
    firstColumn: 2,
    rows: [
      ["C1", 40],
      ["C2", 51],
    ],
  });
});

test("results are written, replaced on the next run, and refused over a sheet the user made", async () => {
  const host = await PreviewHost.open(
    "x.xlsx",
    await sampleFile((wb) => wb.addWorksheet("RGO Churn").addRow(["mine"])),
    nodeExcel,
  );
  const report = await host.writeResults(book("RGO Gaps", "C1"));
  expect(report.sheets).toEqual(["RGO Gaps"]);
  await host.writeResults(book("RGO Gaps", "C9"));
  const gaps = await host.readTables([{ kind: "sheet", sheet: "RGO Gaps" }]);
  expect(gaps.tables[0].rows[0][0]).toBe("C9");
  const err = await host.writeResults(book("RGO Churn", "C1")).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RgoError);
  expect((err as RgoError).code).toBe("foreign-rgo-sheet");
  expect((await host.listSheets()).find((s) => s.name === "RGO Churn")?.createdByRgo).toBe(false);
});

test("the rule pack round-trips through the RGO Rules sheet", async () => {
  const host = PreviewHost.empty("Book1", nodeExcel);
  expect(await host.readRulesText()).toBeNull();
  const text = JSON.stringify({ name: "x", long: "y".repeat(2500) });
  await host.writeRulesText(text, "x", "1.0.0", "abc");
  expect(await host.readRulesText()).toBe(text);
});

test("the download keeps formula-looking text as text, marks RGO sheets, and reopens re-runnable", async () => {
  const host = await PreviewHost.open("in.xlsx", await sampleFile(), nodeExcel);
  await host.writeResults(book("RGO Gaps", '=HYPERLINK("http://x","y")'));
  expect(host.resultsFileName()).toBe("in-rgo-results.xlsx");
  const bytes = await host.resultsFile();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["weekly_sales", "Data", "RGO Gaps"]);
  const ws = wb.getWorksheet("RGO Gaps") as ExcelJS.Worksheet;
  expect(ws.getCell("A1").value).toBe("Customer");
  expect(ws.getCell("A2").value).toBe('=HYPERLINK("http://x","y")');
  expect(ws.getCell("A2").type).toBe(ExcelJS.ValueType.String);
  expect(ws.getCell("B2").value).toBe(12.5);
  expect(ws.getCell("B2").numFmt).toContain("$");
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  // Reopened: the result sheet is RGO's (replaceable), the inputs are not.
  const again = await PreviewHost.open("in-rgo-results.xlsx", bytes, nodeExcel);
  const sheets = await again.listSheets();
  expect(sheets.map((s) => [s.name, s.createdByRgo])).toEqual([
    ["weekly_sales", false],
    ["Data", false],
    ["RGO Gaps", true],
  ]);
  await expect(again.writeResults(book("RGO Gaps", "C1"))).resolves.toBeDefined();
});

test("sample sheets never overwrite: a taken name gets a numeric suffix", async () => {
  const host = PreviewHost.empty("Book1", nodeExcel);
  const t = {
    name: "customers",
    origin: "sample",
    header: ["customer_id"],
    rows: [["C1"]],
    headerRow: 1,
    firstColumn: 1,
  };
  expect(await host.writeSampleSheets([t])).toEqual(["customers"]);
  expect(await host.writeSampleSheets([t])).toEqual(["customers (2)"]);
  const read = await host.readTables([{ kind: "sheet", sheet: "customers (2)" }]);
  expect(read.tables[0].rows).toEqual([["C1"]]);
});

test("a file that is not an .xlsx is refused with a plain error", async () => {
  await expect(
    PreviewHost.open("bad.xlsx", new Uint8Array([1, 2, 3]), nodeExcel),
  ).rejects.toMatchObject({ code: "corrupt-file" });
});
