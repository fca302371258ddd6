/**
 * The engine worker's logic, free of the worker global so it runs under jest too: one run at a
 * time, progress per stage, cancel through an AbortController; staged tables (load-begin /
 * load-rows), the input stage's dry run (validate), drill-down of the last run (customer), sample
 * generation (sample) and the browser preview's workbook (host-open / host-call, worker-book.ts).
 */
import { narrativePayloadOf } from "../../engine/narrative/narrative-payload";
import type { AnalysisResult } from "../../engine/analysis-result";
import { cancelled as cancelledError, isRgoError } from "../../engine/errors";
import { normalizeCurrencyCode } from "../../engine/currency";
import { createDatasetMemo } from "../../engine/input/dataset-memo";
import type { Dataset } from "../../engine/input/dataset";
import { issueTotals } from "../../engine/issue";
import { weekdayName } from "../../engine/input/period";
import { runAnalysis } from "../../engine/pipeline/run-analysis";
import { chosenPeriod, describePeriod } from "../../engine/pipeline/run-period";
import type { ResultBook } from "../../engine/report/result-book";
import { tableHead, tableRowCount } from "../../engine/report/lazy-table";
import { validateRgoPack } from "../../engine/registry/validate-rgo-pack";
import { generateSample } from "../../engine/sample/generate-sample";
import type { RawWorkbook } from "../../engine/input/raw-table";
import { customerDetail, drillIndex } from "./customer-detail";
import type { ExcelLoader } from "../host/preview-host";
import type { PeriodReport, ValidationReport, WorkerRequest, WorkerResponse } from "./protocol";
import { createWorkerBook, type Post } from "./worker-book";

export interface EngineWorker {
  handle(request: WorkerRequest): Promise<void>;
}

type RunRequest = Extract<WorkerRequest, { type: "run" }>;

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Posts the rows of every table sheet in chunks and returns the book with those rows emptied. */
function streamBook(
  book: ResultBook,
  chunk: number,
  post: (response: WorkerResponse) => void,
): ResultBook {
  const sheets = book.sheets.map((sheet, index) => {
    if (sheet.content.kind !== "table") return sheet;
    const rows = sheet.content.table.rows;
    for (let i = 0; i < rows.length; i += chunk)
      post({ type: "book-rows", sheet: index, rows: rows.slice(i, i + chunk) });
    return {
      ...sheet,
      content: { kind: "table" as const, table: { ...sheet.content.table, rows: [] } },
    };
  });
  return { ...book, sheets };
}

/**
 * The book with its table sheets' rows left out (they stay in the worker, in the run's book) and
 * the row counts of those sheets.
 */
export function holdBook(book: ResultBook): {
  book: ResultBook;
  heldRows: { sheet: number; rows: number }[];
} {
  const heldRows: { sheet: number; rows: number }[] = [];
  const sheets = book.sheets.map((sheet, index) => {
    if (sheet.content.kind !== "table") return sheet;
    // Neither counting nor leaving out the rows builds them (a run's tables are lazy-table.ts's).
    heldRows.push({ sheet: index, rows: tableRowCount(sheet.content.table) });
    return {
      ...sheet,
      content: { kind: "table" as const, table: { ...tableHead(sheet.content.table), rows: [] } },
    };
  });
  return { book: { ...book, sheets }, heldRows };
}

/** The period of a checked dataset in words for the Data step, or null without sales. */
function periodReport(dataset: Dataset): PeriodReport | null {
  const period = dataset.calendar.period;
  const text = describePeriod(dataset);
  if (period === undefined || text === undefined) return null;
  return {
    unit: period.unit,
    weekStart: period.weekStart === null ? null : weekdayName(period.weekStart),
    text: text.charAt(0).toUpperCase() + text.slice(1),
  };
}

/** The one place an error becomes a `failed` answer (cancellation included: kind "cancelled"). */
function failure(e: unknown): Extract<WorkerResponse, { type: "failed" }> {
  if (isRgoError(e)) return { type: "failed", kind: e.kind, code: e.code, message: e.message };
  return {
    type: "failed",
    kind: "internal",
    code: "internal",
    message: e instanceof Error ? e.message : String(e),
  };
}

/**
 * Creates the request handler; `post` sends a response to the pane (moving `transfer`'s buffers).
 * `loadExcel` loads exceljs for the preview workbook's download (the browser build by default).
 */
