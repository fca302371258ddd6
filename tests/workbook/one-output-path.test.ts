/**
 * One output path: the CLI's file (streaming) and the browser preview's download (in memory) are
 * the same exceljs writer over the same layout, so for the real engine's seed books they hold the
 * same cells, number formats, tables and merges; and the Office.js writer (on the fake Excel) puts
 * every laid-out value, format and table where the layout says.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { analyze } from "../../src/engine/pipeline/analyze";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import type { ResultBook } from "../../src/engine/report/result-book";
import { writeResultBook as writeFile } from "../../src/workbook/xlsx-result-writer";
import { writeResultBook as writeExcel } from "../../src/workbook/excel";
import { layoutBook, layoutCellValue } from "../../src/workbook/sheet-layout";
import { TEXT_FORMAT } from "../../src/workbook/result-styles";
import { PreviewHost, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { FakeExcel, boxAddress } from "../support/fake-excel";
import { rawPack, RUN_AT, seedDataset } from "../engine/seed-helpers";
import { tempDir } from "./external-tools";

const nodeExcel: ExcelLoader = async () => ExcelJS;

/** What the seed run reports about its input (as the other seed-book tests give it). */
const SEED_META = {
  packHash: "sha256:abc",
  issues: [],
  source: "seed",
  inputCounts: { customers: 200, salesRows: 2400, stockRows: 360 },
  runAt: RUN_AT,
};

async function seedBook(packName: string): Promise<ResultBook> {
  const pack = rawPack(packName);
  const result = await analyze(await seedDataset(), pack, { runAt: RUN_AT });
  return buildResultBook(result, { pack, ...SEED_META });
}

interface SheetDump {
  name: string;
  cells: string[];
  tables: string[];
  merges: string[];
}

/** Every non-empty cell (address, value, number format), table and merge of a workbook. */
function dump(wb: ExcelJS.Workbook): SheetDump[] {
  return wb.worksheets.map((ws) => {
    const cells: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) =>
        cells.push(`${cell.address}=${JSON.stringify(cell.value)} [${cell.numFmt ?? ""}]`),
      ),
    );
    const tables = Object.values(
      (ws as unknown as { tables: Record<string, { table: Record<string, unknown> }> }).tables,
    ).map((t) => {
      const m = t.table;
      const columns = (m.columns as { name: string }[]).map((c) => c.name);
      return `${String(m.name)} ${String(m.tableRef ?? m.ref)} ${columns.join("|")}`;
    });
    const merges = Object.keys((ws as unknown as { _merges: object })._merges).sort();
    return { name: ws.name, cells, tables, merges };
  });
}

describe.each(["seed-tier2", "default"])("the %s book", (packName) => {
  let book: ResultBook;
  beforeAll(async () => {
    book = await seedBook(packName);
  });

  test("the CLI file and the preview download hold the same cells, formats and tables", async () => {
    const file = path.join(tempDir("one-path"), `${packName}.xlsx`);
    await writeFile(book, file);
    const cli = new ExcelJS.Workbook();
    await cli.xlsx.readFile(file);

    const host = PreviewHost.empty("Book1", nodeExcel);
    await host.writeResults(book);
    const preview = new ExcelJS.Workbook();
    await preview.xlsx.load((await host.resultsFile()) as unknown as ArrayBuffer);

    const a = dump(cli);
    const b = dump(preview);
    expect(b.map((s) => s.name)).toEqual(a.map((s) => s.name));
    expect(a.map((s) => s.name)).toEqual(book.sheets.map((s) => s.name));
    for (let i = 0; i < a.length; i++) {
      expect(b[i].cells.length).toBe(a[i].cells.length);
      // Compared cell by cell so a difference names its cell.
      a[i].cells.forEach((cell, k) =>
        expect(`${a[i].name}!${b[i].cells[k]}`).toBe(`${a[i].name}!${cell}`),
      );
      expect(b[i].tables).toEqual(a[i].tables);
      expect(b[i].merges).toEqual(a[i].merges);
    }
    // The books are not trivially equal: tables, formats and merges are there.
    expect(a.some((s) => s.tables.length > 0)).toBe(true);
    expect(a.some((s) => s.merges.length > 0)).toBe(true);
    expect(a.flatMap((s) => s.cells).some((c) => c.endsWith("[$#,##0.00;[Red]-$#,##0.00]"))).toBe(
      true,
    );
  });

  test("the Office.js write (fake Excel) matches the layout", async () => {
    const x = new FakeExcel(["customers", "weekly_sales"]);
    const report = await writeExcel(x.context(), book);
    const layouts = layoutBook(book.sheets);
    expect(report.sheets).toEqual(layouts.map((l) => l.name));
    for (const layout of layouts) {
      const sheet = x.sheet(layout.name);
      for (const g of layout.regions) {
        const special = new Map(g.cellFormats.map((f) => [`${f.row}:${f.col}`, f.format]));
        for (let r = 0; r < g.height; r++) {
          for (let c = 0; c < g.width; c++) {
            const { value, text } = layoutCellValue(g.rows[r][c]);
            const cell = sheet.cell(g.top + r, g.left + c);
            const expected =
              value === null
                ? ""
                : value instanceof Date
                  ? value.getTime() / 86400000 + 25569
                  : value;
            const where = `${layout.name} R${g.top + r + 1}C${g.left + c + 1}`;
            expect(`${where} ${JSON.stringify(cell?.value ?? "")}`).toBe(
              `${where} ${JSON.stringify(expected)}`,
            );
            // Excel needs "@" on every text cell; otherwise the layout's format.
            const format = text ? TEXT_FORMAT : (special.get(`${r}:${c}`) ?? g.columnFormats[c]);
            if (value !== null)
              expect(`${where} ${cell?.format ?? "General"}`).toBe(`${where} ${format}`);
          }
        }
      }
      const tables = x.tables
        .filter((t) => t.sheet === sheet)
        .map((t) => `${t.name} ${boxAddress(t.box)}`);
      expect(tables).toEqual(
        layout.tables.map(
          (t) =>
            `${t.name} ${boxAddress({
              top: t.range.top,
              left: t.range.left,
              rows: t.range.bottom - t.range.top + 1,
              cols: t.range.right - t.range.left + 1,
            })}`,
        ),
      );
      expect(sheet.frozenRows).toBe(layout.freezeRows);
      expect(sheet.showGridlines).toBe(layout.showGridLines);
      expect(sheet.charts.length).toBe(layout.charts.length);
      expect(sheet.conditionalFormats.map((f) => f.address)).toEqual(
        layout.colorScales.map((s) =>
          boxAddress({
            top: s.range.top,
            left: s.range.left,
            rows: s.range.bottom - s.range.top + 1,
            cols: s.range.right - s.range.left + 1,
          }),
        ),
      );
    }
  });
});
