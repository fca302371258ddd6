/**
 * Messages between the task pane and the engine worker. The pane sends plain tables read from the
 * workbook (headers as the user wrote them, with the user's column choices beside them) and the
 * rule pack as found (untrusted); the worker validates, runs it (runAnalysis) and answers with
 * progress, then the summary and the ResultBook to write back.
 *
 * Big data never travels in one message (a structured clone of a million rows would block the
 * pane's thread): the pane stages its tables with `load-begin` + `load-rows` chunks and then asks
 * `run` / `validate` without a `workbook`; with `streamBook` the worker sends the rows of the
 * result's table sheets as `book-rows` chunks before a `done` whose book carries the sheets with
 * empty table rows; with `holdRows` those rows never leave the worker (the browser preview writes
 * the run's own book there and asks for the rows a sheet view shows with `result-rows`). Requests
 * other than run / cancel carry an `id` that their answer echoes.
 */
import type { RgoErrorCode, RgoErrorKind } from "../../engine/errors";
import type { Issue } from "../../engine/issue";
import type { ColumnChoices } from "../../engine/input/header-map";
import type { PeriodUnit, WeekStartName } from "../../engine/input/period";
import type { Role } from "../../engine/input/role";
import type { Progress } from "../../engine/pipeline/progress";
import type { ResultBook, ResultCell } from "../../engine/report/result-book";
import type { SummaryJson } from "../../engine/report/summary-json";
import type { PackError } from "../../rules/pack-error";
import type { CellValue, RawTable, RawWorkbook } from "../../engine/input/raw-table";
import type { PreviousResults } from "../../engine/history/previous-results";
import type { NarrativePayload } from "../../engine/narrative/narrative-payload";

import type {
  HostProgress,
  SheetInfo,
  TableSource,
  WriteReport,
} from "../../workbook/workbook-host";

/**
 * What the pane asks of the workbook the worker holds (the browser preview's workbook lives in the
 * engine worker, so its rows never cross threads): each is the WorkbookHost method of the same
 * name on the worker's PreviewHost. `stage` makes the chosen sources the run's input (as
 * load-begin / load-rows would, without moving a row); `write-samples` writes the tables staged
 * with load-begin / load-rows as new sheets; `write-results` with `run` writes the worker's own
 * book of that run (no result rows cross threads either).
 */
export type HostCall =
  | { method: "list" }
  | { method: "read"; sources: TableSource[] }
  | { method: "stage"; sources: TableSource[] }
  | { method: "write-results"; run: number }
  | { method: "write-results"; book: ResultBook }
  | { method: "rules-text" }
  | {
      method: "write-rules";
      packText: string;
      packName: string;
      packVersion: string;
      packHash: string;
    }
  | { method: "write-samples" }
  | { method: "download" }
  /** Rows [from, from + count) of the table of result sheet `sheet` in the worker's workbook. */
  | { method: "result-rows"; sheet: string; from: number; count: number };

/** The answer to each HostCall (download's bytes travel as a transferred ArrayBuffer). */
export type HostAnswer =
  | { method: "list"; sheets: SheetInfo[] }
  | { method: "read"; source: string; tables: TableShape[] }
  | { method: "stage"; source: string; tables: number }
  | { method: "write-results"; report: WriteReport }
  | { method: "rules-text"; text: string | null }
  | { method: "write-rules" }
  | { method: "write-samples"; names: string[] }
  | { method: "download"; fileName: string; bytes: ArrayBuffer }
  /** The rows asked for (fewer at the table's end) and the table's row count. */
  | { method: "result-rows"; rows: ResultCell[][]; total: number };

/** A table's shape without its rows (sent by `load-begin`; rows follow in `load-rows`). */
export type TableShape = Omit<RawTable, "rows">;

