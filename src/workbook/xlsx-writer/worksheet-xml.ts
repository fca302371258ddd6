/**
 * One laid-out result sheet (sheet-layout.ts) as worksheet XML (xl/worksheets/sheetN.xml),
 * produced as UTF-8 in chunks of about CHUNK_BYTES: each row is built as one short string and
 * encoded straight into the chunk (three times cheaper than joining a chunk-sized string and
 * encoding it, which makes V8 build and then flatten a rope of every cell).
 * It writes what the exceljs writer (exceljs-result-writer.ts) writes, cell for cell: the same
 * values (text as inline strings, never formulas; text with leading or trailing whitespace as a
 * one-run rich text with xml:space="preserve"; dates as serial numbers), number formats (the
 * region's column format, a cell's own where the layout gives one, else the table column's),
 * fonts, fills, borders and alignment per region role, merged cells (which carry the first cell's
 * look), row heights, column widths and formats, the frozen header, grid lines, colour scales,
 * drop-down lists, the report's page setup, and the references to its tables and drawing.
 * Styles are looked up once per region column, not per cell.
 */
import type { ResultCell } from "../../engine/report/result-book";
import { GENERAL_FORMAT, type LayoutRegion, type SheetLayout } from "../sheet-layout";
import {
  REPORT_HEADER_FILL,
  ROLE_FONTS,
  SCORE_SCALE,
  columnLetter,
  numberFormatOf,
} from "../result-styles";
import { xlsxText } from "../xlsx-cell";
import { listFormula } from "../exceljs-result-writer";
import type { CellStyle, CellStyles } from "./cell-styles";
import { escapeXml } from "./xml-text";
import { ByteChunks } from "./byte-chunks";

const MS_PER_DAY = 24 * 3600 * 1000;
/** Excel's serial number of 1970-01-01 (the 1900 date system). */
const EXCEL_EPOCH_SERIAL = 25569;
const EDGE_WHITESPACE = /^\s|\s$/;

/** The relationship ids a sheet refers to (its tables, in layout order, and its drawing). */
export interface SheetRelIds {
  tables: string[];
  drawing?: string;
}

// Text that xlsxText would change (characters XML cannot carry) or cut (over Excel's limit).
const NOT_XML_SAFE = /[\uD800-\uDFFF\uFFFE\uFFFF]/;
const EXCEL_MAX_CELL_CHARS = 32767;

/** `v` as cell XML after `<c r=".." s=".."` (value, type), or null for an empty cell. */
function cellBody(v: ResultCell | undefined | bigint | object): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? "><v>" + v + "</v></c>" : null;
    case "string":
      if (v.length === 0) return null;
      return textBody(v.length > EXCEL_MAX_CELL_CHARS || NOT_XML_SAFE.test(v) ? xlsxText(v) : v);
    case "boolean":
      return v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>';
    case "bigint":
      return `><v>${Number(v)}</v></c>`;
    default:
      if (v instanceof Date) {
        const t = v.getTime();
        return Number.isNaN(t) ? null : `><v>${EXCEL_EPOCH_SERIAL + t / MS_PER_DAY}</v></c>`;
      }
      return textBody(xlsxText(String(v)));
  }
}

/** Whether `code` may be whitespace (`\s`): the cheap test before the exact one. */
function maybeSpace(code: number): boolean {
  return code <= 32 || (code >= 0x85 && (code === 0x85 || code === 0xa0 || code >= 0x1680));
}

/** A text cell's value XML; null when nothing is left once XML's forbidden characters are dropped. */
function textBody(text: string): string | null {
  const escaped = escapeXml(text);
  if (escaped.length === 0) return null;
  const edge =
    (maybeSpace(text.charCodeAt(0)) || maybeSpace(text.charCodeAt(text.length - 1))) &&
    EDGE_WHITESPACE.test(text);
  return edge
    ? ' t="inlineStr"><is><r><t xml:space="preserve">' + escaped + "</t></r></is></c>"
    : ' t="inlineStr"><is><t>' + escaped + "</t></is></c>";
}

/** The look of a region's cells with number format `numFmt`. */
function regionStyle(g: LayoutRegion, onReport: boolean, numFmt: string, col: number): CellStyle {
  const boxed = onReport && g.table !== undefined;
  const style: CellStyle = { numFmt };
  const font = ROLE_FONTS[g.role];
  if (font !== undefined) style.font = font;
  if (boxed) style.boxed = true;
  if (boxed && g.role === "table-header") style.fill = REPORT_HEADER_FILL;
  if (g.role === "figures" && col === 1) style.alignment = "right";
  if (g.role === "text") style.alignment = "wrap-top";
  return style;
}

