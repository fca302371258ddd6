/**
 * The Office.js workbook adapter: the only module (with the thin host, office-host.ts) that talks
 * to Excel's object model. It works on a `XlContext`, the subset of `Excel.RequestContext` it
 * uses (office-host.ts checks at compile time that the real type fits; tests pass a fake).
 *
 * - Reads sheets' used ranges and Excel tables into RawTables in row blocks planned by estimated
 *   bytes (excel-blocks.ts), retrying a block at half size on a payload / resource-limit error,
 *   honouring an AbortSignal and reporting progress between blocks. Each block loads its values
 *   and number formats in one request (blocks sized for both), and the currencies the formats
 *   name fill RawTable.columnCurrencies as the .xlsx reader does (column-currencies.ts), so a
 *   `[$£-809]` revenue column is GBP in Excel too. Reads never write.
 * - Writes a ResultBook from its layout (sheet-layout.ts): every target sheet is checked first
 *   (an existing sheet without the RGO marker stops the run before anything is written), then
 *   per sheet: text formats ("@") before values, values in blocks, the Excel table over them, number
 *   formats broadcast per column, colour scales on score columns, frozen header, widths, charts.
 *   Every string lands in a cell already formatted as text, so Excel never turns it into a
 *   formula, number or date. `suspendScreenUpdatingUntilNextSync` is called once per batch.
 * - The marker is a worksheet custom property (ExcelApi 1.12), `RGO.createdBy`.
 *
 * API sets used: ExcelApi 1.12 (worksheet custom properties) is the highest; the rest is 1.9 or
 * lower (suspendScreenUpdatingUntilNextSync 1.9, showGridlines 1.8, getRangeByIndexes /
 * freezePanes / onSelectionChanged / series.setXAxisValues 1.7, conditional formats 1.6).
 */
import { throwIfCancelled } from "../engine/errors";
import type { ResultBook } from "../engine/report/result-book";
import type { HostProgress, SheetInfo, TableInfo, TableSource, WriteReport } from "./workbook-host";
import {
  packTextFromRulesTable,
  rulesResultSheet,
  RULES_SHEET,
} from "../engine/report/rules-sheet";
import {
  blockBytes,
  cellBytes,
  estimateBytesPerCell,
  halve,
  planBlocks,
  REQUEST_OVERHEAD_BYTES,
  TARGET_REQUEST_BYTES,
  type RowBlock,
} from "./excel-blocks";
import type { CellValue, RawTable, RawWorkbook } from "../engine/input/raw-table";
import {
  layoutCellValue,
  newLayoutNames,
  layoutBook,
  type CellFormat,
  type GridRange,
  type LayoutRegion,
  type SheetLayout,
} from "./sheet-layout";
import { uniqueSheetName } from "./xlsx-cell";
import { ColumnCurrencies } from "./column-currencies";
import {
  DATE_FORMAT,
  REPORT_HEADER_FILL,
  ROLE_FONTS,
  SCORE_SCALE,
  TEXT_FORMAT,
  columnLetter,
} from "./result-styles";
import { foreignSheetError, planSheetWrites, type ExistingSheet } from "./sheet-ownership";

export { foreignSheetError };

// ---------------------------------------------------------------------------------------------
// The subset of Excel's object model this adapter uses (names and shapes as in @types/office-js).

/** A cell value as Excel's `Range.values` carries it. */
export type XlValue = string | number | boolean;

export interface XlLoadable {
  load(propertyNames: string): unknown;
}

export interface XlRangeFormat {
  columnWidth: number;
  rowHeight: number;
  wrapText: boolean;
  /** "General", "Left", "Center", "Right", … */
  horizontalAlignment: string;
  /** "Top", "Center", "Bottom", … */
  verticalAlignment: string;
  font: { bold: boolean; size: number };
  fill: { color: string };
}

export interface XlColorScaleCriterion {
  /** "Number", "Percent", "LowestValue", … */
  type: string;
  formula?: string;
  color?: string;
}

export interface XlConditionalFormat {
  colorScale: {
    criteria: {
      minimum: XlColorScaleCriterion;
      midpoint?: XlColorScaleCriterion;
      maximum: XlColorScaleCriterion;
    };
  };
}

export interface XlRange extends XlLoadable {
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly isNullObject: boolean;
  values: unknown[][];
  numberFormat: unknown[][];
  readonly format: XlRangeFormat;
  /** `add("ColorScale")` (typed `string` so Office.js's enum overloads fit). */
  readonly conditionalFormats: { add(type: string): XlConditionalFormat };
  /** A drop-down list: `rule = { list: { inCellDropDown, source } }` (Office.js DataValidation). */
  readonly dataValidation: XlDataValidation;
  merge(across?: boolean): void;
}

export interface XlDataValidation {
  rule: { list?: { inCellDropDown: boolean; source: unknown } };
  errorAlert: { showAlert: boolean; style: string; message: string; title: string };
  ignoreBlanks: boolean;
}

