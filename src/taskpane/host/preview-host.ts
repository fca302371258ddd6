/**
 * The browser preview's workbook: an .xlsx opened in memory (exceljs's browser build, loaded only
 * here and only when needed), kept as plain cell arrays, with the same WorkbookHost behaviour as
 * Excel: inputs are never written, result sheets are kept as ResultBook sheets, and a sheet named
 * like a result sheet that the add-in did not create is refused. `resultsFile()` builds the .xlsx
 * to download: the input sheets plus the result sheets laid out by src/workbook/sheet-layout.ts.
 *
 * Ownership survives a download: the file carries a defined name `RGO_Owned` pointing at A1 of
 * each result sheet, so reopening the downloaded file and running again replaces them.
 */
import type ExcelJS from "exceljs";
import { RgoError } from "../../engine/errors";
import type { ResultBook, ResultCell, ResultSheet } from "../../engine/report/result-book";
import {
  packTextFromRulesTable,
  rulesResultSheet,
  RULES_SHEET,
} from "../../engine/report/rules-sheet";
import type { CellValue, RawTable, RawWorkbook } from "../../engine/input/raw-table";
import { layoutCellValue, layoutSheet, newLayoutNames } from "../../workbook/sheet-layout";
import type {
  HostProgress,
  SheetInfo,
  TableInfo,
  TableSource,
  WorkbookHost,
  WriteReport,
} from "../../workbook/workbook-host";
import { exceljsCellValue } from "../../workbook/exceljs-cell";

type ExcelModule = typeof ExcelJS;
/** Loads exceljs (the browser bundle by default; tests pass the Node build). */
export type ExcelLoader = () => Promise<ExcelModule>;

/** The lazy import of exceljs's browser bundle: a separate chunk, fetched only in the preview. */
export const loadBrowserExcel: ExcelLoader = async () => {
  const mod = (await import("exceljs/dist/exceljs.min.js")) as unknown as ExcelModule & {
    default?: ExcelModule;
  };
  return mod.Workbook !== undefined ? mod : (mod.default as ExcelModule);
};

/** An Excel table on an input sheet (0-based, inclusive; the header is row `top`). */
interface PreviewTable {
  name: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface PreviewSheet {
  name: string;
  /** Cells from A1, row-major (rows may be short or missing = empty). */
  cells: CellValue[][];
  tables: PreviewTable[];
  /** The add-in's result sheet (written this session or marked as RGO's in the opened file). */
  result: ResultSheet | null;
  createdByRgo: boolean;
  /** Used range and header, computed once (input sheets never change). */
  info?: { rows: number; columns: number; header: string[] };
}

const OWNED_NAME = "RGO_Owned";

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function headerText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** A1 reference ("B3") -> 0-based row and column. */
function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim().toUpperCase());
  if (m === null) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** The used rectangle of a sheet (header = first non-empty row), or null when empty. */
function usedRange(
  cells: readonly CellValue[][],
): { top: number; left: number; bottom: number; right: number } | null {
  let top = -1;
  for (let r = 0; r < cells.length; r++) {
    if (cells[r]?.some((v) => !isBlank(v))) {
      top = r;
      break;
    }
  }
  if (top < 0) return null;
  const head = cells[top];
  let left = -1;
  let right = -1;
  for (let c = 0; c < head.length; c++) {
    if (!isBlank(head[c])) {
      if (left < 0) left = c;
      right = c;
    }
  }
  let bottom = top;
  for (let r = cells.length - 1; r > top; r--) {
    const row = cells[r];
    if (row === undefined) continue;
    let any = false;
    for (let c = left; c <= right && !any; c++) any = !isBlank(row[c]);
    if (any) {
      bottom = r;
      break;
    }
  }
  return { top, left, bottom, right };
}

function sliceTable(
  cells: readonly CellValue[][],
  name: string,
  origin: string,
  top: number,
  left: number,
  bottom: number,
  right: number,
): RawTable {
  const head = cells[top] ?? [];
  const header: string[] = [];
  for (let c = left; c <= right; c++) header.push(headerText(head[c]));
  const rows: CellValue[][] = [];
  const width = right - left + 1;
  for (let r = top + 1; r <= bottom; r++) {
    const src = cells[r];
    if (src === undefined) {
      rows.push([]);
      continue;
    }
    if (left === 0 && src.length <= width) {
      rows.push(src);
      continue;
    }
    const row = new Array<CellValue>(width);
    for (let c = left; c <= right; c++) row[c - left] = src[c] ?? null;
    rows.push(row);
  }
  return { name, origin, header, rows, headerRow: top + 1, firstColumn: left + 1 };
}

