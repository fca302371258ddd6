/**
 * The exceljs writer of result sheets: writes a SheetLayout (sheet-layout.ts) onto an exceljs
 * worksheet, the same way whether the workbook streams to a file (the CLI: exceljs's
 * WorkbookWriter, see xlsx-result-writer.ts) or is built in memory (the browser preview's
 * download, preview-host.ts). It imports exceljs for its types only, so the pane's bundle stays
 * free of it until the preview loads exceljs lazily and passes its workbook in.
 *
 * Rows are written top to bottom and committed as they are finished (a no-op in memory), so the
 * streaming writer holds one row at a time. A table sheet's main table becomes an Excel table;
 * tables on report sheets are ranges with a filled, bordered header. Strings are written as string
 * cells (never formulas); formula-looking text gets "@" from the layout. exceljs cannot write
 * charts: xlsx-charts/add-charts.ts adds them to the zip exceljs produced.
 */
import type ExcelJS from "exceljs";
import type { ResultCell } from "../engine/report/result-book";
import { toXlsxValue } from "./xlsx-cell";
import {
  GENERAL_FORMAT,
  type LayoutList,
  type LayoutRegion,
  type LayoutTable,
  type SheetLayout,
} from "./sheet-layout";
import {
  REPORT_BORDER_COLOR,
  REPORT_HEADER_FILL,
  ROLE_FONTS,
  SCORE_SCALE,
  TABLE_STYLE,
  argb,
  columnLetter,
  numberFormatOf,
} from "./result-styles";

/** Where the writer puts a sheet: an in-memory workbook or a streaming one. */
export interface ExceljsTarget {
  addWorksheet(name: string, options: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet;
  /**
   * Makes `table` an Excel table. In memory (`streaming` false) it is called before the cells are
   * written, with the data rows' values; streaming, after its rows and before the sheet's commit.
   */
  addTable(ws: ExcelJS.Worksheet, table: LayoutTable, rows: ExcelJS.CellValue[][]): void;
  /** Rows are committed as written and the sheet at its end (exceljs's WorkbookWriter). */
  streaming: boolean;
}

/** A target over an in-memory exceljs workbook (tables through `worksheet.addTable`). */
export function inMemoryTarget(wb: ExcelJS.Workbook): ExceljsTarget {
  return {
    streaming: false,
    addWorksheet: (name, options) => wb.addWorksheet(name, options),
    addTable: (ws, t, rows) => {
      ws.addTable({
        name: t.name,
        ref: `${columnLetter(t.range.left + 1)}${t.range.top + 1}`,
        headerRow: true,
        style: {
          theme: TABLE_STYLE as ExcelJS.TableStyleProperties["theme"],
          showRowStripes: true,
        },
        columns: t.header.map((name) => ({ name, filterButton: true })),
        rows,
      });
    },
  };
}

const THIN: ExcelJS.Border = { style: "thin", color: { argb: argb(REPORT_BORDER_COLOR) } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: argb(REPORT_HEADER_FILL) },
};

/** The data rows of `table` (at least one, blank when it has none) as written values. */
function tableRows(table: LayoutTable, body: LayoutRegion | undefined): ExcelJS.CellValue[][] {
  const width = table.header.length;
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = 0; r < Math.max(1, table.dataRows); r++) {
    const src = body?.rows[r] ?? [];
    const row: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(width);
    for (let c = 0; c < width; c++) row[c] = toXlsxValue(src[c]).value as ExcelJS.CellValue;
    rows.push(row);
  }
  return rows;
}

