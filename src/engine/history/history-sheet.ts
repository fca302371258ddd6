/**
 * The RGO History sheet of a run: the earlier rows exactly as they were read back (damaged cells
 * and columns the tool does not know included), then this run's row. Never rewritten: a re-run
 * with the same as-of date appends a row marked as a re-run. The Check column is worked out again
 * on every run (a row from another rule pack, a cell that is not what its column holds).
 */
import { formatCurrency } from "../currency";
import type { AnalysisResult } from "../analysis-result";
import type { ReportMeta } from "../report/report-meta";
import type { ResultCell, ResultColumn, ResultSheet } from "../report/result-book";
import { cents } from "../report/summary-json";
import {
  HISTORY_CHECK_HEADER,
  HISTORY_COLUMNS,
  HISTORY_SHEET,
  HISTORY_TABLE,
  type HistoryKey,
} from "./history-columns";
import { entryText, type HistoryEntry, type ReadHistory } from "./read-history";
import { labelOf } from "../registry/labels";

/** Revenue at risk by root cause in words: "Stockout $10.00; Softer demand $2.00" (labels.ts). */
function byRootCause(result: AnalysisResult, currency: string): string {
  return Object.entries(result.portfolio.revenueAtRiskByCause)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([cause, v]) => `${labelOf("cause", cause)} ${formatCurrency(cents(v), currency)}`)
    .join("; ");
}

/** This run's History cells, in HISTORY_COLUMNS order. */
export function historyCells(
  result: AnalysisResult,
  meta: ReportMeta,
  asOf: string,
  rerun: boolean,
): ResultCell[] {
  const p = result.portfolio;
  const model = result.model?.summary ?? null;
  const values: Record<HistoryKey, ResultCell> = {
    runAt: meta.runAt,
    asOf,
    pack: meta.pack.name,
    packVersion: meta.pack.version,
    packHash: meta.packHash,
    source: meta.source,
    customers: meta.inputCounts.customers,
    salesRows: meta.inputCounts.salesRows,
    stockRows: meta.inputCounts.stockRows,
    customersWithGaps: p.customersWithGaps,
    revenueAtRisk: cents(p.revenueAtRisk),
    forecastNext: model === null ? null : model.expectedSpendNext,
    forecastLow: model === null ? null : model.forecast.low,
    forecastHigh: model === null ? null : model.forecast.high,
    exposure: cents(p.totalExposure),
    churnRiskCustomers: p.churnRiskCustomers,
    byRootCause: byRootCause(result, meta.currency ?? "USD"),
    rerun: rerun ? "yes" : "no",
  };
  return HISTORY_COLUMNS.map((c) => values[c.key]);
}

/** A row's Check text against this run's pack ("" when nothing to say). */
export function checkText(e: HistoryEntry, packName: string): string {
  const notes = [...e.problems];
  const pack = entryText(e, "pack");
  if (pack !== "" && pack !== packName) notes.push(`different rule pack (${pack}); not compared`);
  return notes.join("; ");
}

/** Headers of the kept unknown columns, made unique next to the tool's own. */
function uniqueHeaders(extra: readonly string[]): string[] {
  const taken = new Set(
    [...HISTORY_COLUMNS.map((c) => c.header), HISTORY_CHECK_HEADER].map((h) => h.toLowerCase()),
  );
  return extra.map((h) => {
    let name = h;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${h} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The History sheet: `previous` rows as found, then `current` (this run's cells). */
export function historySheet(
  previous: ReadHistory,
  current: ResultCell[],
  packName: string,
): ResultSheet {
  const columns: ResultColumn[] = [
    ...HISTORY_COLUMNS.map((c) =>
      c.width === undefined
        ? { header: c.header, format: c.format }
        : { header: c.header, format: c.format, width: c.width },
    ),
    { header: HISTORY_CHECK_HEADER, format: "text", width: 40 },
    ...uniqueHeaders(previous.extraHeaders).map((h): ResultColumn => ({
      header: h,
      format: "text",
    })),
  ];
  const blanks = previous.extraHeaders.map((): ResultCell => null);
  const rows: ResultCell[][] = [
    ...previous.entries.map((e) => [...e.cells, checkText(e, packName), ...e.extra]),
    [...current, "", ...blanks],
  ];
  return {
    name: HISTORY_SHEET,
    content: { kind: "table", table: { name: HISTORY_TABLE, columns, rows } },
    freezeHeader: true,
  };
}