/** The full extent of a sheet's non-empty cells (Excel's used range), or null when empty. */
function extent(
  cells: readonly CellValue[][],
): { top: number; left: number; bottom: number; right: number } | null {
  let top = -1;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  cells.forEach((row, r) => {
    row.forEach((v, c) => {
      if (isBlank(v)) return;
      if (top < 0) top = r;
      bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    });
  });
  return top < 0 ? null : { top, left, bottom, right };
}

/** A ResultSheet's rows as a RawTable (for reading the RGO Rules sheet back). */
function resultAsRaw(sheet: ResultSheet): RawTable | null {
  if (sheet.content.kind !== "table") return null;
  const t = sheet.content.table;
  return {
    name: sheet.name,
    origin: "preview result",
    header: t.columns.map((c) => c.header),
    rows: t.rows as CellValue[][],
    headerRow: 1,
    firstColumn: 1,
  };
}

function foreignSheet(name: string): RgoError {
  return new RgoError(
    "input",
    "foreign-rgo-sheet",
    `The sheet "${name}" was not created by Revenue Gaps, so it is not overwritten. Rename or delete it, then run again.`,
    name,
  );
}

/** The in-memory workbook of the browser preview. */
export class PreviewHost implements WorkbookHost {
  readonly kind = "preview" as const;
  private sheets: PreviewSheet[] = [];

  private constructor(
    readonly title: string,
    private readonly loadExcel: ExcelLoader,
  ) {}

  /** An empty workbook (for trying the Sample data step). */
  static empty(title = "Book1", loadExcel: ExcelLoader = loadBrowserExcel): PreviewHost {
    return new PreviewHost(title, loadExcel);
  }