function sheetOptions(layout: SheetLayout): Partial<ExcelJS.AddWorksheetOptions> {
  const grid = layout.showGridLines ? {} : { showGridLines: false };
  const top = `A${layout.freezeRows + 1}`;
  const views: Partial<ExcelJS.WorksheetView>[] =
    layout.freezeRows > 0
      ? [
          {
            state: "frozen",
            xSplit: 0,
            ySplit: layout.freezeRows,
            topLeftCell: top,
            activeCell: top,
            ...grid,
          },
        ]
      : layout.showGridLines
        ? []
        : [grid];
  return layout.kind === "report"
    ? {
        views,
        pageSetup: { orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      }
    : { views };
}

/** Writes the cells of one region (rows committed when streaming). */
function writeRegion(
  ws: ExcelJS.Worksheet,
  g: LayoutRegion,
  onReport: boolean,
  streaming: boolean,
): void {
  const font = ROLE_FONTS[g.role];
  const boxed = onReport && g.table !== undefined;
  const special = new Map(g.cellFormats.map((f) => [f.row * g.width + f.col, f.format]));
  for (let r = 0; r < g.height; r++) {
    const row = g.rows[r] ?? [];
    const xr = ws.getRow(g.top + r + 1);
    const height = g.rowHeights?.[r];
    if (height !== undefined) xr.height = height;
    for (let c = 0; c < g.width; c++) {
      const value = toXlsxValue(row[c] as ResultCell | undefined).value;
      if (value === null && !boxed) continue;
      const cell = xr.getCell(g.left + c + 1);
      cell.value = value as ExcelJS.CellValue;
      const format = special.get(r * g.width + c) ?? g.columnFormats[c];
      if (format !== undefined && format !== GENERAL_FORMAT) cell.numFmt = format;
      if (font !== undefined) cell.font = font;
      if (boxed) cell.border = BOX;
      if (boxed && g.role === "table-header") cell.fill = HEADER_FILL;
      if (g.role === "figures" && c === 1) cell.alignment = { horizontal: "right" };
      if (g.role === "text") cell.alignment = { wrapText: true, vertical: "top" };
    }
    if (g.mergeAcross !== undefined && g.mergeAcross > 1) {
      const at = g.top + r + 1;
      ws.mergeCells(at, g.left + 1, at, g.left + g.mergeAcross);
    }
    if (streaming) xr.commit();
  }
}

/** Writes one laid-out result sheet into `target`. */
export function writeLayoutSheet(target: ExceljsTarget, layout: SheetLayout): void {
  const ws = target.addWorksheet(layout.name, sheetOptions(layout));
  const main = layout.tables.filter((t) => t.main);
  const formats = layout.kind === "table" ? (main[0]?.formats ?? []) : [];
  ws.columns = layout.columnWidths.map((width, i) =>
    formats[i] !== undefined
      ? { width, style: { numFmt: numberFormatOf(formats[i], layout.currency) } }
      : { width },
  );
  const bodies = new Map(
    layout.regions
      .filter((g) => g.table !== undefined && g.role === "table-body")
      .map((g) => [g.table as string, g]),
  );
  if (!target.streaming)
    for (const t of main) target.addTable(ws, t, tableRows(t, bodies.get(t.name)));
  const regions = [...layout.regions].sort((a, b) => a.top - b.top);
  for (const g of regions) writeRegion(ws, g, layout.kind === "report", target.streaming);
  layout.colorScales.forEach((scale, i) => {
    const { top, left, bottom, right } = scale.range;
    ws.addConditionalFormatting({
      ref: `${columnLetter(left + 1)}${top + 1}:${columnLetter(right + 1)}${bottom + 1}`,
      rules: [
        {
          type: "colorScale",
          priority: i + 1,
          cfvo: SCORE_SCALE.map((p) => ({ type: "num" as const, value: p.value })),
          color: SCORE_SCALE.map((p) => ({ argb: argb(p.color) })),
        },
      ],
    });
  });
  for (const t of main) for (const list of t.lists ?? []) addList(ws, list);
  if (target.streaming) {
    for (const t of main) target.addTable(ws, t, []);
    ws.commit();
  }
}

/** Excel's list formula for a drop-down: the values in quotes, comma-separated. */
export function listFormula(allowed: readonly string[]): string {
  return `"${allowed.join(",")}"`;
}

/** A drop-down list over `list.range` (exceljs: worksheet and streaming worksheet alike). */
function addList(ws: ExcelJS.Worksheet, list: LayoutList): void {
  const { top, left, bottom, right } = list.range;
  const ref = `${columnLetter(left + 1)}${top + 1}:${columnLetter(right + 1)}${bottom + 1}`;
  const validations = (
    ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  validations.add(ref, {
    type: "list",
    allowBlank: true,
    formulae: [listFormula(list.allowed)],
    showErrorMessage: true,
    errorStyle: "warning",
    error: `Expected one of: ${list.allowed.join(", ")}.`,
  });
}
