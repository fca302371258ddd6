/**
 * The one run path: raw tables + a checked rule pack -> dataset, analysis result, issues, summary
 * JSON and ResultBook. `rgo analyze`, the pane's engine worker, the quality bench
 * (engine/quality/evaluate-packs.ts) and scripts/show-history.js all call it; none repeats its
 * steps (input stage -> analyze -> report metadata -> summary JSON -> result book). A workbook with
 * deals but no sales runs the sales-pipeline module alone (no customers, no customer sheets).
 */
import type { RulePack } from "../../rules/rule-pack";
import type { AnalysisResult } from "../analysis-result";
import { RgoError, throwIfCancelled } from "../errors";
import type { Issue } from "../issue";
import {
  type BuildDatasetOptions,
  type BuildDatasetResult,
  buildDataset,
  moneyText,
} from "../input/build-dataset";
import { DEFAULT_CURRENCY, normalizeCurrencyCode } from "../currency";
import type { DetectedCurrency } from "../input/detect-currency";
import type { Dataset } from "../input/dataset";
import type { ColumnChoices } from "../input/header-map";
import type { RawTable, RawWorkbook } from "../input/raw-table";
import type { Role } from "../input/role";
import type { PreviousResults } from "../history/previous-results";
import {
  actionsReachSummary,
  asOfDayOf,
  buildActions,
  type RunActions,
} from "../history/build-actions";
import { isoDateOfDay } from "../input/calendar-days";
import { cutAtAsOf, parseAsOf, readDatedSales } from "../input/as-of-cut";
import { defaultAsOf } from "../history/as-of-date";
import { compareWithPrevious, readPreviousRun, withHistory } from "../history/run-history";
import { buildResultBook } from "../report/build-result-book";
import type { ReportMeta } from "../report/report-meta";
import type { ResultBook } from "../report/result-book";
import { type SummaryJson, toSummaryJson } from "../report/summary-json";
import { analyze } from "./analyze";
import { chosenPeriod, runPeriodNotice } from "./run-period";
import type { RunControl } from "./progress";

/** A rule pack that passed validation, with the hash of its text (what validatePack returns). */
export interface CheckedPack {
  pack: RulePack;
  hash: string;
}

/**
 * What a run may be told besides its tables and pack. Later inputs (an as-of date, a currency,
 * previous results) are added here as optional fields, so no caller changes.
 */
export interface RunOptions {
  /** The run's timestamp (the only clock the engine reads). */
  runAt: Date;
  /** Where the tables came from, when `tables` is a bare list (a RawWorkbook carries its own). */
  source?: string;
  /** Role -> table name, overriding detection by name and header. */
  tableForRole?: Partial<Record<Role, string>>;
  /** Role -> field -> the header the user chose for it (wins over matching by header). */
  columns?: ColumnChoices;
  /** Analyse only this customer. */
  customerId?: string;
  /** Rows in the top list; overrides the pack's ranking.topN. */
  topN?: number;
  /**
   * ISO 4217 code of the input's money (--currency, the pane's choice): wins over the pack's
   * `parameters.currency`, which wins over the currency the input names; else USD. Any three
   * letters are accepted (unknown codes are written as a prefix, "CHF 1.00"); anything else is
   * RgoError("input", "bad-currency").
   */
  currency?: string;
  /** Daily data: weeks end on this day (days since 1970-01-01), e.g. a backtest's as-of day. */
  weekEndsOn?: number;
  /** The previous run's RGO History and RGO Actions sheets, carried forward (issue 12). */
  previous?: PreviousResults;
  /** Analyse in weeks or calendar months (--period, the pane); detected when absent (input/period.ts). */
  period?: string;
  /** Weekday weeks start on: monday, sunday or saturday (--week-start, the pane); else the data's own weekday, or Monday for daily dates. */
  weekStart?: string;
  /**
   * ISO date YYYY-MM-DD: analyse the data up to this day (--as-of, the pane's control). The sales
   * rows dated after it are removed (input/as-of-cut.ts, the backtest's cut) and the weeks end on
   * it. Absent: everything, and the as-of date is the end of the last complete week in the data.
   */
  asOf?: string;
  /**
   * The input stage's builder, buildDataset when absent. The pane's worker passes its
   * DatasetMemo's (input/dataset-memo.ts), so a Run on the inputs the Data step just checked
   * reuses that dataset and its issues instead of building them again.
   */
  buildDataset?: (workbook: RawWorkbook, options: BuildDatasetOptions) => BuildDatasetResult;
}

