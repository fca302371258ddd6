/**
 * The one run path: raw tables + a checked rule pack -> dataset, analysis result, issues, summary
 * JSON and ResultBook. `rgo analyze`, the pane's engine worker, the quality bench
 * (engine/quality/evaluate-packs.ts) and scripts/show-history.js all call it; none repeats its
 * steps (input stage -> analyze -> report metadata -> summary JSON -> result book).
 */
import type { RulePack } from "../../rules/rule-pack";
import type { AnalysisResult } from "../analysis-result";
import { throwIfCancelled } from "../errors";
import type { Issue } from "../issue";
import { buildDataset } from "../input/build-dataset";
import type { Dataset } from "../input/dataset";
import type { ColumnChoices } from "../input/header-map";
import type { RawTable, RawWorkbook } from "../input/raw-table";
import type { Role } from "../input/role";
import { buildResultBook } from "../report/build-result-book";
import type { ReportMeta } from "../report/report-meta";
import type { ResultBook } from "../report/result-book";
import { type SummaryJson, toSummaryJson } from "../report/summary-json";
import { analyze } from "./analyze";
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
  /** Daily data: weeks end on this day (days since 1970-01-01), e.g. a backtest's as-of day. */
  weekEndsOn?: number;
}

export interface RunOutput {
  dataset: Dataset;
  result: AnalysisResult;
  /** Input issues (the RGO Issues sheet). */
  issues: Issue[];
  summary: SummaryJson;
  book: ResultBook;
  /** Milliseconds of the parts outside `result.timings`: the input stage and the report. */
  timings: { input: number; report: number };
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
  const workbook: RawWorkbook = Array.isArray(tables)
    ? { source: options.source ?? "", tables: [...(tables as readonly RawTable[])] }
    : (tables as RawWorkbook);
  const t0 = now();
  throwIfCancelled(control.signal, "analysis cancelled");
  control.onProgress?.({ stage: "Reading the sheets", done: 0, total: 1 });
  const { dataset, issues } = buildDataset(workbook, {
    tableForRole: options.tableForRole,
    columns: options.columns,
    weekEndsOn: options.weekEndsOn,
  });
  const t1 = now();
  const result = await analyze(
    dataset,
    checked.pack,
    { customerId: options.customerId, topN: options.topN, runAt: options.runAt },
    control,
  );
  const t2 = now();
  const meta: ReportMeta = {
    pack: checked.pack,
    packHash: checked.hash,
    issues,
    source: workbook.source,
    inputCounts: dataset.inputCounts,
    runAt: options.runAt,
  };
  control.onProgress?.({ stage: "Building the report", done: 0, total: 1 });
  const summary = toSummaryJson(result, meta);
  const book = buildResultBook(result, meta);
  throwIfCancelled(control.signal, "analysis cancelled");
  return {
    dataset,
    result,
    issues,
    summary,
    book,
    timings: { input: t1 - t0, report: now() - t2 },
  };
}
