/**
 * The browser preview's workbook: an .xlsx opened in memory (exceljs's browser build, loaded only
 * here and only when needed), kept as plain cell arrays, with the same WorkbookHost behaviour as
 * Excel: inputs are never written, result sheets are kept as ResultBook sheets, and a sheet named
 * like a result sheet that the add-in did not create is refused (the ownership plan of
 * src/workbook/sheet-ownership.ts). `resultsFile()` builds the .xlsx to download: the input sheets
 * plus the result sheets, laid out by src/workbook/sheet-layout.ts and written by the same exceljs
 * writer as the CLI's file (src/workbook/exceljs-result-writer.ts), in memory.
 *
 * Ownership survives a download: the file carries a defined name `RGO_Owned` pointing at A1 of
 * each result sheet, so reopening the downloaded file and running again replaces them.
 */
import type ExcelJS from "exceljs";
import { RgoError, throwIfCancelled } from "../../engine/errors";
import type { ResultBook, ResultSheet } from "../../engine/report/result-book";
import {
  packTextFromRulesTable,
  rulesResultSheet,
  RULES_SHEET,
} from "../../engine/report/rules-sheet";
import { currencyOfNumberFormat } from "../../engine/currency";
import type { CellValue, RawTable, RawWorkbook, SeenCurrency } from "../../engine/input/raw-table";
import { layoutBook, layoutCellValue, newLayoutNames } from "../../workbook/sheet-layout";
import { inMemoryTarget, writeLayoutSheet } from "../../workbook/exceljs-result-writer";
import { planSheetWrites } from "../../workbook/sheet-ownership";
import { columnLetter } from "../../workbook/result-styles";
import { parseAddressStart } from "../../workbook/excel";
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
  /** 0-based column -> currencies named by its number cells' formats (1-based first row each). */
  currencies?: Map<number, SeenCurrency[]>;
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
  currencies?: ReadonlyMap<number, readonly SeenCurrency[]>,
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
  const table: RawTable = { name, origin, header, rows, headerRow: top + 1, firstColumn: left + 1 };
  if (currencies !== undefined && currencies.size > 0) {
    const perColumn: SeenCurrency[][] = [];
    for (let c = left; c <= right; c++)
      perColumn.push(
        (currencies.get(c) ?? []).filter((x) => x.row > top + 1 && x.row <= bottom + 1),
      );
    if (perColumn.some((x) => x.length > 0)) table.columnCurrencies = perColumn;
  }
  return table;
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
      const currencies = new Map<number, SeenCurrency[]>();
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const out: CellValue[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          out[col - 1] = exceljsCellValue(cell.value);
          const fmt = typeof cell.value === "number" ? cell.numFmt : undefined;
          const code = fmt ? currencyOfNumberFormat(fmt) : null;
          if (code !== null) {
            let seen = currencies.get(col - 1);
            if (seen === undefined) currencies.set(col - 1, (seen = []));
            if (!seen.some((x) => x.code === code)) seen.push({ code, row: rowNumber });
          }
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
        const p = parseAddressStart(a);
        const q = parseAddressStart(b ?? a);
        if (p !== null && q !== null)
          tables.push({ name, top: p.row, left: p.col, bottom: q.row, right: q.col });
      }
      host.sheets.push({
        name: ws.name,
        cells,
        currencies,
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
      throwIfCancelled(signal, "reading cancelled");
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
          return sliceTable(
            s.cells,
            t.name,
            "preview table",
            t.top,
            t.left,
            t.bottom,
            t.right,
            s.currencies,
          );
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
      s.currencies,
    );
  }

  /** Refuses (before writing anything) when a target sheet exists and is not RGO's. */
  private checkOwned(names: readonly string[]): void {
    const plan = planSheetWrites(
      this.sheets.map((s) => ({ name: s.name, ours: s.createdByRgo })),
      names,
    );
    if (!plan.ok) throw plan.error;
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

  /** Opens another .xlsx in a new preview host (the pane's "Open workbook…"). */
  openFile(fileName: string, data: ArrayBuffer | Uint8Array): Promise<PreviewHost> {
    return PreviewHost.open(fileName, data, this.loadExcel);
  }

  /** The results download: `resultsFileName()` and `resultsFile()`. */
  async downloadResults(): Promise<{ fileName: string; bytes: Uint8Array }> {
    return { fileName: this.resultsFileName(), bytes: await this.resultsFile() };
  }

  /** File name of the results download: `<title>-rgo-results.xlsx`. */
  resultsFileName(): string {
    return `${this.title}-rgo-results.xlsx`;
  }

  /**
   * The results workbook as .xlsx bytes: every input sheet as found (values), then the result
   * sheets cell for cell as the CLI writes them (tables, number formats, frozen headers, colour
   * scales; charts are Excel-only). Text is written as text, never as a formula.
   */
  async resultsFile(): Promise<Uint8Array> {
    const Excel = await this.loadExcel();
    const wb = new Excel.Workbook();
    wb.creator = "Revenue Gap Orchestrator";
    if (this.properties.title !== undefined) wb.title = this.properties.title;
    const names = newLayoutNames();
    for (const s of this.sheets) {
      if (s.result !== null) continue;
      names.sheets.add(s.name.toLowerCase());
      for (const t of s.tables) names.tables.add(t.name.toLowerCase());
    }
    const results = this.sheets.flatMap((s) => (s.result === null ? [] : [s.result]));
    const layouts = layoutBook(results, names);
    const target = inMemoryTarget(wb);
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
            ref: `${columnLetter(t.left + 1)}${t.top + 1}`,
            headerRow: true,
            columns: header.map((name) => ({ name, filterButton: true })),
            rows: rows.length > 0 ? rows : [header.map(() => null)],
          });
        }
        if (s.createdByRgo) owned.push(s.name);
        continue;
      }
      const layout = layouts[results.indexOf(s.result)];
      writeLayoutSheet(target, layout);
      owned.push(layout.name);
    }
    for (const name of owned) wb.definedNames.add(`'${name.replace(/'/g, "''")}'!$A$1`, OWNED_NAME);
    const buf = await wb.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  }
}
