/**
 * The weekly loop's part of a run (issue 12): read the previous results (RGO History, the
 * previous RGO Customers), compare, and add to the report what changed since the last run:
 *
 * - `readPreviousRun` (before the report, so its issues reach RGO Issues and the JSON);
 * - `compareWithPrevious` (after the analysis): statuses per customer, the trend, the "Since last
 *   run" blocks and history chart for RGO Summary;
 * - `withHistory` (after the book is built): the RGO History sheet (earlier rows as found, then
 *   this run's) and the "Since last run" columns on RGO Gaps and RGO Customers.
 *
 * A run without previous results gets only its History sheet (one row): no columns, no section.
 */
import type { AnalysisResult } from "../analysis-result";
import type { Issue } from "../issue";
import type { ReportMeta } from "../report/report-meta";
import type {
  ResultBook,
  ResultCell,
  ResultChart,
  ResultColumn,
  ResultSheet,
  SummaryBlock,
} from "../report/result-book";
import { cents } from "../report/summary-json";
import { HISTORY_SHEET } from "./history-columns";
import { historyCells, historySheet } from "./history-sheet";
import type { PreviousResults } from "./previous-results";
import { readPreviousCustomers, type PreviousCustomer } from "./previous-customers";
import {
  entryNumber,
  entryText,
  readHistory,
  type HistoryEntry,
  type ReadHistory,
} from "./read-history";
import { lazyTable, tableHead, tableRowCount } from "../report/lazy-table";
import { biggestMovers, CHANGE_STATUSES, sinceLastRun, type SinceLastRun } from "./since-last-run";
import {
  DEFAULT_TREND_STABLE_PCT,
  trendJson,
  trendVerdict,
  verdictText,
  type TrendJson,
} from "./trend";

export interface PreviousRun {
  source: string;
  history: ReadHistory;
  customers: ReadonlyMap<string, PreviousCustomer> | null;
}

/** Reads what `previous` carries; issues (sheet, row, column) go to `issues`. */
export function readPreviousRun(
  previous: PreviousResults | undefined,
  issues: Issue[],
): PreviousRun {
  const history =
    previous?.history !== undefined
      ? readHistory(previous.history, issues)
      : { entries: [], extraHeaders: [] };
  const customers =
    previous?.customers !== undefined && history.entries.length > 0
      ? readPreviousCustomers(previous.customers, issues)
      : null;
  return { source: previous?.source ?? "", history, customers };
}

export interface RunComparison {
  asOf: string;
  /** This run repeats the last row's as-of date. */
  rerun: boolean;
  /** The History row compared with (null: none, or from another rule pack). */
  last: HistoryEntry | null;
  changes: SinceLastRun | null;
  trend: TrendJson | null;
  blocks: SummaryBlock[];
  charts: ResultChart[];
}

const col = (header: string, format: ResultColumn["format"], width?: number): ResultColumn =>
  width === undefined ? { header, format } : { header, format, width };

/** Movers listed on RGO Summary. */
const MOVERS = 10;

export function stablePctOf(result: AnalysisResult): number {
  return result.parameters.report?.trendStablePct ?? DEFAULT_TREND_STABLE_PCT;
}