  /**
   * Opens an .xlsx file's bytes. Throws RgoError("input", "corrupt-file") when it is not an .xlsx
   * package exceljs can read.
   */
  static async open(
    fileName: string,
    data: ArrayBuffer | Uint8Array,
    loadExcel: ExcelLoader = loadBrowserExcel,
  ): Promise<PreviewHost> {
    const Excel = await loadExcel();
    const wb = new Excel.Workbook();
    try {
      await wb.xlsx.load(data as ArrayBuffer);
    } catch (e) {
      throw new RgoError(
        "input",
        "corrupt-file",
        `${fileName} could not be read as an .xlsx workbook (${e instanceof Error ? e.message : String(e)}).`,
        fileName,
      );
    }
    const host = new PreviewHost(fileName.replace(/\.(xlsx|xlsm)$/i, ""), loadExcel);
    const owned = new Set<string>();
    try {
      for (const range of wb.definedNames.getRanges(OWNED_NAME)?.ranges ?? []) {
        const m = /^'?(.*?)'?!/.exec(range);
        if (m !== null) owned.add(m[1].replace(/''/g, "'"));
      }
    } catch {
      // No marker: no sheet is RGO's.
    }
    wb.eachSheet((ws) => {
      const cells: CellValue[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const out: CellValue[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          out[col - 1] = exceljsCellValue(cell.value);
        });
        for (let c = 0; c < out.length; c++) if (out[c] === undefined) out[c] = null;
        cells[rowNumber - 1] = out;
      });
      for (let r = 0; r < cells.length; r++) if (cells[r] === undefined) cells[r] = [];
      const tables: PreviewTable[] = [];
      for (const t of Object.values(
        (ws as unknown as { tables?: Record<string, unknown> }).tables ?? {},
      )) {
        const model = (t as unknown as { model?: { name?: string; tableRef?: string } }).model;
        const ref = model?.tableRef;
        const name = model?.name;
        if (ref === undefined || name === undefined) continue;
        const [a, b] = ref.split(":");
        const p = parseRef(a);
        const q = parseRef(b ?? a);
        if (p !== null && q !== null)
          tables.push({ name, top: p.row, left: p.col, bottom: q.row, right: q.col });
      }
      host.sheets.push({
        name: ws.name,
        cells,
        tables,
        result: null,
        createdByRgo: owned.has(ws.name),
      });
    });
    return host;
  }

  private find(name: string): PreviewSheet | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.sheets.map((s) => {
      if (s.result !== null) {
        const c = s.result.content;
        return {
          name: s.name,
          rows: c.kind === "table" ? c.table.rows.length + 1 : c.blocks.length,
          columns: c.kind === "table" ? c.table.columns.length : 2,
          header: c.kind === "table" ? c.table.columns.map((x) => x.header) : [],
          tables: [],
          createdByRgo: true,
        };
      }
      const tables: TableInfo[] = s.tables.map((t) => ({
        name: t.name,
        sheet: s.name,
        rows: t.bottom - t.top,
        columns: t.right - t.left + 1,
        header: sliceTable(s.cells, t.name, "", t.top, t.left, t.top, t.right).header,
      }));
      if (s.info === undefined) {
        const used = extent(s.cells);
        const header: string[] = [];
        if (used !== null)
          for (let c = used.left; c <= used.right; c++)
            header.push(headerText(s.cells[used.top][c]));
        s.info =
          used === null
            ? { rows: 0, columns: 0, header: [] }
            : { rows: used.bottom - used.top + 1, columns: used.right - used.left + 1, header };
      }
      return {
        name: s.name,
        ...s.info,
        tables,
        createdByRgo: s.createdByRgo,
      };
    });
  }

  async readTables(
    sources: readonly TableSource[],
    onProgress?: (p: HostProgress) => void,
    signal?: AbortSignal,
  ): Promise<RawWorkbook> {
    const tables: RawTable[] = [];
    for (let i = 0; i < sources.length; i++) {
      if (signal?.aborted) throw new RgoError("cancelled", "cancelled", "reading cancelled");
      const src = sources[i];
      const target = src.kind === "sheet" ? src.sheet : src.table;
      onProgress?.({ phase: "read", target, done: i, total: sources.length });
      tables.push(this.readOne(src));
      await new Promise((r) => setTimeout(r, 0));
    }
    onProgress?.({ phase: "read", target: "", done: sources.length, total: sources.length });
    return { source: this.title, tables };
  }

  private readOne(src: TableSource): RawTable {
    if (src.kind === "table") {
      for (const s of this.sheets) {
        const t = s.tables.find((x) => x.name.toLowerCase() === src.table.toLowerCase());
        if (t !== undefined)
          return sliceTable(s.cells, t.name, "preview table", t.top, t.left, t.bottom, t.right);
      }
      throw new RgoError(
        "input",
        "missing-table",
        `The table "${src.table}" was not found.`,
        src.table,
      );
    }
    const s = this.find(src.sheet);
    if (s === undefined)
      throw new RgoError(
        "input",
        "missing-table",
        `The sheet "${src.sheet}" was not found.`,
        src.sheet,
      );
    if (s.result !== null) {
      const raw = resultAsRaw(s.result);
      if (raw !== null) return raw;
    }
    const used = usedRange(s.cells);
    if (used === null)
      return {
        name: s.name,
        origin: "preview sheet",
        header: [],
        rows: [],
        headerRow: 1,
        firstColumn: 1,
      };
    return sliceTable(
      s.cells,
      s.name,
      "preview sheet",
      used.top,
      used.left,
      used.bottom,
      used.right,
    );
  }

  /** Refuses (before writing anything) when a target sheet exists and is not RGO's. */
  private checkOwned(names: readonly string[]): void {
    for (const n of names) {
      const s = this.find(n);
      if (s !== undefined && !s.createdByRgo) throw foreignSheet(s.name);
    }
  }

  private put(sheet: ResultSheet): void {
    const s = this.find(sheet.name);
    const entry: PreviewSheet = {
      name: sheet.name,
      cells: [],
      tables: [],
      result: sheet,
      createdByRgo: true,
    };
    if (s === undefined) this.sheets.push(entry);
    else this.sheets[this.sheets.indexOf(s)] = entry;
  }

  async writeResults(
    book: ResultBook,
    onProgress?: (p: HostProgress) => void,
  ): Promise<WriteReport> {
    this.checkOwned(book.sheets.map((s) => s.name));
    book.sheets.forEach((sheet, i) => {
      onProgress?.({ phase: "write", target: sheet.name, done: i, total: book.sheets.length });
      this.put(sheet);
    });
    this.properties = { ...book.properties };
    onProgress?.({
      phase: "write",
      target: "",
      done: book.sheets.length,
      total: book.sheets.length,
    });
    return { sheets: book.sheets.map((s) => s.name), requests: 0 };
  }

  private properties: Record<string, string> = {};

  async readRulesText(): Promise<string | null> {
    const s = this.find(RULES_SHEET);
    if (s === undefined) return null;
    const raw =
      s.result !== null ? resultAsRaw(s.result) : this.readOne({ kind: "sheet", sheet: s.name });
    return raw === null ? null : packTextFromRulesTable(raw);
  }

  async writeRulesText(
    packText: string,
    packName: string,
    packVersion: string,
    packHash: string,
  ): Promise<void> {
    this.checkOwned([RULES_SHEET]);
    this.put(rulesResultSheet(packText, packName, packVersion, packHash));
  }

  async writeSampleSheets(tables: readonly RawTable[]): Promise<string[]> {
    const used: string[] = [];
    for (const t of tables) {
      let name = t.name.slice(0, 31);
      for (let k = 2; this.find(name) !== undefined; k++) name = `${t.name.slice(0, 26)} (${k})`;
      const cells: CellValue[][] = [t.header.slice(), ...t.rows];
      const info = { rows: t.rows.length + 1, columns: t.header.length, header: t.header.slice() };
      this.sheets.push({ name, cells, tables: [], result: null, createdByRgo: false, info });
      used.push(name);
    }
    return used;
  }

  async activateSheet(_name: string): Promise<void> {
    // The preview has no sheet tabs to activate.
  }

  async onGapRowSelected(_callback: (customerId: string | null) => void): Promise<() => void> {
    return () => undefined;
  }

  /**
   * The result sheet `name` as the last run wrote it (what the pane's read-only sheet view shows in
   * place of Excel's sheet tabs), or null when the workbook has no such result sheet.
   */
  resultSheet(name: string): ResultSheet | null {
    return this.find(name)?.result ?? null;
  }

  /** Whether any result sheet exists (the Download button's state). */
  hasResults(): boolean {
    return this.sheets.some((s) => s.result !== null);
  }

  /** File name of the results download: `<title>-rgo-results.xlsx`. */
  resultsFileName(): string {
    return `${this.title}-rgo-results.xlsx`;
  }

  /**
   * The results workbook as .xlsx bytes: every input sheet as found (values), then the result
   * sheets as Excel tables with number formats, frozen headers and colour scales (charts are
   * Excel-only). Text is written as text, never as a formula.
   */
  async resultsFile(): Promise<Uint8Array> {
    const Excel = await this.loadExcel();
    const wb = new Excel.Workbook();
    wb.creator = "Revenue Gap Orchestrator";
    if (this.properties.title !== undefined) wb.title = this.properties.title;
    const names = newLayoutNames();
    for (const s of this.sheets) if (s.result === null) names.sheets.add(s.name);
    const owned: string[] = [];
    for (const s of this.sheets) {
      if (s.result === null) {
        const ws = wb.addWorksheet(s.name);
        s.cells.forEach((row, r) => {
          if (row.length === 0) return;
          const out = ws.getRow(r + 1);
          row.forEach((v, c) => {
            if (v === null || v === undefined) return;
            const cell = out.getCell(c + 1);
            cell.value = v;
            if (typeof v === "string" && layoutCellValue(v).formulaLike) cell.numFmt = "@";
          });
        });
        for (const t of s.tables) {
          const header: string[] = [];
          for (let c = t.left; c <= t.right; c++)
            header.push(headerText(s.cells[t.top]?.[c]) || `Column${c - t.left + 1}`);
          const rows: CellValue[][] = [];
          for (let r = t.top + 1; r <= t.bottom; r++) {
            const row: CellValue[] = [];
            for (let c = t.left; c <= t.right; c++) row.push(s.cells[r]?.[c] ?? null);
            rows.push(row);
          }
          ws.addTable({
            name: t.name,
            ref: `${colLetter(t.left)}${t.top + 1}`,
            headerRow: true,
            columns: header.map((name) => ({ name, filterButton: true })),
            rows: rows.length > 0 ? rows : [header.map(() => null)],
          });
        }
        if (s.createdByRgo) owned.push(s.name);
        continue;
      }
      writeResultSheet(wb, s.result, names);
      owned.push(s.name);
    }
    for (const name of owned) wb.definedNames.add(`'${name.replace(/'/g, "''")}'!$A$1`, OWNED_NAME);
    const buf = await wb.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  }
}

