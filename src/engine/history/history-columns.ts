/**
 * The RGO History sheet's columns: one row per run, appended, never rewritten. The same list
 * writes the sheet (history-sheet.ts) and reads it back (read-history.ts), so a header the tool
 * wrote is always recognised.
 */
import type { ColumnFormat } from "../report/result-book";

export const HISTORY_SHEET = "RGO History";
export const HISTORY_TABLE = "RGO_History";

/** What a column holds, for checking it when the sheet is read back. */
export type HistoryKind = "date" | "text" | "count" | "money";

export interface HistoryColumn {
  key: HistoryKey;
  header: string;
  kind: HistoryKind;
  format: ColumnFormat;
  width?: number;
}

export type HistoryKey =
  | "runAt"
  | "asOf"
  | "pack"
  | "packVersion"
  | "packHash"
  | "source"
  | "customers"
  | "salesRows"
  | "stockRows"
  | "customersWithGaps"
  | "revenueAtRisk"
  | "forecastNext"
  | "forecastLow"
  | "forecastHigh"
  | "exposure"
  | "churnRiskCustomers"
  | "byRootCause"
  | "rerun";

const c = (
  key: HistoryKey,
  header: string,
  kind: HistoryKind,
  format: ColumnFormat,
  width?: number,
): HistoryColumn =>
  width === undefined ? { key, header, kind, format } : { key, header, kind, format, width };

export const HISTORY_COLUMNS: readonly HistoryColumn[] = [
  c("runAt", "Run at", "date", "date", 18),
  c("asOf", "As of", "text", "text", 12),
  c("pack", "Rule pack", "text", "text", 14),
  c("packVersion", "Pack version", "text", "text"),
  c("packHash", "Pack hash", "text", "text", 20),
  c("source", "Source", "text", "text", 24),
  c("customers", "Customers", "count", "integer"),
  c("salesRows", "Sales rows", "count", "integer"),
  c("stockRows", "Stock rows", "count", "integer"),
  c("customersWithGaps", "Customers with gaps", "count", "integer"),
  c("revenueAtRisk", "Revenue at risk (weekly)", "money", "currency"),
  c("forecastNext", "Forecast revenue, next weeks", "money", "currency"),
  c("forecastLow", "Forecast band, low", "money", "currency"),
  c("forecastHigh", "Forecast band, high", "money", "currency"),
  c("exposure", "Risk-weighted exposure", "money", "currency"),
  c("churnRiskCustomers", "Churn-risk customers", "count", "integer"),
  c("byRootCause", "Revenue at risk by root cause", "text", "text", 50),
  c("rerun", "Re-run of the same as-of date", "text", "text"),
];

/** Derived each run (never read back): what the tool noticed about a row. */
export const HISTORY_CHECK_HEADER = "Check";

export const HISTORY_INDEX: Readonly<Record<HistoryKey, number>> = Object.fromEntries(
  HISTORY_COLUMNS.map((col, i) => [col.key, i]),
) as Record<HistoryKey, number>;

/** Header text compared the way people retype it: case, spaces and punctuation ignored. */
export const headerKey = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]+/g, "");