export function compareWithPrevious(
  result: AnalysisResult,
  meta: ReportMeta,
  asOf: string,
  previous: PreviousRun,
  issues: Issue[],
): RunComparison {
  const entries = previous.history.entries;
  const lastAny = entries.length > 0 ? entries[entries.length - 1] : null;
  const rerun = lastAny !== null && entryText(lastAny, "asOf") === asOf;
  const none: RunComparison = {
    asOf,
    rerun,
    last: null,
    changes: null,
    trend: null,
    blocks: [],
    charts: [],
  };
  if (lastAny === null) return none;
  const lastPack = entryText(lastAny, "pack");
  if (lastPack !== meta.pack.name) {
    issues.push({
      severity: "info",
      code: "history-other-pack",
      sheet: HISTORY_SHEET,
      row: lastAny.row,
      column: "Rule pack",
      message: `The last run in ${HISTORY_SHEET} (row ${lastAny.row}) used the rule pack "${lastPack}", not "${meta.pack.name}": what changed since the last run is compared only between runs of the same pack. The row is kept.`,
    });
    return none;
  }
  const stablePct = stablePctOf(result);
  const changes =
    previous.customers === null
      ? null
      : sinceLastRun(result.customers, previous.customers, stablePct);
  const p = result.portfolio;
  const prevRisk = entryNumber(lastAny, "revenueAtRisk");
  const byExposure = result.parameters.exposure.enabled;
  const verdict = byExposure
    ? trendVerdict(entryNumber(lastAny, "exposure"), cents(p.totalExposure), stablePct, "exposure")
    : trendVerdict(prevRisk, cents(p.revenueAtRisk), stablePct, "revenueAtRisk");
  const previousAsOf = entryText(lastAny, "asOf");
  const trend = trendJson(previousAsOf, prevRisk, cents(p.revenueAtRisk), changes, verdict);

  const blocks: SummaryBlock[] = [
    { kind: "heading", text: "Since last run", level: 2 },
    {
      kind: "paragraph",
      text: `Compared with the run as of ${previousAsOf || "an unknown date"} (${HISTORY_SHEET} row ${lastAny.row}, from ${previous.source || "the previous results"}).${
        verdict !== null
          ? ` Trend: ${verdictText(verdict)} in ${verdict.measure === "exposure" ? "risk-weighted exposure" : "revenue at risk"} (stable when it moves less than ${stablePct}%).`
          : ""
      }${rerun ? " This run has the same as-of date as the last one: it is recorded as a re-run." : ""}`,
    },
    {
      kind: "figures",
      items: [
        { label: "Revenue at risk, last run (weekly)", value: prevRisk, format: "currency" },
        {
          label: "Revenue at risk, now (weekly)",
          value: cents(p.revenueAtRisk),
          format: "currency",
        },
        {
          label: "Change in revenue at risk",
          value: trend.revenueAtRiskChange,
          format: "currency",
        },
      ],
    },
  ];
  if (changes !== null) {
    blocks.push({
      kind: "table",
      table: {
        name: "RGO_Summary_SinceLastRun",
        columns: [
          col("Since last run", "text"),
          col("Customers", "integer"),
          col("Revenue at risk, last run", "currency"),
          col("Revenue at risk, now", "currency"),
          col("Change", "currency"),
        ],
        rows: CHANGE_STATUSES.map((s) => {
          const t = changes.totals[s];
          return [s, t.customers, t.previous, t.now, t.change];
        }),
      },
    });
    const movers = biggestMovers(changes, MOVERS);
    blocks.push({ kind: "heading", text: "Biggest movers since last run", level: 2 });
    blocks.push({
      kind: "table",
      table: {
        name: "RGO_Summary_Movers",
        columns: [
          col("Customer", "text"),
          col("Since last run", "text"),
          col("Revenue at risk, last run", "currency"),
          col("Revenue at risk, now", "currency"),
          col("Change", "currency"),
        ],
        rows: movers.map((m) => [m.customerId, m.status, m.previous, m.now, m.change]),
      },
    });
  } else {
    blocks.push({
      kind: "paragraph",
      text: "Per-customer changes are not shown: the previous run's RGO Customers sheet was not found or could not be read (see RGO Issues).",
    });
  }
  // The history line: this pack's runs with readable figures, then this run.
  const line: ResultCell[][] = entries
    .filter((e) => entryText(e, "pack") === meta.pack.name)
    .filter((e) => entryNumber(e, "revenueAtRisk") !== null && entryNumber(e, "exposure") !== null)
    .map((e) => [
      entryText(e, "asOf") || `row ${e.row}`,
      entryNumber(e, "revenueAtRisk"),
      entryNumber(e, "exposure"),
    ]);
  line.push([`${asOf} (this run)`, cents(p.revenueAtRisk), cents(p.totalExposure)]);
  blocks.push({ kind: "heading", text: "Run history", level: 2 });
  blocks.push({
    kind: "table",
    table: {
      name: "RGO_Summary_History",
      columns: [
        col("As of", "text"),
        col("Revenue at risk (weekly)", "currency"),
        col("Risk-weighted exposure", "currency"),
      ],
      rows: line,
    },
  });
  const charts: ResultChart[] = [
    {
      title: "Revenue at risk and exposure, run by run",
      table: "RGO_Summary_History",
      categoryColumn: 0,
      valueColumn: 1,
      lastValueColumn: 2,
      kind: "line",
    },
  ];
  return { asOf, rerun, last: lastAny, changes, trend, blocks, charts };
}

/** Inserts the status and change columns after the "Customer" column of a table sheet. */
function withStatusColumns(sheet: ResultSheet, changes: SinceLastRun): ResultSheet {
  if (sheet.content.kind !== "table") return sheet;
  const t = sheet.content.table;
  const at = t.columns.findIndex((c) => c.header === "Customer");
  if (at === -1) return sheet;
  const columns = [...t.columns];
  columns.splice(
    at + 1,
    0,
    col("Since last run", "text"),
    col("Revenue at risk change", "currency"),
  );
  // Built when the rows are first read, as the book's own rows are (lazy-table.ts).
  const table = lazyTable({ ...tableHead(t), columns }, tableRowCount(t), () =>
    t.rows.map((r) => {
      const ch = changes.byCustomer.get(String(r[at]));
      const out = [...r];
      out.splice(at + 1, 0, ch?.status ?? null, ch?.change ?? null);
      return out;
    }),
  );
  return { ...sheet, content: { kind: "table", table } };
}

/** The book with RGO History appended and, when compared, the status columns and history chart. */
export function withHistory(
  book: ResultBook,
  result: AnalysisResult,
  meta: ReportMeta,
  previous: PreviousRun,
  comparison: RunComparison,
): ResultBook {
  const history = historySheet(
    previous.history,
    historyCells(result, meta, comparison.asOf, comparison.rerun),
    meta.pack.name,
  );
  const currency = book.sheets[0]?.currency;
  const sheets = book.sheets.map((s) => {
    if (comparison.changes !== null && (s.name === "RGO Gaps" || s.name === "RGO Customers"))
      return withStatusColumns(s, comparison.changes);
    if (s.name === "RGO Summary" && comparison.charts.length > 0)
      return { ...s, charts: [...(s.charts ?? []), ...comparison.charts] };
    return s;
  });
  sheets.push(currency === undefined ? history : { ...history, currency });
  return { ...book, sheets };
}