export interface XlTable extends XlLoadable {
  name: string;
  readonly worksheet: XlWorksheet;
  getHeaderRowRange(): XlRange;
  getDataBodyRange(): XlRange;
}

export interface XlTableCollection extends XlLoadable {
  readonly items: XlTable[];
  add(address: string, hasHeaders: boolean): XlTable;
  getItem(key: string): XlTable;
}

export interface XlChart {
  readonly title: { text: string };
  readonly legend: { visible: boolean };
  readonly series: { getItemAt(index: number): { setXAxisValues(sourceData: XlRange): void } };
  setPosition(startCell: string, endCell?: string): void;
}

export interface XlCustomProperty extends XlLoadable {
  readonly isNullObject: boolean;
  readonly value: string;
}

export interface XlSelectionChangedArgs {
  address: string;
  worksheetId: string;
}

export interface XlEventResult {
  remove(): void;
}

export interface XlWorksheet extends XlLoadable {
  name: string;
  readonly id: string;
  readonly isNullObject: boolean;
  showGridlines: boolean;
  readonly tables: XlTableCollection;
  readonly freezePanes: { freezeRows(count?: number): void };
  readonly charts: {
    /** type "BarClustered" | "Pie" …, seriesBy "Auto" | "Columns" | "Rows". */
    add(type: string, sourceData: XlRange, seriesBy?: string): XlChart;
  };
  readonly customProperties: {
    add(key: string, value: string): unknown;
    getItemOrNullObject(key: string): XlCustomProperty;
  };
  readonly onSelectionChanged: {
    add(handler: (args: XlSelectionChangedArgs) => Promise<unknown>): XlEventResult;
  };
  activate(): void;
  delete(): void;
  getRange(address?: string): XlRange;
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
}

export interface XlWorksheetCollection extends XlLoadable {
  readonly items: XlWorksheet[];
  add(name?: string): XlWorksheet;
  getItem(key: string): XlWorksheet;
  getItemOrNullObject(key: string): XlWorksheet;
}

export interface XlContext {
  readonly workbook: {
    readonly worksheets: XlWorksheetCollection;
    readonly tables: XlTableCollection;
  };
  readonly application: { suspendScreenUpdatingUntilNextSync(): void };
  sync(): Promise<unknown>;
}

// ---------------------------------------------------------------------------------------------

/** Worksheet custom property that marks a sheet the add-in created. */
export const RGO_MARKER_KEY = "RGO.createdBy";
export const RGO_MARKER_VALUE = "revenue-gap-orchestrator";
/** Rows read first to estimate the bytes per cell of a range. */
export const SAMPLE_ROWS = 100;
/** Header cells read per sheet when listing sheets (Excel's last column is 16,384). */
const MAX_HEADER_COLUMNS = 16384;
/** Excel column width unit: points per character of the default font (about). */
const POINTS_PER_CHAR = 5.6;
const POINTS_PADDING = 5;

/** Options for reads and writes (tests lower the byte target to exercise blocking). */
export interface ExcelIoOptions {
  /** Payload a request aims at (default TARGET_REQUEST_BYTES). */
  targetBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: HostProgress) => void;
}

/** Counts requests (context.sync calls) and suspends screen updating once per batch. */
class Syncer {
  requests = 0;
  constructor(readonly ctx: XlContext) {}
  /** Sends the queued batch. */
  async sync(): Promise<void> {
    this.requests++;
    await this.ctx.sync();
  }
  /** Sends a batch of writes with screen updating suspended until it completes. */
  async syncWrites(): Promise<void> {
    this.ctx.application.suspendScreenUpdatingUntilNextSync();
    await this.sync();
  }
}

/** True when an Office.js error is a request/response payload or resource limit. */
export function isLimitError(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const o = e as { code?: unknown; message?: unknown };
  const code = typeof o.code === "string" ? o.code : "";
  if (
    code === "RequestPayloadSizeLimitExceeded" ||
    code === "ResponsePayloadSizeLimitExceeded" ||
    code === "ResourceLimitReached"
  )
    return true;
  const message = typeof o.message === "string" ? o.message.toLowerCase() : "";
  return message.includes("payload") || message.includes("resource");
}

function checkAborted(signal: AbortSignal | undefined): void {
  throwIfCancelled(signal, "Cancelled.");
}

