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
 * Output: `resultsFile()` builds the .xlsx to download in an exceljs workbook (exceljs's browser
 * build, loaded only then): the input sheets' cell values as read, their Excel tables, then the
 * result sheets laid out by src/workbook/sheet-layout.ts and written by the same exceljs writer as
 * the CLI's file (src/workbook/exceljs-result-writer.ts), in memory. Input sheets without Excel
 * tables go in as worksheet XML spliced into exceljs's package (src/workbook/input-sheet-xml.ts):
 * a million rows as exceljs cells took gigabytes.
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
import type { CellValue, RawTable, RawWorkbook } from "../../engine/input/raw-table";
import { rowCount } from "../../engine/input/table-cells";
import { layoutBook, layoutCellValue, newLayoutNames } from "../../workbook/sheet-layout";
import { inMemoryTarget, writeLayoutSheet } from "../../workbook/exceljs-result-writer";
import { planSheetWrites } from "../../workbook/sheet-ownership";
import { addChartsToXlsx, concatBytes } from "../../workbook/xlsx-charts/add-charts";
import { columnLetter } from "../../workbook/result-styles";
import { readXlsxBookAsync } from "../../workbook/xlsx/read-xlsx";
import {
  DeflatedSheet,
  dimensionRef,
  readPlaceholders,
  rowsXml,
  spliceInputSheets,
  type Placeholder,
} from "../../workbook/input-sheet-xml";
import type { DeflatedPart } from "../../workbook/xlsx-charts/rewrite-zip";
import type {
  HostControl,
  HostProgress,
  SheetInfo,
  TableInfo,
  TableSource,
  WorkbookHost,
  WriteReport,
} from "../../workbook/workbook-host";

type ExcelModule = typeof ExcelJS;
/** Loads exceljs (the browser bundle by default; tests pass the Node build). */
export type ExcelLoader = () => Promise<ExcelModule>;

/** The lazy import of exceljs's browser bundle: a separate chunk, fetched only for a download. */
export const loadBrowserExcel: ExcelLoader = async () => {
  const mod = (await import("exceljs/dist/exceljs.min.js")) as unknown as ExcelModule & {
    default?: ExcelModule;
  };
  return mod.Workbook !== undefined ? mod : (mod.default as ExcelModule);
};