/** A region with its styles resolved: per column, and per cell where the layout says so. */
interface PlacedRegion {
  g: LayoutRegion;
  boxed: boolean;
  columnStyles: number[];
  /** Style by `row * width + col` where a cell's format differs from its column's. */
  cellStyles: Map<number, number>;
  letters: string[];
  /** `<c r="B` and `" s="16"` per column: a cell is cellOpen + row number + cellStyle + body. */
  cellOpen: string[];
  cellStyle: string[];
  /** Style of the merged cells right of column 0 (text regions merged across columns). */
  mergeLetters: string[];
}

function placeRegion(
  g: LayoutRegion,
  onReport: boolean,
  columnFormats: readonly (string | undefined)[],
  styles: CellStyles,
): PlacedRegion {
  const formatOf = (format: string | undefined, c: number): string =>
    format !== undefined && format !== GENERAL_FORMAT
      ? format
      : (columnFormats[g.left + c] ?? GENERAL_FORMAT);
  const columnStyles: number[] = [];
  const letters: string[] = [];
  for (let c = 0; c < g.width; c++) {
    columnStyles.push(styles.id(regionStyle(g, onReport, formatOf(g.columnFormats[c], c), c)));
    letters.push(columnLetter(g.left + c + 1));
  }
  const cellStyles = new Map<number, number>();
  for (const f of g.cellFormats)
    cellStyles.set(
      f.row * g.width + f.col,
      styles.id(regionStyle(g, onReport, formatOf(f.format, f.col), f.col)),
    );
  const mergeLetters: string[] = [];
  for (let c = 1; c < (g.mergeAcross ?? 0); c++) mergeLetters.push(columnLetter(g.left + c + 1));
  return {
    g,
    boxed: onReport && g.table !== undefined,
    columnStyles,
    cellStyles,
    letters,
    cellOpen: letters.map((l) => `<c r="${l}`),
    cellStyle: columnStyles.map((s) => (s === 0 ? '"' : `" s="${s}"`)),
    mergeLetters,
  };
}

/** The cells of row `r` (0-based, inside the region) as XML. */
function regionRowXml(p: PlacedRegion, r: number, rowNumber: string): string {
  const { g } = p;
  const row = g.rows[r] ?? [];
  const overrides = p.cellStyles.size > 0;
  let xml = "";
  for (let c = 0; c < g.width; c++) {
    const body = cellBody(row[c]);
    if (body === null && !p.boxed) continue;
    const s = overrides ? p.cellStyles.get(r * g.width + c) : undefined;
    const open =
      s === undefined
        ? p.cellOpen[c] + rowNumber + p.cellStyle[c]
        : `<c r="${p.letters[c]}${rowNumber}"${s === 0 ? "" : ` s="${s}"`}`;
    xml += body === null ? open + "/>" : open + body;
  }
  if (p.mergeLetters.length > 0) {
    const s = p.cellStyles.get(r * g.width) ?? p.columnStyles[0];
    for (const letter of p.mergeLetters) xml += `<c r="${letter}${rowNumber}" s="${s}"/>`;
  }
  return xml;
}

function rangeRef(top: number, left: number, bottom: number, right: number): string {
  return `${columnLetter(left + 1)}${top + 1}:${columnLetter(right + 1)}${bottom + 1}`;
}

function sheetViewXml(layout: SheetLayout): string {
  const grid = layout.showGridLines ? "" : ' showGridLines="0"';
  if (layout.freezeRows <= 0)
    return `<sheetViews><sheetView workbookViewId="0"${grid}/></sheetViews>`;
  const top = `A${layout.freezeRows + 1}`;
  return (
    `<sheetViews><sheetView workbookViewId="0"${grid}>` +
    `<pane ySplit="${layout.freezeRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`
  );
}

const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
const PAGE_MARGINS =
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

/** The references to the sheet's drawing and tables (the last elements of a worksheet). */
function partRefsXml(rels: SheetRelIds): string {
  let xml = rels.drawing !== undefined ? `<drawing r:id="${rels.drawing}"/>` : "";
  if (rels.tables.length > 0)
    xml += `<tableParts count="${rels.tables.length}">${rels.tables.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`;
  return xml;
}

/**
 * A sheet of cells as found (an input sheet in the preview's download: input-sheet-xml.ts makes
 * its `<row>` elements), with references to its tables, in chunks of UTF-8.
 */
export function* cellsWorksheetXml(
  rows: Iterable<string | Uint8Array>,
  rels: SheetRelIds,
): Generator<Uint8Array> {
  const out = new ByteChunks();
  out.write(
    WORKSHEET_OPEN +
      '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>',
  );
  for (const row of rows) {
    if (typeof row === "string") out.write(row);
    else {
      // Rows already made as UTF-8 (input-sheet-xml.ts columnRowsBytes): passed on as they come.
      out.flush();
      out.ready.push(row);
    }
    if (out.ready.length > 0) yield* out.take();
  }
  out.write("</sheetData>" + PAGE_MARGINS + partRefsXml(rels) + "</worksheet>");
  out.flush();
  yield* out.take();
}