/** "Sheet1!B2:D9" / "'My sheet'!B2" / "B2:D9" -> the 0-based top-left cell. */
export function parseAddressStart(address: string): { row: number; col: number } | null {
  const bang = address.lastIndexOf("!");
  const ref = (bang >= 0 ? address.slice(bang + 1) : address).split(":")[0];
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** A1 address of a 0-based range ("B2:D9", or "B2" for one cell). */
export function a1(range: GridRange): string {
  const tl = `${columnLetter(range.left + 1)}${range.top + 1}`;
  const br = `${columnLetter(range.right + 1)}${range.bottom + 1}`;
  return tl === br ? tl : `${tl}:${br}`;
}

/** One Excel value as a RawTable cell: empty text is an empty cell, the rest as Excel gave it. */
function rawCell(v: unknown): CellValue {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

function headerText(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

// ------------------------------------------------------------------------------------- reading

/** Lists the workbook's sheets: used range size, header row, tables and the RGO marker. */
export async function listSheets(ctx: XlContext): Promise<SheetInfo[]> {
  const s = new Syncer(ctx);
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await s.sync();
  const items = sheets.items.map((ws) => {
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowCount,columnCount,rowIndex,columnIndex");
    ws.tables.load("items/name");
    const marker = ws.customProperties.getItemOrNullObject(RGO_MARKER_KEY);
    marker.load("value");
    return { ws, used, marker };
  });
  await s.sync();
  const details = items.map(({ ws, used, marker }) => {
    let header: XlRange | null = null;
    if (!used.isNullObject) {
      header = ws.getRangeByIndexes(
        used.rowIndex,
        used.columnIndex,
        1,
        Math.min(used.columnCount, MAX_HEADER_COLUMNS),
      );
      header.load("values");
    }
    const tables = ws.tables.items.map((t) => {
      const head = t.getHeaderRowRange();
      head.load("values,columnCount");
      const body = t.getDataBodyRange();
      body.load("rowCount");
      return { name: t.name, head, body };
    });
    return { ws, used, marker, header, tables };
  });
  await s.sync();
  return details.map(({ ws, used, marker, header, tables }) => {
    const tableInfos: TableInfo[] = tables.map((t) => ({
      name: t.name,
      sheet: ws.name,
      rows: t.body.rowCount,
      columns: t.head.columnCount,
      header: (t.head.values[0] ?? []).map(headerText),
    }));
    return {
      name: ws.name,
      rows: used.isNullObject ? 0 : used.rowCount,
      columns: used.isNullObject ? 0 : used.columnCount,
      header: header ? (header.values[0] ?? []).map(headerText) : [],
      tables: tableInfos,
      createdByRgo: !marker.isNullObject && marker.value === RGO_MARKER_VALUE,
    };
  });
}

/** A rectangle to read: 0-based top-left cell, rows and columns. */
interface ReadBox {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** A range's values and number formats as read in one request. */
interface ReadCells {
  values: CellValue[][];
  formats: unknown[][];
}

/** Estimated response bytes per cell of a sample: its value plus its number format. */
function readBytesPerCell(sample: ReadCells): number {
  return estimateBytesPerCell(sample.values) + estimateBytesPerCell(sample.formats);
}

/**
 * Reads rows `top .. top+rows-1`, columns `left .. left+columns-1` of `ws` in planned blocks,
 * each block's values and number formats in one request (blocks sized for both); `currencies`
 * notes the currencies the formats name. `first`: the rows already read (the sample).
 */
async function readRows(
  s: Syncer,
  ws: XlWorksheet,
  top: number,
  left: number,
  rows: number,
  columns: number,
  target: string,
  options: ExcelIoOptions,
  first: ReadCells,
  currencies: ColumnCurrencies,
): Promise<CellValue[][]> {
  const out: CellValue[][] = first.values;
  currencies.note(first.values, first.formats, top + 1);
  const onProgress = options.onProgress;
  const bytesPerCell = readBytesPerCell(first);
  const pending: RowBlock[] = planBlocks(rows - out.length, columns, bytesPerCell, {
    targetBytes: options.targetBytes ?? TARGET_REQUEST_BYTES,
  }).map((b) => ({ start: b.start + first.values.length, count: b.count }));
  onProgress?.({ phase: "read", target, done: out.length, total: rows });
  while (pending.length > 0) {
    checkAborted(options.signal);
    const block = pending.shift() as RowBlock;
    const range = ws.getRangeByIndexes(top + block.start, left, block.count, columns);
    range.load("values,numberFormat");
    try {
      await s.sync();
    } catch (e) {
      const halves = isLimitError(e) ? halve(block) : null;
      if (!halves) throw e;
      pending.unshift(...halves);
      continue;
    }
    const values = range.values;
    currencies.note(values, range.numberFormat, top + block.start + 1);
    for (const row of values) out.push(row.map(rawCell));
    onProgress?.({ phase: "read", target, done: out.length, total: rows });
  }
  return out;
}

/**
 * Reads a header row plus the first rows (a sample to size the blocks), values and number formats,
 * retrying smaller.
 */
async function readHead(s: Syncer, ws: XlWorksheet, box: ReadBox): Promise<ReadCells> {
  const { top, left, rows, columns } = box;
  let count = Math.min(rows, SAMPLE_ROWS + 1);
  for (;;) {
    const range = ws.getRangeByIndexes(top, left, count, columns);
    range.load("values,numberFormat");
    try {
      await s.sync();
      return {
        values: range.values.map((row) => row.map(rawCell)),
        formats: range.numberFormat,
      };
    } catch (e) {
      if (!isLimitError(e) || count <= 1) throw e;
      count = Math.ceil(count / 2);
    }
  }
}

/** Reads one source (a sheet's used range or an Excel table) as a RawTable. Never writes. */
export async function readSource(
  ctx: XlContext,
  source: TableSource,
  options: ExcelIoOptions = {},
): Promise<RawTable> {
  const s = new Syncer(ctx);
  checkAborted(options.signal);
  let ws: XlWorksheet;
  let name: string;
  let origin: string;
  let box: ReadBox | null;
  if (source.kind === "sheet") {
    name = source.sheet;
    origin = "excel sheet";
    ws = ctx.workbook.worksheets.getItem(source.sheet);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowCount,columnCount,rowIndex,columnIndex");
    await s.sync();
    box = used.isNullObject
      ? null
      : {
          top: used.rowIndex,
          left: used.columnIndex,
          rows: used.rowCount,
          columns: used.columnCount,
        };
  } else {
    name = source.table;
    origin = "excel table";
    const table = ctx.workbook.tables.getItem(source.table);
    ws = table.worksheet;
    const head = table.getHeaderRowRange();
    head.load("rowIndex,columnIndex,columnCount");
    const body = table.getDataBodyRange();
    body.load("rowCount");
    await s.sync();
    box = {
      top: head.rowIndex,
      left: head.columnIndex,
      rows: 1 + body.rowCount,
      columns: head.columnCount,
    };
  }
  if (box === null) return { name, origin, header: [], rows: [], headerRow: 1, firstColumn: 1 };
  const head = await readHead(s, ws, box);
  const header = (head.values[0] ?? []).map(headerText);
  const currencies = new ColumnCurrencies(box.columns);
  const rows = await readRows(
    s,
    ws,
    box.top + 1,
    box.left,
    box.rows - 1,
    box.columns,
    name,
    options,
    { values: head.values.slice(1), formats: head.formats.slice(1) },
    currencies,
  );
  const table: RawTable = {
    name,
    origin,
    header,
    rows,
    headerRow: box.top + 1,
    firstColumn: box.left + 1,
  };
  const columnCurrencies = currencies.result();
  if (columnCurrencies !== undefined) table.columnCurrencies = columnCurrencies;
  return table;
}

/** Reads several sources, one RawTable each, in order. */
export async function readTables(
  ctx: XlContext,
  sources: readonly TableSource[],
  options: ExcelIoOptions = {},
  workbookName = "Excel workbook",
): Promise<RawWorkbook> {
  const tables: RawTable[] = [];
  for (const source of sources) tables.push(await readSource(ctx, source, options));
  return { source: workbookName, tables };
}

// ------------------------------------------------------------------------------------- writing

/** One queued piece of a write batch: its estimated payload, how to queue it, how to split it. */
interface WriteOp {
  bytes: number;
  apply: () => void;
  split?: () => WriteOp[] | null;
}

/**
 * Groups write operations into requests of at most `target` estimated bytes; a request rejected
 * for its size is re-sent in halves (and a values block split in two rows blocks).
 */
class WriteBatch {
  private ops: WriteOp[] = [];
  private bytes = REQUEST_OVERHEAD_BYTES;
  constructor(
    private readonly s: Syncer,
    private readonly target: number,
  ) {}

  async add(op: WriteOp): Promise<void> {
    if (this.ops.length > 0 && this.bytes + op.bytes > this.target) await this.flush();
    this.ops.push(op);
    this.bytes += op.bytes;
  }

  async flush(): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    this.bytes = REQUEST_OVERHEAD_BYTES;
    if (ops.length > 0) await this.send(ops);
  }

  private async send(ops: WriteOp[]): Promise<void> {
    for (const op of ops) op.apply();
    try {
      await this.s.syncWrites();
    } catch (e) {
      if (!isLimitError(e)) throw e;
      let parts: WriteOp[][] | null = null;
      if (ops.length > 1) {
        const mid = Math.ceil(ops.length / 2);
        parts = [ops.slice(0, mid), ops.slice(mid)];
      } else {
        const split = ops[0].split?.() ?? null;
        if (split) parts = split.map((o) => [o]);
      }
      if (!parts) throw e;
      for (const part of parts) await this.send(part);
    }
  }
}

/** Excel's value for a layout value: dates as serial numbers, nothing as empty text. */
function excelValue(v: unknown): XlValue {
  const { value } = layoutCellValue(v as Parameters<typeof layoutCellValue>[0]);
  if (value === null) return "";
  if (value instanceof Date) return value.getTime() / 86400000 + 25569;
  return value;
}

/** Queues writing `rows` (already Excel values) at (top, left), split on a payload error. */
function valuesOp(
  ws: () => XlWorksheet,
  top: number,
  left: number,
  width: number,
  rows: readonly (readonly unknown[])[],
  bytesPerCell: number,
): WriteOp {
  return {
    bytes: blockBytes(rows.length, width, bytesPerCell, 0),
    apply: () => {
      const values: XlValue[][] = rows.map((row) => {
        const out = new Array<XlValue>(width);
        for (let c = 0; c < width; c++) out[c] = excelValue(row[c]);
        return out;
      });
      ws().getRangeByIndexes(top, left, rows.length, width).values = values;
    },
    split: () => {
      const halves = halve({ start: 0, count: rows.length });
      if (!halves) return null;
      return halves.map((h) =>
        valuesOp(
          ws,
          top + h.start,
          left,
          width,
          rows.slice(h.start, h.start + h.count),
          bytesPerCell,
        ),
      );
    },
  };
}

/** A small operation (formats, tables, charts): a nominal payload, never split. */
function callOp(apply: () => void, bytes = 200): WriteOp {
  return { bytes, apply };
}

/** Runs of equal formats down each column of `cells` (relative to the region). */
function formatRuns(
  cells: readonly { row: number; col: number; format: string }[],
): { row: number; col: number; count: number; format: string }[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: { row: number; col: number; count: number; format: string }[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.col === c.col && last.format === c.format && last.row + last.count === c.row)
      last.count++;
    else runs.push({ row: c.row, col: c.col, count: 1, format: c.format });
  }
  return runs;
}

/** Runs of adjacent columns with the same format: [firstColumn, count, format]. */
function columnRuns(formats: readonly string[]): [number, number, string][] {
  const runs: [number, number, string][] = [];
  formats.forEach((f, i) => {
    const last = runs[runs.length - 1];
    if (last && last[2] === f && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1, f]);
  });
  return runs;
}

/** Queues a broadcast number format (one 1x1 value over the whole rectangle). */
function formatOp(ws: () => XlWorksheet, at: GridRange, format: string): WriteOp {
  return callOp(() => {
    const rows = at.bottom - at.top + 1;
    ws().getRangeByIndexes(at.top, at.left, rows, at.right - at.left + 1).numberFormat = [[format]];
  });
}

/** A column run of a region: `count` cells down from (row, col), relative to the region. */
function runRange(g: LayoutRegion, row: number, col: number, count: number, width = 1): GridRange {
  const top = g.top + row;
  const left = g.left + col;
  return { top, left, bottom: top + count - 1, right: left + width - 1 };
}

/**
 * The region's cell formats as Excel needs them: the layout's, plus "@" on every text cell outside
 * a text column. Excel parses a value typed into a cell unless the cell is formatted as text
 * first, so every string must land in a "@" cell (a file stores strings as strings whatever the
 * format, which is why the layout itself carries "@" only where the file needs it).
 */
function officeCellFormats(g: LayoutRegion): CellFormat[] {
  const out: CellFormat[] = [];
  const seen = new Set(g.cellFormats.map((f) => f.row * g.width + f.col));
  for (let c = 0; c < g.width; c++) {
    if (g.columnFormats[c] === TEXT_FORMAT) continue;
    for (let r = 0; r < g.rows.length; r++) {
      const v = g.rows[r][c];
      if (typeof v === "string" && v.length > 0 && !seen.has(r * g.width + c))
        out.push({ row: r, col: c, format: TEXT_FORMAT });
    }
  }
  return out.length === 0 ? g.cellFormats : [...g.cellFormats, ...out];
}

/** Text formats ("@") of a region: they must be in place before its values are written. */
function textFormatOps(ws: () => XlWorksheet, g: LayoutRegion, cells: CellFormat[]): WriteOp[] {
  const ops: WriteOp[] = [];
  for (const [c, n, f] of columnRuns(g.columnFormats))
    if (f === TEXT_FORMAT) ops.push(formatOp(ws, runRange(g, 0, c, g.height, n), f));
  for (const r of formatRuns(cells.filter((c) => c.format === TEXT_FORMAT)))
    if (g.columnFormats[r.col] !== TEXT_FORMAT)
      ops.push(formatOp(ws, runRange(g, r.row, r.col, r.count), r.format));
  return ops;
}

/** The other number formats of a region (after values and table), then its cell overrides. */
function numberFormatOps(ws: () => XlWorksheet, g: LayoutRegion, cells: CellFormat[]): WriteOp[] {
  const ops: WriteOp[] = [];
  const broadcast = new Set<number>();
  for (const [c, n, f] of columnRuns(g.columnFormats)) {
    if (f === TEXT_FORMAT || f === "General") continue;
    ops.push(formatOp(ws, runRange(g, 0, c, g.height, n), f));
    for (let i = c; i < c + n; i++) broadcast.add(i);
  }
  // Overrides inside a broadcast column are re-applied ("@" ones were set before the values).
  for (const r of formatRuns(cells))
    if (r.format !== TEXT_FORMAT || broadcast.has(r.col))
      ops.push(formatOp(ws, runRange(g, r.row, r.col, r.count), r.format));
  return ops;
}

/** Fonts, fills, wrapping, merges and row heights of a region. */
function styleOps(ws: () => XlWorksheet, g: LayoutRegion, report: boolean): WriteOp[] {
  const range = (): XlRange => ws().getRangeByIndexes(g.top, g.left, g.height, g.width);
  switch (g.role) {
    case "heading1":
    case "heading2":
    case "title":
      return [
        callOp(() => {
          const r = range();
          r.format.font.bold = true;
          r.format.font.size = ROLE_FONTS[g.role].size ?? r.format.font.size;
          if (g.rowHeights) r.format.rowHeight = g.rowHeights[0];
        }),
      ];
    case "table-header":
      return [
        callOp(() => {
          const r = range();
          r.format.font.bold = true;
          if (report) r.format.fill.color = REPORT_HEADER_FILL;
        }),
      ];
    case "figures":
      return [
        callOp(() => {
          ws().getRangeByIndexes(g.top, g.left + 1, g.height, 1).format.horizontalAlignment =
            "Right";
        }),
      ];
    case "text":
      return Array.from({ length: g.height }, (_, i) =>
        callOp(() => {
          const r = ws().getRangeByIndexes(g.top + i, g.left, 1, g.mergeAcross ?? g.width);
          r.merge(false);
          r.format.wrapText = true;
          r.format.verticalAlignment = "Top";
          if (g.rowHeights) r.format.rowHeight = g.rowHeights[i];
        }),
      );
    default:
      return [];
  }
}

/** Estimated bytes per cell of a region's values (from its first rows). */
function regionBytesPerCell(g: LayoutRegion): number {
  const sample = g.rows.slice(0, 200).map((row) => row.map((v) => excelValue(v)));
  return estimateBytesPerCell(sample);
}

/** Writes one laid-out sheet onto the (new, empty) worksheet `ws`. Returns rows written. */
async function writeLayout(
  batch: WriteBatch,
  ws: () => XlWorksheet,
  layout: SheetLayout,
  target: number,
  onProgress?: (p: HostProgress) => void,
): Promise<void> {
  const report = layout.kind === "report";
  const total = layout.regions.reduce((n, g) => n + g.height, 0);
  let done = 0;
  onProgress?.({ phase: "write", target: layout.name, done, total });
  // 1. Sheet settings, column widths and text formats, before any value.
  await batch.add(
    callOp(() => {
      ws().showGridlines = layout.showGridLines;
    }),
  );
  for (let c = 0; c < layout.columnWidths.length; c++) {
    const width = layout.columnWidths[c] * POINTS_PER_CHAR + POINTS_PADDING;
    await batch.add(
      callOp(() => {
        ws().getRangeByIndexes(0, c, 1, 1).format.columnWidth = width;
      }),
    );
  }
  const cellFormats = layout.regions.map(officeCellFormats);
  for (const [i, g] of layout.regions.entries())
    for (const op of textFormatOps(ws, g, cellFormats[i])) await batch.add(op);
  // 2. Values, in blocks sized by estimated bytes.
  for (const g of layout.regions) {
    const bytesPerCell = regionBytesPerCell(g);
    const blocks = planBlocks(g.height, g.width, bytesPerCell, { targetBytes: target });
    for (const b of blocks) {
      await batch.add(
        valuesOp(
          ws,
          g.top + b.start,
          g.left,
          g.width,
          g.rows.slice(b.start, b.start + b.count),
          bytesPerCell,
        ),
      );
      done += b.count;
      onProgress?.({ phase: "write", target: layout.name, done, total });
    }
  }
  // 3. Excel tables over the written ranges.
  for (const t of layout.tables) {
    await batch.add(
      callOp(() => {
        const table = ws().tables.add(a1(t.range), true);
        table.name = t.name;
      }),
    );
  }
  // 4. Number formats (broadcast per column), styles, colour scales, frozen header.
  for (const [i, g] of layout.regions.entries()) {
    for (const op of numberFormatOps(ws, g, cellFormats[i])) await batch.add(op);
    for (const op of styleOps(ws, g, report)) await batch.add(op);
  }
  for (const scale of layout.colorScales) {
    await batch.add(
      callOp(() => {
        const cf = ws().getRange(a1(scale.range)).conditionalFormats.add("ColorScale");
        const [minimum, midpoint, maximum] = SCORE_SCALE.map((p) => ({
          type: "Number",
          formula: String(p.value),
          color: p.color,
        }));
        cf.colorScale.criteria = { minimum, midpoint, maximum };
      }),
    );
  }
  for (const t of layout.tables)
    for (const list of t.lists ?? [])
      await batch.add(
        callOp(() => {
          const v = ws().getRange(a1(list.range)).dataValidation;
          v.ignoreBlanks = true;
          v.rule = { list: { inCellDropDown: true, source: list.allowed.join(",") } };
          v.errorAlert = {
            showAlert: true,
            style: "Warning",
            title: "RGO",
            message: `Expected one of: ${list.allowed.join(", ")}.`,
          };
        }),
      );
  if (layout.freezeRows > 0)
    await batch.add(callOp(() => ws().freezePanes.freezeRows(layout.freezeRows)));
  // 5. Charts over the report's tables.
  for (const chart of layout.charts) {
    await batch.add(
      callOp(() => {
        const sheet = ws();
        const valuesWithHeader: GridRange = { ...chart.values, top: chart.values.top - 1 };
        const c = sheet.charts.add(
          chart.kind === "pie" ? "Pie" : chart.kind === "line" ? "Line" : "BarClustered",
          sheet.getRange(a1(valuesWithHeader)),
          "Columns",
        );
        const seriesCount = chart.values.right - chart.values.left + 1;
        for (let i = 0; i < seriesCount; i++)
          c.series.getItemAt(i).setXAxisValues(sheet.getRange(a1(chart.categories)));
        c.title.text = chart.title;
        c.legend.visible = chart.kind === "pie" || seriesCount > 1;
        c.setPosition(
          a1({
            top: chart.anchor.top,
            left: chart.anchor.left,
            bottom: chart.anchor.top,
            right: chart.anchor.left,
          }),
          a1({
            top: chart.anchor.bottom,
            left: chart.anchor.right,
            bottom: chart.anchor.bottom,
            right: chart.anchor.right,
          }),
        );
      }, 400),
    );
  }
}

/** The workbook's sheets with whether each carries the RGO marker, and its tables. */
async function sheetOwnership(
  s: Syncer,
  ctx: XlContext,
): Promise<{ sheets: ExistingSheet[]; tables: { name: string; sheet: string }[] }> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  const tables = ctx.workbook.tables;
  tables.load("items/name,items/worksheet/name");
  await s.sync();
  const markers = sheets.items.map((ws) => {
    const p = ws.customProperties.getItemOrNullObject(RGO_MARKER_KEY);
    p.load("value");
    return { name: ws.name, p };
  });
  await s.sync();
  return {
    sheets: markers.map(({ name, p }) => ({
      name,
      ours: !p.isNullObject && p.value === RGO_MARKER_VALUE,
    })),
    tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
  };
}

