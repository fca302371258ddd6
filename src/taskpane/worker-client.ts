/**
 * The pane's side of the engine worker: stages tables in chunks (never one huge message; the pane
 * yields to the browser between posts), runs, validates, asks for one customer's drill-down and
 * generates sample tables, and reassembles the chunked answers. Works with any object shaped like
 * a Worker, so tests drive the real handler in-process.
 */
import type { NarrativePayload } from "../engine/narrative/narrative-payload";
import type { PreviousResults } from "../engine/history/previous-results";
import { cancelled, isCancelled, throwIfCancelled } from "../engine/errors";
import type { ColumnChoices } from "../engine/input/header-map";
import type { PeriodUnit, WeekStartName } from "../engine/input/period";
import type { Role } from "../engine/input/role";
import type { Issue } from "../engine/issue";
import { macrotask, type Progress } from "../engine/pipeline/progress";
import type { ResultBook, ResultCell } from "../engine/report/result-book";
import type { SummaryJson } from "../engine/report/summary-json";
import type { PackError } from "../rules/pack-error";
import type { CellValue, RawTable, RawWorkbook } from "../engine/input/raw-table";
import type { HostControl } from "../workbook/workbook-host";
import type {
  CustomerDetail,
  DrillIndex,
  HostAnswer,
  HostCall,
  PackCheck,
  TableShape,
  ValidationReport,
  WorkerRequest,
  WorkerResponse,
} from "./worker/protocol";

/** The part of a Web Worker the client uses (`transfer`: buffers moved, not copied). */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: WorkerResponse }) => void) | null;
  terminate(): void;
}

/** Rows per staging message (about 100k cells for the usual 4-6 column tables). */
export const DEFAULT_CHUNK_ROWS = 20_000;

export type RunOutcome =
  | {
      kind: "done";
      summary: SummaryJson;
      book: ResultBook;
      issues: Issue[];
      drill: DrillIndex;
      /** Worker time in ms. */
      ms: number;
      /** What the AI narrative would send (runs with `narrative`). */
      narrative?: NarrativePayload;
    }
  | { kind: "invalid-pack"; errors: PackError[] }
  | { kind: "failed"; errorKind: string; code: string; message: string }
  /** The worker's cancellation error (or Cancel while staging), mapped here once. */
  | { kind: "cancelled" };

export interface RunParams {
  pack: unknown;
  runAt: string;
  tableForRole?: Partial<Record<Role, string>>;
  /** Role -> field -> chosen header (the Data step's column choices). */
  columns?: ColumnChoices;
  topN?: number;
  customerId?: string;
  /** ISO code chosen in the Data step (absent: the pack's, else the one the data names, else USD). */
  currency?: string;
  /** Weeks or months chosen in the Data step (absent: detected from the dates). */
  period?: PeriodUnit;
  /** Week start chosen in the Data step (absent: the data's own weekday, else Monday). */
  weekStart?: WeekStartName;
  /** ISO date chosen in the Run step: analyse the data up to this day. */
  asOf?: string;
  /** The workbook's previous results (its own RGO History / Actions / Customers sheets). */
  previous?: PreviousResults;
  /** Ask for the AI narrative's payload (the pane sends it only after the user confirms). */
  narrative?: boolean;
  /**
   * Leave the table sheets' rows in the worker (the book comes back with those sheets empty;
   * heldRowsOf gives their row counts): for the browser preview, which writes the run's results by
   * naming the run and fetches the rows its sheet view shows.
   */
  holdRows?: boolean;
}

/**
 * Tables the worker already holds as the next run's input (the preview workbook's `stage`): a run
 * or check on this sends no rows.
 */
export interface StagedInWorker {
  kind: "staged-in-worker";
  source: string;
  tables: number;
}

export const isStagedInWorker = (w: RawWorkbook | StagedInWorker): w is StagedInWorker =>
  "kind" in w && w.kind === "staged-in-worker";

/** The worker's number for the run whose book this is (the book of a `done` outcome). */
const bookRuns = new WeakMap<ResultBook, number>();
export function runOfBook(book: ResultBook): number | undefined {
  return bookRuns.get(book);
}

/** Row counts of the table sheets (by sheet index) whose rows the worker kept (RunParams.holdRows). */
const bookHeldRows = new WeakMap<ResultBook, ReadonlyMap<number, number>>();
export function heldRowsOf(book: ResultBook): ReadonlyMap<number, number> | undefined {
  return bookHeldRows.get(book);
}