export type WorkerRequest =
  | {
      type: "run";
      /** The tables; omitted to run on the tables staged with load-begin / load-rows. */
      workbook?: RawWorkbook;
      /** The rule pack: JSON text (from the editor or the RGO Rules sheet) or a parsed value. */
      pack: unknown;
      customerId?: string;
      topN?: number;
      /** ISO 4217 code chosen in the Data step (RunOptions.currency). */
      currency?: string;
      /** Weeks or months chosen in the Data step (RunOptions.period); absent: detected. */
      period?: PeriodUnit;
      /** Week start chosen in the Data step (RunOptions.weekStart); absent: the data's. */
      weekStart?: WeekStartName;
      /** ISO date: analyse the data up to this day (RunOptions.asOf, the Run step's control). */
      asOf?: string;
      /** The workbook's own RGO History / Actions / Customers sheets (RunOptions.previous). */
      previous?: PreviousResults;
      /** ISO timestamp of the run (the pane's clock), so results are reproducible in tests. */
      runAt: string;
      /** Role -> table name chosen in the Data step (overrides detection by name and header). */
      tableForRole?: Partial<Record<Role, string>>;
      /** Role -> field -> the header the user chose for it in the Data step (headers are sent as read). */
      columns?: ColumnChoices;
      /** Send table-sheet rows as `book-rows` chunks of this many rows before `done` (0/absent: all in `done`). */
      streamBook?: number;
      /**
       * Keep the table sheets' rows in the worker: `done`'s book carries those sheets without rows
       * and `heldRows` their row counts (streamBook unused). For a pane that writes the results by
       * naming the run (host-call write-results `run`) and fetches rows to show (`result-rows`).
       */
      holdRows?: boolean;
      /** The AI narrative is on: answer with its payload (engine/narrative; nothing is sent from the worker). */
      narrative?: boolean;
    }
  | { type: "cancel" }
  /** Starts staging a workbook: the tables' headers; their rows follow in load-rows. */
  | { type: "load-begin"; id: number; source: string; tables: TableShape[] }
  /** Rows appended to staged table `table` (index into load-begin's tables). */
  | { type: "load-rows"; id: number; table: number; rows: CellValue[][] }
  /** Dry run of the input stage on the staged tables: issues and counts, no analysis. */
  | {
      type: "validate";
      id: number;
      tableForRole?: Partial<Record<Role, string>>;
      columns?: ColumnChoices;
      /** The Data step's period and week start, as for a run. */
      period?: PeriodUnit;
      weekStart?: WeekStartName;
      /**
       * The Data step's currency, as a run sends it: the check builds the dataset as the run
       * will, so a Run on unchanged choices reuses it (dataset-memo.ts).
       */
      currency?: string;
    }
  /** Drill-down of one customer of the last completed run. */
  | { type: "customer"; id: number; customerId: string }
  /**
   * Validates rule-pack text (the Rules step's editor) off the main thread: compiling the pack
   * schema takes long enough to freeze the pane if done there.
   */
  | { type: "check-pack"; id: number; text: string }
  /**
   * Opens .xlsx bytes (a transferred ArrayBuffer) as the worker's workbook, replacing the one it
   * holds only when the read succeeds and was not cancelled. Answered with host-progress messages,
   * then host-opened (the title) or request-failed.
   */
  | { type: "host-open"; id: number; fileName: string; bytes: ArrayBuffer }
  /** A WorkbookHost call on the worker's workbook; answered with host-answer or request-failed. */
  | { type: "host-call"; id: number; call: HostCall }
  /** Stops host-open / host-call `id` at its next check (answered with request-failed "cancelled"). */
  | { type: "host-cancel"; id: number }
  /** Generates sample tables; answered with sample-rows chunks then sample-done. */
  | {
      type: "sample";
      id: number;
      customers: number;
      weeks: number;
      seed: number;
      chunkRows: number;
    };

/** The verdict on rule-pack text: its identity when valid, its located errors when not. */
export type PackCheck =
  { ok: true; name: string; version: string; hash: string } | { ok: false; errors: PackError[] };

/** The input stage's verdict on the staged tables (Data step). */
export interface ValidationReport {
  /** Role -> table used (after detection and overrides). */
  roles: Partial<Record<Role, string>>;
  counts: { customers: number; salesRows: number; weeks: number; stockRows: number };
  /** The first issues found (errors first), at most 100. */
  issues: Issue[];
  /** Issues found in all (kept per code by the input stage's cap). */
  issueCount: number;
  /** A problem that makes a run impossible (missing sales table, missing column), else null. */
  blocking: { code: string; message: string } | null;
  /** The currency the money columns name (number formats, money text), or null: none. */
  currency?: string | null;
  /** The period the run will analyse (detected, or as chosen), or null without sales dates. */
  period?: PeriodReport | null;
}

/** The period of the checked data, for the Data step. */
export interface PeriodReport {
  unit: PeriodUnit;
  /** Weekday the weeks start on ("Saturday"), null for months and week numbers. */
  weekStart: string | null;
  /** "Weekly data, weeks starting Saturday: 12 weeks." / "Monthly data: 18 months." */
  text: string;
}