/**
 * Writes every sheet of `book`, replacing sheets RGO created earlier. Checks every target sheet
 * first: one that exists without the RGO marker throws RgoError (input, "foreign-rgo-sheet")
 * before anything is written. Input sheets are never touched.
 */
export async function writeResultBook(
  ctx: XlContext,
  book: ResultBook,
  options: ExcelIoOptions = {},
): Promise<WriteReport> {
  const s = new Syncer(ctx);
  const target = options.targetBytes ?? TARGET_REQUEST_BYTES;
  const own = await sheetOwnership(s, ctx);
  // Lay out with the workbook's other sheet and table names taken, so nothing collides.
  const names = newLayoutNames();
  const wanted = new Set(
    book.sheets.map((sh) => uniqueSheetName(sh.name, new Set<string>()).toLowerCase()),
  );
  for (const sheet of own.sheets)
    if (!wanted.has(sheet.name.toLowerCase())) names.sheets.add(sheet.name.toLowerCase());
  for (const t of own.tables)
    if (!wanted.has(t.sheet.toLowerCase())) names.tables.add(t.name.toLowerCase());
  const layouts = layoutBook(book.sheets, names);
  const plan = planSheetWrites(
    own.sheets,
    layouts.map((l) => l.name),
  );
  if (!plan.ok) throw plan.error;
  // Replace: delete the old RGO sheets, add the new ones with the marker (one request). A
  // placeholder keeps the workbook from ever having no sheet.
  const placeholder = plan.replacesAll
    ? uniqueSheetName("RGO placeholder", new Set(own.sheets.map((sh) => sh.name.toLowerCase())))
    : null;
  if (placeholder) ctx.workbook.worksheets.add(placeholder);
  for (const name of plan.replace) ctx.workbook.worksheets.getItem(name).delete();
  for (const l of layouts) {
    const ws = ctx.workbook.worksheets.add(l.name);
    ws.customProperties.add(RGO_MARKER_KEY, RGO_MARKER_VALUE);
  }
  if (placeholder) ctx.workbook.worksheets.getItem(placeholder).delete();
  await s.syncWrites();
  const batch = new WriteBatch(s, target);
  for (const layout of layouts) {
    const ws = (): XlWorksheet => ctx.workbook.worksheets.getItem(layout.name);
    await writeLayout(batch, ws, layout, target, options.onProgress);
    await batch.flush();
  }
  return { sheets: layouts.map((l) => l.name), requests: s.requests };
}