/** Splits `rows` into consecutive slices of at most `size` rows (size >= 1). */
export function chunkRows<T>(rows: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += n) out.push(rows.slice(i, i + n));
  return out;
}

/** The staging messages for a workbook: one load-begin, then load-rows chunks table by table. */
export function stagingMessages(workbook: RawWorkbook, size: number, id: number): WorkerRequest[] {
  const tables: TableShape[] = workbook.tables.map(({ rows: _rows, ...shape }) => shape);
  const out: WorkerRequest[] = [{ type: "load-begin", id, source: workbook.source, tables }];
  workbook.tables.forEach((t, table) => {
    for (const rows of chunkRows(t.rows, size)) out.push({ type: "load-rows", id, table, rows });
  });
  return out;
}

/** Reassembles staging messages into the workbook they carry (what the worker does). */
export function assembleStaged(messages: readonly WorkerRequest[]): RawWorkbook | null {
  let wb: RawWorkbook | null = null;
  for (const m of messages) {
    if (m.type === "load-begin")
      wb = { source: m.source, tables: m.tables.map((t) => ({ ...t, rows: [] })) };
    else if (m.type === "load-rows" && wb !== null) {
      const t = wb.tables[m.table];
      for (const r of m.rows) t.rows.push(r);
    }
  }
  return wb;
}

type Pending = (response: WorkerResponse) => boolean;

export class EngineClient {
  private nextId = 1;
  private readonly listeners = new Set<Pending>();
  private readonly chunk: number;

  constructor(
    private readonly worker: WorkerLike,
    options: { chunkRows?: number } = {},
  ) {
    this.chunk = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
    worker.onmessage = (event) => {
      for (const l of [...this.listeners]) if (l(event.data)) this.listeners.delete(l);
    };
  }

  /** Sends the workbook's tables in chunks, yielding between posts; throws the cancellation error on abort. */
  async stage(workbook: RawWorkbook | StagedInWorker, signal?: AbortSignal): Promise<void> {
    if (isStagedInWorker(workbook)) return; // already the worker's input
    const id = this.nextId++;
    const tables: TableShape[] = workbook.tables.map(({ rows: _rows, ...shape }) => shape);
    this.worker.postMessage({ type: "load-begin", id, source: workbook.source, tables });
    for (let table = 0; table < workbook.tables.length; table++) {
      const rows = workbook.tables[table].rows;
      for (let i = 0; i < rows.length; i += this.chunk) {
        throwIfCancelled(signal, "sending the tables cancelled");
        this.worker.postMessage({
          type: "load-rows",
          id,
          table,
          rows: rows.slice(i, i + this.chunk),
        });
        await macrotask();
      }
    }
  }