/** The run's currency and where it came from. */
export interface RunCurrency {
  code: string;
  source: "option" | "pack" | "input" | "default";
  /** What the input's number formats or money texts named (null: nothing). */
  detected: DetectedCurrency | null;
}

export interface RunOutput {
  dataset: Dataset;
  result: AnalysisResult;
  /** Input issues (the RGO Issues sheet). */
  issues: Issue[];
  summary: SummaryJson;
  book: ResultBook;
  currency: RunCurrency;
  /** Milliseconds of the parts outside `result.timings`: the input stage and the report. */
  timings: { input: number; report: number };
}

/** The result sheets about customers, left out of a run on deals alone. */
const CUSTOMER_SHEETS: ReadonlySet<string> = new Set([
  "RGO Gaps",
  "RGO Customers",
  "RGO Churn",
  "RGO Actions",
]);

/** The currency the caller or the pack chose (precedence: option > pack), or null. */
function chosenCurrency(
  options: RunOptions,
  pack: RulePack,
): { code: string; source: "option" | "pack" } | null {
  if (options.currency !== undefined) {
    const code = normalizeCurrencyCode(options.currency);
    if (code === null)
      throw new RgoError(
        "input",
        "bad-currency",
        `Currency "${options.currency}" is not an ISO 4217 code: give three letters, e.g. GBP, EUR or USD.`,
      );
    return { code, source: "option" };
  }
  const fromPack = pack.parameters.currency;
  const code = typeof fromPack === "string" ? normalizeCurrencyCode(fromPack) : null;
  return code !== null ? { code, source: "pack" } : null;
}