// ------------------------------------------------------------------------------ rules, samples

/** The pack JSON text on `RGO Rules` (chunks joined in Part order), or null when absent/invalid. */
export async function readRulesText(ctx: XlContext): Promise<string | null> {
  const s = new Syncer(ctx);
  const ws = ctx.workbook.worksheets.getItemOrNullObject(RULES_SHEET);
  ws.load("name");
  await s.sync();
  if (ws.isNullObject) return null;
  const table = await readSource(ctx, { kind: "sheet", sheet: ws.name });
  return packTextFromRulesTable(table);
}

/** Stores the pack text on `RGO Rules` (same foreign-sheet protection as writeResultBook). */
export async function writeRulesText(
  ctx: XlContext,
  packText: string,
  packName: string,
  packVersion: string,
  packHash: string,
  options: ExcelIoOptions = {},
): Promise<WriteReport> {
  const book: ResultBook = {
    sheets: [rulesResultSheet(packText, packName, packVersion, packHash)],
    properties: {},
  };
  return writeResultBook(ctx, book, options);
}

/**
 * Writes sample tables into new sheets named after the tables (a numeric suffix when the name is
 * taken: never overwrites). Text columns get "@" first like result sheets. Returns the names.
 */
export async function writeSampleSheets(
  ctx: XlContext,
  tables: readonly RawTable[],
  options: ExcelIoOptions = {},
): Promise<string[]> {
  const s = new Syncer(ctx);
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await s.sync();
  const used = new Set(sheets.items.map((w) => w.name.toLowerCase()));
  const target = options.targetBytes ?? TARGET_REQUEST_BYTES;
  const batch = new WriteBatch(s, target);
  const written: string[] = [];
  for (const t of tables) {
    const name = uniqueSheetName(t.name, used);
    written.push(name);
    await batch.add(callOp(() => void ctx.workbook.worksheets.add(name)));
    const ws = (): XlWorksheet => ctx.workbook.worksheets.getItem(name);
    let width = t.header.length;
    for (const r of t.rows) if (r.length > width) width = r.length;
    const rows: (readonly unknown[])[] = [t.header, ...t.rows];
    // Whole-column formats: text columns "@" (before the values), date columns a date format.
    const formats = Array.from({ length: width }, (_, c) => {
      if (t.rows.length === 0) return "General";
      if (t.rows.every((r) => typeof r[c] === "string")) return TEXT_FORMAT;
      if (t.rows.every((r) => r[c] instanceof Date)) return DATE_FORMAT;
      return "General";
    });
    const cells: { row: number; col: number; format: string }[] = [];
    rows.forEach((r, i) =>
      r.forEach((v, c) => {
        if (typeof v === "string" && v !== "" && (i === 0 || formats[c] !== TEXT_FORMAT))
          cells.push({ row: i, col: c, format: TEXT_FORMAT });
      }),
    );
    const region: LayoutRegion = {
      role: "table-body",
      top: 0,
      left: 0,
      height: rows.length,
      width,
      rows: rows as LayoutRegion["rows"],
      columnFormats: formats,
      cellFormats: cells,
    };
    for (const op of textFormatOps(ws, region, region.cellFormats)) await batch.add(op);
    const bytesPerCell = regionBytesPerCell(region);
    for (const b of planBlocks(rows.length, width, bytesPerCell, { targetBytes: target }))
      await batch.add(
        valuesOp(ws, b.start, 0, width, rows.slice(b.start, b.start + b.count), bytesPerCell),
      );
    for (const op of numberFormatOps(ws, region, region.cellFormats)) await batch.add(op);
    await batch.add(callOp(() => ws().freezePanes.freezeRows(1)));
  }
  await batch.flush();
  return written;
}

