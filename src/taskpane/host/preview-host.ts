/**
 * The browser preview's workbook: an .xlsx opened in memory, with the same WorkbookHost behaviour
 * as Excel: inputs are never written, result sheets are kept as ResultBook sheets, and a sheet
 * named like a result sheet that the add-in did not create is refused (the ownership plan of
 * src/workbook/sheet-ownership.ts).
 *
 * Input: the file's bytes are read once, at open, by the CLI's own reader
 * (src/workbook/xlsx/read-xlsx.ts, no Node imports), so the preview offers and reads exactly the
 * tables the CLI reads from the same file: each sheet's used range, or the Excel tables of a sheet
 * holding any (their totals rows left out). In the browser this class lives in the engine worker
 * (worker-preview-host.ts is the pane's side), so neither reading the file nor building the
 * download blocks the pane, and the tables it reads are the run's input without a copy.
 *
 * Output: `resultsFile()` builds the .xlsx to download with the CLI's streaming results writer
 * (src/workbook/xlsx-writer/write-book.ts) into a zip in memory (zip-memory-writer.ts, fflate):
 * the input sheets' cell values as read (from the reader's typed columns, input-sheet-xml.ts) and
 * their Excel tables, then the result sheets laid out by src/workbook/sheet-layout.ts, as the CLI
 * writes them. exceljs is no longer used for it (its in-memory book of the result sheets was most
 * of the 2.8 GB a million-row download took); `ExcelLoader` stays in the signatures for callers.
 *
 * Ownership survives a download: the file carries a defined name `RGO_Owned` pointing at A1 of
 * each result sheet, so reopening the downloaded file and running again replaces them.
 */
import type ExcelJS from "exceljs";
import { RgoError, throwIfCancelled } from "../../engine/errors";
import type { ResultBook, ResultCell, ResultSheet } from "../../engine/report/result-book";
import { tableRowCount } from "../../engine/report/lazy-table";
import {
  packTextFromRulesTable,
  rulesResultSheet,
  RULES_SHEET,
} from "../../engine/report/rules-sheet";
import type { CellValue, RawTable, RawWorkbook } from "../../engine/input/raw-table";
// A table's data rows, counted without building them (an opened sheet's rows are never made).
import { rowCount } from "../../engine/input/table-cells";
import { layoutBook, newLayoutNames } from "../../workbook/sheet-layout";
import { planSheetWrites } from "../../workbook/sheet-ownership";
import { concatBytes } from "../../workbook/xlsx-charts/add-charts";
import { readXlsxBookAsync } from "../../workbook/xlsx/read-xlsx";
import type { SheetColumns } from "../../workbook/xlsx/sheet-columns";
import {
  cellRowsXml,
  columnRowsBytes,
  type InputCellStyles,
  type RowCounter,
} from "../../workbook/input-sheet-xml";
import { pacedYield } from "./paced-yield";
import { resultSheetHead, tableRowsOf } from "./result-sheet-head";
import { writeBook, type BookSheet } from "../../workbook/xlsx-writer/write-book";
import type { TablePart } from "../../workbook/xlsx-writer/package-xml";
import { ZipMemoryWriter } from "../../workbook/xlsx-writer/zip-memory-writer";
import type {
  HostControl,
  HostProgress,
  ResultSheetHead,
  SheetInfo,
  TableInfo,
  TableSource,
  WorkbookHost,
  WriteReport,
} from "../../workbook/workbook-host";
import { macrotask } from "../../engine/pipeline/progress";

type ExcelModule = typeof ExcelJS;
/** Loads exceljs (the browser bundle by default; tests pass the Node build). */
export type ExcelLoader = () => Promise<ExcelModule>;

/** The lazy import of exceljs's browser bundle: a separate chunk (the download no longer asks for it). */
export const loadBrowserExcel: ExcelLoader = async () => {
  const mod = (await import("exceljs/dist/exceljs.min.js")) as unknown as ExcelModule & {
    default?: ExcelModule;
  };
  return mod.Workbook !== undefined ? mod : (mod.default as ExcelModule);
};

interface PreviewSheet {
  name: string;
  /** Cells from A1, row-major (rows may be short or empty), copied into the download (sample sheets). */
  cells: CellValue[][];
  /** An opened sheet's cells as the reader keeps them (typed columns), copied into the download. */
  columns?: SheetColumns;
  /** The input tables this sheet gives, as the CLI's reader reads them. */
  tables: RawTable[];
  /** The sheet holds Excel tables, which are read instead of the whole sheet (as in the CLI). */
  hasExcelTables: boolean;
  /** The add-in's result sheet (written this session or marked as RGO's in the opened file). */
  result: ResultSheet | null;
  createdByRgo: boolean;
}

const OWNED_NAME = "RGO_Owned";

/** Sheet names of a defined name's ranges: `'RGO Gaps'!$A$1,'O''Brien'!$A$1,Plain!$A$1`. */
export function rangeSheets(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/(?:'((?:[^']|'')*)'|([^,!']+))!/g))
    out.push(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2].trim());
  return out;
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

