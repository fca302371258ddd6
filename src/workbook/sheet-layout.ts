/**
 * Lays a ResultSheet out on a grid without touching any spreadsheet library: which rectangles of
 * cells hold which values, the number format of each column and cell, the Excel tables over them,
 * merged cells, row heights, column widths, frozen rows, colour scales and chart anchors. The two
 * writers, the Office.js adapter (excel.ts) and the exceljs writer (exceljs-result-writer.ts: the
 * CLI's file and the browser preview's download), both write from this layout, so they agree cell
 * for cell. Pure: no I/O.
 *
 * Number formats are the ones the cell ends with in a file. Text needs no "@" to stay text in a
 * file, so "@" is given only to text columns of tables, a table sheet's header, text values beside
 * figures, and text that starts like a formula (which must stay inert when edited). Excel typing a
 * value in is another matter: the Office.js writer formats every text cell "@" before writing it.
 *
 * Coordinates are 0-based (row 0 = sheet row 1, column 0 = column A); ranges are inclusive.
 * Region values are the ResultBook's own values (no copy of big tables): pass each through
 * `layoutCellValue` when writing.
 */
import type {
  ColumnFormat,
  ResultCell,
  ResultChart,
  ResultSheet,
  ResultTable,
  SummaryBlock,
} from "../engine/report/result-book";
import { tableColumnNames, uniqueSheetName, uniqueTableName, xlsxText } from "./xlsx-cell";
import {
  DATE_FORMAT,
  HEADING_ROW_HEIGHT,
  numberFormatOf,
  TEXT_FORMAT,
  wrappedRowHeight,
} from "./result-styles";
import { startsLikeFormula } from "./safe-text";

/** Columns a paragraph or bullet is merged across on a report sheet. */
export const REPORT_TEXT_SPAN = 6;
/** Number format of cells that keep Excel's default. */
export const GENERAL_FORMAT = "General";
/** Chart size in cells (columns x rows) and the gap between stacked charts. */
const CHART_COLUMNS = 8;
const CHART_ROWS = 16;
const CHART_GAP_ROWS = 2;

/** An inclusive, 0-based rectangle of cells. */
export interface GridRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What a region is, so writers can style it (fonts, fills, borders, wrapping). */
export type RegionRole =
  | "heading1" // one cell, bold 16 pt
  | "heading2" // one cell, bold 13 pt
  | "title" // a small table's title, bold 12 pt
  | "figures" // label / value pairs: column 0 label, column 1 value (right-aligned)
  | "text" // paragraphs and bullets: one cell per row, wrapped, merged across `mergeAcross` columns
  | "table-header" // header row of a table: bold (report tables also fill + border)
  | "table-body"; // data rows of a table

/** A cell whose number format differs from its column's (relative to the region). */
export interface CellFormat {
  row: number;
  col: number;
  format: string;
}

/** A rectangle of values written together. */
export interface LayoutRegion {
  role: RegionRole;
  top: number;
  left: number;
  /** Rows x columns covered (`rows.length` rows; short rows are padded with null). */
  height: number;
  width: number;
  /** Values as the ResultBook holds them; write `layoutCellValue(v)` for each. */
  rows: readonly (readonly ResultCell[])[];
  /** Number format of each column of the region (applies to every row). */
  columnFormats: string[];
  /** Cells whose format differs from their column's: text in a non-text column gets "@". */
  cellFormats: CellFormat[];
  /** Merge each row across this many columns (text regions). */
  mergeAcross?: number;
  /** Row heights in points, one per row (text and heading regions). */
  rowHeights?: number[];
  /** Name of the LayoutTable this region belongs to (header and body regions). */
  table?: string;
}

/** An Excel table over header + body regions. */
export interface LayoutTable {
  /** Excel table name, unique in the book (the ResultTable's name, made valid/unique). */
  name: string;
  /** The ResultTable's own name (what ResultChart.table refers to). */
  sourceName: string;
  /** Header row + data rows (at least one data row: Excel tables cannot be empty). */
  range: GridRange;
  /** Column names as written in the header (unique, single-line). */
  header: string[];
  formats: ColumnFormat[];
  /** Data rows in the ResultTable (the range may hold one more, blank, row when this is 0). */
  dataRows: number;
  /** True for a table sheet's main table, false for a small table on a report sheet. */
  main: boolean;
  /** Drop-down lists (data validation) over columns' data cells (ResultColumn.allowed). */
  lists?: LayoutList[];
}

/** A data-validation list: the cells of `range` offer (and accept) only `allowed`, or blank. */
export interface LayoutList {
  range: GridRange;
  allowed: readonly string[];
}