  /** Dry run of the input stage on `workbook` (staged first) with the Data step's choices. */
  async validate(
    workbook: RawWorkbook | StagedInWorker,
    {
      tableForRole,
      columns,
      period,
      weekStart,
      currency,
    }: Pick<RunParams, "tableForRole" | "columns" | "period" | "weekStart" | "currency"> = {},
    signal?: AbortSignal,
  ): Promise<ValidationReport> {
    await this.stage(workbook, signal);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.listeners.add((r) => {
        if (r.type === "validated" && r.id === id) {
          resolve(r.report);
          return true;
        }
        return false;
      });
      this.worker.postMessage({
        type: "validate",
        id,
        ...(tableForRole ? { tableForRole } : {}),
        ...(columns ? { columns } : {}),
        ...(period !== undefined ? { period } : {}),
        ...(weekStart !== undefined ? { weekStart } : {}),
        ...(currency !== undefined ? { currency } : {}),
      });
    });
  }

  /**
   * Stages `workbook` and runs the engine on it. Aborting `signal` cancels staging or the run
   * (resolves { kind: "cancelled" }). Table-sheet rows arrive in chunks and are reassembled, or
   * stay in the worker with `holdRows`.
   */
  async run(
    workbook: RawWorkbook | StagedInWorker,
    params: RunParams,
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<RunOutcome> {
    try {
      await this.stage(workbook, signal);
    } catch (e) {
      if (isCancelled(e)) return { kind: "cancelled" };
      throw e;
    }
    if (signal?.aborted) return { kind: "cancelled" };
    const parts = new Map<number, ResultCell[][]>();
    return new Promise<RunOutcome>((resolve) => {
      const onAbort = (): void => this.worker.postMessage({ type: "cancel" });
      signal?.addEventListener("abort", onAbort);
      const finish = (o: RunOutcome): true => {
        signal?.removeEventListener("abort", onAbort);
        resolve(o);
        return true;
      };
      this.listeners.add((r) => {
        switch (r.type) {
          case "progress":
            onProgress?.({ stage: r.stage, done: r.done, total: r.total });
            return false;
          case "book-rows": {
            let rows = parts.get(r.sheet);
            if (rows === undefined) parts.set(r.sheet, (rows = []));
            for (const row of r.rows) rows.push(row);
            return false;
          }
          case "done": {
            const book = mergeBookRows(r.book, parts);
            if (r.run !== undefined) bookRuns.set(book, r.run);
            if (r.heldRows !== undefined)
              bookHeldRows.set(book, new Map(r.heldRows.map((h) => [h.sheet, h.rows])));
            return finish({
              kind: "done",
              summary: r.summary,
              book,
              issues: r.issues,
              drill: r.drill ?? { withGaps: [], ranked: [], all: [] },
              ms: r.ms ?? 0,
              ...(r.narrative !== undefined ? { narrative: r.narrative } : {}),
            });
          }
          case "invalid-pack":
            return finish({ kind: "invalid-pack", errors: r.errors });
          case "failed":
            return finish(
              r.kind === "cancelled"
                ? { kind: "cancelled" }
                : { kind: "failed", errorKind: r.kind, code: r.code, message: r.message },
            );
          default:
            return false;
        }
      });
      this.worker.postMessage({
        type: "run",
        pack: params.pack,
        runAt: params.runAt,
        ...(params.holdRows === true ? { holdRows: true } : { streamBook: this.chunk }),
        ...(params.tableForRole ? { tableForRole: params.tableForRole } : {}),
        ...(params.columns ? { columns: params.columns } : {}),
        ...(params.topN !== undefined ? { topN: params.topN } : {}),
        ...(params.customerId !== undefined ? { customerId: params.customerId } : {}),
        ...(params.currency !== undefined ? { currency: params.currency } : {}),
        ...(params.period !== undefined ? { period: params.period } : {}),
        ...(params.weekStart !== undefined ? { weekStart: params.weekStart } : {}),
        ...(params.asOf !== undefined ? { asOf: params.asOf } : {}),
        ...(params.previous !== undefined ? { previous: params.previous } : {}),
        ...(params.narrative === true ? { narrative: true } : {}),
      });
      if (signal?.aborted) onAbort();
    });
  }

  /**
   * Waits for the answer to host request `id` (posted by `send`): progress to `control`, abort
   * posts host-cancel and rejects at once with the cancellation error (the worker drops its work
   * at its next check), unless `untilAnswered`: then the worker's own answer settles it (an open
   * that finished before the cancel got in resolves, so the pane and the worker agree on the
   * workbook). `onRows` takes a read's host-rows.
   */
  private hostRequest<T>(
    send: (id: number) => void,
    pick: (r: WorkerResponse) => T | undefined,
    control: HostControl = {},
    onRows?: (table: number, rows: CellValue[][]) => void,
    untilAnswered = false,
  ): Promise<T> {
    const id = this.nextId++;
    const { onProgress, signal } = control;
    return new Promise<T>((resolve, reject) => {
      let listener: Pending | null = null;
      const onAbort = (): void => {
        this.worker.postMessage({ type: "host-cancel", id });
        if (untilAnswered) return;
        if (listener !== null) this.listeners.delete(listener);
        reject(cancelled("cancelled"));
      };
      const settle = (): true => {
        signal?.removeEventListener("abort", onAbort);
        return true;
      };
      listener = (r) => {
        if (!("id" in r) || r.id !== id) return false;
        if (r.type === "host-progress") {
          onProgress?.({ phase: r.phase, target: r.target, done: r.done, total: r.total });
          return false;
        }
        if (r.type === "host-rows") {
          onRows?.(r.table, r.rows);
          return false;
        }
        if (r.type === "request-failed") {
          reject(r.code === "cancelled" ? cancelled(r.message) : new Error(r.message));
          return settle();
        }
        const value = pick(r);
        if (value === undefined) return false;
        resolve(value);
        return settle();
      };
      if (signal?.aborted) {
        reject(cancelled("cancelled"));
        return;
      }
      this.listeners.add(listener);
      signal?.addEventListener("abort", onAbort);
      send(id);
    });
  }

  /**
   * Opens .xlsx bytes as the worker's workbook (the buffer is transferred: `bytes` is unusable
   * afterwards). Resolves the workbook's title; rejects with the reader's message, or the
   * cancellation error when the cancel got in before the read ended (the worker keeps the
   * workbook it held). Settled by the worker's answer, so it may resolve after an abort.
   */
  openBook(fileName: string, bytes: ArrayBuffer, control?: HostControl): Promise<string> {
    return this.hostRequest(
      (id) => this.worker.postMessage({ type: "host-open", id, fileName, bytes }, [bytes]),
      (r) => (r.type === "host-opened" ? r.title : undefined),
      control,
      undefined,
      true,
    );
  }

  /** A WorkbookHost call on the worker's workbook; a read's rows are reassembled into `tables`. */
  hostCall<M extends HostCall["method"]>(
    call: Extract<HostCall, { method: M }>,
    control?: HostControl,
    onRows?: (table: number, rows: CellValue[][]) => void,
  ): Promise<Extract<HostAnswer, { method: M }>> {
    return this.hostRequest(
      (id) => this.worker.postMessage({ type: "host-call", id, call }),
      (r) =>
        r.type === "host-answer" && r.answer.method === call.method
          ? (r.answer as Extract<HostAnswer, { method: M }>)
          : undefined,
      control,
      onRows,
    );
  }

  /** Validates rule-pack text in the worker (the schema compile would block the pane). */
  checkPack(text: string): Promise<PackCheck> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.listeners.add((r) => {
        if (r.type === "pack-checked" && r.id === id) {
          resolve(r.result);
          return true;
        }
        return false;
      });
      this.worker.postMessage({ type: "check-pack", id, text });
    });
  }

  /** Drill-down of one customer of the last completed run (null when unknown). */
  customer(customerId: string): Promise<CustomerDetail | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.listeners.add((r) => {
        if (r.type === "customer-detail" && r.id === id) {
          resolve(r.detail);
          return true;
        }
        return false;
      });
      this.worker.postMessage({ type: "customer", id, customerId });
    });
  }

  /** Generates the sample tables in the worker (customers, weekly_sales, stock). */
  sample(options: { customers: number; weeks: number; seed: number }): Promise<RawTable[]> {
    const id = this.nextId++;
    const tables: RawTable[] = [];
    return new Promise((resolve, reject) => {
      this.listeners.add((r) => {
        if (r.type === "sample-rows" && r.id === id) {
          if (r.shape !== null) tables[r.table] = { ...r.shape, rows: [] };
          const t = tables[r.table];
          for (const row of r.rows) t.rows.push(row);
          return false;
        }
        if (r.type === "sample-done" && r.id === id) {
          resolve(tables);
          return true;
        }
        if (r.type === "request-failed" && r.id === id) {
          reject(new Error(r.message));
          return true;
        }
        return false;
      });
      this.worker.postMessage({ type: "sample", id, chunkRows: this.chunk, ...options });
    });
  }

  dispose(): void {
    this.worker.onmessage = null;
    this.worker.terminate();
  }
}

/** Puts streamed rows back into the book's table sheets. */
export function mergeBookRows(
  book: ResultBook,
  parts: ReadonlyMap<number, ResultCell[][]>,
): ResultBook {
  if (parts.size === 0) return book;
  return {
    ...book,
    sheets: book.sheets.map((sheet, i) => {
      const rows = parts.get(i);
      if (rows === undefined || sheet.content.kind !== "table") return sheet;
      return { ...sheet, content: { kind: "table", table: { ...sheet.content.table, rows } } };
    }),
  };
}

/** The part of the browser global used to start the worker bundle. */
interface BrowserGlobal {
  Worker?: new (url: string, options?: { name?: string }) => WorkerLike;
}

/**
 * Starts the engine worker from its bundle `engine-worker.js`, served next to the pane's page
 * (webpack entry "engine-worker"). Returns null where Web Workers do not exist.
 */
export function createBrowserEngineClient(url = "engine-worker.js"): EngineClient | null {
  const g = globalThis as BrowserGlobal;
  if (g.Worker === undefined) return null;
  return new EngineClient(new g.Worker(url, { name: "rgo-engine" }));
}