interface PreviewSheet {
  name: string;
  /** Cells from A1, row-major (rows may be short or empty), copied into the download. */
  cells: CellValue[][];
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

/** Input rows copied into the download between two progress reports and cancel checks. */
export const DOWNLOAD_CHUNK_ROWS = 20_000;

/** The placeholder's A1: a date, so exceljs's styles part holds the date style. */
const PLACEHOLDER_DATE = new Date(Date.UTC(2000, 0, 1));

/** Lets queued messages (a cancel) in, between chunks of synchronous work. */
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

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
      { keepCells: true },
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
        // The reader makes the cells when first read (a download), not at open.
        get cells(): CellValue[][] {
          return s.cells ?? [];
        },
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
          rows: c.kind === "table" ? c.table.rows.length + 1 : c.blocks.length,
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
      await new Promise((r) => setTimeout(r, 0));
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
   * The results workbook as .xlsx bytes: every input sheet as found (values), then the result
   * sheets cell for cell as the CLI writes them (tables, number formats, frozen headers, colour
   * scales, charts added to exceljs's output by xlsx-charts/). Text is written as text, never as a
   * formula. Progress counts rows (input and result rows, then one step for packing the file);
   * `signal` is checked between chunks of DOWNLOAD_CHUNK_ROWS input rows and between sheets.
   */
  async resultsFile({ onProgress, signal }: HostControl = {}): Promise<Uint8Array> {
    const stop = "building the download cancelled";
    throwIfCancelled(signal, stop);
    const Excel = await this.loadExcel();
    const wb = new Excel.Workbook();
    wb.creator = "Revenue Gap Orchestrator";
    if (this.properties.title !== undefined) wb.title = this.properties.title;
    const names = newLayoutNames();
    for (const s of this.sheets) {
      if (s.result !== null) continue;
      names.sheets.add(s.name.toLowerCase());
      if (s.hasExcelTables) for (const t of s.tables) names.tables.add(t.name.toLowerCase());
    }
    const results = this.sheets.flatMap((s) => (s.result === null ? [] : [s.result]));
    const layouts = layoutBook(results, names);
    const target = inMemoryTarget(wb);
    const owned: string[] = [];
    const rowsOf = (s: PreviewSheet): number =>
      s.result === null
        ? s.cells.length
        : s.result.content.kind === "table"
          ? s.result.content.table.rows.length + 1
          : s.result.content.blocks.length;
    // The last step (exceljs packing the file, then the charts) counts as a tenth of the rows.
    const rows = this.sheets.reduce((n, s) => n + rowsOf(s), 0);
    const total = rows + Math.max(1, Math.ceil(rows / 10));
    let done = 0;
    const report = (target: string): void => onProgress?.({ phase: "write", target, done, total });
    // Input rows in chunks: progress, a yield (so a cancel gets in) and the cancel check.
    const chunked = async (
      s: PreviewSheet,
      each: (from: number, to: number) => void,
    ): Promise<void> => {
      const start = done;
      for (let r = 0; r < s.cells.length; r += DOWNLOAD_CHUNK_ROWS) {
        each(r, Math.min(s.cells.length, r + DOWNLOAD_CHUNK_ROWS));
        done = start + Math.min(s.cells.length, r + DOWNLOAD_CHUNK_ROWS);
        report(s.name);
        await macrotask();
        throwIfCancelled(signal, stop);
      }
      done = start + s.cells.length;
    };
    // Input sheets without Excel tables are written as XML after exceljs (input-sheet-xml.ts);
    // exceljs writes a placeholder holding the two cell styles they use.
    const spliced: PreviewSheet[] = [];
    for (const s of this.sheets) {
      throwIfCancelled(signal, stop);
      report(s.name);
      if (s.result === null) {
        const ws = wb.addWorksheet(s.name);
        if (s.createdByRgo) owned.push(s.name);
        if (!s.hasExcelTables) {
          ws.getCell("A1").value = PLACEHOLDER_DATE;
          ws.getCell("B1").value = 0;
          ws.getCell("B1").numFmt = "@";
          spliced.push(s);
          continue;
        }
        await chunked(s, (from, to) => {
          for (let r = from; r < to; r++) {
            const row = s.cells[r];
            if (row.length === 0) continue;
            const out = ws.getRow(r + 1);
            row.forEach((v, c) => {
              if (v === null || v === undefined) return;
              const cell = out.getCell(c + 1);
              cell.value = v;
              if (typeof v === "string" && layoutCellValue(v).formulaLike) cell.numFmt = "@";
            });
          }
        });
        for (const t of s.tables) {
          const width = t.header.length;
          const header = t.header.map((h, i) => h || `Column${i + 1}`);
          const rows = t.rows.map((r) =>
            Array.from({ length: width }, (_, i): CellValue => r[i] ?? null),
          );
          ws.addTable({
            name: t.name,
            ref: `${columnLetter(t.firstColumn)}${t.headerRow}`,
            headerRow: true,
            columns: header.map((name) => ({ name, filterButton: true })),
            rows: rows.length > 0 ? rows : [header.map(() => null)],
          });
        }
        continue;
      }
      const layout = layouts[results.indexOf(s.result)];
      writeLayoutSheet(target, layout);
      done += rowsOf(s);
      owned.push(layout.name);
      await macrotask();
    }
    for (const name of owned) wb.definedNames.add(`'${name.replace(/'/g, "''")}'!$A$1`, OWNED_NAME);
    throwIfCancelled(signal, stop);
    report("");
    let bytes: Uint8Array = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    throwIfCancelled(signal, stop);
    if (spliced.length > 0) {
      const book = readPlaceholders(
        bytes,
        spliced.map((s) => ({ name: s.name, dimension: dimensionRef(s.cells) })),
      );
      const parts = new Map<string, DeflatedPart>();
      for (const s of spliced) {
        const placeholder = book.sheets.get(s.name) as Placeholder;
        const part = new DeflatedSheet(placeholder);
        const letters: string[] = [];
        await chunked(s, (from, to) =>
          part.write(rowsXml(s.cells, from, to, book.styles, letters)),
        );
        parts.set(placeholder.entry, part.finish());
      }
      report("");
      bytes = spliceInputSheets(bytes, book, parts);
      throwIfCancelled(signal, stop);
    }
    const charted = addChartsToXlsx(bytes, layouts);
    done = total;
    report("");
    return charted === null ? bytes : concatBytes(charted);
  }
}