/** A chart drawn from a table's columns. */
export interface LayoutChart {
  title: string;
  kind: ResultChart["kind"];
  /** Excel table name the chart reads. */
  table: string;
  /** Category labels (one column, data rows only). */
  categories: GridRange;
  /** Values (one column, or adjacent columns for a line chart's series; data rows only). */
  values: GridRange;
  /** Cells the chart covers (to the right of the report's blocks). */
  anchor: GridRange;
}

/** A 0-255 / 0-5-10 colour scale over a score column's used rows. */
export interface LayoutColorScale {
  range: GridRange;
}

export interface SheetLayout {
  name: string;
  kind: "table" | "report";
  /** Rows and columns in use (the extent of every region and table). */
  rowCount: number;
  columnCount: number;
  regions: LayoutRegion[];
  tables: LayoutTable[];
  /** Width in characters of columns 0..n-1. */
  columnWidths: number[];
  /** Rows frozen at the top (1 for a table sheet's header, else 0). */
  freezeRows: number;
  showGridLines: boolean;
  colorScales: LayoutColorScale[];
  charts: LayoutChart[];
  /** ISO code of the sheet's "currency" cells (absent: USD); see numberFormatOf. */
  currency?: string;
}

/** A value as it is written to a cell: text cut to Excel's limit and XML-safe, no NaN/Infinity. */
export type LayoutValue = string | number | boolean | Date | null;

/**
 * The value to write for `v`: null for null/empty text/non-finite numbers/invalid dates, text
 * made XML-safe and cut to Excel's cell limit; `text` is true for any string (the cell must hold
 * text, never a number or formula Excel parsed from it) and `formulaLike` when the text starts
 * like a formula (`= + - @`, tab, CR, full-width forms).
 */
export function layoutCellValue(v: ResultCell | undefined): {
  value: LayoutValue;
  text: boolean;
  formulaLike: boolean;
} {
  if (v === null || v === undefined) return { value: null, text: false, formulaLike: false };
  if (typeof v === "number")
    return { value: Number.isFinite(v) ? v : null, text: false, formulaLike: false };
  if (typeof v === "string") {
    if (v.length === 0) return { value: null, text: false, formulaLike: false };
    return { value: xlsxText(v), text: true, formulaLike: startsLikeFormula(v) };
  }
  if (typeof v === "boolean") return { value: v, text: false, formulaLike: false };
  if (v instanceof Date)
    return { value: Number.isNaN(v.getTime()) ? null : v, text: false, formulaLike: false };
  return { value: xlsxText(String(v)), text: true, formulaLike: false };
}

function defaultWidth(format: ColumnFormat): number {
  switch (format) {
    case "currency":
      return 15;
    case "date":
      return 12;
    case "integer":
      return 11;
    case "text":
      return 14;
    default:
      return 10;
  }
}

function displayLength(v: ResultCell): number {
  if (v === null) return 0;
  if (typeof v === "string") return Math.min(v.length, 200);
  if (typeof v === "number")
    return Number.isFinite(v) ? String(Math.round(v * 100) / 100).length + 4 : 0;
  if (v instanceof Date) return 10;
  return 5;
}

/** Width for each column of `table`: its suggestion, else the header and the first rows' content. */
export function tableColumnWidths(table: ResultTable, maxWidth: number): number[] {
  return table.columns.map((c, i) => {
    if (c.width !== undefined && Number.isFinite(c.width) && c.width > 0)
      return Math.min(c.width, 255);
    let w = Math.max(defaultWidth(c.format), c.header.length + 3);
    const sample = Math.min(table.rows.length, 200);
    for (let r = 0; r < sample; r++) w = Math.max(w, displayLength(table.rows[r][i] ?? null) + 2);
    return Math.min(w, maxWidth);
  });
}

/** Report column widths: A fits the labels, B the values, the rest the small tables. */
export function reportWidths(blocks: readonly SummaryBlock[]): number[] {
  const widths = [32, 18];
  for (let i = 2; i < REPORT_TEXT_SPAN; i++) widths.push(12);
  for (const block of blocks) {
    if (block.kind === "figures") {
      for (const item of block.items) {
        widths[0] = Math.max(widths[0], Math.min(item.label.length + 2, 50));
        widths[1] = Math.max(widths[1], Math.min(displayLength(item.value) + 4, 40));
      }
    } else if (block.kind === "table") {
      tableColumnWidths(block.table, 40).forEach((w, i) => {
        widths[i] = Math.max(widths[i] ?? 0, w);
      });
    }
  }
  return widths;
}

/**
 * Cells of `rows` whose format must differ from the column's: text that starts like a formula in
 * a non-text column gets "@" (so it stays inert when edited), a date in a non-date column the date
 * format.
 */