/** Column letters of a 0-based column. */
function colLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const HEADING_FONTS: Record<string, Partial<ExcelJS.Font>> = {
  heading1: { bold: true, size: 16 },
  heading2: { bold: true, size: 13 },
  title: { bold: true, size: 12 },
  "table-header": { bold: true },
};

/** Writes one result sheet from its layout: tables first, then values and formats over them. */
function writeResultSheet(
  wb: ExcelJS.Workbook,
  sheet: ResultSheet,
  names: ReturnType<typeof newLayoutNames>,
): void {
  const layout = layoutSheet(sheet, names);
  const ws = wb.addWorksheet(layout.name, {
    views: [
      layout.freezeRows > 0
        ? { state: "frozen", ySplit: layout.freezeRows, showGridLines: layout.showGridLines }
        : { showGridLines: layout.showGridLines },
    ],
  });
  layout.columnWidths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const byTable = new Map(
    layout.regions
      .filter((r) => r.table !== undefined && r.role === "table-body")
      .map((r) => [r.table as string, r]),
  );
  for (const t of layout.tables) {
    const body = byTable.get(t.name);
    const width = t.header.length;
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = 0; r < Math.max(1, t.range.bottom - t.range.top); r++) {
      const src = body?.rows[r] ?? [];
      const row: ExcelJS.CellValue[] = [];
      for (let c = 0; c < width; c++)
        row.push(layoutCellValue(src[c] as ResultCell | undefined).value);
      rows.push(row);
    }
    ws.addTable({
      name: t.name,
      ref: `${colLetter(t.range.left)}${t.range.top + 1}`,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: t.header.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
  for (const region of layout.regions) {
    const font = HEADING_FONTS[region.role];
    const special = new Map(region.cellFormats.map((f) => [`${f.row}:${f.col}`, f.format]));
    region.rows.forEach((row, r) => {
      const xr = ws.getRow(region.top + r + 1);
      const h = region.rowHeights?.[r];
      if (h !== undefined) xr.height = h;
      for (let c = 0; c < region.width; c++) {
        const v = layoutCellValue(row[c] as ResultCell | undefined);
        if (v.value === null && font === undefined) continue;
        const cell = xr.getCell(region.left + c + 1);
        cell.value = v.value;
        const fmt =
          special.get(`${r}:${c}`) ??
          (v.text ? (v.formulaLike ? "@" : undefined) : region.columnFormats[c]);
        if (fmt !== undefined && fmt !== "General") cell.numFmt = fmt;
        if (font !== undefined) cell.font = font;
        if (region.role === "text") cell.alignment = { wrapText: true, vertical: "top" };
      }
      if (region.mergeAcross !== undefined && region.mergeAcross > 1) {
        const top = region.top + r + 1;
        ws.mergeCells(top, region.left + 1, top, region.left + region.mergeAcross);
      }
    });
  }
  for (const cs of layout.colorScales) {
    ws.addConditionalFormatting({
      ref: `${colLetter(cs.range.left)}${cs.range.top + 1}:${colLetter(cs.range.right)}${cs.range.bottom + 1}`,
      rules: [
        {
          type: "colorScale",
          priority: 1,
          cfvo: [
            { type: "num", value: 0 },
            { type: "num", value: 5 },
            { type: "num", value: 10 },
          ],
          color: [{ argb: "FF63BE7B" }, { argb: "FFFFEB84" }, { argb: "FFF8696B" }],
        },
      ],
    });
  }
}