export function createEngineWorker(
  post: Post,
  options: { loadExcel?: ExcelLoader } = {},
): EngineWorker {
  let running: AbortController | null = null;
  let staged: RawWorkbook | null = null;
  let last: { dataset: Dataset; result: AnalysisResult } | null = null;
  let lastRun: { run: number; book: ResultBook } | null = null;
  let runs = 0;
  // The Data step's check and a Run on the same staged tables and choices build one dataset.
  const datasets = createDatasetMemo();
  const book = createWorkerBook(
    post,
    {
      staged: () => staged,
      setStaged: (w) => {
        if (w === null) datasets.clear(); // a new workbook: let the old dataset go
        staged = w;
      },
      lastRun: () => lastRun,
    },
    options.loadExcel,
  );

  async function run(request: RunRequest): Promise<void> {
    const checked = validateRgoPack(request.pack);
    if (!checked.ok) {
      post({ type: "invalid-pack", errors: checked.errors });
      return;
    }
    const workbook = request.workbook ?? staged;
    if (workbook === null) {
      post({
        type: "failed",
        kind: "input",
        code: "no-data",
        message: "no tables were sent to the engine",
      });
      return;
    }
    const controller = new AbortController();
    running = controller;
    const t0 = now();
    try {
      const out = await runAnalysis(
        workbook,
        checked,
        {
          runAt: new Date(request.runAt),
          tableForRole: request.tableForRole,
          columns: request.columns,
          customerId: request.customerId,
          topN: request.topN,
          ...(request.currency !== undefined ? { currency: request.currency } : {}),
          ...(request.period !== undefined ? { period: request.period } : {}),
          ...(request.weekStart !== undefined ? { weekStart: request.weekStart } : {}),
          ...(request.asOf !== undefined ? { asOf: request.asOf } : {}),
          ...(request.previous !== undefined ? { previous: request.previous } : {}),
          buildDataset: datasets.build,
        },
        { signal: controller.signal, onProgress: (p) => post({ type: "progress", ...p }) },
      );
      last = { dataset: out.dataset, result: out.result };
      lastRun = { run: ++runs, book: out.book };
      const chunk = request.streamBook ?? 0;
      const held = request.holdRows === true ? holdBook(out.book) : null;
      const book =
        held !== null ? held.book : chunk > 0 ? streamBook(out.book, chunk, post) : out.book;
      post({
        type: "done",
        summary: out.summary,
        book,
        ...(held !== null ? { heldRows: held.heldRows } : {}),
        issues: out.issues,
        drill: drillIndex(out.result),
        ms: now() - t0,
        ...(request.narrative === true ? { narrative: narrativePayloadOf(out) } : {}),

        run: lastRun.run,
      });
    } catch (e) {
      // Whatever stopped a run after Cancel is reported as the cancellation.
      post(failure(controller.signal.aborted ? cancelledError("analysis cancelled") : e));
    } finally {
      if (running === controller) running = null;
    }
  }

  function validate(request: Extract<WorkerRequest, { type: "validate" }>): void {
    const wb = staged ?? { source: "", tables: [] };
    let report: ValidationReport;
    try {
      // The currency as a run passes it (run-analysis.ts chosenCurrency), so the run can reuse this.
      const currency =
        request.currency !== undefined ? normalizeCurrencyCode(request.currency) : null;
      const built = datasets.build(wb, {
        tableForRole: request.tableForRole,
        columns: request.columns,
        ...(currency !== null ? { currency } : {}),
        ...chosenPeriod(request),
      });
      const order = { error: 0, warning: 1, info: 2 };
      const issues = built.issues
        .map((issue, i) => ({ issue, i }))
        .sort((a, b) => order[a.issue.severity] - order[b.issue.severity] || a.i - b.i)
        .slice(0, 100)
        .map((x) => x.issue);
      report = {
        roles: Object.fromEntries(Object.entries(built.roles).map(([r, t]) => [r, t.name])),
        counts: { ...built.dataset.inputCounts, weeks: built.dataset.sales.weeks },
        issues,
        issueCount: issueTotals(built.issues).total,
        blocking: null,
        currency: built.currency?.code ?? null,
        period: periodReport(built.dataset),
      };
    } catch (e) {
      const f = failure(e);
      report = {
        roles: {},
        counts: { customers: 0, salesRows: 0, weeks: 0, stockRows: 0 },
        issues: [],
        issueCount: 0,
        blocking: { code: f.code, message: f.message },
      };
    }
    post({ type: "validated", id: request.id, report });
  }

  function sample(request: Extract<WorkerRequest, { type: "sample" }>): void {
    try {
      const s = generateSample({
        customers: request.customers,
        weeks: request.weeks,
        seed: request.seed,
      });
      const chunk = Math.max(1, request.chunkRows);
      s.tables.forEach((t, index) => {
        const { rows, ...shape } = t;
        if (rows.length === 0)
          post({ type: "sample-rows", id: request.id, table: index, shape, rows: [] });
        for (let i = 0; i < rows.length; i += chunk)
          post({
            type: "sample-rows",
            id: request.id,
            table: index,
            shape: i === 0 ? shape : null,
            rows: rows.slice(i, i + chunk),
          });
      });
      post({ type: "sample-done", id: request.id, tables: s.tables.length });
    } catch (e) {
      const f = failure(e);
      post({ type: "request-failed", id: request.id, code: f.code, message: f.message });
    }
  }

  return {
    async handle(request) {
      switch (request.type) {
        case "cancel":
          running?.abort();
          return;
        case "host-open":
        case "host-call":
        case "host-cancel":
          return book.handle(request);
        case "load-begin":
          datasets.clear();
          staged = {
            source: request.source,
            tables: request.tables.map((t) => ({ ...t, rows: [] })),
          };
          return;
        case "load-rows": {
          datasets.clear(); // rows appended in place: a dataset built before is stale
          const target = staged?.tables[request.table];
          if (target !== undefined) for (const row of request.rows) target.rows.push(row);
          return;
        }
        case "validate":
          validate(request);
          return;
        case "check-pack": {
          const r = validateRgoPack(request.text);
          post({
            type: "pack-checked",
            id: request.id,
            result: r.ok
              ? { ok: true, name: r.pack.name, version: r.pack.version, hash: r.hash }
              : { ok: false, errors: r.errors },
          });
          return;
        }
        case "customer":
          post({
            type: "customer-detail",
            id: request.id,
            detail:
              last === null ? null : customerDetail(last.dataset, last.result, request.customerId),
          });
          return;
        case "sample":
          sample(request);
          return;
        case "run":
          if (running !== null) {
            post({
              type: "failed",
              kind: "input",
              code: "busy",
              message: "a run is already in progress; cancel it first",
            });
            return;
          }
          await run(request);
      }
    },
  };
}