/** Makes the sheet the active one. */
export async function activateSheet(ctx: XlContext, name: string): Promise<void> {
  ctx.workbook.worksheets.getItem(name).activate();
  await ctx.sync();
}

/** Runs `fn` in a fresh request context (Excel.run in the add-in; the fake's context in tests). */
export type XlRun = <T>(fn: (ctx: XlContext) => Promise<T>) => Promise<T>;

/**
 * Calls back with the customer id of the row selected on `sheet` (`RGO Gaps`), read from its
 * "Customer" column, or null for the header or an empty cell. Returns the handler registration
 * (remove it in a request context to unsubscribe).
 */
export async function subscribeGapSelection(
  ctx: XlContext,
  run: XlRun,
  callback: (customerId: string | null) => void,
  sheet = "RGO Gaps",
  customerHeader = "Customer",
): Promise<XlEventResult> {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  const header = ws.getRangeByIndexes(0, 0, 1, 64);
  header.load("values");
  await ctx.sync();
  const col = (header.values[0] ?? []).findIndex(
    (v) => headerText(v).toLowerCase() === customerHeader.toLowerCase(),
  );
  const result = ws.onSelectionChanged.add(async (args) => {
    const start = parseAddressStart(args.address);
    if (col < 0 || start === null || start.row < 1) {
      callback(null);
      return;
    }
    const id = await run(async (c) => {
      const cell = c.workbook.worksheets.getItem(sheet).getRangeByIndexes(start.row, col, 1, 1);
      cell.load("values");
      await c.sync();
      return rawCell(cell.values[0]?.[0]);
    });
    callback(id === null ? null : String(id));
  });
  await ctx.sync();
  return result;
}

/** Bytes of a row of Excel values as sent (exported for tests and the bench). */
export function rowBytes(row: readonly unknown[]): number {
  return row.reduce<number>((n, v) => n + cellBytes(excelValue(v)) + 1, 2);
}