/** One fact of a customer as the drill-down shows it. */
export interface DrillFact {
  name: string;
  value: string | number | boolean | null;
  unit?: string;
  description?: string;
}

/** What the Drill-down step shows for one customer (kept small: one customer per message). */
export interface CustomerDetail {
  customerId: string;
  /** The run's period: what one entry of `weeks` and `spend` is (a week or a calendar month). */
  period: PeriodUnit;
  /** Period labels of the whole calendar (week starts, or "2024-03" for months). */
  weeks: string[];
  /** Spend per calendar period in dollars; null before the customer's first period. */
  spend: (number | null)[];
  /** Half-open calendar-week ranges of the baseline and current windows ([-1,-1] when none). */
  baseline: [number, number];
  current: [number, number];
  facts: DrillFact[];
  gaps: {
    rank: number;
    gapType: string;
    severity: string;
    gapAmount: number;
    priorityScore: number;
    rootCause: string | null;
    why: string;
  }[];
  churn: { score: number; probability: number; factors: string[]; listed: boolean };
  rootCause: string | null;
  /**
   * The customer model's forecast for the weeks after the history (when the run fitted it):
   * expected spend and the interval of the H-week total, in dollars, and the chance still buying.
   */
  forecast?: {
    weeks: number;
    expected: number;
    low: number;
    high: number;
    level: number;
    pActive: number;
  };
}

/** One customer with gaps in the Drill-down picker: its rank, money at risk and priority band. */
export interface DrillEntry {
  customerId: string;
  /** The customer's best row rank on RGO Gaps (the rank RGO Summary's top customers show). */
  rank: number;
  /** The customer's revenue at risk per period (its primary gap row's shortfall), in the run's currency. */
  revenueAtRisk: number;
  /** The pack's priority band of the customer's worst score ("High"), null when the pack has none. */
  band: string | null;
}

/** Small per-run index for the Drill-down picker: customers with gaps in rank order, then the rest. */
export interface DrillIndex {
  /** Customer ids with at least one gap, best rank first. */
  withGaps: string[];
  /** The same customers as `withGaps`, in the same order, with rank, money at risk and band. */
  ranked: DrillEntry[];
  /** Every analysed customer id (for search), in input order. */
  all: string[];
}

export type WorkerResponse =
  | ({ type: "progress" } & Progress)
  | { type: "invalid-pack"; errors: PackError[] }
  | {
      type: "done";
      summary: SummaryJson;
      book: ResultBook;
      issues: Issue[];
      /** Present on runs of this protocol version: the Drill-down picker's ids. */
      drill?: DrillIndex;
      /** Milliseconds the worker spent (input stage + analysis + report). */
      ms?: number;
      /** What the AI narrative would send (only when the run asked for it). */
      narrative?: NarrativePayload;

      /** The worker keeps this run's book: host-call write-results with this `run` writes it. */
      run?: number;
      /** With holdRows: the row counts of the table sheets sent without rows (by sheet index). */
      heldRows?: { sheet: number; rows: number }[];
    }
  /** The run stopped: an RgoError's kind and code ("cancelled" after Cancel; "internal" for bugs). */
  | { type: "failed"; kind: RgoErrorKind; code: RgoErrorCode; message: string }
  /** Rows of table sheet `sheet` (index into the book) appended in order; sent before done. */
  | { type: "book-rows"; sheet: number; rows: ResultCell[][] }
  | { type: "validated"; id: number; report: ValidationReport }
  | { type: "customer-detail"; id: number; detail: CustomerDetail | null }
  | { type: "pack-checked"; id: number; result: PackCheck }
  | {
      type: "sample-rows";
      id: number;
      table: number;
      shape: TableShape | null;
      rows: CellValue[][];
    }
  | { type: "sample-done"; id: number; tables: number }
  | { type: "request-failed"; id: number; code: string; message: string }
  /** Progress of host-open / host-call `id` (reading the file, building the download). */
  | ({ type: "host-progress"; id: number } & HostProgress)
  | { type: "host-opened"; id: number; title: string }
  /** Rows of table `table` of a host-call read (before its host-answer). */
  | { type: "host-rows"; id: number; table: number; rows: CellValue[][] }
  | { type: "host-answer"; id: number; answer: HostAnswer };
