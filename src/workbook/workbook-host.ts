/**
 * What the task pane needs from "the workbook", whichever it is: the open Excel workbook (through
 * Office.js, `office-host.ts` over `src/workbook/excel.ts`) or an in-memory workbook in the browser
 * preview (`preview-host.ts`, an .xlsx opened with src/workbook/xlsx/read-xlsx.ts). The pane talks only to this interface,
 * so everything from the Data step on is the same code in Excel and in the preview.
 */
import type { ResultBook, ResultSheet } from "../engine/report/result-book";
import type { RawTable, RawWorkbook } from "../engine/input/raw-table";

/** An Excel table (ListObject) found on a sheet. */
export interface TableInfo {
  name: string;
  /** Sheet the table sits on. */
  sheet: string;
  /** Data rows (without the header). */
  rows: number;
  columns: number;
  /** Header cells as written. */
  header: string[];
}

/** A worksheet as the Data step lists it. */
export interface SheetInfo {
  name: string;
  /**
   * Rows and columns of the used range (0 x 0 for an empty sheet). The preview gives the extent of
   * the table the CLI reads from the sheet, and 0 x 0 for a sheet holding Excel tables (it is read
   * as those tables, as in the CLI).
   */
  rows: number;
  columns: number;
  /** First row of the used range as text (the header candidates), [] when empty. */
  header: string[];
  tables: TableInfo[];
  /** The sheet carries the add-in's marker: a result sheet RGO wrote earlier (safe to replace). */
  createdByRgo: boolean;
}

/** Where one input table is read from: a whole sheet's used range or one Excel table. */
export type TableSource = { kind: "sheet"; sheet: string } | { kind: "table"; table: string };

export interface HostProgress {
  /** "read" or "write". */
  phase: "read" | "write";
  /** Sheet or table being read or written. */
  target: string;
  done: number;
  total: number;
}

/** Progress and cancellation of a long host action (opening a file, building a download). */
export interface HostControl {
  onProgress?: (p: HostProgress) => void;
  /** Aborting stops the action: it rejects with the cancellation error (`isCancelled`). */
  signal?: AbortSignal;
}

/** A result sheet as a read-only view shows it (WorkbookHost.resultSheetHead). */
export interface ResultSheetHead {
  /** The sheet; a table sheet with at most the rows asked for (its first rows). */
  sheet: ResultSheet;
  /** Rows of the table sheet's whole table (0 for a report sheet). */
  tableRows: number;
}

export interface WriteReport {
  /** Sheets written, in order. */
  sheets: string[];
  /** Requests sent to the host (context.sync calls for Excel; 0 for the preview). */
  requests: number;
}

export interface WorkbookHost {
  /** "excel": a live Excel workbook; "preview": the in-memory browser preview. */
  readonly kind: "excel" | "preview";
  /** Display name of the workbook (file name in the preview). */
  readonly title: string;
  listSheets(): Promise<SheetInfo[]>;
  /**
   * Reads the given sources as raw tables (cells as found, nothing coerced), one RawTable per
   * source, named after the sheet or table. Never writes. Honours `signal` between blocks.
   */
  readTables(
    sources: readonly TableSource[],
    onProgress?: (p: HostProgress) => void,
    signal?: AbortSignal,
  ): Promise<RawWorkbook>;
  /**
   * Writes every sheet of the book, replacing sheets of the same name that RGO created earlier.
   * Throws RgoError (kind "input", code "foreign-rgo-sheet") before writing anything when a target
   * sheet exists without the RGO marker (the user made it): the run stops and says which sheet.
   */
  writeResults(book: ResultBook, onProgress?: (p: HostProgress) => void): Promise<WriteReport>;
  /** The rule-pack JSON text stored on the `RGO Rules` sheet (Pack JSON chunks joined), or null. */
  readRulesText(): Promise<string | null>;
  /** Stores the pack JSON text on `RGO Rules` (same foreign-sheet protection as writeResults). */
  writeRulesText(
    packText: string,
    packName: string,
    packVersion: string,
    packHash: string,
  ): Promise<void>;
  /**
   * Writes sample tables into new sheets named after the tables (a numeric suffix when the name is
   * taken: never overwrites). Returns the sheet names used.
   */
  writeSampleSheets(tables: readonly RawTable[]): Promise<string[]>;
  /** Makes the sheet the active one (links in the Run step). No-op in the preview. */
  activateSheet(name: string): Promise<void>;
  /**
   * Calls back with the customer id of the row selected on `RGO Gaps` (null when the selection is
   * elsewhere). Returns an unsubscribe function. The preview never calls back.
   */
  onGapRowSelected(callback: (customerId: string | null) => void): Promise<() => void>;

  // Capabilities only some hosts have: the pane offers what the host offers (no host type checks).

  /**
   * The result sheet `name` as the last run wrote it, for a host without sheet tabs: the pane
   * shows it read-only instead of activating it. Null when there is no such result sheet.
   */
  resultSheet?(name: string): ResultSheet | null;
  /**
   * The result sheet `name` as the read-only view shows it: a table sheet with at most its first
   * `maxRows` rows (fetched where they live: the browser preview keeps a run's rows in its engine
   * worker), a report sheet whole; with the table's row count. Null when there is no such sheet.
   */
  resultSheetHead?(name: string, maxRows: number): Promise<ResultSheetHead | null>;
  /**
   * Opens workbook file bytes (.xlsx) as a new host of the same kind, which the pane switches to.
   * Throws RgoError("input", "corrupt-file") when the bytes are not a workbook.
   */
  openFile?(
    fileName: string,
    data: ArrayBuffer | Uint8Array,
    control?: HostControl,
  ): Promise<WorkbookHost>;
  /** The workbook with its result sheets as a file to download. */
  downloadResults?(control?: HostControl): Promise<{ fileName: string; bytes: Uint8Array }>;
}