/** Lets queued messages (a cancel) in, between chunks of synchronous work. */

/** Milliseconds of download building between two yields (progress and the cancel check). */
const YIELD_EVERY_MS = 50;

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
   * Opens an .xlsx file's bytes with the CLI's reader. Throws its RgoError (kind "input"; e.g.
   * "corrupt-file" when the bytes are not an .xlsx package, "encrypted-workbook", "not-xlsx").
   */
  static async open(
    fileName: string,
    data: ArrayBuffer | Uint8Array,
    loadExcel: ExcelLoader = loadBrowserExcel,
    control: HostControl = {},
  ): Promise<PreviewHost> {
    const { onProgress, signal } = control;
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    // The reader yields between pieces of sheet input: progress, and the cancel checked there.
    onProgress?.({ phase: "read", target: fileName, done: 0, total: 1 });
    const read = await readXlsxBookAsync(
      bytes,
      fileName,
      { keepColumns: true },
      {
        signal,
        onProgress: (p) =>
          onProgress?.({ phase: "read", target: p.target, done: p.done, total: p.total }),
      },
    );
    await macrotask();
    throwIfCancelled(signal, "opening cancelled");
    onProgress?.({ phase: "read", target: fileName, done: 1, total: 1 });
    const host = new PreviewHost(fileName.replace(/\.(xlsx|xlsm)$/i, ""), loadExcel);
    const owned = new Set<string>();
    for (const n of read.definedNames)
      if (n.name === OWNED_NAME) for (const sheet of rangeSheets(n.value)) owned.add(sheet);
    for (const s of read.sheets)
      host.sheets.push({
        name: s.name,
        cells: [],
        ...(s.columns !== undefined ? { columns: s.columns } : {}),
        tables: s.tables,
        hasExcelTables: s.hasExcelTables,
        result: null,
        createdByRgo: owned.has(s.name),
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
          rows: c.kind === "table" ? tableRowCount(c.table) + 1 : c.blocks.length,
          columns: c.kind === "table" ? c.table.columns.length : 2,
          header: c.kind === "table" ? c.table.columns.map((x) => x.header) : [],
          tables: [],
          createdByRgo: true,
        };
      }
      if (s.hasExcelTables) {
        // Read as its Excel tables (as the CLI reads it): offered as those, not as a sheet.
        const tables: TableInfo[] = s.tables.map((t) => ({
          name: t.name,
          sheet: s.name,
          rows: rowCount(t),
          columns: t.header.length,
          header: t.header,
        }));
        return {
          name: s.name,
          rows: 0,
          columns: 0,
          header: [],
          tables,
          createdByRgo: s.createdByRgo,
        };
      }
      const own = s.tables[0];
      return {
        name: s.name,
        rows: own === undefined ? 0 : rowCount(own) + 1,
        columns: own === undefined ? 0 : own.header.length,
        header: own === undefined ? [] : own.header.slice(),
        tables: [],
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
      await macrotask();
    }
    onProgress?.({ phase: "read", target: "", done: sources.length, total: sources.length });
    return { source: this.title, tables };
  }

  private readOne(src: TableSource): RawTable {
    if (src.kind === "table") {
      const name = src.table.toLowerCase();
      for (const s of this.sheets) {
        if (!s.hasExcelTables) continue;
        const t = s.tables.find((x) => x.name.toLowerCase() === name);
        if (t !== undefined) return t;
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
    if (s.hasExcelTables)
      throw new RgoError(
        "input",
        "missing-table",
        `The sheet "${s.name}" holds Excel tables, which are read instead of the sheet: choose one of them (${s.tables.map((t) => t.name).join(", ")}).`,
        s.name,
      );
    return (
      s.tables[0] ?? {
        name: s.name,
        origin: "xlsx sheet",
        header: [],
        rows: [],
        headerRow: 1,
        firstColumn: 1,
      }
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
      hasExcelTables: false,
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
      // The sheet holds exactly this table from A1, so it reads back as the table written.
      const cells: CellValue[][] = [t.header.slice(), ...t.rows];
      const table: RawTable = {
        ...t,
        name,
        header: t.header.slice(),
        headerRow: 1,
        firstColumn: 1,
      };
      this.sheets.push({
        name,
        cells,
        tables: [table],
        hasExcelTables: false,
        result: null,
        createdByRgo: false,
      });
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

  /** The read-only view's head of result sheet `name` (result-sheet-head.ts), or null. */
  async resultSheetHead(name: string, maxRows: number): Promise<ResultSheetHead | null> {
    const sheet = this.resultSheet(name);
    return sheet === null ? null : resultSheetHead(sheet, maxRows);
  }

  /**
   * Rows [from, from + count) of the table of result sheet `name` and its row count (the engine
   * worker answers the pane's `result-rows` with this), or null when there is no such table sheet.
   */
  resultRows(
    name: string,
    from: number,
    count: number,
  ): { rows: ResultCell[][]; total: number } | null {
    const sheet = this.resultSheet(name);
    return sheet === null ? null : tableRowsOf(sheet, from, count);
  }

  /** Whether any result sheet exists (the Download button's state). */
  hasResults(): boolean {
    return this.sheets.some((s) => s.result !== null);
  }

  /** Opens another .xlsx in a new preview host (the pane's "Open workbook…"). */
  openFile(
    fileName: string,
    data: ArrayBuffer | Uint8Array,
    control?: HostControl,
  ): Promise<PreviewHost> {
    return PreviewHost.open(fileName, data, this.loadExcel, control);
  }

  /** The results download: `resultsFileName()` and `resultsFile()`. */
  async downloadResults(control?: HostControl): Promise<{ fileName: string; bytes: Uint8Array }> {
    return { fileName: this.resultsFileName(), bytes: await this.resultsFile(control) };
  }

  /** File name of the results download: `<title>-rgo-results.xlsx`. */
  resultsFileName(): string {
    return `${this.title}-rgo-results.xlsx`;
  }

  /**
   * The results workbook as .xlsx bytes: every input sheet as found (values, and its Excel
   * tables), then the result sheets cell for cell as the CLI writes them (tables, number formats,
   * frozen headers, colour scales, charts): one streaming writer for both
   * (src/workbook/xlsx-writer/write-book.ts), deflating each sheet as its XML is made
   * (zip-memory-writer.ts). An opened sheet is written from the typed columns the reader filled
   * (input-sheet-xml.ts `columnRowsBytes`), never as rows of values. Text is written as text, never
   * as a formula. Progress counts rows (input and result rows); progress is reported and `signal`
   * checked, after a yield so the cancel message gets in, at the first chunk of sheet XML (about a
   * megabyte) and then at the first chunk after every YIELD_EVERY_MS of work (paced-yield.ts).
   */
  async resultsFile({ onProgress, signal }: HostControl = {}): Promise<Uint8Array> {
    const stop = "building the download cancelled";
    throwIfCancelled(signal, stop);
    const names = newLayoutNames();
    for (const s of this.sheets) {
      if (s.result !== null) continue;
      names.sheets.add(s.name.toLowerCase());
      if (s.hasExcelTables) for (const t of s.tables) names.tables.add(t.name.toLowerCase());
    }
    const results = this.sheets.flatMap((s) => (s.result === null ? [] : [s.result]));
    const layouts = layoutBook(results, names);
    const rowsOf = (s: PreviewSheet): number =>
      s.result === null
        ? (s.columns?.lastRow ?? s.cells.length)
        : s.result.content.kind === "table"
          ? tableRowCount(s.result.content.table) + 1
          : s.result.content.blocks.length;
    const total = this.sheets.reduce((n, s) => n + rowsOf(s), 0);
    // Input rows counted as they are written; reported (and the cancel checked) between chunks.
    const written: RowCounter = { rows: 0 };
    let sheetName = "";
    const report = (): void =>
      onProgress?.({ phase: "write", target: sheetName, done: written.rows, total });
    const zip = new ZipMemoryWriter(
      pacedYield(async () => {
        report();
        await macrotask();
        throwIfCancelled(signal, stop);
      }, YIELD_EVERY_MS),
    );
    const owned: string[] = [];
    const sheets = this.sheets.map((s): BookSheet => {
      if (s.result !== null) {
        const layout = layouts[results.indexOf(s.result)];
        owned.push(layout.name);
        return { layout };
      }
      if (s.createdByRgo) owned.push(s.name);
      const { columns, cells } = s;
      const tables = s.hasExcelTables ? s.tables.map(inputTablePart) : [];
      // An Excel table's header cells hold its column names (as exceljs's addTable wrote them).
      const header = new Map<string, string>();
      for (const t of tables)
        t.columns.forEach((name, i) => header.set(`${t.headerRow}:${t.firstColumn + i}`, name));
      const rows = (styles: InputCellStyles): Iterable<string | Uint8Array> => {
        sheetName = s.name; // asked for as the sheet's writing starts
        return columns !== undefined
          ? columnRowsBytes(columns, styles, header, written)
          : cellRowsXml(cells, styles, written);
      };
      return { cells: { name: s.name, tables, rows } };
    });
    report();
    const definedNames: [string, string][] =
      owned.length > 0
        ? [[OWNED_NAME, owned.map((n) => `'${n.replace(/'/g, "''")}'!$A$1`).join(",")]]
        : [];
    const properties: Record<string, string> = {};
    if (this.properties.title !== undefined) properties.title = this.properties.title;
    await writeBook(zip, sheets, properties, { definedNames });
    throwIfCancelled(signal, stop);
    const bytes = concatBytes(zip.finish());
    written.rows = total;
    sheetName = "";
    report();
    return bytes;
  }
}

/** An input sheet's Excel table as the download writes it (a header name for every column). */
function inputTablePart(t: RawTable): TablePart {
  return {
    name: t.name,
    columns: t.header.map((h, i) => h || `Column${i + 1}`),
    headerRow: t.headerRow,
    firstColumn: t.firstColumn,
    dataRows: rowCount(t),
  };
}