function cellOverrides(rows: readonly (readonly ResultCell[])[], formats: string[]): CellFormat[] {
  const out: CellFormat[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const n = Math.min(row.length, formats.length);
    for (let c = 0; c < n; c++) {
      const v = row[c];
      if (typeof v === "string") {
        if (startsLikeFormula(v) && formats[c] !== TEXT_FORMAT)
          out.push({ row: r, col: c, format: TEXT_FORMAT });
      } else if (v instanceof Date && formats[c] !== DATE_FORMAT) {
        out.push({ row: r, col: c, format: DATE_FORMAT });
      }
    }
  }
  return out;
}

/** Names already used in a book, so table names stay unique across sheets. */
export interface LayoutNames {
  sheets: Set<string>;
  tables: Set<string>;
}

/** Header and body regions + the table for `table` placed at (top, left). Returns rows used. */
function placeTable(
  table: ResultTable,
  top: number,
  left: number,
  main: boolean,
  names: LayoutNames,
  regions: LayoutRegion[],
  tables: LayoutTable[],
  currency?: string,
): number {
  const width = table.columns.length;
  const name = uniqueTableName(table.name, names.tables);
  const header = tableColumnNames(table.columns.map((c) => c.header));
  const formats = table.columns.map((c) => numberFormatOf(c.format, currency));
  const headerFormats = header.map(() => (main ? TEXT_FORMAT : GENERAL_FORMAT));
  regions.push({
    role: "table-header",
    top,
    left,
    height: 1,
    width,
    rows: [header],
    columnFormats: headerFormats,
    cellFormats: cellOverrides([header], headerFormats),
    table: name,
  });
  if (table.rows.length > 0) {
    regions.push({
      role: "table-body",
      top: top + 1,
      left,
      height: table.rows.length,
      width,
      rows: table.rows,
      columnFormats: formats,
      cellFormats: cellOverrides(table.rows, formats),
      table: name,
    });
  }
  const bodyRows = Math.max(1, table.rows.length);
  const lists: LayoutList[] = [];
  table.columns.forEach((c, i) => {
    if (c.allowed !== undefined && c.allowed.length > 0)
      lists.push({
        range: { top: top + 1, left: left + i, bottom: top + bodyRows, right: left + i },
        allowed: c.allowed,
      });
  });
  tables.push({
    name,
    sourceName: table.name,
    range: { top, left, bottom: top + bodyRows, right: left + width - 1 },
    header,
    formats: table.columns.map((c) => c.format),
    dataRows: table.rows.length,
    main,
    ...(lists.length > 0 ? { lists } : {}),
  });
  return 1 + bodyRows;
}

function layoutTableSheet(
  name: string,
  table: ResultTable,
  freeze: boolean,
  names: LayoutNames,
  currency?: string,
): SheetLayout {
  const regions: LayoutRegion[] = [];
  const tables: LayoutTable[] = [];
  const rowCount = placeTable(table, 0, 0, true, names, regions, tables, currency);
  const colorScales: LayoutColorScale[] = [];
  if (table.rows.length > 0) {
    table.columns.forEach((c, i) => {
      if (c.format === "score")
        colorScales.push({ range: { top: 1, left: i, bottom: table.rows.length, right: i } });
    });
  }
  return {
    name,
    kind: "table",
    rowCount,
    columnCount: table.columns.length,
    regions,
    tables,
    columnWidths: tableColumnWidths(table, 60),
    freezeRows: freeze ? 1 : 0,
    showGridLines: true,
    colorScales,
    charts: [],
  };
}

function textRegion(
  role: RegionRole,
  top: number,
  texts: string[],
  extra: Partial<LayoutRegion> = {},
): LayoutRegion {
  return {
    role,
    top,
    left: 0,
    height: texts.length,
    width: 1,
    rows: texts.map((t) => [t]),
    columnFormats: [GENERAL_FORMAT],
    cellFormats: cellOverrides(
      texts.map((t) => [t]),
      [GENERAL_FORMAT],
    ),
    ...extra,
  };
}

