/**
 * Issue 10: the browser preview reads an opened .xlsx with the CLI's reader, so for the same file
 * it offers and reads exactly the tables the CLI's readInput gets, table by table and cell by cell.
 * Two files: one written by openpyxl (absolute relationship targets, an Excel table with a totals
 * row, a stray cell far to the right) and one written by exceljs (formulas' cached results, rich
 * text, notes above a table, a table with a totals row). The download of an opened file,
 * read back by the CLI, holds the same input tables again.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import type { RawTable } from "../../src/engine/input/raw-table";
import { PreviewHost, rangeSheets, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { sourceOptions } from "../../src/taskpane/state/role-guess";
import { readInput } from "../../src/workbook/read-input";
import { runPython, tempDir } from "../workbook/external-tools";
import { sampleFile } from "./preview-sample";

const nodeExcel: ExcelLoader = async () => ExcelJS;
const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

const OPENPYXL_BOOK = `
import sys, datetime
from openpyxl import Workbook
from openpyxl.worksheet.table import Table
wb = Workbook()
ws = wb.active
ws.title = "customers"
ws.append(["customer_id", "segment", "signup_date", "active"])
ws.append(["C1", "Retail", datetime.date(2024, 1, 2), True])
ws.append(["C2", None, datetime.date(2024, 2, 3), False])
ws.append(["C3", "Trade", datetime.date(2024, 3, 4), True])
ws.append(["Total", None, None, 3])
t = Table(displayName="tblCustomers", ref="A1:D5")
t.totalsRowCount = 1
ws.add_table(t)
sales = wb.create_sheet("weekly_sales")
sales["B2"] = "customer_id"
sales["C2"] = "week_start_date"
sales["D2"] = "weekly_spend"
sales.append([None, "C1", datetime.date(2025, 1, 4), 10.5])
sales.append([None, "C2", datetime.date(2025, 1, 4), 0])
sales.append([None, " C3 ", datetime.date(2025, 1, 11), -2.25])
sales["XFD4"] = "stray far right"
wb.create_sheet("empty")
wb.save(sys.argv[1])
`;

async function openpyxlFile(dir: string): Promise<string> {
  const file = path.join(dir, "openpyxl.xlsx");
  await runPython(OPENPYXL_BOOK, [file]);
  return file;
}

async function exceljsFile(dir: string): Promise<string> {
  const bytes = await sampleFile((wb) => {
    wb.getWorksheet("weekly_sales")?.addRow([
      "C3",
      day(2025, 1, 11),
      { sharedFormula: "C3", result: 7 },
    ]);
    wb.addWorksheet("Orders").addTable({
      name: "tblOrders",
      ref: "A1",
      totalsRow: true,
      columns: [
        { name: "order_id", totalsRowLabel: "Total" },
        { name: "amount", totalsRowFunction: "sum" },
      ],
      rows: [
        ["O1", 5],
        ["O2", 7.5],
      ],
    });
    wb.addWorksheet("empty");
  });
  const file = path.join(dir, "exceljs.xlsx");
  writeFileSync(file, bytes);
  return file;
}

/** What the preview reads when every source the Data step offers is chosen. */
async function previewTables(host: PreviewHost): Promise<RawTable[]> {
  const options = sourceOptions(await host.listSheets());
  return (await host.readTables(options.map((o) => o.source))).tables;
}

function expectSameTables(preview: readonly RawTable[], cli: readonly RawTable[]): void {
  expect(preview.map((t) => t.name)).toEqual(cli.map((t) => t.name));
  cli.forEach((c, i) => {
    const p = preview[i];
    expect([p.name, p.origin, p.headerRow, p.firstColumn]).toEqual([
      c.name,
      c.origin,
      c.headerRow,
      c.firstColumn,
    ]);
    expect(p.header).toEqual(c.header);
    expect(p.rows.length).toBe(c.rows.length);
    c.rows.forEach((row, r) => {
      expect(p.rows[r].length).toBe(row.length);
      row.forEach((v, k) => expect([r, k, p.rows[r][k]]).toEqual([r, k, v]));
    });
  });
}

describe("the preview reads an .xlsx exactly as the CLI does", () => {
  const dir = tempDir("preview-cli");

  test("a workbook written by openpyxl (absolute targets, table with a totals row)", async () => {
    const file = await openpyxlFile(dir);
    const bytes = new Uint8Array(readFileSync(file));
    // The fixture really has what it is for: absolute part targets and a totals row.
    const zip = unzipSync(bytes);
    expect(strFromU8(zip["xl/_rels/workbook.xml.rels"])).toContain('Target="/xl/worksheets/');
    expect(strFromU8(zip["xl/tables/table1.xml"])).toContain('totalsRowCount="1"');

    const cli = (await readInput(file)).tables;
    const host = await PreviewHost.open("openpyxl.xlsx", bytes, nodeExcel);
    const preview = await previewTables(host);
    expectSameTables(preview, cli);

    // Known from the script above: the totals row is left out, the stray cell is cut off.
    expect(preview.map((t) => [t.name, t.rows.length])).toEqual([
      ["tblCustomers", 3],
      ["weekly_sales", 3],
    ]);
    expect(preview[0].rows[1]).toEqual(["C2", null, day(2024, 2, 3), false]);
    expect(preview[1]).toMatchObject({ headerRow: 2, firstColumn: 2 });
    expect(preview[1].rows[2]).toEqual([" C3 ", day(2025, 1, 11), -2.25]);
    const listed = await host.listSheets();
    expect(listed.map((s) => [s.name, s.rows, s.columns, s.tables.map((t) => t.rows)])).toEqual([
      ["customers", 0, 0, [3]],
      ["weekly_sales", 4, 3, []],
      ["empty", 0, 0, []],
    ]);
  });

  test("a workbook written by exceljs (formulas' cached results, rich text, notes)", async () => {
    const file = await exceljsFile(dir);
    const cli = (await readInput(file)).tables;
    const host = await PreviewHost.open("exceljs.xlsx", readFileSync(file), nodeExcel);
    const preview = await previewTables(host);
    expectSameTables(preview, cli);
    expect(preview.map((t) => [t.name, t.rows.length])).toEqual([
      ["weekly_sales", 3],
      ["tblCustomers", 2],
      ["tblOrders", 2],
    ]);
    expect(preview[2].rows).toEqual([
      ["O1", 5],
      ["O2", 7.5],
    ]);
    expect(preview[0].rows.map((r) => [r[0], r[2]])).toEqual([
      ["C1", 10.5],
      ["C2", 6],
      ["C3", 7],
    ]);
    expect(preview[1]).toMatchObject({ headerRow: 3, firstColumn: 2 });
  });

  test("the download of an opened file holds the same input tables for the CLI", async () => {
    for (const file of [await openpyxlFile(dir), await exceljsFile(dir)]) {
      const host = await PreviewHost.open(path.basename(file), readFileSync(file), nodeExcel);
      const before = await previewTables(host);
      const out = path.join(dir, `download-${path.basename(file)}`);
      writeFileSync(out, await host.resultsFile());
      expectSameTables((await readInput(out)).tables, before);
    }
  });
});

test("RGO_Owned ranges name their sheets, quoted or not", () => {
  expect(rangeSheets("'RGO Gaps'!$A$1,'O''Brien'!$A$1,Plain!$A$1")).toEqual([
    "RGO Gaps",
    "O'Brien",
    "Plain",
  ]);
  expect(rangeSheets("")).toEqual([]);
});