/** The worksheet XML of `layout`, in chunks of UTF-8. */
export function* worksheetXml(
  layout: SheetLayout,
  styles: CellStyles,
  rels: SheetRelIds,
): Generator<Uint8Array> {
  const out = new ByteChunks();
  const report = layout.kind === "report";
  const main = layout.tables.filter((t) => t.main);
  const tableFormats = layout.kind === "table" ? (main[0]?.formats ?? []) : [];
  const columnFormats = layout.columnWidths.map((_, i) =>
    tableFormats[i] !== undefined ? numberFormatOf(tableFormats[i], layout.currency) : undefined,
  );
  let xml =
    WORKSHEET_OPEN +
    (report ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
    sheetViewXml(layout) +
    '<sheetFormatPr defaultRowHeight="15"/>';
  if (layout.columnWidths.length > 0) {
    xml += "<cols>";
    layout.columnWidths.forEach((width, i) => {
      const format = columnFormats[i];
      const style = format !== undefined ? ` style="${styles.id({ numFmt: format })}"` : "";
      xml += `<col min="${i + 1}" max="${i + 1}" width="${width}"${style} customWidth="1"/>`;
    });
    xml += "</cols>";
  }
  xml += "<sheetData>";
  out.write(xml);

  // Rows in order; a row's cells come from every region covering it, left to right.
  const regions = [...layout.regions]
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((g) => placeRegion(g, report, columnFormats, styles));
  let next = 0;
  let active: PlacedRegion[] = [];
  const last = regions.reduce((m, p) => Math.max(m, p.g.top + p.g.height), 0);
  for (let r = regions[0]?.g.top ?? 0; r < last;) {
    while (next < regions.length && regions[next].g.top <= r) active.push(regions[next++]);
    active = active.filter((p) => p.g.top + p.g.height > r);
    if (active.length === 0) {
      if (next >= regions.length) break;
      r = regions[next].g.top;
      continue;
    }
    if (active.length > 1) active.sort((a, b) => a.g.left - b.g.left);
    const rowNumber = String(r + 1);
    let cells = "";
    let height: number | undefined;
    for (const p of active) {
      cells += regionRowXml(p, r - p.g.top, rowNumber);
      height ??= p.g.rowHeights?.[r - p.g.top];
    }
    if (cells.length > 0 || height !== undefined)
      out.write(
        height !== undefined
          ? `<row r="${rowNumber}" ht="${height}" customHeight="1">${cells}</row>`
          : `<row r="${rowNumber}">${cells}</row>`,
      );
    if (out.ready.length > 0) yield* out.take();
    r++;
  }
  xml = "</sheetData>";

  const merges: string[] = [];
  for (const g of layout.regions)
    if (g.mergeAcross !== undefined && g.mergeAcross > 1)
      for (let r = 0; r < g.height; r++)
        merges.push(rangeRef(g.top + r, g.left, g.top + r, g.left + g.mergeAcross - 1));
  if (merges.length > 0)
    xml += `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;

  layout.colorScales.forEach((scale, i) => {
    const { top, left, bottom, right } = scale.range;
    xml +=
      `<conditionalFormatting sqref="${rangeRef(top, left, bottom, right)}">` +
      `<cfRule type="colorScale" priority="${i + 1}"><colorScale>` +
      SCORE_SCALE.map((p) => `<cfvo type="num" val="${p.value}"/>`).join("") +
      SCORE_SCALE.map((p) => `<color rgb="FF${p.color.slice(1).toUpperCase()}"/>`).join("") +
      "</colorScale></cfRule></conditionalFormatting>";
  });

  const lists = main.flatMap((t) => t.lists ?? []);
  if (lists.length > 0) {
    xml += `<dataValidations count="${lists.length}">`;
    for (const list of lists) {
      const { top, left, bottom, right } = list.range;
      const error = escapeXml(`Expected one of: ${list.allowed.join(", ")}.`);
      const formula = escapeXml(listFormula(list.allowed));
      xml +=
        `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="warning" error="${error}" sqref="${rangeRef(top, left, bottom, right)}">` +
        `<formula1>${formula}</formula1></dataValidation>`;
    }
    xml += "</dataValidations>";
  }

  xml += PAGE_MARGINS;
  if (report) xml += '<pageSetup orientation="portrait" fitToWidth="1" fitToHeight="0"/>';
  xml += partRefsXml(rels) + "</worksheet>";
  out.write(xml);
  out.flush();
  yield* out.take();
}