function layoutReportSheet(
  name: string,
  blocks: readonly SummaryBlock[],
  charts: readonly ResultChart[],
  names: LayoutNames,
  currency?: string,
): SheetLayout {
  const widths = reportWidths(blocks);
  const spanWidth = widths.slice(0, REPORT_TEXT_SPAN).reduce((a, b) => a + b, 0);
  const regions: LayoutRegion[] = [];
  const tables: LayoutTable[] = [];
  let r = 0;
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    switch (block.kind) {
      case "heading":
        regions.push(
          textRegion(block.level === 1 ? "heading1" : "heading2", r, [block.text], {
            rowHeights: [HEADING_ROW_HEIGHT[block.level === 1 ? 1 : 2]],
          }),
        );
        r += 1;
        break;
      case "figures": {
        if (block.items.length === 0) break;
        const rows = block.items.map((item) => [item.label, item.value]);
        const labels = cellOverrides(
          rows.map((row) => [row[0]]),
          [GENERAL_FORMAT],
        );
        const cellFormats: CellFormat[] = block.items.map((item, i) => ({
          row: i,
          col: 1,
          format:
            typeof item.value === "string" || item.value === null
              ? TEXT_FORMAT
              : item.value instanceof Date
                ? DATE_FORMAT
                : numberFormatOf(item.format, currency),
        }));
        cellFormats.unshift(...labels);
        regions.push({
          role: "figures",
          top: r,
          left: 0,
          height: rows.length,
          width: 2,
          rows,
          columnFormats: [GENERAL_FORMAT, GENERAL_FORMAT],
          cellFormats,
        });
        r += rows.length;
        break;
      }
      case "paragraph":
      case "bullets": {
        const texts =
          block.kind === "paragraph" ? [block.text] : block.items.map((i) => `\u2022 ${i}`);
        if (texts.length === 0) break;
        regions.push(
          textRegion("text", r, texts, {
            mergeAcross: REPORT_TEXT_SPAN,
            rowHeights: texts.map((t) => wrappedRowHeight(t, spanWidth)),
          }),
        );
        r += texts.length;
        break;
      }
      case "table": {
        const t = block.table;
        if (t.title) {
          regions.push(textRegion("title", r, [t.title]));
          r += 1;
        }
        if (t.columns.length > 0) r += placeTable(t, r, 0, false, names, regions, tables, currency);
        break;
      }
      case "spacer":
        r += 1;
        break;
    }
    if ((block.kind === "table" || block.kind === "figures") && next && next.kind !== "spacer")
      r += 1;
  });

  const contentColumns = Math.max(
    widths.length,
    ...tables.map((t) => t.range.right + 1),
    ...regions.map((g) => g.left + Math.max(g.width, g.mergeAcross ?? 0)),
  );
  const placed: LayoutChart[] = [];
  const chartLeft = contentColumns + 1;
  for (const chart of charts) {
    const table = tables.find((t) => t.sourceName === chart.table);
    if (!table || table.dataRows === 0) continue;
    const width = table.range.right - table.range.left + 1;
    const lastValue = Math.max(chart.valueColumn, chart.lastValueColumn ?? chart.valueColumn);
    if (chart.categoryColumn >= width || lastValue >= width) continue;
    if (chart.categoryColumn < 0 || chart.valueColumn < 0) continue;
    const top = placed.length * (CHART_ROWS + CHART_GAP_ROWS) + 1;
    const dataTop = table.range.top + 1;
    const dataBottom = table.range.top + table.dataRows;
    const column = (c: number): GridRange => ({
      top: dataTop,
      left: table.range.left + c,
      bottom: dataBottom,
      right: table.range.left + c,
    });
    placed.push({
      title: chart.title,
      kind: chart.kind,
      table: table.name,
      categories: column(chart.categoryColumn),
      values: { ...column(chart.valueColumn), right: table.range.left + lastValue },
      anchor: {
        top,
        left: chartLeft,
        bottom: top + CHART_ROWS - 1,
        right: chartLeft + CHART_COLUMNS - 1,
      },
    });
  }
  const columnCount =
    placed.length > 0 ? Math.max(...placed.map((c) => c.anchor.right + 1)) : contentColumns;
  const rowCount = Math.max(r, ...placed.map((c) => c.anchor.bottom + 1));
  return {
    name,
    kind: "report",
    rowCount,
    columnCount,
    regions,
    tables,
    columnWidths: widths,
    freezeRows: 0,
    showGridLines: false,
    colorScales: [],
    charts: placed,
  };
}

/** Fresh name sets for laying out one book. */
export function newLayoutNames(): LayoutNames {
  return { sheets: new Set<string>(), tables: new Set<string>() };
}

/**
 * Lays out one result sheet. `names` keeps sheet and table names unique across a book (pass the
 * same object for every sheet of a book; a fresh one by default). The sheet name is made valid
 * (at most 31 characters, no forbidden characters).
 */
export function layoutSheet(
  sheet: ResultSheet,
  names: LayoutNames = newLayoutNames(),
): SheetLayout {
  const name = uniqueSheetName(sheet.name, names.sheets);
  const layout =
    sheet.content.kind === "table"
      ? layoutTableSheet(
          name,
          sheet.content.table,
          sheet.freezeHeader ?? true,
          names,
          sheet.currency,
        )
      : layoutReportSheet(name, sheet.content.blocks, sheet.charts ?? [], names, sheet.currency);
  if (sheet.currency !== undefined) layout.currency = sheet.currency;
  return layout;
}

/**
 * Lays out every sheet of a book with unique sheet and table names. `names` holds the names
 * already taken in the workbook written into (the writers' input sheets and tables).
 */
export function layoutBook(
  sheets: readonly ResultSheet[],
  names: LayoutNames = newLayoutNames(),
): SheetLayout[] {
  return sheets.map((s) => layoutSheet(s, names));
}