/** The sales rows dated after `asOfDay` removed (input/as-of-cut.ts); an error when none is left. */
function asOfCut(workbook: RawWorkbook, asOfDay: number, options: RunOptions): RawWorkbook {
  const sales = readDatedSales(workbook, options);
  if (sales.firstDay > asOfDay)
    throw new RgoError(
      "input",
      "usage",
      `--as-of ${options.asOf ?? ""} is before the sales data starts (${isoDateOfDay(sales.firstDay)}): there is nothing to analyse. Choose a later date.`,
    );
  return cutAtAsOf(workbook, sales, asOfDay, options.source).workbook;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * Runs `pack` on `tables`. Progress goes to `control.onProgress` ("Reading the sheets", the
 * engine's stages, "Building the report"); aborting `control.signal` throws the cancellation
 * error (errors.ts). Input and rule problems throw RgoError kind "input" / "rules".
 */
export async function runAnalysis(
  tables: RawWorkbook | readonly RawTable[],
  checked: CheckedPack,
  options: RunOptions,
  control: RunControl = {},
): Promise<RunOutput> {
  const given: RawWorkbook = Array.isArray(tables)
    ? { source: options.source ?? "", tables: [...(tables as readonly RawTable[])] }
    : (tables as RawWorkbook);
  // --as-of: the data up to that day, cut as the backtest cuts it.
  const asOfDay = options.asOf !== undefined ? parseAsOf(options.asOf) : undefined;
  const workbook: RawWorkbook = asOfDay === undefined ? given : asOfCut(given, asOfDay, options);
  const t0 = now();
  throwIfCancelled(control.signal, "analysis cancelled");
  control.onProgress?.({ stage: "Reading the sheets", done: 0, total: 1 });
  const chosen = chosenCurrency(options, checked.pack);
  const {
    dataset,
    issues,
    currency: detected,
  } = (options.buildDataset ?? buildDataset)(workbook, {
    tableForRole: options.tableForRole,
    columns: options.columns,
    ...(chosen !== null ? { currency: chosen.code } : {}),
    weekEndsOn: asOfDay ?? options.weekEndsOn,
    ...chosenPeriod(options),
  });
  const notice = runPeriodNotice(dataset, checked.pack);
  if (notice !== null) issues.push(notice);
  const previous = readPreviousRun(options.previous, issues);
  const currency: RunCurrency =
    chosen !== null
      ? { ...chosen, detected }
      : detected !== null
        ? { code: detected.code, source: "input", detected }
        : { code: DEFAULT_CURRENCY, source: "default", detected };
  if (detected !== null && detected.code !== currency.code)
    issues.push({
      severity: "warning",
      code: "currency-overridden",
      sheet: detected.sheet,
      row: detected.row,
      column: detected.column,
      message: `${detected.sheet}, column "${detected.column}" names ${detected.code} (${detected.source}), but the run uses ${currency.code} as chosen (${currency.source === "option" ? "--currency or the pane" : "the pack's parameters.currency"}); amounts are not converted.`,
    });
  const t1 = now();
  const result = await analyze(
    dataset,
    checked.pack,
    {
      customerId: options.customerId,
      topN: options.topN,
      runAt: options.runAt,
      money: moneyText(currency.code),
    },
    control,
  );
  const t2 = now();
  const asOf = options.asOf ?? defaultAsOf(dataset.calendar);
  // Customers the previous run flagged (its RGO Customers sheet): a customer flagged then whose
  // RGO Actions row is gone was deleted by the user and stays deleted.
  const flaggedLastRun =
    previous.customers === null
      ? undefined
      : new Set([...previous.customers].filter(([, c]) => c.flagged).map(([id]) => id));
  const runActions = (): RunActions | null =>
    buildActions(
      result,
      asOf !== null && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? parseAsOf(asOf) : asOfDayOf(dataset),
      options.previous,
      flaggedLastRun,
    );
  // Without a previous RGO Actions sheet the actions give the book its sheet and nothing else (no
  // issue, no summary block): built with the book, so a --json-only run never builds it (issue 14).
  const deferActions = !actionsReachSummary(result, options.previous);
  const actions = deferActions ? null : runActions();
  if (actions !== null) issues.push(...actions.issues);
  const meta: ReportMeta = {
    pack: checked.pack,
    packHash: checked.hash,
    issues,
    source: workbook.source,
    inputCounts: dataset.inputCounts,
    runAt: options.runAt,
    currency: currency.code,
    ...(actions !== null
      ? { actions: { sheet: actions.sheet, summaryBlocks: actions.summaryBlocks } }
      : {}),
  };
  const comparison =
    asOf === null ? null : compareWithPrevious(result, meta, asOf, previous, issues);
  if (comparison !== null) {
    meta.asOf = comparison.asOf;
    if (comparison.blocks.length > 0) meta.sinceLastRun = comparison.blocks;
  }
  control.onProgress?.({ stage: "Building the report", done: 0, total: 1 });
  const summary: SummaryJson =
    comparison?.trend != null
      ? { ...toSummaryJson(result, meta), trend: comparison.trend }
      : toSummaryJson(result, meta);
  throwIfCancelled(control.signal, "analysis cancelled");
  // The result book is built when first read (a --json-only run never needs it; issue 14).
  let book: ResultBook | undefined;
  const buildBook = (): ResultBook => {
    const deferred = deferActions ? runActions() : null;
    if (deferred !== null)
      meta.actions = { sheet: deferred.sheet, summaryBlocks: deferred.summaryBlocks };
    const built = buildResultBook(result, meta);
    const full =
      comparison === null ? built : withHistory(built, result, meta, previous, comparison);
    // Deals without sales (build-dataset.ts pipelineOnly): no customer sheets, only the pipeline's.
    return dataset.sales.weeks === 0 && dataset.pipeline !== undefined
      ? { ...full, sheets: full.sheets.filter((s) => !CUSTOMER_SHEETS.has(s.name)) }
      : full;
  };
  return {
    dataset,
    result,
    issues,
    summary,
    get book(): ResultBook {
      return (book ??= buildBook());
    },
    currency,
    timings: { input: t1 - t0, report: now() - t2 },
  };
}
