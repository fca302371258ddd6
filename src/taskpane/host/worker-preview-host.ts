/**
 * The browser preview's WorkbookHost on the pane's side: the workbook itself (a PreviewHost,
 * preview-host.ts) lives in the engine worker (worker/worker-book.ts), so opening an .xlsx, reading
 * its tables and building the download run there and never block the pane. This side keeps only
 * what the pane shows synchronously: the title and the result sheets written this session (the
 * read-only sheet view, the Download button's state); a run made with `holdRows` leaves its table
 * sheets' rows in the worker, and the sheet view fetches the rows it shows (`resultSheetHead`).
 *
 * The run's input never crosses threads: `stageForEngine` makes the chosen sources the worker's
 * staged input, and writing a run's results names that run (the worker writes its own copy of the
 * book). `readTables` still answers every caller with the rows (small sheets: RGO History, RGO
 * Rules), as the WorkbookHost contract says. The behaviour (ownership, RGO_Owned, refusals) is
 * PreviewHost's, in the worker.
 */
import { throwIfCancelled } from "../../engine/errors";
import type { CellValue, RawTable, RawWorkbook } from "../../engine/input/raw-table";
import type { ResultBook, ResultCell, ResultSheet } from "../../engine/report/result-book";
import { rulesResultSheet } from "../../engine/report/rules-sheet";
import type {
  HostControl,
  HostProgress,
  ResultSheetHead,
  SheetInfo,
  TableSource,
  WorkbookHost,
  WriteReport,
} from "../../workbook/workbook-host";
import { heldRowsOf, runOfBook, type EngineClient, type StagedInWorker } from "../worker-client";
import { resultSheetHead, tableRowsOf, withTableRows } from "./result-sheet-head";

/** The bytes as an ArrayBuffer the worker may take (a copy unless `data` is a whole buffer). */
function ownBuffer(data: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  return data.slice().buffer as ArrayBuffer;
}

export class WorkerPreviewHost implements WorkbookHost {
  readonly kind = "preview" as const;
  /** Result sheets written this session, by lower-case name. */
  private readonly results = new Map<string, ResultSheet>();
  /** Lower-case names of those whose table rows are kept in the worker (not in `results`). */
  private readonly held = new Set<string>();

  private constructor(
    readonly title: string,
    private readonly client: EngineClient,
  ) {}

  /** The worker's empty workbook (for trying the Sample data step). */
  static empty(client: EngineClient, title = "Book1"): WorkerPreviewHost {
    return new WorkerPreviewHost(title, client);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return (await this.client.hostCall({ method: "list" })).sheets;
  }

  async readTables(
    sources: readonly TableSource[],
    onProgress?: (p: HostProgress) => void,
    signal?: AbortSignal,
  ): Promise<RawWorkbook> {
    const rows: CellValue[][][] = [];
    const a = await this.client.hostCall(
      { method: "read", sources: [...sources] },
      { onProgress, signal },
      (table, chunk) => {
        const into = (rows[table] ??= []);
        for (const r of chunk) into.push(r);
      },
    );
    const tables: RawTable[] = a.tables.map((shape, i) => ({ ...shape, rows: rows[i] ?? [] }));
    return { source: a.source, tables };
  }

  /**
   * Makes `sources` the engine's next input inside the worker (what readTables + staging would
   * give, without moving a row); pass the result to EngineClient.run / validate.
   */
  async stageForEngine(
    sources: readonly TableSource[],
    onProgress?: (p: HostProgress) => void,
    signal?: AbortSignal,
  ): Promise<StagedInWorker> {
    const a = await this.client.hostCall(
      { method: "stage", sources: [...sources] },
      { onProgress, signal },
    );
    return { kind: "staged-in-worker", source: a.source, tables: a.tables };
  }

  async writeResults(
    book: ResultBook,
    onProgress?: (p: HostProgress) => void,
  ): Promise<WriteReport> {
    const run = runOfBook(book);
    const a = await this.client.hostCall(
      run !== undefined ? { method: "write-results", run } : { method: "write-results", book },
      { onProgress },
    );
    const held = heldRowsOf(book);
    book.sheets.forEach((sheet, i) => {
      const key = sheet.name.toLowerCase();
      this.results.set(key, sheet);
      if (held?.has(i) === true) this.held.add(key);
      else this.held.delete(key);
    });
    return a.report;
  }

  async readRulesText(): Promise<string | null> {
    return (await this.client.hostCall({ method: "rules-text" })).text;
  }

  async writeRulesText(
    packText: string,
    packName: string,
    packVersion: string,
    packHash: string,
  ): Promise<void> {
    await this.client.hostCall({
      method: "write-rules",
      packText,
      packName,
      packVersion,
      packHash,
    });
    const sheet = rulesResultSheet(packText, packName, packVersion, packHash);
    this.results.set(sheet.name.toLowerCase(), sheet);
    this.held.delete(sheet.name.toLowerCase());
  }

  async writeSampleSheets(tables: readonly RawTable[]): Promise<string[]> {
    await this.client.stage({ source: this.title, tables: [...tables] });
    return (await this.client.hostCall({ method: "write-samples" })).names;
  }

  async activateSheet(_name: string): Promise<void> {
    // The preview has no sheet tabs to activate.
  }

  async onGapRowSelected(_callback: (customerId: string | null) => void): Promise<() => void> {
    return () => undefined;
  }

  /** A result sheet written this session (a table sheet of a `holdRows` run without its rows). */
  resultSheet(name: string): ResultSheet | null {
    return this.results.get(name.toLowerCase()) ?? null;
  }

  /** The sheet view's head of result sheet `name`: its first rows fetched from the worker if held. */
  async resultSheetHead(name: string, maxRows: number): Promise<ResultSheetHead | null> {
    const sheet = this.resultSheet(name);
    if (sheet === null) return null;
    if (!this.held.has(name.toLowerCase())) return resultSheetHead(sheet, maxRows);
    const page = await this.resultRows(name, 0, maxRows);
    return page === null ? null : { sheet: withTableRows(sheet, page.rows), tableRows: page.total };
  }

  /**
   * Rows [from, from + count) of result table `name` and its row count: asked of the worker when it
   * holds them, else taken from the sheet here. Null when there is no such table sheet.
   */
  async resultRows(
    name: string,
    from: number,
    count: number,
  ): Promise<{ rows: ResultCell[][]; total: number } | null> {
    const sheet = this.resultSheet(name);
    if (sheet === null) return null;
    if (!this.held.has(name.toLowerCase())) return tableRowsOf(sheet, from, count);
    const a = await this.client.hostCall({ method: "result-rows", sheet: sheet.name, from, count });
    return { rows: a.rows, total: a.total };
  }

  hasResults(): boolean {
    return this.results.size > 0;
  }

  /**
   * Opens .xlsx bytes in the worker, which then holds them in place of this workbook (a failed or
   * cancelled open leaves this one). `data` is handed to the worker: do not use it afterwards.
   */
  async openFile(
    fileName: string,
    data: ArrayBuffer | Uint8Array,
    control?: HostControl,
  ): Promise<WorkerPreviewHost> {
    const title = await this.client.openBook(fileName, ownBuffer(data), control);
    return new WorkerPreviewHost(title, this.client);
  }

  /** The workbook with its result sheets as .xlsx, built in the worker. */
  async downloadResults(control?: HostControl): Promise<{ fileName: string; bytes: Uint8Array }> {
    throwIfCancelled(control?.signal);
    const a = await this.client.hostCall({ method: "download" }, control);
    return { fileName: a.fileName, bytes: new Uint8Array(a.bytes) };
  }
}
